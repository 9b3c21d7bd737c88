// An admin helps a member who cannot sign in: a link that sets a new password, made on request
// and shown once, to copy and hand over (until Staffroom emails it for every school). The member
// is emailed that a link was made. Self-contained: give it a school member's id and name.
import { useEffect, useId, useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../../graphql/graphql.ts";
import { mutationOutcome, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { ErrorState, type ShowableError } from "../../ui/states.tsx";
import { Modal } from "../../ui/Modal.tsx";
import "./password-reset.css";

const CreatePasswordResetLinkMutation = graphql(
  `
  mutation CreatePasswordResetLink($memberId: ID!) {
    createPasswordResetLink(memberId: $memberId) {
      __typename
      ... on MutationCreatePasswordResetLinkSuccess {
        data {
          id
          url
          expiresAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export function ResetLinkDialog({ memberId, memberName, open, onClose }: { memberId: string; memberName: string; open: boolean; onClose: () => void }) {
  const linkId = useId();
  const [{ fetching }, createLink] = useMutation(CreatePasswordResetLinkMutation);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [copied, setCopied] = useState<"copied" | "select" | null>(null);

  useEffect(() => {
    // A link is shown once: reopening starts over.
    if (!open) {
      setLink(null);
      setFailure(null);
      setCopied(null);
    }
  }, [open]);

  async function make() {
    setFailure(null);
    const outcome = mutationOutcome(await createLink({ memberId }), "createPasswordResetLink");
    if (outcome.ok) setLink(outcome.payload.data);
    else setFailure(outcome.failure);
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied("copied");
    } catch {
      // No clipboard access (an http page, a browser setting): select it for Ctrl+C instead.
      const input = document.getElementById(linkId) as HTMLInputElement | null;
      input?.select();
      setCopied("select");
    }
  }

  return (
    <Modal open={open} title={`Password-reset link for ${memberName}`} onClose={onClose}>
      {failure ? <ErrorState title="Could not make the link" error={failure} /> : null}
      {link ? (
        <div className="form">
          <p>
            Give this link to {memberName} yourself, in person or by a message only they read. It works once, until {formatDateTime(link.expiresAt)}, and signs
            them out everywhere when they use it.
          </p>
          <div className="reset-link">
            <label className="visually-hidden" htmlFor={linkId}>
              Password-reset link
            </label>
            <input id={linkId} className="input" readOnly value={link.url} onFocus={(event) => event.currentTarget.select()} />
            <Button onClick={() => void copy()}>Copy link</Button>
          </div>
          <p role="status">
            {copied === "copied" ? "Copied. Paste it where only they will see it." : copied === "select" ? "Selected: press Ctrl+C (⌘C on a Mac) to copy." : ""}
          </p>
        </div>
      ) : (
        <p>
          This makes a link that lets {memberName} choose a new password. Anyone who has the link can set it, so hand it only to them. We also email{" "}
          {memberName} that a link was made.
        </p>
      )}
      <div className="dialog__actions">
        <Button variant="secondary" onClick={onClose} autoFocus>
          {link ? "Done" : "Cancel"}
        </Button>
        {link ? null : (
          <Button onClick={() => void make()} busy={fetching} busyLabel="Making the link…">
            Make the link
          </Button>
        )}
      </div>
    </Modal>
  );
}
