// Set a goal: a teacher's own, a group's (write access to the group) or the school's (coaches and admins).
import { forbidden, NotFoundError, ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { GoalOwnerKind, GoalStatus, GoalVisibility } from "../generated/prisma/enums.ts";
import { assertMayWriteGoal, personalGoalSharedGroup, type GoalFacts } from "../policies/goals.ts";
import { loadKnownGroup } from "../policies/groups.ts";
import type { Caller, Selection } from "./run-command.ts";

export type CreateGoal = {
  schoolId: string;
  ownerKind: GoalOwnerKind;
  groupId?: string | null;
  title: string;
  metric: string;
  baseline: number;
  target: number;
  dueDate: Date;
  status?: GoalStatus | null;
  visibility?: GoalVisibility | null;
  sharedWithGroupId?: string | null;
};

export async function createGoal(caller: Caller, input: CreateGoal, selection: Selection<Prisma.GoalSelect, Prisma.GoalInclude> = {}) {
  const actor = caller.actor;
  if (actor.kind !== "user") throw forbidden();
  const schoolId = input.schoolId;
  if (!actor.schools.has(schoolId)) throw new NotFoundError("That school");
  let groupId: string | null = null;
  if (input.ownerKind === "GROUP" && input.groupId) {
    const group = await loadKnownGroup(caller, input.groupId);
    if (group.schoolId !== schoolId) throw ValidationError.field("input.groupId", "That group belongs to another school.");
    groupId = group.id;
  }
  const facts: GoalFacts = {
    schoolId,
    ownerKind: input.ownerKind,
    ownerUserId: input.ownerKind === "TEACHER" ? actor.userId : null,
    groupId,
    // The most private choice unless the teacher says otherwise.
    visibility: input.visibility ?? "ONLY_ME",
    sharedWithGroupId: null,
  };
  assertMayWriteGoal(actor, facts);
  facts.sharedWithGroupId = personalGoalSharedGroup(actor, schoolId, input.sharedWithGroupId);
  return caller.prisma.goal.create({
    ...selection,
    data: {
      ...facts,
      createdById: actor.userId,
      title: input.title.trim(),
      metric: input.metric.trim(),
      baseline: input.baseline,
      target: input.target,
      dueDate: input.dueDate,
      ...(input.status ? { status: input.status } : {}),
    },
  });
}
