// Change a coaching pairing: its support tier, its focus, or its coach. A new coach takes the
// teacher over under the same assignment; the cycles the previous coach ran stay theirs (with the
// teacher), as when a pairing ends, so nobody inherits another coach's working notes.
import { ConflictError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { SupportTier } from "../generated/prisma/enums.ts";
import { loadManagedAssignment } from "../policies/coaching.ts";
import { ALREADY_ASSIGNED, assertCanCoach, isUniqueViolation } from "./assignCoach.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export type UpdateCoachingAssignment = { assignmentId: string; tier?: SupportTier | null; focus?: string | null; coachId?: string | null };

export async function updateCoachingAssignment(
  caller: Caller,
  input: UpdateCoachingAssignment,
  selection: Selection<Prisma.CoachingAssignmentSelect, Prisma.CoachingAssignmentInclude> = {},
) {
  const assignment = await loadManagedAssignment(caller, input.assignmentId);
  const newCoachId = input.coachId && input.coachId !== assignment.coachId ? input.coachId : null;
  if (newCoachId) {
    await assertCanCoach(caller.prisma, { schoolId: assignment.schoolId, coachId: newCoachId, teacherId: assignment.teacherId });
    const taken = await caller.prisma.coachingAssignment.findUnique({
      where: { schoolId_teacherId_coachId: { schoolId: assignment.schoolId, teacherId: assignment.teacherId, coachId: newCoachId } },
    });
    if (taken) throw new ConflictError(ALREADY_ASSIGNED);
  }
  const data = {
    ...(input.tier ? { tier: input.tier } : {}),
    ...(input.focus != null ? { focus: input.focus.trim() } : {}),
    ...(newCoachId ? { coachId: newCoachId } : {}),
  };
  try {
    return await runCommand(caller, async ({ tx }) => {
      if (newCoachId) await tx.coachingCycle.updateMany({ where: { assignmentId: assignment.id }, data: { assignmentId: null } });
      return tx.coachingAssignment.update({ ...selection, where: { id: assignment.id }, data });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(ALREADY_ASSIGNED);
    throw error;
  }
}
