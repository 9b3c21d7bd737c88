// A private note on a coaching cycle: only its coach will ever read it.
import type { Prisma } from "../generated/prisma/client.ts";
import { loadEditableCycle } from "../policies/coaching.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export async function addCoachingNote(
  caller: Caller,
  input: { cycleId: string; body: string },
  selection: Selection<Prisma.CoachingNoteSelect, Prisma.CoachingNoteInclude> = {},
) {
  const cycle = await loadEditableCycle(caller, input.cycleId);
  return runCommand(caller, ({ tx }) => tx.coachingNote.create({ ...selection, data: { cycleId: cycle.id, coachId: cycle.coachId, body: input.body.trim() } }));
}
