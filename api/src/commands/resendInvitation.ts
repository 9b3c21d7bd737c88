// A new link for an invitation that is still open (waiting or expired): the old link stops
// working at once (its hash is replaced), the new one works for another 14 days and is emailed.
import { RuleViolationError } from "../domain/errors.ts";
import { requireActingUser } from "../policies/actor.ts";
import { loadManagedInvitation } from "../policies/invitations.ts";
import { newInvitationLink, queueInvitationEmails } from "./invitation-links.ts";
import type { CreatedInvitation } from "./inviteStaff.ts";
import type { Caller } from "./run-command.ts";

export async function resendInvitation(caller: Caller, invitationId: string): Promise<CreatedInvitation> {
  const senderId = requireActingUser(caller.actor);
  const invitation = await loadManagedInvitation(caller, invitationId);
  const link = newInvitationLink();
  // Only an open invitation gets a new link; the condition is in the statement, so an acceptance
  // or a revocation at the same moment wins cleanly.
  const sender = await caller.prisma.user.findUniqueOrThrow({ where: { id: senderId }, select: { name: true } });
  const queued = await caller.prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { tokenHash: link.tokenHash, sentAt: link.sentAt, expiresAt: link.expiresAt },
    });
    if (count === 0) return null;
    return queueInvitationEmails(tx, caller.services, { id: invitation.schoolId, name: invitation.school.name }, sender.name, [
      { email: invitation.email, role: invitation.role, token: link.token },
    ]);
  });
  if (!queued) {
    throw new RuleViolationError(
      invitation.acceptedAt
        ? `${invitation.email} already accepted this invitation.`
        : `This invitation was revoked. Invite ${invitation.email} again to send a new one.`,
      "INVALID_STATE",
    );
  }
  await caller.services.outbox.dispatch(...queued);
  return { invitationId: invitation.id, token: link.token };
}
