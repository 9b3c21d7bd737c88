// Invitations: an admin asks someone, by email address, to join a school with a role. Plain
// values and rules only; the commands in commands/ write them.
import type { SchoolRole } from "../generated/prisma/enums.ts";

/** How long an invitation link works; resending makes a new link with a fresh 14 days. */
export const INVITATION_TTL_MS = 14 * 24 * 3600_000;

/** Addresses one inviteStaff call takes (a roster import is the way to bring in a whole staff). */
export const MAX_INVITES_PER_CALL = 50;

/** The web app's accept page (web/src/app/paths.ts, `acceptInvitation`): the token follows it. */
export const ACCEPT_INVITATION_PATH = "/invitations/";

/** The one answer for an unknown, expired, revoked or used link, so a link tells nothing more about itself. */
export const INVITATION_NO_LONGER_VALID =
  "This invitation link is no longer valid. It may have expired, been replaced by a newer link or been used already: ask your school's admin to send you a new one.";

export type InvitationStatus = "PENDING" | "EXPIRED" | "ACCEPTED" | "REVOKED";

export function invitationStatus(invitation: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null }, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return "ACCEPTED";
  if (invitation.revokedAt) return "REVOKED";
  return invitation.expiresAt <= now ? "EXPIRED" : "PENDING";
}

/** "a teacher", "a coach", "an admin": how emails and pages name a role. */
export function roleWithArticle(role: SchoolRole): string {
  return { TEACHER: "a teacher", COACH: "a coach", ADMIN: "an admin" }[role];
}

/** "ana@x.org", "ana@x.org and ben@x.org", "ana@x.org, ben@x.org and 3 more". */
export function listAddresses(emails: readonly string[]): string {
  if (emails.length <= 1) return emails.join("");
  if (emails.length <= 3) return `${emails.slice(0, -1).join(", ")} and ${emails.at(-1)}`;
  return `${emails.slice(0, 2).join(", ")} and ${emails.length - 2} more`;
}

// Deliberately simple (what a person would call an email address); the mailbox decides the rest.
const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/;

export function looksLikeEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}
