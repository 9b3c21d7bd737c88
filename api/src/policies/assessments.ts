// PLC assessment data. Members see the rows (pseudonymous students); leadership sees only
// aggregates, with cells of fewer than SMALL_CELL students suppressed.
import { holdsScope, knownGroup, leadsSchool, type Actor } from "./actor.ts";
import { groupIdsWhere } from "./groups.ts";

export const SMALL_CELL = 10;

export type AssessmentAccess = {
  metadata: boolean;
  rows: boolean;
  aggregates: "none" | "full" | "suppressed";
  write: boolean;
};

const NONE: AssessmentAccess = { metadata: false, rows: false, aggregates: "none", write: false };

export function assessmentAccess(actor: Actor, groupId: string): AssessmentAccess {
  const group = knownGroup(actor, groupId);
  if (!group || group.kind !== "PLC" || !holdsScope(actor, "ASSESSMENTS_READ")) return NONE;
  if (group.membership) {
    return { metadata: true, rows: true, aggregates: "full", write: !group.archived && holdsScope(actor, "ASSESSMENTS_WRITE") };
  }
  if (leadsSchool(actor, group.schoolId)) return { metadata: true, rows: false, aggregates: "suppressed", write: false };
  return NONE;
}

export function readableAssessmentsWhere(actor: Actor) {
  return { groupId: { in: groupIdsWhere(actor, (_a, g) => assessmentAccess(actor, g.id).metadata) } };
}
