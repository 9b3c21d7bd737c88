// Deactivate a school member: admins only, never themselves. The membership row stays (with its
// role), so everything the person authored keeps its author and reactivating restores them; until
// then every policy treats them as a stranger to the school (the actor loader skips the row).
// Their sign-in sessions and their API tokens for this school are revoked, and their live
// connections (documents, subscriptions) end before this returns.
import { forbidden, RuleViolationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { actingUserId } from "../policies/actor.ts";
import { canManageSchoolMembers, loadSchoolMember } from "../policies/schools.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export async function deactivateSchoolMember(
  caller: Caller,
  memberId: string,
  selection: Selection<Prisma.SchoolMemberSelect, Prisma.SchoolMemberInclude> = {},
) {
  const member = await loadSchoolMember(caller, memberId);
  if (!canManageSchoolMembers(caller.actor, member.schoolId)) throw forbidden("Only the school's admins can deactivate people.");
  // The caller is an active admin, so the school keeps one: no last-admin check is needed.
  if (member.userId === actingUserId(caller.actor)) throw new RuleViolationError("You cannot deactivate yourself. Ask another admin of the school to do it.");
  if (member.deactivatedAt) return caller.prisma.schoolMember.findUniqueOrThrow({ ...selection, where: { id: member.id } });
  return runCommand(caller, async ({ tx, accessChanged }) => {
    const now = new Date();
    const updated = await tx.schoolMember.update({ ...selection, where: { id: member.id }, data: { deactivatedAt: now } });
    // A session is the person's, not the school's: all of them end (someone also on another
    // school's staff signs in again there). API tokens belong to one school: only this one's end.
    await tx.authSession.updateMany({ where: { userId: member.userId, revokedAt: null }, data: { revokedAt: now } });
    await tx.apiToken.updateMany({ where: { userId: member.userId, schoolId: member.schoolId, revokedAt: null }, data: { revokedAt: now } });
    accessChanged({ userIds: [member.userId], reason: "deactivated" });
    return updated;
  });
}
