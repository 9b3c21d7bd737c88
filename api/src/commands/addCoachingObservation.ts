// The coach records what they saw against one of the cycle's look-fors (or none). The teacher
// reads it only when it is marked for them. Observing is contact with the teacher.
import { RuleViolationError, ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { loadEditableCycle } from "../policies/coaching.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export async function addCoachingObservation(
  caller: Caller,
  input: { cycleId: string; lookFor?: string | null; body: string; forTeacher?: boolean | null },
  selection: Selection<Prisma.CoachingObservationSelect, Prisma.CoachingObservationInclude> = {},
) {
  const cycle = await loadEditableCycle(caller, input.cycleId);
  if (cycle.completedAt) throw new RuleViolationError("This coaching cycle is complete; start a new one to observe again.", "INVALID_STATE");
  const lookFor = input.lookFor?.trim() ?? "";
  if (lookFor && !cycle.lookFors.includes(lookFor)) throw ValidationError.field("input.lookFor", "Choose one of the cycle's look-fors.");
  return runCommand(caller, async ({ tx }) => {
    await tx.coachingCycle.update({ where: { id: cycle.id }, data: { lastContactAt: new Date() } });
    return tx.coachingObservation.create({
      ...selection,
      data: { cycleId: cycle.id, lookFor, body: input.body.trim(), forTeacher: input.forTeacher ?? false },
    });
  });
}
