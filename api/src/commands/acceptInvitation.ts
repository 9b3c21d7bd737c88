// Accepting an invitation: the link's token makes its holder a member of the school, with the
// invitation's role (and the roster's grades and subjects).
//
// Two ways in:
// - Signed out, with a name and a password: a new account for the invited address, signed in.
//   Holding the link stands for owning the mailbox (the link was emailed there, or handed over by
//   the admin who chose the address). An address that already has an account is told to sign in.
// - Signed in (a session, not an integrator's token): the account joins, but only if its email
//   is the invited address. The admin chose a person by address, and a link travels (forwarded,
//   pasted in a chat): the rule keeps a forwarded link, or one opened while someone else is
//   signed in on a shared staffroom computer, from bringing a different account into the school
//   with that role (an admin invitation above all). Anyone else is told whose invitation it is.
import { claimEmailsTo } from "../email/outbox.ts";
import { hashPassword } from "../auth/secrets.ts";
import { hashToken } from "../auth/secrets.ts";
import { ConflictError, ExpiredLinkError, forbidden, RuleViolationError, ValidationError } from "../domain/errors.ts";
import { INVITATION_NO_LONGER_VALID } from "../domain/invitations.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { transactionNotifying } from "../notifications/after-commit.ts";
import { notifyInvitationAccepted } from "../notifications/producers.ts";
import type { Caller } from "./run-command.ts";
import { startSession } from "./signIn.ts";

export type AcceptedInvitation = { userId: string; schoolId: string; session: { token: string; sessionId: string } | null };

export async function acceptInvitation(
  caller: Caller,
  input: { token: string; name?: string | null | undefined; password?: string | null | undefined },
): Promise<AcceptedInvitation> {
  const tokenHash = hashToken(input.token);
  const invitation = await caller.prisma.invitation.findUnique({ where: { tokenHash } });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date())
    throw new ExpiredLinkError(INVITATION_NO_LONGER_VALID);
  const { actor } = caller;

  if (actor.kind === "user") {
    // An integrator's token acts for its owner in one school; joining another is not its business.
    if (actor.apiToken) throw forbidden();
    const user = await caller.prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } });
    if (user.email !== invitation.email) {
      throw new RuleViolationError(
        `This invitation is for ${invitation.email}, but you are signed in as ${user.email}. Sign out, then open the link again to accept it as ${invitation.email}.`,
      );
    }
    await transactionNotifying(caller.prisma, caller.services.events, async (tx) => {
      await claim(tx, tokenHash);
      await joinSchoolByInvitation(tx, actor.userId, invitation);
      await notifyInvitationAccepted(tx, { invitation, userId: actor.userId });
    });
    return { userId: actor.userId, schoolId: invitation.schoolId, session: null };
  }

  const issues = [
    ...(input.name?.trim() ? [] : [{ path: "input.name", message: "Enter your name." }]),
    ...(input.password ? [] : [{ path: "input.password", message: "Choose a password of at least 10 characters." }]),
  ];
  if (issues.length > 0) throw new ValidationError(issues);
  if (await caller.prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) throw alreadyHasAccount(invitation.email);
  const passwordHash = await hashPassword(input.password!);
  return transactionNotifying(caller.prisma, caller.services.events, async (tx) => {
    await claim(tx, tokenHash);
    const user = await createUser(tx, { email: invitation.email, name: input.name!.trim(), passwordHash });
    await joinSchoolByInvitation(tx, user.id, invitation);
    await notifyInvitationAccepted(tx, { invitation, userId: user.id });
    // The address is proven now; sign-ups started with it have nothing left to confirm.
    await tx.pendingSignUp.deleteMany({ where: { email: invitation.email } });
    return { userId: user.id, schoolId: invitation.schoolId, session: await startSession(tx, user.id, caller.services.config.sessionTtlMs) };
  });
}

/** Uses the link up, in one statement: of two acceptances at once, only one gets it. */
async function claim(tx: Prisma.TransactionClient, tokenHash: string) {
  const now = new Date();
  const { count } = await tx.invitation.updateMany({
    where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (count === 0) throw new ExpiredLinkError(INVITATION_NO_LONGER_VALID);
}

/** Someone who is already a member (added another way meanwhile) keeps the role they have. */
export async function joinSchoolByInvitation(
  tx: Prisma.TransactionClient,
  userId: string,
  invitation: { schoolId: string; role: "TEACHER" | "COACH" | "ADMIN"; grades: string[]; subjects: string[] },
) {
  await tx.schoolMember.upsert({
    where: { schoolId_userId: { schoolId: invitation.schoolId, userId } },
    create: { schoolId: invitation.schoolId, userId, role: invitation.role, grades: invitation.grades, subjects: invitation.subjects },
    update: {},
  });
}

async function createUser(tx: Prisma.TransactionClient, data: { email: string; name: string; passwordHash: string }) {
  try {
    const user = await tx.user.create({ data, select: { id: true } });
    await claimEmailsTo(tx, { id: user.id, email: data.email });
    return user;
  } catch (error) {
    // The account was made another way at the same moment.
    if ((error as { code?: unknown }).code === "P2002") throw alreadyHasAccount(data.email);
    throw error;
  }
}

function alreadyHasAccount(email: string) {
  return new ConflictError(`${email} already has a Staffroom account. Sign in with it to accept the invitation.`);
}
