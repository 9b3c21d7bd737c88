// Schools are tenants. Staff of a school see its staff list; only its admins change it.
import { holdsScope, schoolRole, type Actor } from "./actor.ts";

export function canReadSchool(actor: Actor, schoolId: string): boolean {
  return schoolRole(actor, schoolId) !== null && holdsScope(actor, "SCHOOL_READ");
}

export function canManageSchoolMembers(actor: Actor, schoolId: string): boolean {
  return schoolRole(actor, schoolId) === "ADMIN" && holdsScope(actor, "SCHOOL_WRITE");
}

/** People are visible to themselves and to staff of a school they share. */
export function canSeeUser(actor: Actor, user: { id: string; schoolIds: readonly string[] }): boolean {
  if (actor.kind !== "user") return false;
  if (user.id === actor.userId) return true;
  return holdsScope(actor, "SCHOOL_READ") && user.schoolIds.some((id) => actor.schools.has(id));
}
