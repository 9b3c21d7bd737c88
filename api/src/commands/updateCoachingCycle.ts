// Change a coaching cycle's goal or the notes its coach shares with the teacher.
import type { Prisma } from "../generated/prisma/client.ts";
import { loadEditableCycle } from "../policies/coaching.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function updateCoachingCycle(
  caller: Caller,
  input: { cycleId: string; goal?: string | null; sharedNotes?: string | null },
  selection: Selection<Prisma.CoachingCycleSelect, Prisma.CoachingCycleInclude> = {},
) {
  const cycle = await loadEditableCycle(caller, input.cycleId);
  return caller.prisma.coachingCycle.update({
    ...selection,
    where: { id: cycle.id },
    data: { ...(input.goal ? { goal: input.goal.trim() } : {}), ...(input.sharedNotes != null ? { sharedNotes: input.sharedNotes } : {}) },
  });
}
