// SMART goals belong to a teacher, a group or the school.
import type { GoalOwnerKind } from "../generated/prisma/enums.ts";
import { holdsScope, leadsSchool, type Actor } from "./actor.ts";
import { groupAccess, groupIdsWhere } from "./groups.ts";

export type GoalFacts = { schoolId: string; ownerKind: GoalOwnerKind; ownerUserId: string | null; groupId: string | null };

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
      return goal.ownerUserId && actor.coachees.has(goal.ownerUserId) ? "read" : "none";
    case "SCHOOL":
      return leadsSchool(actor, goal.schoolId) && mayWrite ? "write" : "read";
  }
}

export function readableGoalsWhere(actor: Actor) {
  if (actor.kind !== "user" || !holdsScope(actor, "GOALS_READ")) return { id: { in: [] as string[] } };
  const schools = [...actor.schools.keys()];
  return {
    schoolId: { in: schools },
    OR: [
      { ownerKind: "GROUP" as const, groupId: { in: groupIdsWhere(actor, (a) => a.readContent) } },
      { ownerKind: "TEACHER" as const, ownerUserId: { in: [actor.userId, ...actor.coachees] } },
      { ownerKind: "SCHOOL" as const },
    ],
  };
}
