// A coach starts a cycle with a teacher assigned to them. One open cycle per pair.
import { ConflictError, forbidden, ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { assertInSchool, canStartCycle } from "../policies/coaching.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function startCoachingCycle(
  caller: Caller,
  input: { schoolId: string; teacherId: string; goal: string },
  selection: Selection<Prisma.CoachingCycleSelect, Prisma.CoachingCycleInclude> = {},
) {
  const { schoolId, teacherId } = input;
  const coachId = assertInSchool(caller.actor, schoolId);
  if (!canStartCycle(caller.actor, schoolId, coachId)) throw forbidden("Only coaches start coaching cycles.");
  const assignment = await caller.prisma.coachingAssignment.findUnique({ where: { schoolId_teacherId_coachId: { schoolId, teacherId, coachId } } });
  if (!assignment) throw ValidationError.field("input.teacherId", "That teacher is not assigned to you. Assign them first.");
  const open = await caller.prisma.coachingCycle.count({ where: { schoolId, coachId, teacherId, completedAt: null } });
  if (open > 0) throw new ConflictError("You already have an open coaching cycle with that teacher.");
  return caller.prisma.coachingCycle.create({ ...selection, data: { schoolId, coachId, teacherId, assignmentId: assignment.id, goal: input.goal.trim() } });
}
