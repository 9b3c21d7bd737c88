// Until Staffroom delivers email for every school, an admin helps a member who cannot sign in:
// a password-reset link for that member, to copy and hand over. Admins only, by a real sign-in
// (never an integrator's token), and only for members of their own school.
//
// Refused for someone who also belongs to another school: the link sets the password of the
// whole account, so it would let this school's admin into the other school's work as that
// person (an account takeover across schools). Only the owner can reset such an account.
import { newLinkToken } from "../auth/secrets.ts";
import { forbidden, RuleViolationError } from "../domain/errors.ts";
import { queueEmail } from "../email/outbox.ts";
import { adminMadeResetLinkEmail, passwordResetLink } from "../email/password-reset-emails.ts";
import { canManageSchoolMembers, loadSchoolMember } from "../policies/schools.ts";
import type { Caller } from "./run-command.ts";

export type CreatedPasswordResetLink = { id: string; url: string; expiresAt: Date; userId: string };

export async function createPasswordResetLink(caller: Caller, memberId: string): Promise<CreatedPasswordResetLink> {
  const actor = caller.actor;
  if (actor.kind !== "user" || !actor.authSessionId) throw forbidden();
  const member = await loadSchoolMember(caller, memberId);
  if (!canManageSchoolMembers(actor, member.schoolId)) throw forbidden("Only the school's admins can make password-reset links.");
  const [user, elsewhere, school] = await Promise.all([
    caller.prisma.user.findUniqueOrThrow({ where: { id: member.userId }, select: { name: true, email: true } }),
    caller.prisma.schoolMember.count({ where: { userId: member.userId, schoolId: { not: member.schoolId } } }),
    caller.prisma.school.findUniqueOrThrow({ where: { id: member.schoolId }, select: { name: true } }),
  ]);
  if (elsewhere > 0) {
    throw new RuleViolationError(
      `${user.name} also belongs to another school, so only they can set a new password: on the sign-in page, "Forgot password?" emails them a link.`,
    );
  }

  const ttlMs = caller.services.config.passwordReset.linkTtlMs;
  const link = newLinkToken("password-reset");
  const { created, queued } = await caller.prisma.$transaction(async (tx) => {
    const created = await tx.passwordReset.create({
      data: { userId: member.userId, tokenHash: link.hash, expiresAt: new Date(Date.now() + ttlMs) },
    });
    // The member learns that a link for their account exists, whoever ends up using it.
    const queued = await queueEmail(tx, {
      ...adminMadeResetLinkEmail(user.email, { schoolName: school.name, validMinutes: Math.round(ttlMs / 60_000) }),
      kind: "ACCOUNT_NOTICE",
      userId: member.userId,
      schoolId: member.schoolId,
    });
    return { created, queued };
  });
  await caller.services.outbox.dispatch(queued);
  return { id: created.id, url: passwordResetLink(caller.services.publicUrl(), link.token), expiresAt: created.expiresAt, userId: member.userId };
}
