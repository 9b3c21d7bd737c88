// SMART goals belong to a teacher, a group or the school.
// A teacher's goal is theirs, and the teacher chooses who else sees it, goal by goal: nobody
// (ONLY_ME, the default), their coach (MY_COACH: a coach assigned to them, in a school where that
// coach leads), or the members of one of their groups (MY_GROUP). Only the teacher changes it.
// A group goal is group content; a school goal is read by all staff and steered by leaders.
import { forbidden, NotFoundError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import type { GoalOwnerKind, GoalVisibility } from "../generated/prisma/enums.ts";
import { holdsScope, knownGroup, leadsSchool, type Actor, type Reader } from "./actor.ts";
import { groupAccess, groupIdsWhere } from "./groups.ts";

export type GoalFacts = {
  schoolId: string;
  ownerKind: GoalOwnerKind;
  ownerUserId: string | null;
  groupId: string | null;
  visibility: GoalVisibility;
  sharedWithGroupId: string | null;
};

/** The columns `goalAccess` decides on, for a nested select. */
export const GOAL_FACTS_SELECT = { schoolId: true, ownerKind: true, ownerUserId: true, groupId: true, visibility: true, sharedWithGroupId: true } as const;

export function goalAccess(actor: Actor, goal: GoalFacts): "none" | "read" | "write" {
  if (actor.kind !== "user" || !holdsScope(actor, "GOALS_READ") || !actor.schools.has(goal.schoolId)) return "none";
  const mayWrite = holdsScope(actor, "GOALS_WRITE");
  switch (goal.ownerKind) {
    case "GROUP": {
      const access = goal.groupId ? groupAccess(actor, goal.groupId) : null;
      if (!access?.readContent) return "none";
      return access.writeContent && mayWrite ? "write" : "read";
    }
    case "TEACHER":
      if (goal.ownerUserId === actor.userId) return mayWrite ? "write" : "read";
      return teacherGoalSharedWith(actor, goal) ? "read" : "none";
    case "SCHOOL":
      return leadsSchool(actor, goal.schoolId) && mayWrite ? "write" : "read";
  }
}

function teacherGoalSharedWith(actor: Actor & { kind: "user" }, goal: GoalFacts): boolean {
  switch (goal.visibility) {
    case "ONLY_ME":
      return false;
    case "MY_COACH":
      // Coaching assignments carry no school on the actor, so the school check keeps a coach
      // from reading a coachee's goals in a school where the coach is only a colleague.
      return !!goal.ownerUserId && actor.coachees.has(goal.ownerUserId) && leadsSchool(actor, goal.schoolId);
    case "MY_GROUP":
      // Membership, not content access: a PLC's leaders read its content, but a goal shared
      // with "my group" is for the people in it.
      return !!goal.sharedWithGroupId && !!knownGroup(actor, goal.sharedWithGroupId)?.membership;
  }
}

/**
 * The groups a teacher may share a goal of theirs with: groups of the goal's school they are a
 * member of. Sharing with a group also tells its members the goal exists, so it has to be theirs.
 */
export function maySharePersonalGoalWith(actor: Actor, schoolId: string, groupId: string): boolean {
  const group = knownGroup(actor, groupId);
  return !!group?.membership && group.schoolId === schoolId;
}

/** Prisma filter matching exactly the goals `goalAccess` lets the actor read. */
export function readableGoalsWhere(actor: Actor) {
  if (actor.kind !== "user" || !holdsScope(actor, "GOALS_READ")) return { id: { in: [] as string[] } };
  const schools = [...actor.schools.keys()];
  const ledSchools = schools.filter((id) => leadsSchool(actor, id));
  return {
    schoolId: { in: schools },
    OR: [
      { ownerKind: "GROUP" as const, groupId: { in: groupIdsWhere(actor, (a) => a.readContent) } },
      { ownerKind: "TEACHER" as const, ownerUserId: actor.userId },
      { ownerKind: "TEACHER" as const, visibility: "MY_COACH" as const, ownerUserId: { in: [...actor.coachees] }, schoolId: { in: ledSchools } },
      { ownerKind: "TEACHER" as const, visibility: "MY_GROUP" as const, sharedWithGroupId: { in: groupIdsWhere(actor, (_a, g) => g.membership !== null) } },
      { ownerKind: "SCHOOL" as const },
    ],
  };
}

/** Policy first; an archived group is named as the reason only to someone who could otherwise write. */
export function assertMayWriteGoal(actor: Actor, facts: GoalFacts) {
  const access = goalAccess(actor, facts);
  if (access === "write") return;
  const group = facts.groupId ? knownGroup(actor, facts.groupId) : null;
  if (access === "read" && group?.archived && holdsScope(actor, "GOALS_WRITE") && holdsScope(actor, "CONTENT_WRITE")) {
    throw new RuleViolationError("This group is archived.", "ARCHIVED");
  }
  throw forbidden("Only the goal's owners can change it.");
}

/** A goal the actor may change; one they cannot read is NOT_FOUND, one they can only read FORBIDDEN. */
export async function loadWritableGoal({ prisma, actor }: Reader, goalId: string) {
  const goal = await prisma.goal.findUnique({ where: { id: goalId } });
  const access = goal ? goalAccess(actor, goal) : "none";
  if (!goal || access === "none") throw new NotFoundError("That goal");
  assertMayWriteGoal(actor, goal);
  return goal;
}

/** The group a teacher's goal is shared with, checked against the teacher's own groups. */
export function personalGoalSharedGroup(actor: Actor, schoolId: string, sharedWithGroupId: string | null | undefined): string | null {
  if (!sharedWithGroupId) return null;
  if (!maySharePersonalGoalWith(actor, schoolId, sharedWithGroupId)) {
    throw ValidationError.field("input.sharedWithGroupId", "must be one of your own groups in the goal's school.");
  }
  return sharedWithGroupId;
}
