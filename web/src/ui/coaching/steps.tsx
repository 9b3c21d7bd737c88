// A coaching cycle's steps as coaching practice runs them, in the Impact Cycle's three stages, and
// the strip that shows where a cycle stands. The dashboard's caseload and the cycle page share it.
import "./coaching.css";

export type CoachingStep = "GOAL" | "PRE_CONFERENCE" | "OBSERVATION" | "REFLECTION" | "ACTION_STEP" | "CHECK_BACK";
export type CheckBack = "NONE" | "SCHEDULED" | "DUE_SOON" | "OVERDUE";

export const STEPS: readonly { step: CoachingStep; label: string; stage: string; what: string }[] = [
  { step: "GOAL", label: "Goal", stage: "Identify", what: "Agree on a goal that matters for the students." },
  { step: "PRE_CONFERENCE", label: "Pre-conference", stage: "Identify", what: "Plan the observation together: what to look for, and when." },
  { step: "OBSERVATION", label: "Observation", stage: "Learn", what: "The coach watches a lesson and notes what they see against the look-fors." },
  { step: "REFLECTION", label: "Reflective conversation", stage: "Learn", what: "Talk it through together: what went well, what to try next." },
  { step: "ACTION_STEP", label: "Action step", stage: "Improve", what: "Agree on small steps to try before the check-back." },
  { step: "CHECK_BACK", label: "Progress check-back", stage: "Improve", what: "Check in on the steps and on the goal." },
];

export const STEP_LABEL = Object.fromEntries(STEPS.map((s) => [s.step, s.label])) as Record<CoachingStep, string>;

export const CHECK_BACK_LABEL: Record<CheckBack, string> = {
  NONE: "No check-back set",
  SCHEDULED: "Scheduled",
  DUE_SOON: "Due soon",
  OVERDUE: "Overdue",
};

/** Where a cycle stands: every step, the done ones ticked, the current one marked. */
export function CycleSteps({ current, completed = false }: { current: CoachingStep; completed?: boolean }) {
  const at = completed ? STEPS.length : STEPS.findIndex((s) => s.step === current);
  return (
    <ol className="cycle-steps" aria-label="Cycle steps">
      {STEPS.map((step, index) => (
        <li
          key={step.step}
          className={index < at ? "cycle-step cycle-step--done" : index === at ? "cycle-step cycle-step--current" : "cycle-step"}
          aria-current={index === at ? "step" : undefined}
        >
          <span className="cycle-step__stage">{step.stage}</span>
          {step.label}
          {index < at ? <span className="visually-hidden"> (done)</span> : null}
          {index === at ? <span className="visually-hidden"> (current step)</span> : null}
        </li>
      ))}
    </ol>
  );
}
