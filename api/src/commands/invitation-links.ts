// What every command that makes an invitation link shares: the token (256 random bits, like
// sessions; only its sha256 is stored), the link built on PUBLIC_URL, the email, and the lock that
// keeps one open invitation per address and school.
import { randomBytes } from "node:crypto";
import { hashToken } from "../auth/secrets.ts";
import { ACCEPT_INVITATION_PATH, INVITATION_TTL_MS, roleWithArticle } from "../domain/invitations.ts";
import { invitationEmail } from "../email/invitation-emails.ts";
import { queueEmail, type QueuedEmail } from "../email/outbox.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { SchoolRole } from "../generated/prisma/enums.ts";
import type { AppServices } from "./services.ts";

const INVITATION_TOKEN_PREFIX = "sri_";

/** A new link's secret, its hash (what is stored) and its expiry. */
export function newInvitationLink(now = new Date()): { token: string; tokenHash: string; sentAt: Date; expiresAt: Date } {
  const token = INVITATION_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token), sentAt: now, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) };
}

export function invitationUrl(publicUrl: string, token: string): string {
  return `${publicUrl}${ACCEPT_INVITATION_PATH}${encodeURIComponent(token)}`;
}

export type SentLink = { email: string; role: SchoolRole; token: string };

/**
 * Queues an email per link in the outbox, inside the command's transaction (they commit with the
 * invitations, or not at all). Dispatch the result after the commit (`services.outbox.dispatch`).
 * The school's admins can read them in the school's outbox.
 */
export async function queueInvitationEmails(
  tx: Prisma.TransactionClient,
  services: Pick<AppServices, "publicUrl">,
  school: { id: string; name: string },
  inviterName: string | null,
  links: readonly SentLink[],
): Promise<QueuedEmail[]> {
  const queued: QueuedEmail[] = [];
  for (const link of links) {
    const email = invitationEmail(link.email, {
      schoolName: school.name,
      inviterName,
      role: roleWithArticle(link.role),
      link: invitationUrl(services.publicUrl(), link.token),
      validDays: Math.round(INVITATION_TTL_MS / (24 * 3600_000)),
    });
    queued.push(await queueEmail(tx, { ...email, kind: "INVITATION", schoolId: school.id }));
  }
  return queued;
}

/**
 * Serialises the writes to a school's invitations (inviting, importing, accepting): a school has
 * at most one open invitation per address, and two admins inviting the same address at the same
 * moment must not both create one. A row lock on the school, held until the transaction ends.
 */
export async function lockSchoolInvitations(tx: Prisma.TransactionClient, schoolId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "School" WHERE "id" = ${schoolId}::uuid FOR UPDATE`;
}
