// /coaching — the cycles you are coached in (the step, the next check-back, your open action
// steps), and for a coach the cycles they run. Each opens the cycle page.
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { paths } from "../../app/paths.ts";
import { CHECK_BACK_LABEL, STEP_LABEL } from "../../ui/coaching/steps.tsx";
import { formatDay } from "../../ui/format.ts";
import { Badge, PageHeader, Section, useDocumentTitle } from "../../ui/layout.tsx";
import { EmptyState, QueryState } from "../../ui/states.tsx";
import { MyCoachingQuery } from "./queries.ts";
import "./coaching.css";

export function MyCoachingPage() {
  const [result, reexecute] = useQuery({ query: MyCoachingQuery, variables: {} });
  useDocumentTitle("My coaching");
  return (
    <>
      <PageHeader title="My coaching" subtitle="Your coaching cycles: the goal, where it stands, and your action steps." />
      <QueryState result={result} retry={() => reexecute({ requestPolicy: "network-only" })} loadingLabel="Loading your coaching…">
        {(data) => {
          const mine = data.asTeacher.edges.map((e) => e.node);
          const coaching = data.asCoach.edges.map((e) => e.node);
          return (
            <div className="cycle-page">
              <Section title="Cycles you are coached in">
                {mine.length === 0 ? (
                  <EmptyState title="You are not in a coaching cycle.">
                    <p>
                      When a coach starts a cycle with you, its goal, observations and your action steps appear here. To ask for coaching, talk to your school's
                      coach.
                    </p>
                  </EmptyState>
                ) : (
                  <ul className="cycle-list">
                    {mine.map((cycle) => (
                      <li key={cycle.id}>
                        <p className="cycle-list__body">
                          <Link to={paths.coachingCycle(cycle.id)}>{cycle.goal}</Link>
                        </p>
                        <p className="muted cycle-list__meta">
                          With {cycle.coach.name} · {cycle.completedAt ? "completed" : STEP_LABEL[cycle.step]}
                          {cycle.completedAt ? null : ` · ${cycle.openSteps.totalCount} open action ${cycle.openSteps.totalCount === 1 ? "step" : "steps"}`}
                        </p>
                        {!cycle.completedAt && cycle.nextCheckBackOn ? (
                          <p className="cycle-list__meta">
                            Next check-back {formatDay(cycle.nextCheckBackOn)}{" "}
                            {cycle.checkBack === "NONE" ? null : (
                              <Badge tone={cycle.checkBack === "OVERDUE" ? "danger" : cycle.checkBack === "DUE_SOON" ? "warn" : "neutral"}>
                                {CHECK_BACK_LABEL[cycle.checkBack]}
                              </Badge>
                            )}
                          </p>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
              {coaching.length > 0 ? (
                <Section title="Cycles you coach">
                  <ul className="cycle-list">
                    {coaching.map((cycle) => (
                      <li key={cycle.id}>
                        <p className="cycle-list__body">
                          <Link to={paths.coachingCycle(cycle.id)}>{cycle.teacher.name}</Link>: {cycle.goal}
                        </p>
                        <p className="muted cycle-list__meta">{STEP_LABEL[cycle.step]}</p>
                      </li>
                    ))}
                  </ul>
                </Section>
              ) : null}
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
