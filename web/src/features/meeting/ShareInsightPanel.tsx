// The meeting view's way out of a peer group: when the group decides to share an insight (the
// peer agenda's "Decide whether to share an insight with coaches"), a member writes it here.
// Self-contained: it asks the api for the group itself, and shows nothing to anyone who may not
// share (not a member, not a peer group, an archived group).
import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../../graphql/graphql.ts";
import { Button } from "../../ui/Button.tsx";
import { Section } from "../../ui/layout.tsx";
import { ShareInsightForm } from "../../ui/ShareInsightForm.tsx";

const ShareInsightGroupQuery = graphql(`
  query ShareInsightGroup($id: ID!) {
    node(id: $id) {
      __typename
      ... on Group {
        id
        name
        kind
        viewerRole
        archivedAt
      }
    }
  }
`);

export function ShareInsightPanel({ groupId }: { groupId: string }) {
  const [result] = useQuery({ query: ShareInsightGroupQuery, variables: { id: groupId } });
  const [open, setOpen] = useState(false);
  const group = result.data?.node?.__typename === "Group" ? result.data.node : null;
  if (!group || group.kind !== "PEER" || !group.viewerRole || group.archivedAt) return null;
  return (
    <Section title="Share an insight">
      <p>If the group decides to share what it learned with coaches, write it here. Nothing leaves the group unless you share it.</p>
      {open ? (
        <ShareInsightForm groupId={group.id} groupName={group.name} />
      ) : (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Share an insight…
        </Button>
      )}
    </Section>
  );
}
