// Coaching: assignments are visible to the pair and to the school's leaders (so coaches can see
// every teacher's support network); a cycle only to its coach and teacher; a note only to its coach.
import { holdsScope, leadsSchool, type Actor } from "./actor.ts";

export type AssignmentFacts = { schoolId: string; coachId: string; teacherId: string };
export type CycleFacts = { schoolId: string; coachId: string; teacherId: string };
export type NoteFacts = { coachId: string; cycle: CycleFacts };

function inSchool(actor: Actor, schoolId: string) {
  return actor.kind === "user" && actor.schools.has(schoolId);
}

export function assignmentAccess(actor: Actor, a: AssignmentFacts): "none" | "read" | "write" {
  if (actor.kind !== "user" || !inSchool(actor, a.schoolId) || !holdsScope(actor, "COACHING_READ")) return "none";
  if (leadsSchool(actor, a.schoolId)) return holdsScope(actor, "COACHING_WRITE") ? "write" : "read";
  return actor.userId === a.teacherId || actor.userId === a.coachId ? "read" : "none";
}

export function canManageAssignments(actor: Actor, schoolId: string): boolean {
  return leadsSchool(actor, schoolId) && holdsScope(actor, "COACHING_WRITE");
}

export function readableAssignmentsWhere(actor: Actor) {
  if (actor.kind !== "user" || !holdsScope(actor, "COACHING_READ")) return { id: { in: [] as string[] } };
  const led = [...actor.schools].filter(([, role]) => role !== "TEACHER").map(([id]) => id);
  return {
    schoolId: { in: [...actor.schools.keys()] },
    OR: [{ schoolId: { in: led } }, { teacherId: actor.userId }, { coachId: actor.userId }],
  };
}

export function cycleAccess(actor: Actor, c: CycleFacts): "none" | "read" | "write" {
  if (actor.kind !== "user" || !inSchool(actor, c.schoolId) || !holdsScope(actor, "COACHING_READ")) return "none";
  if (actor.userId === c.coachId) return holdsScope(actor, "COACHING_WRITE") ? "write" : "read";
  return actor.userId === c.teacherId ? "read" : "none";
}

export function readableCyclesWhere(actor: Actor) {
  if (actor.kind !== "user" || !holdsScope(actor, "COACHING_READ")) return { id: { in: [] as string[] } };
  return {
    schoolId: { in: [...actor.schools.keys()] },
    OR: [{ coachId: actor.userId }, { teacherId: actor.userId }],
  };
}

/** Coaching notes are the coach's own working notes: nobody else, not even an admin, reads them. */
export function canReadCoachingNote(actor: Actor, note: NoteFacts): boolean {
  return cycleAccess(actor, note.cycle) !== "none" && actor.kind === "user" && note.coachId === actor.userId;
}

export function canStartCycle(actor: Actor, schoolId: string, coachId: string): boolean {
  return actor.kind === "user" && actor.userId === coachId && leadsSchool(actor, schoolId) && holdsScope(actor, "COACHING_WRITE");
}
