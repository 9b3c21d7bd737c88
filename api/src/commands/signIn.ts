// Email + password → a new session token. Rate-limited per account and per address; unknown
// emails cost the same time as wrong passwords, so timing does not reveal who has an account.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { burnPasswordCheck, newToken, verifyPassword } from "../auth/secrets.ts";
import type { SignInLimiter } from "../auth/sign-in-limiter.ts";
import { InvalidCredentialsError, RateLimitedError, RuleViolationError } from "../domain/errors.ts";

export async function signIn(
  deps: { prisma: PrismaClient; limiter: SignInLimiter; sessionTtlMs: number },
  input: { email: string; password: string; clientAddress: string },
) {
  const email = normaliseEmail(input.email);
  const wait = await deps.limiter.consume(email, input.clientAddress);
  if (wait > 0) throw new RateLimitedError(wait);

  const user = await deps.prisma.user.findUnique({ where: { email } });
  if (!user) {
    await burnPasswordCheck(input.password);
    throw new InvalidCredentialsError();
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) throw new InvalidCredentialsError();
  await deps.limiter.succeeded(email, input.clientAddress);
  await assertNotDeactivatedEverywhere(deps.prisma, user.id);
  return { user, ...(await startSession(deps.prisma, user.id, deps.sessionTtlMs)) };
}

/**
 * Someone whose every school deactivated them has nowhere to go: said once the password was
 * right (so it tells a stranger nothing). A person with no school yet (just signed up) or with
 * another active school signs in as usual; the deactivated school is simply not theirs any more.
 */
async function assertNotDeactivatedEverywhere(prisma: PrismaClient, userId: string) {
  const memberships = await prisma.schoolMember.findMany({ where: { userId }, select: { deactivatedAt: true, school: { select: { name: true } } } });
  if (memberships.length === 0 || memberships.some((m) => m.deactivatedAt === null)) return;
  const where = memberships.length === 1 ? memberships[0]!.school.name : "your schools";
  throw new RuleViolationError(`An admin of ${where} deactivated your account. Ask them to reactivate it to sign in again.`);
}

export async function startSession(prisma: Pick<PrismaClient, "authSession">, userId: string, ttlMs: number) {
  const { token, hash } = newToken("session");
  const session = await prisma.authSession.create({ data: { userId, tokenHash: hash, expiresAt: new Date(Date.now() + ttlMs) } });
  return { token, sessionId: session.id };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
