// Invite people to a school by email address, with a role. Admins only. All or nothing: an
// address that already belongs to the school, or already has an invitation waiting, refuses the
// whole call with a sentence naming it, and nothing is written or sent.
import { ConflictError, forbidden } from "../domain/errors.ts";
import { listAddresses } from "../domain/invitations.ts";
import type { SchoolRole } from "../generated/prisma/enums.ts";
import { requireActingUser } from "../policies/actor.ts";
import { canManageInvitations } from "../policies/invitations.ts";
import { lockSchoolInvitations, queueInvitationEmails, newInvitationLink, type SentLink } from "./invitation-links.ts";
import { runCommand, type Caller } from "./run-command.ts";
import { normaliseEmail } from "./signIn.ts";

export type CreatedInvitation = { invitationId: string; token: string };

export async function inviteStaff(caller: Caller, input: { schoolId: string; emails: readonly string[]; role: SchoolRole }): Promise<CreatedInvitation[]> {
  const inviterId = requireActingUser(caller.actor);
  if (!canManageInvitations(caller.actor, input.schoolId)) throw forbidden();
  const emails = [...new Set(input.emails.map(normaliseEmail))];

  const { created, queued } = await runCommand(caller, async ({ tx }) => {
    await lockSchoolInvitations(tx, input.schoolId);
    const members = await tx.schoolMember.findMany({
      where: { schoolId: input.schoolId, user: { email: { in: emails } } },
      select: { user: { select: { email: true } } },
    });
    if (members.length > 0) {
      const taken = members.map((m) => m.user.email).sort();
      throw new ConflictError(`${listAddresses(taken)} ${taken.length === 1 ? "already belongs" : "already belong"} to this school.`);
    }
    const open = await tx.invitation.findMany({ where: { schoolId: input.schoolId, email: { in: emails }, acceptedAt: null, revokedAt: null } });
    const waiting = open.filter((invitation) => invitation.expiresAt > new Date()).map((invitation) => invitation.email);
    if (waiting.length > 0) {
      throw new ConflictError(
        `${listAddresses(waiting.sort())} ${waiting.length === 1 ? "already has an invitation" : "already have invitations"} waiting: resend ${waiting.length === 1 ? "it" : "them"} from the list instead.`,
      );
    }
    // An expired invitation gives way to the new one: one open invitation per address.
    if (open.length > 0) await tx.invitation.updateMany({ where: { id: { in: open.map((i) => i.id) } }, data: { revokedAt: new Date() } });

    const created: CreatedInvitation[] = [];
    const links: SentLink[] = [];
    for (const email of emails) {
      const link = newInvitationLink();
      const invitation = await tx.invitation.create({
        data: {
          schoolId: input.schoolId,
          email,
          role: input.role,
          invitedById: inviterId,
          tokenHash: link.tokenHash,
          sentAt: link.sentAt,
          expiresAt: link.expiresAt,
        },
        select: { id: true },
      });
      created.push({ invitationId: invitation.id, token: link.token });
      links.push({ email, role: input.role, token: link.token });
    }
    const school = await tx.school.findUniqueOrThrow({ where: { id: input.schoolId }, select: { id: true, name: true } });
    const inviter = await tx.user.findUniqueOrThrow({ where: { id: inviterId }, select: { name: true } });
    return { created, queued: await queueInvitationEmails(tx, caller.services, school, inviter.name, links) };
  });
  await caller.services.outbox.dispatch(...queued);
  return created;
}
