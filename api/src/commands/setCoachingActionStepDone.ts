// Tick an action step done (or open it again): the cycle's teacher, or its coach.
import type { Prisma } from "../generated/prisma/client.ts";
import { loadTickableActionStep } from "../policies/coaching.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export async function setCoachingActionStepDone(
  caller: Caller,
  input: { actionStepId: string; done: boolean },
  selection: Selection<Prisma.CoachingActionStepSelect, Prisma.CoachingActionStepInclude> = {},
) {
  const step = await loadTickableActionStep(caller, input.actionStepId);
  // Ticking again keeps the first time it was done.
  const doneAt = input.done ? (step.doneAt ?? new Date()) : null;
  return runCommand(caller, ({ tx }) => tx.coachingActionStep.update({ ...selection, where: { id: step.id }, data: { doneAt } }));
}
