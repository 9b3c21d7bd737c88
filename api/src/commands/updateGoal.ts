// Change a goal: its words, numbers, due date, status, and (for a teacher's own) who sees it.
import { ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { GoalStatus, GoalVisibility } from "../generated/prisma/enums.ts";
import { loadWritableGoal, personalGoalSharedGroup } from "../policies/goals.ts";
import type { Caller, Selection } from "./run-command.ts";

/** Absent fields stay as they are. */
export type UpdateGoal = {
  goalId: string;
  title?: string | null;
  metric?: string | null;
  baseline?: number | null;
  target?: number | null;
  dueDate?: Date | null;
  status?: GoalStatus | null;
  visibility?: GoalVisibility | null;
  sharedWithGroupId?: string | null;
};

export async function updateGoal(caller: Caller, input: UpdateGoal, selection: Selection<Prisma.GoalSelect, Prisma.GoalInclude> = {}) {
  const goal = await loadWritableGoal(caller, input.goalId);
  const baseline = input.baseline ?? goal.baseline;
  const target = input.target ?? goal.target;
  if (baseline === target) throw ValidationError.field("input.target", "must differ from the baseline");
  if (input.visibility && goal.ownerKind !== "TEACHER") {
    throw ValidationError.field("input.visibility", "is only for your own goals: a group or school goal is seen by its group or school.");
  }
  const sharing = input.visibility
    ? { visibility: input.visibility, sharedWithGroupId: personalGoalSharedGroup(caller.actor, goal.schoolId, input.sharedWithGroupId) }
    : {};
  return caller.prisma.goal.update({
    ...selection,
    where: { id: goal.id },
    data: {
      ...(input.title ? { title: input.title.trim() } : {}),
      ...(input.metric ? { metric: input.metric.trim() } : {}),
      baseline,
      target,
      ...(input.dueDate ? { dueDate: input.dueDate } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...sharing,
    },
  });
}
