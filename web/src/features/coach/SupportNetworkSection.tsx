// Every teacher of the school and the support around them: their running groups (name and kind
// only — a peer group's content stays in the group), their coach and support tier. A teacher with
// no group and no coach is flagged, and can be listed on their own.
import { useId, useRef, useState, type ReactNode } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { paths } from "../../app/paths.ts";
import { CoachCaseloadsQuery } from "../../graphql/coaching-assignments.ts";
import type { ResultOf } from "../../graphql/graphql.ts";
import { SupportNetworkQuery } from "../../graphql/support-network.ts";
import { Button } from "../../ui/Button.tsx";
import { AssignmentDialog, type DialogRequest } from "../../ui/coaching/AssignmentDialog.tsx";
import { Badge, Section } from "../../ui/layout.tsx";
import { ErrorState, Loading, SuccessMessage } from "../../ui/states.tsx";
import { SupportNetworkBanner } from "../../ui/SupportNetworkBanner.tsx";
import { TierBadge } from "../../ui/support-tiers.tsx";
import { StartCycleDialog, type StartRequest } from "./StartCycleDialog.tsx";

const PAGE_SIZE = 50;
const COLUMNS = 5;

/** What a row's buttons ask the section to open. */
type RowActions = { viewerId: string; onStart: (request: StartRequest) => void; onAssign: (request: DialogRequest) => void };

type Entry = ResultOf<typeof SupportNetworkQuery>["supportNetwork"]["edges"][number]["node"];

export function SupportNetworkSection({ schoolId, viewerId }: { schoolId: string; viewerId: string }) {
  const [onlyWithout, setOnlyWithout] = useState(false);
  const [starting, setStarting] = useState<StartRequest | null>(null);
  const [assigning, setAssigning] = useState<DialogRequest | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [coaches] = useQuery({ query: CoachCaseloadsQuery, variables: { schoolId } });
  const coachList = (coaches.data?.coachCaseloads.edges ?? []).map(({ node }) => ({ id: node.coach.id, name: node.coach.name, caseload: node.caseload }));
  const actions: RowActions = {
    viewerId,
    onStart: setStarting,
    onAssign: (request) => {
      setDone(null);
      setAssigning(request);
    },
  };
  // One page per cursor; "Show more" appends the next page. A new filter starts again at the top.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filterId = useId();
  const filterRef = useRef<HTMLInputElement>(null);
  const changeFilter = (value: boolean) => {
    setOnlyWithout(value);
    setCursors([null]);
  };

  // The banner's button goes away once pressed: keep keyboard focus on the filter it switched on.
  const showOnlyWithout = () => {
    changeFilter(true);
    filterRef.current?.focus();
  };

  return (
    <Section title="Support network" className="support-network">
      {done ? <SuccessMessage>{done}</SuccessMessage> : null}
      <SupportNetworkBanner schoolId={schoolId} showingOnlyThem={onlyWithout} onShowOnlyThem={showOnlyWithout} />
      <div className="filter-row">
        <input id={filterId} ref={filterRef} type="checkbox" checked={onlyWithout} onChange={(e) => changeFilter(e.currentTarget.checked)} />
        <label htmlFor={filterId}>Only teachers without a support network</label>
      </div>
      <div className="table-wrap" role="region" aria-label="Support network table (scrolls sideways)" tabIndex={0}>
        <table className="table network-table">
          <caption className="visually-hidden">
            {onlyWithout ? "Teachers with no group and no coach" : "Every teacher of the school, with their groups, coach and support tier"}
          </caption>
          <thead>
            <tr>
              <th scope="col">Teacher</th>
              <th scope="col">Groups</th>
              <th scope="col">Support tier</th>
              <th scope="col">Coach and focus</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          {cursors.map((after, index) => (
            <NetworkPage
              key={`${onlyWithout}:${after ?? "first"}`}
              schoolId={schoolId}
              after={after}
              onlyWithout={onlyWithout}
              isFirst={index === 0}
              isLast={index === cursors.length - 1}
              onMore={(cursor) => setCursors((current) => [...current, cursor])}
              actions={actions}
            />
          ))}
        </table>
      </div>
      {starting ? <StartCycleDialog schoolId={schoolId} request={starting} onCancel={() => setStarting(null)} /> : null}
      {assigning ? (
        <AssignmentDialog
          schoolId={schoolId}
          request={assigning}
          coaches={coachList}
          onDone={(message) => {
            setAssigning(null);
            setDone(message);
          }}
          onCancel={() => setAssigning(null)}
        />
      ) : null}
    </Section>
  );
}

function NetworkPage(props: {
  schoolId: string;
  after: string | null;
  onlyWithout: boolean;
  isFirst: boolean;
  isLast: boolean;
  onMore: (cursor: string) => void;
  actions: RowActions;
}) {
  const { schoolId, after, onlyWithout, isFirst, isLast, onMore, actions } = props;
  const [result, reexecute] = useQuery({
    query: SupportNetworkQuery,
    variables: { schoolId, first: PAGE_SIZE, after, hasNetwork: onlyWithout ? false : null },
  });
  // States go inside a row: a <div> directly in <tbody> is invalid HTML.
  const inRow = (content: ReactNode) => (
    <tbody>
      <tr>
        <td colSpan={COLUMNS}>{content}</td>
      </tr>
    </tbody>
  );
  if (!result.data) {
    return inRow(
      result.error ? (
        <ErrorState error={result.error} title="The support network could not be loaded" retry={() => reexecute({ requestPolicy: "network-only" })} />
      ) : (
        <Loading label="Loading the support network…" />
      ),
    );
  }
  const connection = result.data.supportNetwork;
  if (isFirst && connection.edges.length === 0) {
    return inRow(onlyWithout ? "Every teacher has a support network." : "This school has no teachers yet.");
  }
  const endCursor = connection.pageInfo.endCursor;
  return (
    <tbody>
      {connection.edges.map(({ node }) => (
        <NetworkRow key={node.teacher.id} entry={node} actions={actions} />
      ))}
      {isLast && connection.pageInfo.hasNextPage && endCursor ? (
        <tr>
          <td colSpan={COLUMNS}>
            <Button variant="secondary" size="small" onClick={() => onMore(endCursor)}>
              Show more teachers
            </Button>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

function NetworkRow({ entry, actions }: { entry: Entry; actions: RowActions }) {
  const coachedByViewer = entry.assignments.some((a) => a.coach.id === actions.viewerId);
  return (
    <tr className={entry.hasNetwork ? "network-row" : "network-row row--no-network"}>
      <th scope="row">
        {entry.teacher.name}
        {entry.hasNetwork ? null : (
          <div>
            <Badge tone="danger">
              <span aria-hidden="true">⚠ </span>No support network
            </Badge>
          </div>
        )}
      </th>
      <td data-label="Groups">
        {entry.groups.length === 0 ? (
          <span className="muted">No group</span>
        ) : (
          <ul className="group-chips">
            {entry.groups.map((group) => (
              <li key={group.id}>
                <Link to={paths.group(group.id)}>{group.name}</Link> <span className="group-kind">{group.kind === "PLC" ? "PLC" : "Peer group"}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td data-label="Support tier">{entry.supportTier ? <TierBadge tier={entry.supportTier} /> : <span className="muted">No coach</span>}</td>
      <td data-label="Coach and focus">
        {entry.assignments.length === 0 ? (
          <span className="muted">No coach assigned</span>
        ) : (
          <ul className="assignment-list">
            {entry.assignments.map((assignment) => (
              <li key={assignment.id}>
                {entry.assignments.length > 1 ? (
                  <>
                    <TierBadge tier={assignment.tier} />{" "}
                  </>
                ) : null}
                {assignment.coach.name}
                {assignment.focus ? <span className="assignment-focus">{assignment.focus}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="network-actions">
        {coachedByViewer ? null : (
          <Button
            size="small"
            onClick={() => actions.onStart({ teacher: entry.teacher, assign: true, otherCoaches: entry.assignments.map((a) => a.coach.name) })}
          >
            Start a cycle<span className="visually-hidden"> with {entry.teacher.name}</span>
          </Button>
        )}
        <Button
          size="small"
          variant="secondary"
          onClick={() => actions.onAssign({ teacher: entry.teacher, pairing: null, coachedBy: entry.assignments.map((a) => a.coach.id) })}
        >
          Assign a coach<span className="visually-hidden"> to {entry.teacher.name}</span>
        </Button>
      </td>
    </tr>
  );
}
