// Signing in with the school's own accounts (OpenID Connect), in three steps:
//
// 1. startSchoolSignOn: an email address → the school whose single sign-on lists the address's
//    domain → a trip to its provider. What the trip must remember (state, nonce, PKCE verifier)
//    is stored server-side under the state's hash, bound to the browser by a random key that
//    travels in an HttpOnly cookie (so a callback URL sent to someone else signs them in as no one).
// 2. finishSchoolSignOn: the provider sends the person back; the trip is claimed (deleted: single
//    use, so a replayed callback URL fails), the ID token checked by openid-client, the address
//    must be verified by the provider, in an allowed domain, and belong to someone the school
//    added. No account is ever created here. The result is a one-time code, not a session.
// 3. completeSchoolSignIn: the web app exchanges that code (from the URL's fragment, which never
//    reaches a server or a log) for a normal session, once, within a minute.
import { claimEmailsTo } from "../email/outbox.ts";
import { randomBytes } from "node:crypto";
import type { PrismaClient, User } from "../generated/prisma/client.ts";
import { hashToken } from "../auth/secrets.ts";
import { authorizationUrl, discoverProvider, newSignOnChecks, redeemCallback, type OidcOptions } from "../auth/oidc-client.ts";
import { ExpiredLinkError } from "../domain/errors.ts";
import type { SignInLimiter } from "../auth/sign-in-limiter.ts";
import { emailDomain, SignOnRefusedError } from "../domain/single-sign-on.ts";
import { joinSchoolByInvitation } from "./acceptInvitation.ts";
import { normaliseEmail, startSession } from "./signIn.ts";

/** Long enough to type a password and approve a consent page at the provider. */
const TRIP_TTL_MS = 10 * 60_000;
/** The web app exchanges the code right after the redirect; a minute is generous. */
const HANDOFF_TTL_MS = 60_000;

export type SignOnDeps = { prisma: PrismaClient; oidc: OidcOptions; redirectUri: string; limiter: SignInLimiter };

export async function startSchoolSignOn(
  deps: SignOnDeps,
  input: { email: string; clientAddress: string },
): Promise<{ authorizationUrl: URL; browserKey: string }> {
  const email = normaliseEmail(input.email);
  const domain = emailDomain(email);
  if (!domain || email.length > 254) throw new SignOnRefusedError("no-school");
  // Each start writes a row and asks the school's provider for its metadata: it counts against
  // the same per-account and per-address limits as a password sign-in.
  if ((await deps.limiter.consume(email, input.clientAddress)) > 0) throw new SignOnRefusedError("rate-limited");
  const candidates = await deps.prisma.schoolSignOnProvider.findMany({
    where: { enabled: true, allowedDomains: { has: domain } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (candidates.length === 0) throw new SignOnRefusedError("no-school");
  // Several schools of one district may share a domain: go to the one this address belongs to.
  const provider =
    candidates.length === 1
      ? candidates[0]!
      : ((await deps.prisma.schoolSignOnProvider.findFirst({
          where: { id: { in: candidates.map((c) => c.id) }, school: { members: { some: { user: { email } } } } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        })) ?? candidates[0]!);

  const configuration = await discoverProvider(provider, deps.oidc);
  const checks = await newSignOnChecks();
  const browserKey = randomBytes(32).toString("base64url");
  await deps.prisma.$transaction([
    // Trips nobody finished are of no further use.
    deps.prisma.signOnAttempt.deleteMany({ where: { expiresAt: { lte: new Date() } } }),
    deps.prisma.signOnAttempt.create({
      data: {
        stateHash: hashToken(checks.state),
        browserKeyHash: hashToken(browserKey),
        nonce: checks.nonce,
        codeVerifier: checks.codeVerifier,
        schoolId: provider.schoolId,
        expiresAt: new Date(Date.now() + TRIP_TTL_MS),
      },
    }),
  ]);
  return { authorizationUrl: authorizationUrl(configuration, { redirectUri: deps.redirectUri, checks, loginHint: email }), browserKey };
}

/**
 * The provider's redirect back (its query: code and state, or an error) and the browser's key →
 * a one-time code for the web app. `callbackUrl` is the registered redirect URI with the query.
 */
export async function finishSchoolSignOn(
  deps: SignOnDeps,
  input: { callbackUrl: URL; browserKey: string | undefined; clientAddress: string },
): Promise<{ handoffCode: string }> {
  const state = input.callbackUrl.searchParams.get("state");
  if (!state) throw new SignOnRefusedError("expired", "no state");
  // Claimed by deleting it, whatever happens next (a callback URL opened in the wrong browser
  // spends it too): each trip is good for one return only.
  const [trip] = await deps.prisma.$queryRaw<{ schoolId: string; nonce: string; codeVerifier: string; browserKeyHash: string }[]>`
    DELETE FROM "SignOnAttempt" WHERE "stateHash" = ${hashToken(state)} AND "expiresAt" > now()
    RETURNING "schoolId", "nonce", "codeVerifier", "browserKeyHash"`;
  if (!trip) throw new SignOnRefusedError("expired", "unknown, used or expired state");
  if (!input.browserKey || trip.browserKeyHash !== hashToken(input.browserKey)) throw new SignOnRefusedError("expired", "started in another browser");

  const provider = await deps.prisma.schoolSignOnProvider.findUnique({ where: { schoolId: trip.schoolId } });
  if (!provider?.enabled) throw new SignOnRefusedError("disabled");
  const configuration = await discoverProvider(provider, deps.oidc);
  const identity = await redeemCallback(configuration, input.callbackUrl, { state, nonce: trip.nonce, codeVerifier: trip.codeVerifier });
  if (!identity.email || !identity.emailVerified) throw new SignOnRefusedError("unverified-email");
  const email = normaliseEmail(identity.email);
  const domain = emailDomain(email);
  if (!domain || !provider.allowedDomains.includes(domain)) throw new SignOnRefusedError("wrong-domain", domain ?? undefined);

  const user = await findSchoolAccountForVerifiedEmail(deps.prisma, { schoolId: provider.schoolId, issuer: provider.issuer }, email, identity.name);
  const code = randomBytes(32).toString("base64url");
  await deps.prisma.$transaction([
    deps.prisma.signOnHandoff.deleteMany({ where: { expiresAt: { lte: new Date() } } }),
    deps.prisma.signOnHandoff.create({ data: { codeHash: hashToken(code), userId: user.id, expiresAt: new Date(Date.now() + HANDOFF_TTL_MS) } }),
  ]);
  await deps.limiter.succeeded(email, input.clientAddress);
  return { handoffCode: code };
}

/**
 * The account a school's provider may sign in, for an address the provider has verified: an
 * active member of the school, or someone with a pending invitation to it (sent by an admin, or
 * made by a roster import). The provider's word that the address is theirs stands for opening the
 * emailed link, so the invitation is accepted here: the account is made if there is none (with
 * no password: they sign in this way, or set one with "forgot password") and joins the school.
 * An address the school never added is refused, and so is a deactivated member.
 *
 * A provider speaks for its own school only. An account that also belongs to another school is
 * signed in this way only when every one of those schools trusts the same issuer too (a district
 * on one Google Workspace); otherwise one school's admin, who controls its provider, could sign in
 * as a colleague of another school.
 */
export async function findSchoolAccountForVerifiedEmail(
  prisma: PrismaClient,
  provider: { schoolId: string; issuer: string },
  verifiedEmail: string,
  nameClaim: string | null = null,
): Promise<User> {
  const email = normaliseEmail(verifiedEmail);
  const user = await prisma.user.findUnique({
    where: { email },
    include: { schoolMemberships: { select: { schoolId: true, deactivatedAt: true } } },
  });
  const membership = user?.schoolMemberships.find((m) => m.schoolId === provider.schoolId);
  if (membership?.deactivatedAt) throw new SignOnRefusedError("deactivated");
  const invitation = membership
    ? null
    : await prisma.invitation.findFirst({
        where: { schoolId: provider.schoolId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { sentAt: "desc" },
      });
  if (!membership && !invitation) throw new SignOnRefusedError("not-a-member");
  const otherSchoolIds = (user?.schoolMemberships ?? []).map((m) => m.schoolId).filter((id) => id !== provider.schoolId);
  if (otherSchoolIds.length > 0) {
    const trusting = await prisma.schoolSignOnProvider.count({ where: { schoolId: { in: otherSchoolIds }, enabled: true, issuer: provider.issuer } });
    if (trusting < otherSchoolIds.length) throw new SignOnRefusedError("other-school");
  }
  if (user && membership) {
    const { schoolMemberships: _memberships, ...account } = user;
    return account;
  }
  const pending = invitation!;
  return prisma.$transaction(async (tx) => {
    // Claimed in one statement: an emailed link accepted at the same moment wins or loses whole.
    const { count } = await tx.invitation.updateMany({ where: { id: pending.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
    if (count === 0) throw new SignOnRefusedError("not-a-member");
    let account: User;
    if (user) {
      const { schoolMemberships: _memberships, ...existing } = user;
      account = existing;
    } else {
      const name = pending.name ?? (nameClaim?.trim().slice(0, 200) || email.split("@")[0]!);
      account = await tx.user.create({ data: { email, name, passwordHash: NO_PASSWORD } });
      await claimEmailsTo(tx, account);
    }
    await joinSchoolByInvitation(tx, account.id, pending);
    await tx.pendingSignUp.deleteMany({ where: { email } });
    return account;
  });
}

/** An account made by a school sign-in has no password until its person sets one ("forgot password"). */
const NO_PASSWORD = "none";

/** The web app's one-time code → a normal session (like signIn's). Each code works once, for a minute. */
export async function completeSchoolSignIn(deps: { prisma: PrismaClient; sessionTtlMs: number }, input: { code: string }) {
  return deps.prisma.$transaction(async (tx) => {
    const [handoff] = await tx.$queryRaw<{ userId: string }[]>`
      DELETE FROM "SignOnHandoff" WHERE "codeHash" = ${hashToken(input.code)} AND "expiresAt" > now()
      RETURNING "userId"`;
    if (!handoff) throw new ExpiredLinkError("This sign-in has expired or was already used. Sign in with your school account again.");
    return { userId: handoff.userId, ...(await startSession(tx, handoff.userId, deps.sessionTtlMs)) };
  });
}
