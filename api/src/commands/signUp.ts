// Sign-up in two steps, so that its answer never tells whether an address has an account.
//
// startSignUp answers the same for every address, after the same work: it counts the attempt,
// hashes the password and runs one SQL statement, whether or not the address is taken. Only the
// email it sends differs, and only the mailbox's owner reads that: a new address gets a
// single-use link, an address with an account gets a note that nothing changed.
// confirmSignUp (opening the link) creates the account and signs its owner in.
import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { hashPassword, hashToken } from "../auth/secrets.ts";
import type { SignUpLimiter } from "../auth/sign-in-limiter.ts";
import type { Mailer } from "../email/mailer.ts";
import { alreadyRegisteredEmail, confirmSignUpEmail } from "../email/sign-up-emails.ts";
import { ConflictError, ExpiredLinkError, RateLimitedError } from "../schema/errors.ts";
import { normaliseEmail, startSession } from "./signIn.ts";

export type StartSignUpDeps = {
  prisma: PrismaClient;
  limiter: SignUpLimiter;
  mailer: Mailer;
  /** Where links in emails point (PUBLIC_URL, or the server's own address). */
  publicUrl: string;
  linkTtlMs: number;
};

export async function startSignUp(
  deps: StartSignUpDeps,
  input: { email: string; password: string; name: string; clientAddress: string },
): Promise<{ email: string }> {
  const email = normaliseEmail(input.email);
  const wait = await deps.limiter.consume(email, input.clientAddress);
  if (wait > 0) throw new RateLimitedError(wait);

  // Hashed even when the address is taken and the hash is thrown away: the same work either way.
  const passwordHash = await hashPassword(input.password);
  const link = newLinkToken();
  const expiresAt = new Date(Date.now() + deps.linkTtlMs);
  // One statement either way, which also clears out expired sign-ups: it records the pending
  // sign-up only when no account has the address, and says whether it did.
  const recorded = await deps.prisma.$queryRaw<{ id: string }[]>`
    WITH expired AS (DELETE FROM "PendingSignUp" WHERE "expiresAt" <= now())
    INSERT INTO "PendingSignUp" ("id", "email", "name", "passwordHash", "tokenHash", "expiresAt")
    SELECT ${randomUUID()}::uuid, ${email}, ${input.name}, ${passwordHash}, ${link.hash}, ${expiresAt}::timestamptz
    WHERE NOT EXISTS (SELECT 1 FROM "User" WHERE "email" = ${email})
    RETURNING "id"`;

  deps.mailer.send(
    recorded.length > 0
      ? confirmSignUpEmail(email, { publicUrl: deps.publicUrl, token: link.token, validHours: Math.round(deps.linkTtlMs / 3600_000) })
      : alreadyRegisteredEmail(email, { publicUrl: deps.publicUrl }),
  );
  return { email };
}

/** The link's token → a new account and its first session. Refused (and nothing written) when the link is unknown, used or expired. */
export async function confirmSignUp(deps: { prisma: PrismaClient; sessionTtlMs: number }, token: string) {
  const tokenHash = hashToken(token);
  return deps.prisma.$transaction(async (tx) => {
    // Claiming the link deletes it in one statement: of two clicks at once, only one gets the row.
    const [pending] = await tx.$queryRaw<{ email: string; name: string; passwordHash: string }[]>`
      DELETE FROM "PendingSignUp" WHERE "tokenHash" = ${tokenHash} AND "expiresAt" > now()
      RETURNING "email", "name", "passwordHash"`;
    if (!pending) throw new ExpiredLinkError();
    // The address is confirmed now; its older links are of no further use.
    await tx.pendingSignUp.deleteMany({ where: { email: pending.email } });
    const user = await createUser(tx, pending);
    return { user, ...(await startSession(tx, user.id, deps.sessionTtlMs)) };
  });
}

async function createUser(tx: Prisma.TransactionClient, pending: { email: string; name: string; passwordHash: string }) {
  try {
    return await tx.user.create({ data: pending });
  } catch (error) {
    // The address has an account after all: another of its links was opened at the same moment,
    // or the account was made another way. Whoever holds the link owns the mailbox, so saying so
    // tells nobody else anything.
    if ((error as { code?: unknown }).code === "P2002") throw new ConflictError("This email address already has an account. Sign in instead.");
    throw error;
  }
}

const LINK_TOKEN_PREFIX = "srl_";

/** 256 random bits, like session tokens; only the sha256 is stored. */
function newLinkToken(): { token: string; hash: string } {
  const token = LINK_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}
