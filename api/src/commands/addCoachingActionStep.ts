// The coach and teacher agree an action step; the coach writes it on the cycle. Contact with the teacher.
import { RuleViolationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { loadEditableCycle } from "../policies/coaching.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export async function addCoachingActionStep(
  caller: Caller,
  input: { cycleId: string; text: string },
  selection: Selection<Prisma.CoachingActionStepSelect, Prisma.CoachingActionStepInclude> = {},
) {
  const cycle = await loadEditableCycle(caller, input.cycleId);
  if (cycle.completedAt) throw new RuleViolationError("This coaching cycle is complete; start a new one for new action steps.", "INVALID_STATE");
  return runCommand(caller, async ({ tx }) => {
    await tx.coachingCycle.update({ where: { id: cycle.id }, data: { lastContactAt: new Date() } });
    return tx.coachingActionStep.create({ ...selection, data: { cycleId: cycle.id, text: input.text.trim() } });
  });
}
