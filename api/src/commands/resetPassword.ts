// A password-reset link and a new password → the account's new password. The link works once
// and until it expires; using it ends the account's other reset links and revokes every one of
// its sessions, whose open live connections and subscriptions close at once (someone who got
// into the account is put out of it). The owner is told by email.
import { hashPassword, hashToken } from "../auth/secrets.ts";
import { ExpiredLinkError } from "../domain/errors.ts";
import { queueEmail } from "../email/outbox.ts";
import { passwordChangedEmail } from "../email/password-reset-emails.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { runCommand } from "./run-command.ts";
import type { AppServices } from "./services.ts";

/** Unknown, used and expired links get one answer: nothing tells them apart. */
export const RESET_LINK_EXPIRED = "This password-reset link has expired or was already used. Ask for a new one.";

export async function resetPassword(
  deps: { prisma: PrismaClient; services: Pick<AppServices, "events" | "outbox" | "publicUrl"> },
  input: { token: string; password: string },
): Promise<{ email: string }> {
  const tokenHash = hashToken(input.token);
  // Checked before the (deliberately slow) password hash, so made-up links cost the server nothing.
  const found = await deps.prisma.passwordReset.findUnique({ where: { tokenHash } });
  if (!found || found.expiresAt <= new Date()) throw new ExpiredLinkError(RESET_LINK_EXPIRED);
  const passwordHash = await hashPassword(input.password);

  const { user, queued } = await runCommand(deps, async ({ tx, accessChanged }) => {
    // Claiming the link deletes it in one statement: of two uses at once, only one gets the row.
    const [claimed] = await tx.$queryRaw<{ userId: string }[]>`
      DELETE FROM "PasswordReset" WHERE "tokenHash" = ${tokenHash} AND "expiresAt" > now() RETURNING "userId"`;
    if (!claimed) throw new ExpiredLinkError(RESET_LINK_EXPIRED);
    await tx.passwordReset.deleteMany({ where: { userId: claimed.userId } });
    const updated = await tx.user.update({ where: { id: claimed.userId }, data: { passwordHash }, select: { id: true, email: true } });
    await tx.authSession.updateMany({ where: { userId: claimed.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    // Every session just ended: their live documents and subscriptions close before this returns.
    accessChanged({ userIds: [claimed.userId] });
    const schools = await tx.schoolMember.findMany({ where: { userId: claimed.userId }, select: { schoolId: true } });
    const queued = await queueEmail(tx, {
      ...passwordChangedEmail(updated.email, { publicUrl: deps.services.publicUrl() }),
      kind: "ACCOUNT_NOTICE",
      userId: updated.id,
      // Its school's admins may read it only when the account belongs to that school alone.
      schoolId: schools.length === 1 ? schools[0]!.schoolId : null,
    });
    return { user: updated, queued };
  });
  await deps.services.outbox.dispatch(queued);
  return { email: user.email };
}
