// Change a coaching pairing's support tier or focus.
import type { Prisma } from "../generated/prisma/client.ts";
import type { SupportTier } from "../generated/prisma/enums.ts";
import { loadManagedAssignment } from "../policies/coaching.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function updateCoachingAssignment(
  caller: Caller,
  input: { assignmentId: string; tier?: SupportTier | null; focus?: string | null },
  selection: Selection<Prisma.CoachingAssignmentSelect, Prisma.CoachingAssignmentInclude> = {},
) {
  const assignment = await loadManagedAssignment(caller, input.assignmentId);
  return caller.prisma.coachingAssignment.update({
    ...selection,
    where: { id: assignment.id },
    data: { ...(input.tier ? { tier: input.tier } : {}), ...(input.focus != null ? { focus: input.focus.trim() } : {}) },
  });
}
