// End a coaching pairing. Its cycles stay with the coach and the teacher.
import { loadManagedAssignment } from "../policies/coaching.ts";
import type { Caller } from "./run-command.ts";

export async function endCoachingAssignment(caller: Caller, assignmentId: string): Promise<void> {
  const assignment = await loadManagedAssignment(caller, assignmentId);
  await caller.prisma.coachingAssignment.delete({ where: { id: assignment.id } });
}
