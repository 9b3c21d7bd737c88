// Rename and Delete for one document, each behind a dialog: on the document page and in the
// group's list of documents. Deleting says what goes with the document (its feedback and its
// history) and that anyone editing it is closed out.
import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { DeleteDocumentMutation, RenameDocumentMutation } from "../graphql/document-mutations.ts";
import { mutationFailure } from "../graphql/mutation-outcome.ts";
import { Button } from "./Button.tsx";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { TextField } from "./fields.tsx";
import { Modal } from "./Modal.tsx";
import { ErrorState, issueFor, type ShowableError } from "./states.tsx";

export type DocumentActionsTarget = { id: string; title: string; canRename: boolean; canDelete: boolean };

export function DocumentActions({ document, onRenamed, onDeleted }: { document: DocumentActionsTarget; onRenamed?: () => void; onDeleted: () => void }) {
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  if (!document.canRename && !document.canDelete) return null;
  return (
    <div className="document-actions">
      {document.canRename ? (
        <Button variant="secondary" size="small" onClick={() => setDialog("rename")} aria-label={`Rename ${document.title}`}>
          Rename
        </Button>
      ) : null}
      {document.canDelete ? (
        <Button variant="quiet" size="small" onClick={() => setDialog("delete")} aria-label={`Delete ${document.title}`}>
          Delete
        </Button>
      ) : null}
      {dialog === "rename" ? (
        <RenameDialog
          document={document}
          onClose={() => setDialog(null)}
          onRenamed={() => {
            setDialog(null);
            onRenamed?.();
          }}
        />
      ) : null}
      {dialog === "delete" ? <DeleteDialog document={document} onClose={() => setDialog(null)} onDeleted={onDeleted} /> : null}
    </div>
  );
}

function RenameDialog({ document, onClose, onRenamed }: { document: DocumentActionsTarget; onClose: () => void; onRenamed: () => void }) {
  const [title, setTitle] = useState(document.title);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [{ fetching }, rename] = useMutation(RenameDocumentMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!title.trim()) return setFailure({ code: "VALIDATION_FAILED", message: "Give the document a title." });
    const failed = mutationFailure(await rename({ documentId: document.id, title: title.trim() }), "renameDocument");
    if (failed) return setFailure(failed);
    onRenamed();
  };

  return (
    <Modal open title={`Rename “${document.title}”`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        {failure ? <ErrorState title="The document was not renamed" error={failure} /> : null}
        <TextField
          label="New title"
          required
          maxLength={200}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={issueFor(failure, "title")}
          autoFocus
        />
        <div className="dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={fetching} busyLabel="Renaming…">
            Rename
          </Button>
        </div>
      </form>
    </Modal>
  );
}

function DeleteDialog({ document, onClose, onDeleted }: { document: DocumentActionsTarget; onClose: () => void; onDeleted: () => void }) {
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [{ fetching }, deleteDocument] = useMutation(DeleteDocumentMutation);

  const confirm = async () => {
    setFailure(null);
    const failed = mutationFailure(await deleteDocument({ documentId: document.id }), "deleteDocument");
    if (failed) return setFailure(failed);
    onDeleted();
  };

  return (
    <ConfirmDialog
      open
      title={`Delete “${document.title}”?`}
      confirmLabel="Delete document"
      danger
      busy={fetching}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>The document goes for good, with all its feedback and replies and its version history. Anyone who has it open is told it was deleted.</p>
      {failure ? <ErrorState title="The document was not deleted" error={failure} /> : null}
    </ConfirmDialog>
  );
}
