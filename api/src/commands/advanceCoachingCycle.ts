// Move a coaching cycle forward: to a given phase, or to the next; advancing from the last completes it.
import { COACHING_PHASES } from "../domain/coaching.ts";
import { ConflictError, RuleViolationError } from "../domain/errors.ts";
import type { CoachingPhase } from "../generated/prisma/enums.ts";
import { loadEditableCycle } from "../policies/coaching.ts";
import type { Caller } from "./run-command.ts";

/** Returns the cycle's id. */
export async function advanceCoachingCycle(caller: Caller, input: { cycleId: string; to?: CoachingPhase | null }): Promise<string> {
  const cycle = await loadEditableCycle(caller, input.cycleId);
  if (cycle.completedAt) throw new RuleViolationError("This coaching cycle is already complete.", "INVALID_STATE");
  const current = COACHING_PHASES.indexOf(cycle.phase);
  if (input.to && COACHING_PHASES.indexOf(input.to) <= current)
    throw new RuleViolationError(`A cycle only moves forward; it is in ${cycle.phase}.`, "INVALID_STATE");
  const next = input.to ?? COACHING_PHASES[current + 1];
  const data = next ? { phase: next } : { completedAt: new Date() };
  // Guarded on the phase we read, so two coaches' tabs cannot both advance the same step.
  const { count } = await caller.prisma.coachingCycle.updateMany({ where: { id: cycle.id, phase: cycle.phase, completedAt: null }, data });
  if (count === 0) throw new ConflictError("The cycle changed meanwhile; reload and try again.");
  return cycle.id;
}
