// A coaching cycle moves through its steps as coaching practice runs them (goal → pre-conference →
// observation → reflective conversation → action step → progress check-back); each step belongs
// to one of the Impact Cycle's stages (Identify, Learn, Improve). Finishing the last completes it.
import type { CoachingPhase, CoachingStep } from "../generated/prisma/enums.ts";

export const COACHING_PHASES: readonly CoachingPhase[] = ["IDENTIFY", "LEARN", "IMPROVE"];

export const COACHING_STEPS: readonly CoachingStep[] = ["GOAL", "PRE_CONFERENCE", "OBSERVATION", "REFLECTION", "ACTION_STEP", "CHECK_BACK"];

/** The stage each step belongs to. */
export const PHASE_OF_STEP: Record<CoachingStep, CoachingPhase> = {
  GOAL: "IDENTIFY",
  PRE_CONFERENCE: "IDENTIFY",
  OBSERVATION: "LEARN",
  REFLECTION: "LEARN",
  ACTION_STEP: "IMPROVE",
  CHECK_BACK: "IMPROVE",
};

/** A stage's first step: where a cycle moved to a stage starts. */
export function firstStepOf(phase: CoachingPhase): CoachingStep {
  return COACHING_STEPS.find((step) => PHASE_OF_STEP[step] === phase)!;
}

/** A check-back this many days away or fewer (today included) is due soon. */
export const CHECK_BACK_DUE_SOON_DAYS = 3;

export const COACHING_LIMITS = { lookFors: 12, lookFor: 200, observation: 10_000, actionStep: 500 } as const;
