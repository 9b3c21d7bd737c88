// Done and Remove for an action item that is not on an action plan's board (there, the board is
// where items change). Remove asks first and says it cannot be undone.
import { useState } from "react";
import { useMutation } from "urql";
import { DeleteActionItemMutation, SetActionItemStatusMutation } from "../graphql/action-items.ts";
import { mutationFailure } from "../graphql/mutation-outcome.ts";
import { Button } from "./Button.tsx";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { ErrorState, type ShowableError } from "./states.tsx";

/** A list that showed the item asks again once it is gone (the answer names no type to invalidate). */
const REFRESH_ACTION_ITEM_LISTS = { additionalTypenames: ["ActionItem"] };

export function ActionItemActions({ item }: { item: { id: string; title: string; status: "OPEN" | "DONE" | "BLOCKED" } }) {
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [{ fetching: saving }, setStatus] = useMutation(SetActionItemStatusMutation);
  const [{ fetching: removing }, remove] = useMutation(DeleteActionItemMutation);

  const markDone = async () => {
    setFailure(null);
    const failed = mutationFailure(await setStatus({ actionItemId: item.id, status: "DONE" }, REFRESH_ACTION_ITEM_LISTS), "updateActionItem");
    if (failed) setFailure(failed);
  };
  const confirmRemove = async () => {
    setFailure(null);
    const failed = mutationFailure(await remove({ actionItemId: item.id }, REFRESH_ACTION_ITEM_LISTS), "deleteActionItem");
    if (failed) setFailure(failed);
    setConfirming(false);
  };

  return (
    <div className="document-actions">
      {item.status !== "DONE" ? (
        <Button variant="secondary" size="small" busy={saving} busyLabel="Saving…" onClick={() => void markDone()} aria-label={`Mark “${item.title}” done`}>
          Done
        </Button>
      ) : null}
      <Button variant="quiet" size="small" onClick={() => setConfirming(true)} aria-label={`Remove “${item.title}”`}>
        Remove
      </Button>
      {confirming ? (
        <ConfirmDialog
          open
          title={`Remove “${item.title}”?`}
          confirmLabel="Remove action item"
          danger
          busy={removing}
          onConfirm={() => void confirmRemove()}
          onCancel={() => setConfirming(false)}
        >
          <p>The action item goes for good, for everyone in the group. To keep a record of it, mark it done instead.</p>
        </ConfirmDialog>
      ) : null}
      {failure ? <ErrorState title="The action item was not changed" error={failure} /> : null}
    </div>
  );
}
