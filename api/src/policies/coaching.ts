// Coaching: assignments are visible to the pair and to the school's leaders (so coaches can see
// every teacher's support network); a cycle only to its coach and teacher; a note only to its coach.
import { forbidden, NotFoundError } from "../domain/errors.ts";
import { holdsScope, leadsSchool, type Actor, type Reader } from "./actor.ts";

export type AssignmentFacts = { schoolId: string; coachId: string; teacherId: string };
export type CycleFacts = { schoolId: string; coachId: string; teacherId: string };
export type NoteFacts = { coachId: string; cycle: CycleFacts };

const NOTHING = { id: { in: [] as string[] } };

function inSchool(actor: Actor, schoolId: string) {
  return actor.kind === "user" && actor.schools.has(schoolId);
}

export function assignmentAccess(actor: Actor, a: AssignmentFacts): "none" | "read" | "write" {
  if (actor.kind !== "user" || !inSchool(actor, a.schoolId) || !holdsScope(actor, "COACHING_READ")) return "none";
  if (leadsSchool(actor, a.schoolId)) return holdsScope(actor, "COACHING_WRITE") ? "write" : "read";
  return actor.userId === a.teacherId || actor.userId === a.coachId ? "read" : "none";
}

/** Managing needs read as well as write: the caller gets the assignment back. */
export function canManageAssignments(actor: Actor, schoolId: string): boolean {
  return leadsSchool(actor, schoolId) && holdsScope(actor, "COACHING_WRITE") && holdsScope(actor, "COACHING_READ");
}

/** Every teacher's support network (groups by name and kind, assignments, tier): leaders only. */
export function canSeeSupportNetwork(actor: Actor, schoolId: string): boolean {
  return leadsSchool(actor, schoolId) && holdsScope(actor, "COACHING_READ");
}

export function readableAssignmentsWhere(actor: Actor) {
  if (actor.kind !== "user" || !holdsScope(actor, "COACHING_READ")) return NOTHING;
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
  if (actor.kind !== "user" || !holdsScope(actor, "COACHING_READ")) return NOTHING;
  return {
    schoolId: { in: [...actor.schools.keys()] },
    OR: [{ coachId: actor.userId }, { teacherId: actor.userId }],
  };
}

/** Coaching notes are the coach's own working notes: nobody else, not even an admin, reads them. */
export function canReadCoachingNote(actor: Actor, note: NoteFacts): boolean {
  return cycleAccess(actor, note.cycle) !== "none" && actor.kind === "user" && note.coachId === actor.userId;
}

/** Prisma filter matching exactly the notes `canReadCoachingNote` allows. */
export function readableNotesWhere(actor: Actor) {
  if (actor.kind !== "user" || !holdsScope(actor, "COACHING_READ")) return NOTHING;
  return { coachId: actor.userId, cycle: { coachId: actor.userId, schoolId: { in: [...actor.schools.keys()] } } };
}

export function canStartCycle(actor: Actor, schoolId: string, coachId: string): boolean {
  return (
    actor.kind === "user" &&
    actor.userId === coachId &&
    leadsSchool(actor, schoolId) &&
    holdsScope(actor, "COACHING_WRITE") &&
    holdsScope(actor, "COACHING_READ")
  );
}

/** Only the cycle's coach moves it on, edits its goal and shared notes, and writes notes on it. */
export function canEditCycle(actor: Actor, c: CycleFacts): boolean {
  return cycleAccess(actor, c) === "write";
}

/** The actor's user id, when they are on the school's staff; a stranger learns nothing about the school. */
export function assertInSchool(actor: Actor, schoolId: string): string {
  if (actor.kind !== "user" || !actor.schools.has(schoolId)) throw new NotFoundError("That school");
  return actor.userId;
}

/** An assignment the actor may change; one they cannot see is NOT_FOUND. */
export async function loadManagedAssignment({ prisma, actor }: Reader, assignmentId: string) {
  const assignment = await prisma.coachingAssignment.findUnique({ where: { id: assignmentId } });
  const access = assignment ? assignmentAccess(actor, assignment) : "none";
  if (!assignment || access === "none") throw new NotFoundError("That coaching assignment");
  if (access !== "write") throw forbidden("Only the school's coaches and admins change coaching assignments.");
  return assignment;
}

/** A cycle its coach may edit; one the actor cannot see is NOT_FOUND. */
export async function loadEditableCycle({ prisma, actor }: Reader, cycleId: string) {
  const cycle = await prisma.coachingCycle.findUnique({ where: { id: cycleId } });
  if (!cycle || cycleAccess(actor, cycle) === "none") throw new NotFoundError("That coaching cycle");
  if (!canEditCycle(actor, cycle)) throw forbidden("Only the cycle's coach can do this.");
  return cycle;
}

export type ObservationFacts = { forTeacher: boolean; cycle: CycleFacts };

/** An observation: its cycle's coach always; its teacher only when the coach marked it for them. */
export function canReadObservation(actor: Actor, observation: ObservationFacts): boolean {
  const access = cycleAccess(actor, observation.cycle);
  if (access === "none" || actor.kind !== "user") return false;
  return actor.userId === observation.cycle.coachId || observation.forTeacher;
}

/** Prisma filter matching exactly the observations `canReadObservation` allows. */
export function readableObservationsWhere(actor: Actor) {
  if (actor.kind !== "user" || !holdsScope(actor, "COACHING_READ")) return NOTHING;
  return {
    cycle: readableCyclesWhere(actor),
    OR: [{ cycle: { coachId: actor.userId } }, { forTeacher: true }],
  };
}

/** A cycle's action steps: read by the pair, like the cycle. */
export function readableActionStepsWhere(actor: Actor) {
  return { cycle: readableCyclesWhere(actor) };
}

/** The coach sets steps; the coach or the teacher ticks them (the teacher's own steps). */
export function canTickActionStep(actor: Actor, c: CycleFacts): boolean {
  if (cycleAccess(actor, c) === "none" || !holdsScope(actor, "COACHING_WRITE")) return false;
  return actor.userId === c.coachId || actor.userId === c.teacherId;
}

/** An action step the actor may tick; one they cannot see is NOT_FOUND. */
export async function loadTickableActionStep({ prisma, actor }: Reader, actionStepId: string) {
  const step = await prisma.coachingActionStep.findUnique({ where: { id: actionStepId }, include: { cycle: true } });
  if (!step || cycleAccess(actor, step.cycle) === "none") throw new NotFoundError("That action step");
  if (!canTickActionStep(actor, step.cycle)) throw forbidden("Only the cycle's coach and teacher tick its action steps.");
  return step;
}
