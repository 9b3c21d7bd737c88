// The viewer's own coachees (greatest need first, as the api orders them) and where each open
// coaching cycle stands: identify → learn → improve. Cycles are the coach's and teacher's only;
// the api returns them here because the viewer is their coach.
import { useQuery } from "urql";
import { formatDateTime } from "../../ui/format.ts";
import { Section } from "../../ui/layout.tsx";
import { EmptyState, QueryState } from "../../ui/states.tsx";
import { CaseloadQuery } from "./queries.ts";
import { TierBadge } from "../../ui/support-tiers.tsx";

type Phase = "IDENTIFY" | "LEARN" | "IMPROVE";
const PHASES: readonly { phase: Phase; label: string }[] = [
  { phase: "IDENTIFY", label: "Identify" },
  { phase: "LEARN", label: "Learn" },
  { phase: "IMPROVE", label: "Improve" },
];

export function CaseloadSection({ schoolId, coachId }: { schoolId: string; coachId: string }) {
  const [result, reexecute] = useQuery({ query: CaseloadQuery, variables: { schoolId, coachId } });
  return (
    <Section title="My caseload">
      <QueryState result={result} retry={() => reexecute({ requestPolicy: "network-only" })} loadingLabel="Loading your caseload…">
        {(data) => {
          const assignments = data.coachingAssignments.edges.map((e) => e.node);
          if (assignments.length === 0) {
            return (
              <EmptyState title="No teachers are assigned to you as their coach.">
                <p>When a teacher is paired with you, they appear here with their coaching cycles.</p>
              </EmptyState>
            );
          }
          const open = assignments.filter((a) => a.openCycles.edges.length > 0).length;
          return (
            <>
              <p className="muted">
                {assignments.length} {assignments.length === 1 ? "coachee" : "coachees"}, {open} in an open coaching cycle. Greatest need first.
              </p>
              <div className="table-wrap" role="region" aria-label="Caseload table (scrolls sideways)" tabIndex={0}>
                <table className="table caseload-table">
                  <caption className="visually-hidden">Your coachees, their support tier and their current coaching cycle</caption>
                  <thead>
                    <tr>
                      <th scope="col">Teacher</th>
                      <th scope="col">Tier</th>
                      <th scope="col">Current cycle</th>
                    </tr>
                  </thead>
                  <tbody>
                    {assignments.map((assignment) => {
                      const cycle = assignment.openCycles.edges[0]?.node;
                      const completed = assignment.completedCycles.totalCount;
                      return (
                        <tr key={assignment.id}>
                          <th scope="row">
                            {assignment.teacher.name}
                            {assignment.focus ? <span className="assignment-focus">Focus: {assignment.focus}</span> : null}
                          </th>
                          <td>
                            <TierBadge tier={assignment.tier} />
                          </td>
                          <td>
                            {cycle ? (
                              <>
                                <PhaseSteps current={cycle.phase} />
                                <p className="cycle-goal">{cycle.goal}</p>
                                <p className="muted cycle-meta">Started {formatDateTime(cycle.startedAt)}</p>
                              </>
                            ) : (
                              <span className="muted">No open cycle</span>
                            )}
                            {completed > 0 ? (
                              <p className="muted cycle-meta">
                                {completed} completed {completed === 1 ? "cycle" : "cycles"}
                              </p>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryState>
    </Section>
  );
}

function PhaseSteps({ current }: { current: Phase }) {
  const at = PHASES.findIndex((p) => p.phase === current);
  return (
    <ol className="phase-steps" aria-label="Cycle phase">
      {PHASES.map((step, index) => (
        <li
          key={step.phase}
          className={index < at ? "phase-step phase-step--done" : index === at ? "phase-step phase-step--current" : "phase-step"}
          aria-current={index === at ? "step" : undefined}
        >
          {step.label}
          {index === at ? <span className="visually-hidden"> (current phase)</span> : null}
        </li>
      ))}
    </ol>
  );
}
