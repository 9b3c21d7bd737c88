// The group's norms, who has accepted them, and a button for a member to accept them all. Those who
// run the group write them here: add, reword, remove (after asking) and reorder, by keyboard too
// (Move up / Move down, each move announced).
import { useEffect, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql, readFragment, type FragmentOf } from "../../graphql/graphql.ts";
import { mutationError, mutationFailure, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { TextField } from "../../ui/fields.tsx";
import { Badge, Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, type ShowableError } from "../../ui/states.tsx";
import "./group-settings.css";

export const NormsFragment = graphql(`
  fragment GroupNorms on Group {
    id
    viewerRole
    viewerCan {
      manage
    }
    normsAcceptedByAll
    memberCount: members(first: 1) {
      totalCount
    }
    norms(first: 50) {
      edges {
        node {
          id
          text
          position
          acceptedByViewer
          acceptedCount
        }
      }
    }
  }
`);

const AcceptNormsMutation = graphql(
  `
  mutation AcceptNorms($groupId: ID!) {
    acceptNorms(groupId: $groupId) {
      __typename
      ... on MutationAcceptNormsSuccess {
        data {
          id
          normsAcceptedByAll
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export function NormsSection({ group: groupRef, archived, onChanged }: { group: FragmentOf<typeof NormsFragment>; archived: boolean; onChanged: () => void }) {
  const group = readFragment(NormsFragment, groupRef);
  const given = group.norms.edges.map((edge) => edge.node);
  const canEdit = group.viewerCan.manage && !archived;
  const editor = useNormEditing(group.id, given, onChanged);
  const norms = editor.norms;
  const memberCount = group.memberCount.totalCount;
  const [accepting, acceptNorms] = useMutation(AcceptNormsMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const viewerHasAcceptedAll = norms.every((norm) => norm.acceptedByViewer);
  const canAccept = group.viewerRole !== null && !archived && norms.length > 0 && !viewerHasAcceptedAll;

  async function accept() {
    setFailure(null);
    const result = await acceptNorms({ groupId: group.id });
    const payload = result.data?.acceptNorms;
    if (result.error) setFailure(result.error);
    else if (payload && payload.__typename !== "MutationAcceptNormsSuccess") setFailure(mutationError(payload));
  }

  return (
    <Section title="Norms" actions={group.normsAcceptedByAll && norms.length > 0 ? <Badge tone="accent">Accepted by everyone</Badge> : null}>
      {norms.length === 0 ? (
        <EmptyState title="No norms yet.">
          <p>
            Norms are the group's agreements about how it works together.
            {canEdit ? " Add the first one below." : " Whoever runs the group can write them."}
          </p>
        </EmptyState>
      ) : (
        <ol className="norm-list">
          {norms.map((norm, index) =>
            editor.editing === norm.id ? (
              <li key={norm.id}>
                <NormForm norm={norm} groupId={group.id} onDone={editor.doneEditing} />
              </li>
            ) : (
              <li key={norm.id}>
                <span>{norm.text}</span>
                <span className="item-meta">
                  <span>
                    Accepted by {norm.acceptedCount} of {memberCount}
                  </span>
                  {norm.acceptedByViewer ? <Badge tone="accent">You accepted</Badge> : null}
                </span>
                {canEdit ? (
                  <span className="norm-edit">
                    <Button
                      id={`norm-up-${norm.id}`}
                      size="small"
                      variant="quiet"
                      aria-label={`Move up: ${norm.text}`}
                      disabled={index === 0}
                      onClick={() => void editor.move(norm, -1)}
                    >
                      Move up
                    </Button>
                    <Button
                      id={`norm-down-${norm.id}`}
                      size="small"
                      variant="quiet"
                      aria-label={`Move down: ${norm.text}`}
                      disabled={index === norms.length - 1}
                      onClick={() => void editor.move(norm, 1)}
                    >
                      Move down
                    </Button>
                    <Button
                      id={`norm-edit-${norm.id}`}
                      size="small"
                      variant="quiet"
                      aria-label={`Reword: ${norm.text}`}
                      onClick={() => editor.setEditing(norm.id)}
                    >
                      Reword
                    </Button>
                    <Button size="small" variant="quiet" aria-label={`Remove: ${norm.text}`} onClick={() => editor.setRemoving(norm)}>
                      Remove
                    </Button>
                  </span>
                ) : null}
              </li>
            ),
          )}
        </ol>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {editor.announcement}
      </p>
      {editor.error ? <ErrorState title={editor.error.title} error={editor.error.error} /> : null}
      {canEdit ? <NormForm groupId={group.id} onDone={editor.added} /> : null}
      <ConfirmDialog
        open={editor.removing !== null}
        title="Remove this norm?"
        confirmLabel="Remove the norm"
        danger
        onConfirm={() => void editor.remove()}
        onCancel={() => editor.setRemoving(null)}
      >
        <p>“{editor.removing?.text}” and who accepted it are removed for everyone in the group.</p>
      </ConfirmDialog>
      {failure ? <ErrorState title="The norms could not be accepted" error={failure} /> : null}
      {canAccept ? (
        <Button onClick={() => void accept()} busy={accepting.fetching} busyLabel="Accepting…">
          Accept the norms
        </Button>
      ) : group.viewerRole !== null && norms.length > 0 && viewerHasAcceptedAll ? (
        <p className="item-meta">You have accepted these norms.</p>
      ) : null}
    </Section>
  );
}

const AddNormMutation = graphql(
  `
  mutation AddNorm($input: AddNormInput!) {
    addNorm(input: $input) {
      __typename
      ... on MutationAddNormSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const UpdateNormMutation = graphql(
  `
  mutation UpdateNorm($input: UpdateNormInput!) {
    updateNorm(input: $input) {
      __typename
      ... on MutationUpdateNormSuccess {
        data {
          id
          text
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const RemoveNormMutation = graphql(
  `
  mutation RemoveNorm($normId: ID!) {
    removeNorm(normId: $normId) {
      __typename
      ... on MutationRemoveNormSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

const ReorderNormsMutation = graphql(
  `
  mutation ReorderNorms($groupId: ID!, $normIds: [ID!]!) {
    reorderNorms(groupId: $groupId, normIds: $normIds) {
      __typename
      ... on MutationReorderNormsSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

type Norm = { id: string; text: string };

function useNormEditing<N extends Norm>(groupId: string, given: N[], onChanged: () => void) {
  const [order, setOrder] = useState<string[] | null>(null);
  const norms = order ? order.map((id) => given.find((n) => n.id === id)).filter((n): n is N => Boolean(n)) : given;
  const givenOrder = given.map((n) => n.id).join();
  useEffect(() => {
    setOrder((current) => (current && current.join() === givenOrder ? null : current));
  }, [givenOrder]);
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<N | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<{ title: string; error: ShowableError } | null>(null);
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus) return;
    const target = document.getElementById(refocus) as HTMLButtonElement | null;
    if (target && !target.disabled) target.focus();
    else document.getElementById(refocus.replace(/^norm-(up|down)/, (_m, dir: string) => `norm-${dir === "up" ? "down" : "up"}`))?.focus();
    setRefocus(null);
  }, [refocus]);
  const [, reorder] = useMutation(ReorderNormsMutation);
  const [, removeNorm] = useMutation(RemoveNormMutation);

  const move = async (norm: N, by: -1 | 1) => {
    const ids = norms.map((n) => n.id);
    const from = ids.indexOf(norm.id);
    const to = from + by;
    if (to < 0 || to >= ids.length) return;
    ids.splice(from, 1);
    ids.splice(to, 0, norm.id);
    setError(null);
    setOrder(ids);
    setRefocus(`norm-${by < 0 ? "up" : "down"}-${norm.id}`);
    setAnnouncement(`“${norm.text}” moved to position ${to + 1} of ${ids.length}.`);
    const failure = mutationFailure(await reorder({ groupId, normIds: ids }), "reorderNorms");
    if (failure) {
      setError({ title: "The norms were not reordered", error: failure });
      setOrder(null);
    }
    onChanged();
  };

  const remove = async () => {
    if (!removing) return;
    const norm = removing;
    setRemoving(null);
    setError(null);
    const failure = mutationFailure(await removeNorm({ normId: norm.id }), "removeNorm");
    if (failure) setError({ title: "The norm was not removed", error: failure });
    else setAnnouncement(`“${norm.text}” removed.`);
    onChanged();
  };

  const doneEditing = (saved: string | null) => {
    const id = editing;
    setEditing(null);
    if (id) setRefocus(`norm-edit-${id}`);
    if (saved) {
      setAnnouncement(`Saved: “${saved}”.`);
      onChanged();
    }
  };

  const added = (saved: string | null) => {
    if (!saved) return;
    setAnnouncement(`Added: “${saved}”.`);
    onChanged();
  };

  return { norms, editing, setEditing, removing, setRemoving, announcement, error, move, remove, doneEditing, added };
}

/** Adds a norm (no `norm`) or rewords one; `onDone(text)` once saved, `onDone(null)` on cancel. */
function NormForm({ norm, groupId, onDone }: { norm?: Norm; groupId: string; onDone: (saved: string | null) => void }) {
  const [text, setText] = useState(norm?.text ?? "");
  const [problem, setProblem] = useState<ShowableError | null>(null);
  const [adding, add] = useMutation(AddNormMutation);
  const [updating, update] = useMutation(UpdateNormMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wording = text.trim();
    if (!wording) return setProblem("Write the norm first.");
    setProblem(null);
    const failure = norm
      ? mutationFailure(await update({ input: { normId: norm.id, text: wording } }), "updateNorm")
      : mutationFailure(await add({ input: { groupId, text: wording } }), "addNorm");
    if (failure) return setProblem(failure);
    if (!norm) setText("");
    onDone(wording);
  }

  return (
    <form className="form norm-form" onSubmit={(event) => void submit(event)} noValidate aria-label={norm ? `Reword “${norm.text}”` : "Add a norm"}>
      <TextField label={norm ? "Norm" : "New norm"} value={text} onChange={(e) => setText(e.target.value)} autoFocus={Boolean(norm)} maxLength={500} />
      {problem ? <ErrorState title={norm ? "The norm was not saved" : "The norm was not added"} error={problem} /> : null}
      <div className="form-actions">
        <Button type="submit" size="small" busy={adding.fetching || updating.fetching} busyLabel="Saving…">
          {norm ? "Save" : "Add the norm"}
        </Button>
        {norm ? (
          <Button type="button" size="small" variant="secondary" onClick={() => onDone(null)}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
