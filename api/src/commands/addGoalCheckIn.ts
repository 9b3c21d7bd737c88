// Record where a goal's metric stands now; optionally restate its status in the same step.
import type { Prisma } from "../generated/prisma/client.ts";
import type { GoalStatus } from "../generated/prisma/enums.ts";
import { requireActingUser } from "../policies/actor.ts";
import { loadWritableGoal } from "../policies/goals.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export async function addGoalCheckIn(
  caller: Caller,
  input: { goalId: string; value: number; note?: string | null; status?: GoalStatus | null },
  selection: Selection<Prisma.GoalCheckInSelect, Prisma.GoalCheckInInclude> = {},
) {
  const goal = await loadWritableGoal(caller, input.goalId);
  const authorId = requireActingUser(caller.actor);
  // Status first, so a client reading the goal through the new check-in sees it.
  return runCommand(caller, async ({ tx }) => {
    if (input.status) await tx.goal.update({ where: { id: goal.id }, data: { status: input.status }, select: { id: true } });
    return tx.goalCheckIn.create({ ...selection, data: { goalId: goal.id, authorId, value: input.value, note: input.note?.trim() ?? "" } });
  });
}
