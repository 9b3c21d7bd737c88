// Every teacher of the school with their groups and coaching, filtered ("no support network",
// "no coach", a tier, a coach), one page at a time. A list of cards rather than a table, so the
// actions stay in reach at phone width without scrolling sideways.
import { useState } from "react";
import { useQuery } from "urql";
import type { ResultOf } from "../../graphql/graphql.ts";
import { SupportNetworkQuery } from "../../graphql/support-network.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField } from "../../ui/fields.tsx";
import { Badge, Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, Loading } from "../../ui/states.tsx";
import { TIER_LABEL, TierBadge, TIERS_BY_NEED, type SupportTier } from "../../ui/support-tiers.tsx";
import type { Coach, Pairing } from "../../ui/coaching/AssignmentDialog.tsx";

const PAGE_SIZE = 50;

type Show = "all" | "no-network" | "no-coach" | `tier:${SupportTier}`;
export type TeacherFilter = { show: Show; coachId: string };
type Teacher = { id: string; name: string };
type Entry = ResultOf<typeof SupportNetworkQuery>["supportNetwork"]["edges"][number]["node"];

const SHOW_OPTIONS: { value: Show; label: string }[] = [
  { value: "all", label: "Every teacher" },
  { value: "no-network", label: "No support network (no group, no coach)" },
  { value: "no-coach", label: "No coach" },
  ...TIERS_BY_NEED.map((tier) => ({ value: `tier:${tier}` as Show, label: `${TIER_LABEL[tier]} tier` })),
];

type Actions = {
  onAssign: (teacher: Teacher, coachedBy: string[]) => void;
  onChange: (teacher: Teacher, pairing: Pairing, coachedBy: string[]) => void;
  onEnd: (teacher: Teacher, pairing: Pairing) => void;
};

export function TeachersSection({
  schoolId,
  filter,
  onFilter,
  showId,
  coaches,
  ...actions
}: Actions & {
  schoolId: string;
  filter: TeacherFilter;
  onFilter: (filter: TeacherFilter) => void;
  /** The "Show" filter's id, so the banner's button can move focus to it. */
  showId: string;
  coaches: readonly Coach[];
}) {
  // One page per cursor; "Show more" appends the next. A new filter starts again at the top.
  const [cursors, setCursors] = useState<{ key: string; list: (string | null)[] }>({ key: "", list: [null] });
  const filterKey = `${filter.show}|${filter.coachId}`;
  const pages = cursors.key === filterKey ? cursors.list : [null];
  const variables = filterVariables(filter);

  return (
    <Section title="Teachers">
      <div className="coaching-filters">
        <SelectField
          id={showId}
          label="Show"
          value={filter.show}
          options={SHOW_OPTIONS}
          onChange={(e) => onFilter({ ...filter, show: e.currentTarget.value as Show })}
        />
        <SelectField
          label="Coached by"
          value={filter.coachId}
          options={[{ value: "", label: "Any coach" }, ...coaches.map((c) => ({ value: c.id, label: `${c.name} (${c.caseload})` }))]}
          onChange={(e) => onFilter({ ...filter, coachId: e.currentTarget.value })}
        />
      </div>
      {pages.map((after, index) => (
        <TeacherPage
          key={`${filterKey}:${after ?? "first"}`}
          schoolId={schoolId}
          variables={variables}
          after={after}
          isFirst={index === 0}
          isLast={index === pages.length - 1}
          filtered={filter.show !== "all" || filter.coachId !== ""}
          onShowEveryone={() => onFilter({ show: "all", coachId: "" })}
          onMore={(cursor) => setCursors({ key: filterKey, list: [...pages, cursor] })}
          {...actions}
        />
      ))}
    </Section>
  );
}

function filterVariables({ show, coachId }: TeacherFilter) {
  return {
    hasNetwork: show === "no-network" ? false : null,
    coached: show === "no-coach" ? false : null,
    tier: show.startsWith("tier:") ? (show.slice(5) as SupportTier) : null,
    coachId: coachId || null,
  };
}

function TeacherPage({
  schoolId,
  variables,
  after,
  isFirst,
  isLast,
  filtered,
  onShowEveryone,
  onMore,
  ...actions
}: Actions & {
  schoolId: string;
  variables: ReturnType<typeof filterVariables>;
  after: string | null;
  isFirst: boolean;
  isLast: boolean;
  filtered: boolean;
  onShowEveryone: () => void;
  onMore: (cursor: string) => void;
}) {
  const [result, reexecute] = useQuery({ query: SupportNetworkQuery, variables: { schoolId, first: PAGE_SIZE, after, ...variables } });
  if (!result.data) {
    return result.error ? (
      <ErrorState error={result.error} title="The teachers could not be loaded" retry={() => reexecute({ requestPolicy: "network-only" })} />
    ) : (
      <Loading label="Loading the teachers…" />
    );
  }
  const connection = result.data.supportNetwork;
  if (isFirst && connection.edges.length === 0) {
    return filtered ? (
      <EmptyState title="No teacher matches this filter.">
        <Button variant="secondary" size="small" onClick={onShowEveryone}>
          Show every teacher
        </Button>
      </EmptyState>
    ) : (
      <EmptyState title="This school has no teachers yet.">
        <p>Invite your staff or import them from a roster file in the school console. Each teacher appears here once they have joined, ready for a coach.</p>
      </EmptyState>
    );
  }
  const endCursor = connection.pageInfo.endCursor;
  return (
    <>
      {isFirst ? (
        <p className="muted coaching-count">
          {connection.totalCount} {connection.totalCount === 1 ? "teacher" : "teachers"}
          {filtered ? " match" : ""}
        </p>
      ) : null}
      <ul className="coaching-teachers">
        {connection.edges.map(({ node }) => (
          <TeacherCard key={node.teacher.id} entry={node} {...actions} />
        ))}
      </ul>
      {isLast && connection.pageInfo.hasNextPage && endCursor ? (
        <Button variant="secondary" size="small" onClick={() => onMore(endCursor)}>
          Show more teachers
        </Button>
      ) : null}
    </>
  );
}

function TeacherCard({ entry, onAssign, onChange, onEnd }: Actions & { entry: Entry }) {
  const { teacher } = entry;
  const coachedBy = entry.assignments.map((a) => a.coach.id);
  return (
    <li className={entry.hasNetwork ? "coaching-teacher" : "coaching-teacher row--no-network"}>
      <div className="coaching-teacher__who">
        <h3>{teacher.name}</h3>
        {entry.hasNetwork ? null : (
          <Badge tone="danger">
            <span aria-hidden="true">⚠ </span>No support network
          </Badge>
        )}
        <p className="muted coaching-teacher__groups">
          {entry.groups.length === 0 ? "No group" : entry.groups.map((g) => `${g.name} (${g.kind === "PLC" ? "PLC" : "peer group"})`).join(", ")}
        </p>
      </div>
      <div className="coaching-teacher__coaching">
        {entry.assignments.length === 0 ? (
          <p className="muted">No coach</p>
        ) : (
          <ul className="coaching-pairings">
            {entry.assignments.map((pairing) => (
              <li key={pairing.id}>
                <span className="coaching-pairing__who">
                  {pairing.coach.name} <TierBadge tier={pairing.tier} />
                  {pairing.focus ? <span className="coaching-pairing__focus">{pairing.focus}</span> : null}
                </span>
                <span className="coaching-pairing__actions">
                  <Button variant="secondary" size="small" onClick={() => onChange(teacher, pairing, coachedBy)}>
                    Change
                    <span className="visually-hidden">
                      {" "}
                      {pairing.coach.name}'s coaching of {teacher.name}
                    </span>
                  </Button>
                  <Button variant="quiet" size="small" onClick={() => onEnd(teacher, pairing)}>
                    End
                    <span className="visually-hidden">
                      {" "}
                      {pairing.coach.name}'s coaching of {teacher.name}
                    </span>
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
        <Button variant={entry.assignments.length === 0 ? "primary" : "secondary"} size="small" onClick={() => onAssign(teacher, coachedBy)}>
          {entry.assignments.length === 0 ? "Assign a coach" : "Add a coach"}
          <span className="visually-hidden"> to {teacher.name}</span>
        </Button>
      </div>
    </li>
  );
}
