// Email + password → a new session token. Rate-limited per account and per address; unknown
// emails cost the same time as wrong passwords, so timing does not reveal who has an account.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { burnPasswordCheck, newToken, verifyPassword } from "../auth/secrets.ts";
import type { SignInLimiter } from "../auth/sign-in-limiter.ts";
import { InvalidCredentialsError, RateLimitedError } from "../domain/errors.ts";

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
  return { user, ...(await startSession(deps.prisma, user.id, deps.sessionTtlMs)) };
}

export async function startSession(prisma: Pick<PrismaClient, "authSession">, userId: string, ttlMs: number) {
  const { token, hash } = newToken("session");
  const session = await prisma.authSession.create({ data: { userId, tokenHash: hash, expiresAt: new Date(Date.now() + ttlMs) } });
  return { token, sessionId: session.id };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
