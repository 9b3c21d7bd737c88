// Turns a bearer token into an Actor: who they are, which schools and groups they belong to or
// lead, and (for API tokens) the one school and the scopes the token is narrowed to.
// A fixed handful of statements per request, whatever the size of the school.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { ANONYMOUS, type Actor, type KnownGroup, type UserActor } from "../policies/actor.ts";
import { API_SCOPES, type ApiScope } from "../policies/scopes.ts";
import { hashToken, tokenKind } from "./secrets.ts";

export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  return match?.[1] ?? null;
}

/** Returns null when a token was given but is unknown, expired or revoked. */
export async function loadActor(prisma: PrismaClient, token: string | null, now = new Date()): Promise<Actor | null> {
  if (!token) return ANONYMOUS;
  const kind = tokenKind(token);
  const tokenHash = hashToken(token);
  if (kind === "session") {
    const session = await prisma.authSession.findUnique({ where: { tokenHash } });
    if (!session || session.revokedAt || session.expiresAt <= now) return null;
    return loadUserActor(prisma, session.userId, { authSessionId: session.id, apiToken: null });
  }
  if (kind === "api") {
    const apiToken = await prisma.apiToken.findUnique({ where: { tokenHash } });
    if (!apiToken || apiToken.revokedAt || (apiToken.expiresAt && apiToken.expiresAt <= now)) return null;
    await markUsed(prisma, apiToken, now);
    const scopes = new Set(apiToken.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)));
    return loadUserActor(prisma, apiToken.userId, {
      authSessionId: null,
      apiToken: { id: apiToken.id, schoolId: apiToken.schoolId, scopes },
    });
  }
  return null;
}

/** Integrators see when a token was last used; once a minute is precise enough and cheap. */
async function markUsed(prisma: PrismaClient, token: { id: string; lastUsedAt: Date | null }, now: Date) {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < 60_000) return;
  await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
}

export async function loadUserActor(
  prisma: PrismaClient,
  userId: string,
  credential: Pick<UserActor, "authSessionId" | "apiToken">,
): Promise<UserActor> {
  const onlySchool = credential.apiToken?.schoolId;
  const memberships = await prisma.schoolMember.findMany({
    where: { userId, ...(onlySchool ? { schoolId: onlySchool } : {}) },
    select: { schoolId: true, role: true },
  });
  const schools = new Map(memberships.map((m) => [m.schoolId, m.role]));
  const ledSchools = memberships.filter((m) => m.role !== "TEACHER").map((m) => m.schoolId);
  const mySchools = [...schools.keys()];

  const [groups, assignments] = await Promise.all([
    prisma.group.findMany({
      where: { schoolId: { in: mySchools }, OR: [{ members: { some: { userId } } }, { schoolId: { in: ledSchools } }] },
      select: { id: true, schoolId: true, kind: true, archivedAt: true, members: { where: { userId }, select: { role: true } } },
    }),
    prisma.coachingAssignment.findMany({
      where: { coachId: userId, schoolId: { in: mySchools } },
      select: { teacherId: true },
    }),
  ]);

  const known = new Map<string, KnownGroup>(
    groups.map((g) => [
      g.id,
      { id: g.id, schoolId: g.schoolId, kind: g.kind, archived: g.archivedAt !== null, membership: g.members[0]?.role ?? null },
    ]),
  );
  return {
    kind: "user",
    userId,
    ...credential,
    schools,
    groups: known,
    coachees: new Set(assignments.map((a) => a.teacherId)),
  };
}
