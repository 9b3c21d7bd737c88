// The viewer's own coachees as cards, with the signs of need the api computes for each (last
// contact and days since, next check-back in the school's calendar, open action steps, goal
// status), sortable by them. Each card opens the open cycle or starts one, and changes the
// teacher's tier or coach, or ends the coaching. Cycles are the coach's and teacher's only; the api
// returns them here because the viewer is their coach.
import { useState } from "react";
import { useQuery } from "urql";
import { paths } from "../../app/paths.ts";
import { CoachCaseloadsQuery } from "../../graphql/coaching-assignments.ts";
import type { ResultOf } from "../../graphql/graphql.ts";
import { ButtonLink, Button } from "../../ui/Button.tsx";
import { AssignmentDialog, type DialogRequest } from "../../ui/coaching/AssignmentDialog.tsx";
import { EndCoachingDialog, type EndRequest } from "../../ui/coaching/EndCoachingDialog.tsx";
import { CHECK_BACK_LABEL, CycleSteps, STEP_LABEL, type CheckBack } from "../../ui/coaching/steps.tsx";
import { SelectField } from "../../ui/fields.tsx";
import { formatDateTime, formatDay } from "../../ui/format.ts";
import { Badge, Section } from "../../ui/layout.tsx";
import { EmptyState, QueryState, SuccessMessage } from "../../ui/states.tsx";
import { TierBadge } from "../../ui/support-tiers.tsx";
import { CaseloadQuery } from "./queries.ts";
import { StartCycleDialog, type StartRequest } from "./StartCycleDialog.tsx";

type Assignment = ResultOf<typeof CaseloadQuery>["coachingAssignments"]["edges"][number]["node"];
type SortKey = "need" | "contact" | "checkBack" | "steps" | "goal" | "name";

const SORTS: readonly { value: SortKey; label: string }[] = [
  { value: "need", label: "Greatest need (tier)" },
  { value: "contact", label: "Longest since contact" },
  { value: "checkBack", label: "Next check-back first" },
  { value: "steps", label: "Most open action steps" },
  { value: "goal", label: "Goal status (no cycle first)" },
  { value: "name", label: "Name" },
];

const TIER_RANK = { INTENSIVE: 0, TARGETED: 1, NETWORK: 2 } as const;
const GOAL_RANK = { NO_CYCLE: 0, COMPLETED: 1, IN_PROGRESS: 2 } as const;
const GOAL_LABEL = { NO_CYCLE: "No cycle yet", IN_PROGRESS: "Goal in progress", COMPLETED: "Last cycle completed" } as const;

/** Sorted on the client over the api's fields; ties keep the api's order (greatest need first). */
function sorted(assignments: Assignment[], key: SortKey): Assignment[] {
  const far = Number.MAX_SAFE_INTEGER;
  const compare: Record<SortKey, (a: Assignment, b: Assignment) => number> = {
    need: (a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier],
    // Never contacted counts as longest.
    contact: (a, b) => (b.signals.daysSinceContact ?? far) - (a.signals.daysSinceContact ?? far),
    checkBack: (a, b) => (a.signals.nextCheckBackOn ?? "9999").localeCompare(b.signals.nextCheckBackOn ?? "9999"),
    steps: (a, b) => b.signals.openActionSteps - a.signals.openActionSteps,
    goal: (a, b) => GOAL_RANK[a.signals.goalStatus] - GOAL_RANK[b.signals.goalStatus],
    name: (a, b) => a.teacher.name.localeCompare(b.teacher.name),
  };
  return [...assignments].sort(compare[key]);
}

export function CaseloadSection({ schoolId, coachId }: { schoolId: string; coachId: string }) {
  const [result, reexecute] = useQuery({ query: CaseloadQuery, variables: { schoolId, coachId } });
  const [coaches] = useQuery({ query: CoachCaseloadsQuery, variables: { schoolId } });
  const [sort, setSort] = useState<SortKey>("need");
  const [starting, setStarting] = useState<StartRequest | null>(null);
  const [changing, setChanging] = useState<DialogRequest | null>(null);
  const [ending, setEnding] = useState<EndRequest | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const coachList = (coaches.data?.coachCaseloads.edges ?? []).map(({ node }) => ({ id: node.coach.id, name: node.coach.name, caseload: node.caseload }));
  const finish = (message: string) => {
    setChanging(null);
    setEnding(null);
    setDone(message);
  };

  return (
    <Section title="My caseload">
      {done ? <SuccessMessage>{done}</SuccessMessage> : null}
      <QueryState result={result} retry={() => reexecute({ requestPolicy: "network-only" })} loadingLabel="Loading your caseload…">
        {(data) => {
          const assignments = data.coachingAssignments.edges.map((e) => e.node);
          if (assignments.length === 0) {
            return (
              <EmptyState title="No teachers are assigned to you as their coach.">
                <p>Start a coaching cycle with a teacher from the support network above: you become their coach as you start.</p>
              </EmptyState>
            );
          }
          const open = assignments.filter((a) => a.openCycles.edges.length > 0).length;
          return (
            <>
              <p className="muted">
                {assignments.length} {assignments.length === 1 ? "coachee" : "coachees"}, {open} in an open coaching cycle.
              </p>
              <div className="caseload-sort">
                <SelectField label="Sort by" value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)} options={SORTS} />
              </div>
              <ul className="caseload-cards" aria-label="Your coachees">
                {sorted(assignments, sort).map((assignment) => (
                  <CaseloadCard
                    key={assignment.id}
                    assignment={assignment}
                    onStart={() => setStarting({ teacher: assignment.teacher, assign: false })}
                    onChange={() => {
                      setDone(null);
                      setChanging({ teacher: assignment.teacher, pairing: assignment, coachedBy: [assignment.coach.id] });
                    }}
                    onEnd={() => {
                      setDone(null);
                      setEnding({ teacher: assignment.teacher, pairing: assignment });
                    }}
                  />
                ))}
              </ul>
            </>
          );
        }}
      </QueryState>
      {starting ? <StartCycleDialog schoolId={schoolId} request={starting} onCancel={() => setStarting(null)} /> : null}
      {changing ? <AssignmentDialog schoolId={schoolId} request={changing} coaches={coachList} onDone={finish} onCancel={() => setChanging(null)} /> : null}
      {ending ? <EndCoachingDialog request={ending} onDone={finish} onCancel={() => setEnding(null)} /> : null}
    </Section>
  );
}

const CHECK_BACK_TONE: Record<CheckBack, "neutral" | "warn" | "danger"> = { NONE: "neutral", SCHEDULED: "neutral", DUE_SOON: "warn", OVERDUE: "danger" };

function CaseloadCard({ assignment, onStart, onChange, onEnd }: { assignment: Assignment; onStart: () => void; onChange: () => void; onEnd: () => void }) {
  const cycle = assignment.openCycles.edges[0]?.node;
  const { signals } = assignment;
  const completed = assignment.completedCycles.totalCount;
  return (
    <li className="caseload-card">
      <div className="caseload-card__head">
        <h3 className="caseload-card__name">{assignment.teacher.name}</h3>
        <TierBadge tier={assignment.tier} />
      </div>
      {assignment.focus ? <p className="assignment-focus">Focus: {assignment.focus}</p> : null}
      <dl className="signals">
        <div>
          <dt>Last contact</dt>
          <dd>
            {signals.lastContactAt ? (
              <>
                {signals.daysSinceContact === 0 ? "Today" : `${signals.daysSinceContact} ${signals.daysSinceContact === 1 ? "day" : "days"} ago`}
                <span className="muted"> ({formatDateTime(signals.lastContactAt)})</span>
              </>
            ) : (
              "None yet"
            )}
          </dd>
        </div>
        <div>
          <dt>Next check-back</dt>
          <dd>
            {signals.nextCheckBackOn ? `${formatDay(signals.nextCheckBackOn)} ` : null}
            {signals.checkBack === "NONE" ? (
              <span className="muted">{CHECK_BACK_LABEL.NONE}</span>
            ) : (
              <Badge tone={CHECK_BACK_TONE[signals.checkBack]}>{CHECK_BACK_LABEL[signals.checkBack]}</Badge>
            )}
          </dd>
        </div>
        <div>
          <dt>Open action steps</dt>
          <dd>{signals.openActionSteps}</dd>
        </div>
        <div>
          <dt>Goal</dt>
          <dd>{GOAL_LABEL[signals.goalStatus]}</dd>
        </div>
      </dl>
      {cycle ? (
        <div className="caseload-card__cycle">
          <CycleSteps current={cycle.step} />
          <p className="cycle-goal">{cycle.goal}</p>
          <p className="muted cycle-meta">
            At {STEP_LABEL[cycle.step].toLowerCase()} · started {formatDateTime(cycle.startedAt)}
            {completed > 0 ? ` · ${completed} completed ${completed === 1 ? "cycle" : "cycles"}` : null}
          </p>
        </div>
      ) : completed > 0 ? (
        <p className="muted cycle-meta">
          No open cycle · {completed} completed {completed === 1 ? "cycle" : "cycles"}
        </p>
      ) : null}
      <div className="caseload-card__actions">
        {cycle ? (
          <ButtonLink to={paths.coachingCycle(cycle.id)} size="small">
            Open the cycle<span className="visually-hidden"> with {assignment.teacher.name}</span>
          </ButtonLink>
        ) : (
          <Button size="small" onClick={onStart}>
            Start a cycle<span className="visually-hidden"> with {assignment.teacher.name}</span>
          </Button>
        )}
        <Button size="small" variant="secondary" onClick={onChange}>
          Change tier or coach<span className="visually-hidden"> for {assignment.teacher.name}</span>
        </Button>
        <Button size="small" variant="quiet" onClick={onEnd}>
          End coaching<span className="visually-hidden"> of {assignment.teacher.name}</span>
        </Button>
      </div>
    </li>
  );
}
