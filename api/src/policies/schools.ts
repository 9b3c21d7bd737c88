// Schools are tenants. Staff of a school see its staff list; only its admins change it.
import { NotFoundError, RuleViolationError } from "../domain/errors.ts";
import type { SchoolRole } from "../generated/prisma/enums.ts";
import { holdsScope, schoolRole, type Actor, type Reader } from "./actor.ts";

export function canReadSchool(actor: Actor, schoolId: string): boolean {
  return schoolRole(actor, schoolId) !== null && holdsScope(actor, "SCHOOL_READ");
}

/** The school's settings (name, time zone, grades, subjects): its admins, as for its members. */
export function canManageSchool(actor: Actor, schoolId: string): boolean {
  return canManageSchoolMembers(actor, schoolId);
}

export function canManageSchoolMembers(actor: Actor, schoolId: string): boolean {
  return schoolRole(actor, schoolId) === "ADMIN" && holdsScope(actor, "SCHOOL_WRITE");
}

/**
 * A school's admins see all of its staff list: deactivated members, email addresses (and so may
 * search by them). Everyone else on the staff sees the active members by name, as before
 * deactivation existed.
 */
export function canSeeWholeStaffList(actor: Actor, schoolId: string): boolean {
  return schoolRole(actor, schoolId) === "ADMIN" && holdsScope(actor, "SCHOOL_READ");
}

/** A member row the actor may see: a deactivated one only for the school's admins. */
export function canSeeSchoolMember(actor: Actor, member: { schoolId: string; deactivatedAt: Date | null }): boolean {
  return canReadSchool(actor, member.schoolId) && (member.deactivatedAt === null || canSeeWholeStaffList(actor, member.schoolId));
}

export type StaffListFilter = {
  role?: SchoolRole | null;
  status?: "ACTIVE" | "DEACTIVATED" | null;
  /** Part of a name, or (for admins) of an email address; case-insensitive. */
  search?: string | null;
};

/**
 * The filter of a school's staff list for this actor: a filter can never find more than the
 * rows it returns would show (a teacher's search does not match email addresses, and asking a
 * non-admin's list for deactivated people finds none).
 */
export function staffListWhere(actor: Actor, schoolId: string, filter: StaffListFilter) {
  // An API token without SCHOOL_READ reads people only where something else names them.
  if (!holdsScope(actor, "SCHOOL_READ")) return { schoolId, id: { in: [] as string[] } };
  const whole = canSeeWholeStaffList(actor, schoolId);
  const search = filter.search?.trim();
  const deactivated = filter.status === "DEACTIVATED";
  const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });
  return {
    schoolId,
    ...(filter.role ? { role: filter.role } : {}),
    ...(deactivated && !whole ? { id: { in: [] as string[] } } : { deactivatedAt: deactivated ? { not: null } : null }),
    ...(search ? { user: { OR: [{ name: contains(search) }, ...(whole ? [{ email: contains(search) }] : [])] } } : {}),
  };
}

/**
 * A person's id and name are visible to themselves and to staff of a school they share, under
 * any API scope: people are named by most of what a scope lets you read (a group's members under
 * GROUPS_READ, a document's creator and feedback's author under CONTENT_READ, the actor of an
 * activity), and a name withheld there would null the very thing that names them. The school's
 * member list and roles (School.members) and email addresses take SCHOOL_READ.
 */
export function canSeeUser(actor: Actor, user: { id: string; schoolIds: readonly string[] }): boolean {
  if (actor.kind !== "user") return false;
  if (user.id === actor.userId) return true;
  return user.schoolIds.some((id) => actor.schools.has(id));
}

/** An email address: its owner's, and shown to admins of a school they share when the caller holds SCHOOL_READ. */
export function canSeeEmail(actor: Actor, user: { id: string; schoolIds: readonly string[] }): boolean {
  if (actor.kind !== "user") return false;
  if (user.id === actor.userId) return true;
  return holdsScope(actor, "SCHOOL_READ") && user.schoolIds.some((id) => actor.schools.get(id) === "ADMIN");
}

/** A school member, if the actor may see them; else "not found". */
export async function loadSchoolMember({ prisma, actor }: Reader, memberId: string) {
  const member = await prisma.schoolMember.findUnique({ where: { id: memberId } });
  if (!member || !canSeeSchoolMember(actor, member)) throw new NotFoundError("That school member");
  return member;
}

/** A school always keeps an active admin: the last one cannot be demoted, removed or deactivated. */
export async function assertAnotherAdmin(prisma: Reader["prisma"], schoolId: string, exceptMemberId: string) {
  const others = await prisma.schoolMember.count({ where: { schoolId, role: "ADMIN", deactivatedAt: null, id: { not: exceptMemberId } } });
  if (others === 0) throw new RuleViolationError("A school needs at least one admin.");
}
