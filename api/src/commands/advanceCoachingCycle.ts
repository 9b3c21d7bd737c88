// Move a coaching cycle through its steps: to the next step; to a stage (`to`, forward only, at
// its first step); or to any step (`step`, back too: a second observation, a goal rewritten).
// Finishing the last step completes the cycle. Either way is contact with the teacher.
import { COACHING_PHASES, COACHING_STEPS, firstStepOf, PHASE_OF_STEP } from "../domain/coaching.ts";
import { ConflictError, RuleViolationError } from "../domain/errors.ts";
import type { CoachingPhase, CoachingStep } from "../generated/prisma/enums.ts";
import { loadEditableCycle } from "../policies/coaching.ts";
import { runCommand, type Caller } from "./run-command.ts";

/** Returns the cycle's id. */
export async function advanceCoachingCycle(caller: Caller, input: { cycleId: string; to?: CoachingPhase | null; step?: CoachingStep | null }): Promise<string> {
  const cycle = await loadEditableCycle(caller, input.cycleId);
  if (cycle.completedAt) throw new RuleViolationError("This coaching cycle is already complete.", "INVALID_STATE");
  if (input.to && COACHING_PHASES.indexOf(input.to) <= COACHING_PHASES.indexOf(cycle.phase))
    throw new RuleViolationError(`A cycle only moves forward to a stage; it is in ${cycle.phase}.`, "INVALID_STATE");
  if (input.step && input.step === cycle.step) throw new RuleViolationError(`The cycle is already at ${cycle.step}.`, "INVALID_STATE");
  const next = input.step ?? (input.to ? firstStepOf(input.to) : COACHING_STEPS[COACHING_STEPS.indexOf(cycle.step) + 1]);
  const now = new Date();
  const data = next ? { step: next, phase: PHASE_OF_STEP[next], lastContactAt: now } : { completedAt: now, lastContactAt: now };
  return runCommand(caller, async ({ tx }) => {
    // Guarded on the step we read, so two of the coach's tabs cannot both move the same step.
    const { count } = await tx.coachingCycle.updateMany({ where: { id: cycle.id, step: cycle.step, completedAt: null }, data });
    if (count === 0) throw new ConflictError("The cycle changed meanwhile; reload and try again.");
    return cycle.id;
  });
}
