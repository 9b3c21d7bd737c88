// Invitations are a school admin's business: they hold the addresses of people who are not
// staff yet. Only the school's admins see them and send, resend or revoke them; to anyone else an
// invitation does not exist (node(id) is null, lists are empty, a write says "not found").
import { NotFoundError } from "../domain/errors.ts";
import { holdsScope, type Actor, type Reader } from "./actor.ts";
import { canManageSchoolMembers } from "./schools.ts";

export function canReadInvitations(actor: Actor, schoolId: string): boolean {
  return holdsScope(actor, "SCHOOL_READ") && actor.schools.get(schoolId) === "ADMIN";
}

/** Inviting is adding staff: the same right as managing the school's members. */
export const canManageInvitations = canManageSchoolMembers;

/** The `where` that keeps a list of invitations to the schools the actor administers. */
export function readableInvitationsWhere(actor: Actor): { schoolId: { in: string[] } } {
  if (!holdsScope(actor, "SCHOOL_READ")) return { schoolId: { in: [] } };
  return { schoolId: { in: [...actor.schools].filter(([, role]) => role === "ADMIN").map(([schoolId]) => schoolId) } };
}

/** An invitation the actor may change; anyone else is told it was not found, as if it did not exist. */
export async function loadManagedInvitation({ prisma, actor }: Reader, invitationId: string) {
  const invitation = await prisma.invitation.findUnique({ where: { id: invitationId }, include: { school: { select: { name: true } } } });
  if (!invitation || !canManageInvitations(actor, invitation.schoolId)) throw new NotFoundError("That invitation");
  return invitation;
}
