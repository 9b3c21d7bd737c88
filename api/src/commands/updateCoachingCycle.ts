// Change a coaching cycle's goal, look-fors, next check-back date or the notes its coach shares
// with the teacher.
import type { Prisma } from "../generated/prisma/client.ts";
import { loadEditableCycle } from "../policies/coaching.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";
import { tidyLookFors } from "./startCoachingCycle.ts";

export type UpdateCoachingCycle = {
  cycleId: string;
  goal?: string | null;
  sharedNotes?: string | null;
  lookFors?: readonly string[] | null;
  /** undefined: unchanged; null: cleared. */
  nextCheckBackOn?: Date | null;
};

export async function updateCoachingCycle(
  caller: Caller,
  input: UpdateCoachingCycle,
  selection: Selection<Prisma.CoachingCycleSelect, Prisma.CoachingCycleInclude> = {},
) {
  const cycle = await loadEditableCycle(caller, input.cycleId);
  const lookFors = input.lookFors ? tidyLookFors(input.lookFors) : null;
  return runCommand(caller, ({ tx }) =>
    tx.coachingCycle.update({
      ...selection,
      where: { id: cycle.id },
      data: {
        ...(input.goal ? { goal: input.goal.trim() } : {}),
        ...(input.sharedNotes != null ? { sharedNotes: input.sharedNotes } : {}),
        ...(lookFors ? { lookFors } : {}),
        ...(input.nextCheckBackOn !== undefined ? { nextCheckBackOn: input.nextCheckBackOn } : {}),
      },
    }),
  );
}
