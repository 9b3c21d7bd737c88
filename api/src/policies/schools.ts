// Schools are tenants. Staff of a school see its staff list; only its admins change it.
import { NotFoundError, RuleViolationError } from "../domain/errors.ts";
import { holdsScope, schoolRole, type Actor, type Reader } from "./actor.ts";

export function canReadSchool(actor: Actor, schoolId: string): boolean {
  return schoolRole(actor, schoolId) !== null && holdsScope(actor, "SCHOOL_READ");
}

export function canManageSchoolMembers(actor: Actor, schoolId: string): boolean {
  return schoolRole(actor, schoolId) === "ADMIN" && holdsScope(actor, "SCHOOL_WRITE");
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

/** A school member, if the actor may see the school; else "not found". */
export async function loadSchoolMember({ prisma, actor }: Reader, memberId: string) {
  const member = await prisma.schoolMember.findUnique({ where: { id: memberId } });
  if (!member || !canReadSchool(actor, member.schoolId)) throw new NotFoundError("That school member");
  return member;
}

/** A school always keeps an admin: the last one cannot be demoted or removed. */
export async function assertAnotherAdmin(prisma: Reader["prisma"], schoolId: string, exceptMemberId: string) {
  const others = await prisma.schoolMember.count({ where: { schoolId, role: "ADMIN", id: { not: exceptMemberId } } });
  if (others === 0) throw new RuleViolationError("A school needs at least one admin.");
}
