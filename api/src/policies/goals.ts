// SMART goals belong to a teacher, a group or the school.
// A teacher's goal is theirs (and their coach's to read, in a school where the coach leads);
// a group goal is group content; a school goal is read by all staff and steered by leaders.
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
      // Coaching assignments carry no school on the actor, so the school check keeps a coach
      // from reading a coachee's goals in a school where the coach is only a colleague.
      return goal.ownerUserId && actor.coachees.has(goal.ownerUserId) && leadsSchool(actor, goal.schoolId) ? "read" : "none";
    case "SCHOOL":
      return leadsSchool(actor, goal.schoolId) && mayWrite ? "write" : "read";
  }
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
      { ownerKind: "TEACHER" as const, ownerUserId: { in: [...actor.coachees] }, schoolId: { in: ledSchools } },
      { ownerKind: "SCHOOL" as const },
    ],
  };
}
