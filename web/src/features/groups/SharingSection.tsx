// A peer group's way out to the school's coaches: share an insight (anonymous to them), and the
// insights the group already shared, which only its members see listed here with their authors.
import { useState } from "react";
import { graphql, readFragment, type FragmentOf } from "../../graphql/graphql.ts";
import { Button } from "../../ui/Button.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { Section } from "../../ui/layout.tsx";
import { ShareInsightForm } from "../../ui/ShareInsightForm.tsx";

export const SharingFragment = graphql(`
  fragment GroupSharing on Group {
    id
    name
    kind
    viewerRole
    archivedAt
    insights(first: 5) {
      totalCount
      edges {
        node {
          id
          title
          themes
          sharedAt
          author {
            id
            name
          }
        }
      }
    }
  }
`);

export function SharingSection({ group: groupRef, onChanged }: { group: FragmentOf<typeof SharingFragment>; onChanged: () => void }) {
  const group = readFragment(SharingFragment, groupRef);
  const [open, setOpen] = useState(false);
  if (group.kind !== "PEER" || !group.viewerRole) return null;
  const insights = group.insights.edges.map((edge) => edge.node);
  return (
    <Section title="Share with coaches">
      <p>
        Nothing this group writes reaches coaches or school leaders unless the group shares it: an insight from here, or a document from its own page (“Share
        with coaches”).
      </p>
      {group.archivedAt ? null : open ? (
        <ShareInsightForm groupId={group.id} groupName={group.name} onShared={onChanged} />
      ) : (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Share an insight…
        </Button>
      )}
      {insights.length > 0 ? (
        <>
          <h3 className="subheading">Shared by this group ({group.insights.totalCount})</h3>
          <ul className="item-list">
            {insights.map((insight) => (
              <li key={insight.id}>
                <div className="item-title">{insight.title}</div>
                <div className="item-meta">
                  <span>{insight.themes.join(", ")}</span>
                  <span>
                    {insight.author?.name ?? "A member"}, {formatDateTime(insight.sharedAt)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}
