// "Forgot password": emails a link that sets a new password. Its answer never tells whether an
// address has an account: the same answer after the same work (one rate-limit count, one SQL
// statement) for every address; only the email differs, and only the mailbox's owner reads it.
import { randomUUID } from "node:crypto";
import { newLinkToken } from "../auth/secrets.ts";
import type { PasswordResetLimiter } from "../auth/sign-in-limiter.ts";
import { RateLimitedError } from "../domain/errors.ts";
import type { Outbox } from "../email/outbox.ts";
import { noAccountEmail, passwordResetLink, resetPasswordEmail } from "../email/password-reset-emails.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { normaliseEmail } from "./signIn.ts";

export type RequestPasswordResetDeps = {
  prisma: PrismaClient;
  limiter: PasswordResetLimiter;
  outbox: Outbox;
  publicUrl: string;
  linkTtlMs: number;
};

export async function requestPasswordReset(deps: RequestPasswordResetDeps, input: { email: string; clientAddress: string }): Promise<{ email: string }> {
  const email = normaliseEmail(input.email);
  const wait = await deps.limiter.consume(email, input.clientAddress);
  if (wait > 0) throw new RateLimitedError(wait);

  const link = newLinkToken("password-reset");
  const expiresAt = new Date(Date.now() + deps.linkTtlMs);
  // One statement either way, which also clears out expired links: it records the link only when
  // an account has the address, and says whether it did.
  // It also names the account's school when it has exactly one: that school's admins may read
  // the email in their outbox (as they may make such a link themselves, createPasswordResetLink).
  const recorded = await deps.prisma.$queryRaw<{ userId: string; schoolId: string | null }[]>`
    WITH expired AS (DELETE FROM "PasswordReset" WHERE "expiresAt" <= now())
    INSERT INTO "PasswordReset" ("id", "userId", "tokenHash", "expiresAt")
    SELECT ${randomUUID()}::uuid, u."id", ${link.hash}, ${expiresAt}::timestamptz FROM "User" u WHERE u."email" = ${email}
    RETURNING "userId"::text AS "userId",
      (SELECT CASE WHEN count(*) = 1 THEN min(m."schoolId"::text) END FROM "SchoolMember" m WHERE m."userId" = "PasswordReset"."userId") AS "schoolId"`;

  const account = recorded[0];
  await deps.outbox.send(
    account
      ? {
          ...resetPasswordEmail(email, { link: passwordResetLink(deps.publicUrl, link.token), validMinutes: Math.round(deps.linkTtlMs / 60_000) }),
          kind: "PASSWORD_RESET",
          userId: account.userId,
          schoolId: account.schoolId,
        }
      : { ...noAccountEmail(email, { publicUrl: deps.publicUrl }), kind: "PASSWORD_RESET" },
  );
  return { email };
}
