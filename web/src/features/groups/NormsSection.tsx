// The group's norms, who has accepted them, and a button for a member to accept them all.
import { useState } from "react";
import { useMutation } from "urql";
import { graphql, readFragment, type FragmentOf } from "../../graphql/graphql.ts";
import { mutationError, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { Badge, Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, type ShowableError } from "../../ui/states.tsx";

export const NormsFragment = graphql(`
  fragment GroupNorms on Group {
    id
    viewerRole
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

export function NormsSection({ group: groupRef, archived }: { group: FragmentOf<typeof NormsFragment>; archived: boolean }) {
  const group = readFragment(NormsFragment, groupRef);
  const norms = group.norms.edges.map((edge) => edge.node);
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
          <p>Norms are the group's agreements about how it works together.</p>
        </EmptyState>
      ) : (
        <ol className="norm-list">
          {norms.map((norm) => (
            <li key={norm.id}>
              <span>{norm.text}</span>
              <span className="item-meta">
                <span>
                  Accepted by {norm.acceptedCount} of {memberCount}
                </span>
                {norm.acceptedByViewer ? <Badge tone="accent">You accepted</Badge> : null}
              </span>
            </li>
          ))}
        </ol>
      )}
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
