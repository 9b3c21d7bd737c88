// A coach starts a cycle with a teacher assigned to them. One open cycle per pair. With `assign`,
// a coach starting with a teacher who is not yet theirs (one flagged with no support network)
// pairs with them first, in the same transaction, at the given tier (assignCoach's rules).
import { COACHING_LIMITS } from "../domain/coaching.ts";
import { ConflictError, forbidden, ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { SupportTier } from "../generated/prisma/enums.ts";
import { assertInSchool, canManageAssignments, canStartCycle } from "../policies/coaching.ts";
import { assertCanCoach } from "./assignCoach.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export type StartCoachingCycle = {
  schoolId: string;
  teacherId: string;
  goal: string;
  lookFors?: readonly string[] | null;
  assign?: boolean | null;
  tier?: SupportTier | null;
};

export async function startCoachingCycle(
  caller: Caller,
  input: StartCoachingCycle,
  selection: Selection<Prisma.CoachingCycleSelect, Prisma.CoachingCycleInclude> = {},
) {
  const { schoolId, teacherId } = input;
  const coachId = assertInSchool(caller.actor, schoolId);
  if (!canStartCycle(caller.actor, schoolId, coachId)) throw forbidden("Only coaches start coaching cycles.");
  const lookFors = tidyLookFors(input.lookFors ?? []);
  return runCommand(caller, async ({ tx }) => {
    let assignment = await tx.coachingAssignment.findUnique({ where: { schoolId_teacherId_coachId: { schoolId, teacherId, coachId } } });
    if (!assignment && input.assign && canManageAssignments(caller.actor, schoolId)) {
      await assertCanCoach(tx, { schoolId, coachId, teacherId });
      assignment = await tx.coachingAssignment.create({ data: { schoolId, coachId, teacherId, tier: input.tier ?? "TARGETED" } });
    }
    if (!assignment) throw ValidationError.field("input.teacherId", "That teacher is not assigned to you. Assign them first.");
    const open = await tx.coachingCycle.count({ where: { schoolId, coachId, teacherId, completedAt: null } });
    if (open > 0) throw new ConflictError("You already have an open coaching cycle with that teacher.");
    return tx.coachingCycle.create({ ...selection, data: { schoolId, coachId, teacherId, assignmentId: assignment.id, goal: input.goal.trim(), lookFors } });
  });
}

/** Look-fors trimmed, blanks and repeats dropped, within the limits. */
export function tidyLookFors(lookFors: readonly string[]): string[] {
  const tidy = [...new Set(lookFors.map((l) => l.trim()).filter((l) => l.length > 0))];
  if (tidy.length > COACHING_LIMITS.lookFors) throw ValidationError.field("input.lookFors", `A cycle has at most ${COACHING_LIMITS.lookFors} look-fors.`);
  if (tidy.some((l) => l.length > COACHING_LIMITS.lookFor))
    throw ValidationError.field("input.lookFors", `Each look-for must be at most ${COACHING_LIMITS.lookFor} characters.`);
  return tidy;
}
