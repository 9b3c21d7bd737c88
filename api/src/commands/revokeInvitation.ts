// Take an invitation back: its link stops working at once. Revoking one already revoked changes
// nothing; one already accepted cannot be taken back (remove the person from the school instead).
import { RuleViolationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { loadManagedInvitation } from "../policies/invitations.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function revokeInvitation(caller: Caller, invitationId: string, selection: Selection<Prisma.InvitationSelect, Prisma.InvitationInclude> = {}) {
  const invitation = await loadManagedInvitation(caller, invitationId);
  const { count } = await caller.prisma.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) {
    const { acceptedAt } = await caller.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id }, select: { acceptedAt: true } });
    if (acceptedAt) {
      throw new RuleViolationError(`${invitation.email} already accepted this invitation: remove them from the school's people instead.`, "INVALID_STATE");
    }
  }
  return caller.prisma.invitation.findUniqueOrThrow({ ...selection, where: { id: invitation.id } });
}
