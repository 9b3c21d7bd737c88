// Sharing a document with the school's coaches, and taking it back. Says who sees it now, in
// plain words, beside the one button that changes it. Unsharing takes effect at once: the api
// closes coaches' open connections to the document before it answers.
import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../graphql/graphql.ts";
import { mutationFailure, MutationErrorFragment } from "../graphql/mutation-outcome.ts";
import { Button } from "./Button.tsx";
import { ErrorState, type ShowableError } from "./states.tsx";
import "./share.css";

const ShareDocumentMutation = graphql(
  `
    mutation ShareDocumentWithCoaches($documentId: ID!, $shared: Boolean!) {
      shareDocumentWithCoaches(documentId: $documentId, shared: $shared) {
        __typename
        ... on MutationShareDocumentWithCoachesSuccess {
          data {
            id
            sharedWithCoachesAt
          }
        }
        ...MutationError
      }
    }
  `,
  [MutationErrorFragment],
);

export function coachSharingSentence({ shared, groupName, reflection }: { shared: boolean; groupName: string; reflection: boolean }): string {
  if (shared) {
    return `Shared with coaches: the coaches and admins of your school can open and read this document, its feedback and its versions, with the names on them (${groupName}, who started it, who wrote each comment). They cannot change it or add feedback.`;
  }
  return reflection
    ? "Only you can see this reflection. If you share it, your school's coaches and admins can read it (not change it), with your name on it."
    : `Only the members of ${groupName} can see this document. If you share it, your school's coaches and admins can read it (not change it), with the group's name and who wrote what.`;
}

export function CoachSharing({
  documentId,
  sharedWithCoachesAt,
  groupName,
  reflection,
  onChanged,
}: {
  documentId: string;
  sharedWithCoachesAt: string | null;
  groupName: string;
  reflection: boolean;
  onChanged: () => void;
}) {
  const [error, setError] = useState<ShowableError | null>(null);
  const [{ fetching }, share] = useMutation(ShareDocumentMutation);
  const shared = sharedWithCoachesAt !== null;
  const change = async () => {
    setError(null);
    const failure = mutationFailure(await share({ documentId, shared: !shared }), "shareDocumentWithCoaches");
    if (failure) return setError(failure);
    onChanged();
  };
  return (
    <div className="coach-sharing">
      <p className="coach-sharing__audience" id={`coach-sharing-${documentId}`}>
        {coachSharingSentence({ shared, groupName, reflection })}
      </p>
      <Button
        variant="secondary"
        size="small"
        aria-describedby={`coach-sharing-${documentId}`}
        busy={fetching}
        busyLabel={shared ? "Stopping…" : "Sharing…"}
        onClick={() => void change()}
      >
        {shared ? "Stop sharing with coaches" : "Share with coaches"}
      </Button>
      {error ? <ErrorState error={error} title={shared ? "The document is still shared" : "The document was not shared"} /> : null}
    </div>
  );
}
