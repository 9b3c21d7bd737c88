// The meeting's live notes: the MEETING_NOTES document in the live editor, or — when the
// meeting has none yet — a button that starts one from the template (laid out along the agenda).
import { useState } from "react";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { paths } from "../../app/paths.ts";
import { LiveStatusBar } from "../../collab/LiveStatusBar.tsx";
import { LiveRichText } from "../../collab/rich-text/LiveRichText.tsx";
import { useLiveEditor } from "../../collab/rich-text/useLiveEditor.ts";
import { closedReason, liveClosed, useDocumentSession } from "../../collab/useDocumentSession.ts";
import { CreateDocumentMutation } from "../../graphql/create-document.ts";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { EmptyState, ErrorState, type ShowableError } from "../../ui/states.tsx";

type NotesDocument = { id: string; title: string; collabRoom: string; viewerAccess: "NONE" | "READ" | "WRITE" };

export function MeetingNotes({
  notes,
  session,
  canCreate,
  onCreated,
}: {
  notes: NotesDocument | null;
  session: { id: string; title: string; groupId: string };
  canCreate: boolean;
  onCreated: () => void;
}) {
  const [error, setError] = useState<ShowableError | null>(null);
  const [{ fetching }, createNotes] = useMutation(CreateDocumentMutation);

  if (notes) return <LiveNotes key={notes.id} notes={notes} />;

  const start = async () => {
    setError(null);
    const result = await createNotes({ input: { groupId: session.groupId, sessionId: session.id, kind: "MEETING_NOTES", title: `Notes: ${session.title}` } });
    const failure = mutationFailure(result, "createDocument");
    if (failure) return setError(failure);
    onCreated();
  };

  return (
    <EmptyState title="No notes for this meeting yet">
      {canCreate ? (
        <>
          <p>Start them from the template: a section for each agenda item, then decisions and follow-ups.</p>
          <Button onClick={() => void start()} busy={fetching} busyLabel="Starting…">
            Create meeting notes
          </Button>
        </>
      ) : (
        <p>Someone in the group can start them.</p>
      )}
      {error ? <ErrorState error={error} title="The notes were not created" /> : null}
    </EmptyState>
  );
}

function LiveNotes({ notes }: { notes: NotesDocument }) {
  const { live, present, user } = useDocumentSession(notes);
  const canWrite = notes.viewerAccess === "WRITE";
  const editor = useLiveEditor(live, { user, editable: canWrite, label: `Meeting notes: ${notes.title}`, documentId: notes.id });
  return (
    <div className="meeting-notes">
      <LiveStatusBar live={live} present={present} canWrite={canWrite} />
      {liveClosed(live) ? (
        <ErrorState title="The notes are closed" error={closedReason(live, "these notes")} />
      ) : (
        <LiveRichText editor={editor} live={live} canWrite={canWrite} />
      )}
      <p className="meeting-notes__link">
        <Link to={paths.document(notes.id)}>Open the notes on their own page</Link> for feedback and version history.
      </p>
    </div>
  );
}
