// Sign-up in two steps, so that its answer never tells whether an address has an account.
//
// startSignUp answers the same for every address, after the same work: it counts the attempt,
// hashes the password and runs one SQL statement, whether or not the address is taken. Only the
// email it sends differs, and only the mailbox's owner reads that: a new address gets a
// single-use link, an address with an account gets a note that nothing changed.
//
// confirmSignUp (the link, and the password the sign-up was started with) creates the account
// and signs its owner in. The link alone is not enough: anyone can start a sign-up with anyone's
// address, and if opening the link sufficed, a teacher who clicks a link they did not ask for
// (their school is moving to Staffroom, after all) would get an account whose password a
// stranger chose and could sign in with. Knowing the password proves that whoever opens the
// link is whoever started the sign-up.
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { hashPassword, hashToken, newLinkToken, verifyPassword } from "../auth/secrets.ts";
import type { SignInLimiter, SignUpLimiter } from "../auth/sign-in-limiter.ts";
import { claimEmailsTo, type Outbox } from "../email/outbox.ts";
import { alreadyRegisteredEmail, confirmSignUpEmail } from "../email/sign-up-emails.ts";
import { ConflictError, ExpiredLinkError, InvalidCredentialsError, RateLimitedError } from "../domain/errors.ts";
import { normaliseEmail, startSession } from "./signIn.ts";

export type StartSignUpDeps = {
  prisma: PrismaClient;
  limiter: SignUpLimiter;
  outbox: Outbox;
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
  const link = newLinkToken("sign-up");
  const expiresAt = new Date(Date.now() + deps.linkTtlMs);
  // One statement either way, which also clears out expired sign-ups: it records the pending
  // sign-up only when no account has the address, and says whether it did.
  const recorded = await deps.prisma.$queryRaw<{ id: string }[]>`
    WITH expired AS (DELETE FROM "PendingSignUp" WHERE "expiresAt" <= now())
    INSERT INTO "PendingSignUp" ("id", "email", "name", "passwordHash", "tokenHash", "expiresAt")
    SELECT ${randomUUID()}::uuid, ${email}, ${input.name}, ${passwordHash}, ${link.hash}, ${expiresAt}::timestamptz
    WHERE NOT EXISTS (SELECT 1 FROM "User" WHERE "email" = ${email})
    RETURNING "id"`;

  // Either email is one outbox row and one enqueued job: the same work, whichever it is, and
  // whether or not the relay is up (the job sends it later).
  const message =
    recorded.length > 0
      ? confirmSignUpEmail(email, { publicUrl: deps.publicUrl, token: link.token, validHours: Math.round(deps.linkTtlMs / 3600_000) })
      : alreadyRegisteredEmail(email, { publicUrl: deps.publicUrl });
  await deps.outbox.send({ ...message, kind: "SIGN_UP" });
  return { email };
}

/**
 * The link's token and the sign-up's password → a new account and its first session. Refused,
 * with nothing written, when the link is unknown, used or expired, or the password is not the one
 * the sign-up was started with. Wrong passwords count against the address's sign-in limit: the
 * same guesses, the same limit.
 */
export async function confirmSignUp(
  deps: { prisma: PrismaClient; limiter: SignInLimiter; sessionTtlMs: number },
  input: { token: string; password: string; clientAddress: string },
) {
  const tokenHash = hashToken(input.token);
  const found = await deps.prisma.pendingSignUp.findUnique({ where: { tokenHash } });
  if (!found || found.expiresAt <= new Date()) throw new ExpiredLinkError();
  const wait = await deps.limiter.consume(found.email, input.clientAddress);
  if (wait > 0) throw new RateLimitedError(wait);
  if (!(await verifyPassword(input.password, found.passwordHash))) {
    throw new InvalidCredentialsError("That is not the password this sign-up was started with.");
  }
  const created = await deps.prisma.$transaction(async (tx) => {
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
  await deps.limiter.succeeded(found.email, input.clientAddress);
  return created;
}

async function createUser(tx: Prisma.TransactionClient, pending: { email: string; name: string; passwordHash: string }) {
  try {
    const user = await tx.user.create({ data: pending });
    await claimEmailsTo(tx, user);
    return user;
  } catch (error) {
    // The address has an account after all: another of its links was opened at the same moment,
    // or the account was made another way. Whoever holds the link owns the mailbox, so saying so
    // tells nobody else anything.
    if ((error as { code?: unknown }).code === "P2002") throw new ConflictError("This email address already has an account. Sign in instead.");
    throw error;
  }
}
