// The group's documents the viewer may read, and a form to start a new one (which then opens).
import { useId, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useMutation } from "urql";
import { paths } from "../../app/paths.ts";
import { CreateDocumentMutation } from "../../graphql/create-document.ts";
import { graphql, readFragment, type FragmentOf } from "../../graphql/graphql.ts";
import { mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField, TextField } from "../../ui/fields.tsx";
import { formatDateTime, humanize } from "../../ui/format.ts";
import { DocumentActions } from "../../ui/DocumentActions.tsx";
import { Badge, Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, SuccessMessage, type ShowableError } from "../../ui/states.tsx";

export const DocumentsFragment = graphql(`
  fragment GroupDocuments on Group {
    id
    viewerRole
    viewerCan {
      writeContent
    }
    documents(first: 50) {
      totalCount
      edges {
        node {
          id
          title
          kind
          updatedAt
          openFeedbackCount
          sharedWithCoachesAt
          viewerAccess
          viewerCanDelete
          creator {
            id
            name
          }
        }
      }
    }
  }
`);

type DocumentKind = "LESSON_PLAN" | "MEETING_NOTES" | "ACTION_PLAN" | "REFLECTION";

const KIND_OPTIONS: { value: DocumentKind; label: string }[] = [
  { value: "LESSON_PLAN", label: "Lesson plan" },
  { value: "MEETING_NOTES", label: "Meeting notes" },
  { value: "ACTION_PLAN", label: "Action plan" },
  { value: "REFLECTION", label: "Reflection (private to you)" },
];

export function DocumentsSection({
  group: groupRef,
  deletedTitle,
  onChanged,
}: {
  group: FragmentOf<typeof DocumentsFragment>;
  /** The title of a document just deleted (here or on its page), to say so. */
  deletedTitle?: string | null;
  onChanged: () => void;
}) {
  const group = readFragment(DocumentsFragment, groupRef);
  const documents = group.documents.edges.map((edge) => edge.node);
  const [deleted, setDeleted] = useState<string | null>(null);
  const shownDeleted = deleted ?? deletedTitle ?? null;
  return (
    <Section title="Documents">
      {shownDeleted ? <SuccessMessage>“{shownDeleted}” was deleted, with its feedback and history.</SuccessMessage> : null}
      {documents.length === 0 ? (
        <EmptyState title="No documents yet.">{group.viewerCan.writeContent ? <p>Start one with the form below.</p> : null}</EmptyState>
      ) : (
        <ul className="item-list">
          {documents.map((doc) => (
            <li key={doc.id}>
              <div className="item-title">
                <Link to={paths.document(doc.id)}>{doc.title}</Link>
              </div>
              <div className="item-meta">
                <Badge>{humanize(doc.kind)}</Badge>
                <span>
                  {doc.creator.name}, updated {formatDateTime(doc.updatedAt)}
                </span>
                {doc.openFeedbackCount > 0 ? <Badge tone="warn">{doc.openFeedbackCount} open feedback</Badge> : null}
                {doc.sharedWithCoachesAt ? <Badge tone="accent">Shared with coaches</Badge> : doc.kind === "REFLECTION" ? <Badge>Private</Badge> : null}
              </div>
              <DocumentActions
                document={{ id: doc.id, title: doc.title, canRename: doc.viewerAccess === "WRITE", canDelete: doc.viewerCanDelete }}
                onRenamed={onChanged}
                onDeleted={() => {
                  setDeleted(doc.title);
                  onChanged();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {group.viewerCan.writeContent ? <NewDocumentForm groupId={group.id} isMember={group.viewerRole !== null} /> : null}
    </Section>
  );
}

function NewDocumentForm({ groupId, isMember }: { groupId: string; isMember: boolean }) {
  const navigate = useNavigate();
  const headingId = useId();
  const [kind, setKind] = useState<DocumentKind>("LESSON_PLAN");
  const [title, setTitle] = useState("");
  const [creating, createDocument] = useMutation(CreateDocumentMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  // Reflections are written by members about their own practice; leaders steering a PLC don't write them.
  const options = isMember ? KIND_OPTIONS : KIND_OPTIONS.filter((option) => option.value !== "REFLECTION");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const outcome = mutationOutcome(await createDocument({ input: { groupId, kind, title: title.trim(), template: true } }), "createDocument");
    if (!outcome.ok) return setFailure(outcome.failure);
    setTitle("");
    navigate(paths.document(outcome.payload.data.id));
  }

  return (
    <form className="form new-document" onSubmit={onSubmit} aria-labelledby={headingId}>
      <h3 id={headingId}>New document</h3>
      {failure ? <ErrorState title="The document could not be created" error={failure} /> : null}
      <div className="form--inline form">
        <SelectField label="Kind" name="kind" value={kind} options={options} onChange={(event) => setKind(event.target.value as DocumentKind)} />
        <TextField label="Title" name="title" required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} />
        <div>
          <Button type="submit" busy={creating.fetching} busyLabel="Creating…">
            Create document
          </Button>
        </div>
      </div>
    </form>
  );
}
