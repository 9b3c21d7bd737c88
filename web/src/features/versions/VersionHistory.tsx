// Named versions of a document: save the current content under a name, look at an old version
// (read-only), and bring one back. A restore is a forward edit everyone sees at once, and the
// api first saves what it replaces as "Before restoring …", so it can itself be undone.
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import "../../collab/rich-text/rich-text.css";
import { graphql, type ResultOf } from "../../graphql/graphql.ts";
import { mutationFailure, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { TextField } from "../../ui/fields.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { ErrorState, Loading, SuccessMessage, type ShowableError } from "../../ui/states.tsx";
import "./versions.css";

const VersionsQuery = graphql(`
  query DocumentVersions($id: ID!) {
    node(id: $id) {
      __typename
      ... on Document {
        id
        versions(first: 50) {
          totalCount
          edges {
            node {
              id
              name
              createdAt
              createdBy {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

const VersionContentQuery = graphql(`
  query VersionContent($id: ID!) {
    node(id: $id) {
      __typename
      ... on DocumentVersion {
        id
        name
        createdAt
        content {
          prosemirror
        }
      }
    }
  }
`);

const CreateVersionMutation = graphql(
  `
  mutation CreateDocumentVersion($documentId: ID!, $name: String!) {
    createDocumentVersion(documentId: $documentId, name: $name) {
      __typename
      ... on MutationCreateDocumentVersionSuccess {
        data {
          id
          name
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const RestoreVersionMutation = graphql(
  `
  mutation RestoreDocumentVersion($versionId: ID!) {
    restoreDocumentVersion(versionId: $versionId) {
      __typename
      ... on MutationRestoreDocumentVersionSuccess {
        data {
          id
          updatedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

type Version = Extract<NonNullable<ResultOf<typeof VersionsQuery>["node"]>, { __typename: "Document" }>["versions"]["edges"][number]["node"];

export function VersionHistory({ documentId, canWrite }: { documentId: string; canWrite: boolean }) {
  const [result, refetch] = useQuery({ query: VersionsQuery, variables: { id: documentId } });
  const [name, setName] = useState("");
  const [error, setError] = useState<ShowableError | null>(null);
  const [notice, setNotice] = useState("");
  const [preview, setPreview] = useState<Version | null>(null);
  const [restoring, setRestoring] = useState<Version | null>(null);
  const [saveState, createVersion] = useMutation(CreateVersionMutation);
  const [restoreState, restoreVersion] = useMutation(RestoreVersionMutation);

  const versions = result.data?.node?.__typename === "Document" ? result.data.node.versions.edges.map((edge) => edge.node) : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice("");
    if (!name.trim()) return setError({ code: "VALIDATION_FAILED", message: "Give the version a name, e.g. “Before the team meeting”." });
    const outcome = await createVersion({ documentId, name: name.trim() });
    const failure = mutationFailure(outcome, "createDocumentVersion");
    if (failure) return setError(failure);
    setNotice(`Saved “${name.trim()}”.`);
    setName("");
    refetch({ requestPolicy: "network-only" });
  };

  const restore = async () => {
    if (!restoring) return;
    setError(null);
    const failure = mutationFailure(await restoreVersion({ versionId: restoring.id }), "restoreDocumentVersion");
    const restoredName = restoring.name;
    setRestoring(null);
    if (failure) return setError(failure);
    setPreview(null);
    setNotice(`Restored “${restoredName}”. What it replaced was saved as “Before restoring ${restoredName}”.`);
    refetch({ requestPolicy: "network-only" });
  };

  return (
    <div className="versions">
      {canWrite ? (
        <form className="versions__save form" onSubmit={save}>
          <TextField label="Version name" value={name} onChange={(event) => setName(event.target.value)} maxLength={120} placeholder="e.g. Ready to teach" />
          <Button type="submit" busy={saveState.fetching} busyLabel="Saving…">
            Save version
          </Button>
        </form>
      ) : null}
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {error ? <ErrorState error={error} title="That did not work" /> : null}
      {result.error && !versions ? <ErrorState error={result.error} retry={() => refetch({ requestPolicy: "network-only" })} /> : null}
      {!versions && result.fetching ? <Loading label="Loading versions…" /> : null}
      {versions && versions.length === 0 ? <p className="versions__empty">No saved versions yet.</p> : null}
      {versions && versions.length > 0 ? (
        <ul className="versions__list" aria-label="Saved versions">
          {versions.map((version) => (
            <li key={version.id} className={preview?.id === version.id ? "is-previewing" : undefined}>
              <div>
                <span className="versions__name">{version.name}</span>
                <span className="versions__meta">
                  {formatDateTime(version.createdAt)} · {version.createdBy.name}
                </span>
              </div>
              <div className="versions__actions">
                <Button
                  variant="secondary"
                  size="small"
                  onClick={() => setPreview(preview?.id === version.id ? null : version)}
                  aria-pressed={preview?.id === version.id}
                  aria-label={`Preview ${version.name}`}
                >
                  Preview
                </Button>
                {canWrite ? (
                  <Button variant="quiet" size="small" onClick={() => setRestoring(version)} aria-label={`Restore ${version.name}`}>
                    Restore
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {preview ? (
        <VersionPreview
          version={preview}
          onClose={() => setPreview(null)}
          onRestore={
            canWrite
              ? () => {
                  setRestoring(preview);
                  setPreview(null);
                }
              : null
          }
        />
      ) : null}
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore “${restoring?.name ?? ""}”?`}
        confirmLabel="Restore this version"
        busy={restoreState.fetching}
        onConfirm={() => void restore()}
        onCancel={() => setRestoring(null)}
      >
        <p>Everyone editing sees the document change at once. The current content is saved first as a version, so you can go back.</p>
      </ConfirmDialog>
    </div>
  );
}

/** The version's content in a large modal, read-only (a plain editor, not connected to the live document). */
function VersionPreview({ version, onClose, onRestore }: { version: Version; onClose: () => void; onRestore: (() => void) | null }) {
  const [result] = useQuery({ query: VersionContentQuery, variables: { id: version.id } });
  const content = result.data?.node?.__typename === "DocumentVersion" ? result.data.node.content?.prosemirror : undefined;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const editor = useEditor({
    extensions: [StarterKit],
    editable: false,
    editorProps: { attributes: { class: "rich-text rich-text--preview", role: "document", "aria-label": `Content of ${version.name}` } },
  });
  useEffect(() => {
    if (editor && content && typeof content === "object") editor.commands.setContent(content as Record<string, unknown>, { emitUpdate: false });
  }, [editor, content]);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="dialog dialog--wide version-preview"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="version-preview__header">
        <h2 id={titleId}>
          {version.name} <span className="versions__meta">saved {formatDateTime(version.createdAt)} · read-only preview</span>
        </h2>
        <div className="versions__actions">
          {onRestore ? (
            <Button size="small" onClick={onRestore}>
              Restore this version
            </Button>
          ) : null}
          <Button variant="secondary" size="small" onClick={onClose} autoFocus>
            Close preview
          </Button>
        </div>
      </div>
      {result.error ? <ErrorState error={result.error} /> : null}
      {!content && result.fetching ? <Loading label="Loading the version…" /> : null}
      <div className="version-preview__content">
        <EditorContent editor={editor} />
      </div>
    </dialog>
  );
}
