// Turns a bearer token into an Actor: who they are, which schools and groups they belong to or
// lead, and (for API tokens) the one school and the scopes the token is narrowed to.
// ONE SQL statement per request, whatever the size of the school: the credential and everything
// the actor knows come back as one row (the lists as JSON). Every request loads the actor, and
// every subscription event reloads it, so it was worth folding the five Prisma queries it took
// (session, school roles, groups, the actor's role in them, coachees) into one.
// Given the app's database, that statement goes through its pool, prepared once per connection
// (PostgreSQL plans the query once): through the pool it costs ~0.05 ms of CPU here, through
// Prisma's $queryRaw ~0.2 ms, and every request pays it. Inside a transaction it goes through
// the transaction's client.
import type { Database } from "../db/client.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { GroupKind, GroupRole, SchoolRole } from "../generated/prisma/enums.ts";
import { ANONYMOUS, type Actor, type KnownGroup, type UserActor } from "../policies/actor.ts";
import { API_SCOPES, type ApiScope } from "../policies/scopes.ts";
import { hashToken, tokenKind } from "./secrets.ts";

export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  return match?.[1] ?? null;
}

/** Returns null when a token was given but is unknown, expired or revoked. */
export async function loadActor(db: AppDatabase, token: string | null, now = new Date()): Promise<Actor | null> {
  if (!token) return ANONYMOUS;
  const kind = tokenKind(token);
  if (!kind) return null;
  const tokenHash = hashToken(token);
  const [row] =
    kind === "session"
      ? await queryActors(db, sessions(Prisma.sql`s."tokenHash" = ${tokenHash}`), "staffroom_actor_by_session_token")
      : await queryActors(db, apiTokens(Prisma.sql`t."tokenHash" = ${tokenHash}`), "staffroom_actor_by_api_token");
  if (!row || !isLive(row, now)) return null;
  if (kind === "api" && row.id) await markUsed(db.prisma, { id: row.id, lastUsedAt: row.lastUsedAt }, now);
  return toActor(row);
}

/** The app's database: actors are read through its pool. */
export type AppDatabase = Pick<Database, "prisma" | "sql">;

/** The app's database, or a client (a transaction's) to read through. */
type ActorSource = AppDatabase | Pick<PrismaClient, "$queryRaw">;

/** Which credential an actor came with: reloading it reads the same session or API token. */
export function credentialKey(actor: UserActor): string {
  return actor.authSessionId ? `session:${actor.authSessionId}` : `api:${actor.apiToken?.id ?? "none"}`;
}

/**
 * The actors as of now, from the same credentials (sessions or API tokens), in ONE statement
 * however many there are: keyed by credentialKey, null for one revoked or expired since.
 * Memberships, roles and coaching assignments are read afresh.
 */
export async function reloadActors(db: AppDatabase, actors: readonly UserActor[], now = new Date()): Promise<Map<string, UserActor | null>> {
  const sessionIds = actors.flatMap((a) => (a.authSessionId ? [a.authSessionId] : []));
  const tokenIds = actors.flatMap((a) => (!a.authSessionId && a.apiToken ? [a.apiToken.id] : []));
  const reloaded = new Map<string, UserActor | null>(actors.map((a) => [credentialKey(a), null]));
  if (sessionIds.length === 0 && tokenIds.length === 0) return reloaded;
  const rows = await queryActors(
    db,
    Prisma.sql`${sessions(Prisma.sql`s."id" = ANY(${sessionIds}::uuid[])`)} UNION ALL ${apiTokens(Prisma.sql`t."id" = ANY(${tokenIds}::uuid[])`)}`,
    "staffroom_actors_by_credential_ids",
  );
  for (const row of rows) {
    if (!isLive(row, now)) continue;
    const actor = toActor(row);
    reloaded.set(credentialKey(actor), actor);
  }
  return reloaded;
}

/** The actor of a person whose credential was just checked or created (e.g. at sign-in). */
export async function loadUserActor(source: ActorSource, userId: string, credential: Pick<UserActor, "authSessionId" | "apiToken">): Promise<UserActor> {
  const [row] = await queryActors(
    source,
    Prisma.sql`SELECT NULL::text AS "kind", NULL::uuid AS "id", ${userId}::uuid AS "userId", NULL::timestamptz AS "revokedAt", NULL::timestamptz AS "expiresAt",
                      ${credential.apiToken?.schoolId ?? null}::uuid AS "schoolId", NULL::text[] AS "scopes", NULL::timestamptz AS "lastUsedAt"`,
  );
  // A SELECT without FROM: there is always exactly one row.
  return { ...toActor(row!), ...credential };
}

/** Integrators see when a token was last used; once a minute is precise enough and cheap. */
async function markUsed(prisma: PrismaClient, token: { id: string; lastUsedAt: Date | null }, now: Date) {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < 60_000) return;
  await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
}

/**
 * Credentials as the columns queryActors expects. A session holds every scope and every school
 * of its user (schoolId and scopes NULL); an API token is narrowed to its school and scopes.
 */
function sessions(condition: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT 'session'::text AS "kind", s."id", s."userId", s."revokedAt", s."expiresAt",
                           NULL::uuid AS "schoolId", NULL::text[] AS "scopes", NULL::timestamptz AS "lastUsedAt"
                      FROM "AuthSession" s WHERE ${condition}`;
}

function apiTokens(condition: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT 'api'::text AS "kind", t."id", t."userId", t."revokedAt", t."expiresAt", t."schoolId", t."scopes", t."lastUsedAt"
                      FROM "ApiToken" t WHERE ${condition}`;
}

type ActorRow = {
  /** The credential the row was read through; null for loadUserActor (its caller knows it). */
  kind: "session" | "api" | null;
  id: string | null;
  userId: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  /** An API token's school: the actor knows only this one. */
  schoolId: string | null;
  scopes: string[] | null;
  lastUsedAt: Date | null;
  memberships: { schoolId: string; role: SchoolRole }[];
  groups: { id: string; schoolId: string; kind: GroupKind; archived: boolean; membership: GroupRole | null }[];
  coachees: string[];
};

/**
 * Each credential with what its user may know, in one statement, one row per credential found:
 * their school roles (only the token's school for an API token); the groups they belong to in
 * those schools, and every group of a school they lead (coach or admin), with their own role in
 * it; the teachers they coach there. The rules of the five queries this replaced, as joins on the
 * user's active school memberships (m), where all three lists start.
 */
function queryActors(source: ActorSource, credentials: Prisma.Sql, preparedName?: string): Promise<ActorRow[]> {
  // A deactivated membership is no membership: the school, its groups and its coachees drop out
  // of everything the actor knows, so every policy treats the person as a stranger there.
  const myMemberships = Prisma.sql`m."userId" = c."userId" AND m."deactivatedAt" IS NULL AND (c."schoolId" IS NULL OR m."schoolId" = c."schoolId")`;
  const query = Prisma.sql`
    WITH credential AS (${credentials})
    SELECT c."kind", c."id", c."userId", c."revokedAt", c."expiresAt", c."schoolId", c."scopes", c."lastUsedAt",
           (SELECT coalesce(json_agg(json_build_object('schoolId', m."schoolId", 'role', m."role")), '[]'::json)
              FROM "SchoolMember" m
             WHERE ${myMemberships}) AS "memberships",
           (SELECT coalesce(json_agg(json_build_object('id', g."id", 'schoolId', g."schoolId", 'kind', g."kind", 'archived', g."archivedAt" IS NOT NULL, 'membership', gm."role")), '[]'::json)
              FROM "Group" g
              JOIN "SchoolMember" m ON m."schoolId" = g."schoolId" AND ${myMemberships}
              LEFT JOIN "GroupMember" gm ON gm."groupId" = g."id" AND gm."userId" = c."userId"
             WHERE gm."id" IS NOT NULL OR m."role" <> 'TEACHER') AS "groups",
           (SELECT coalesce(json_agg(a."teacherId"), '[]'::json)
              FROM "CoachingAssignment" a
              JOIN "SchoolMember" m ON m."schoolId" = a."schoolId" AND ${myMemberships}
             WHERE a."coachId" = c."userId") AS "coachees"
      FROM credential c`;
  if ("sql" in source) return source.sql.query<ActorRow>(query.text, query.values, preparedName ? { prepareAs: preparedName } : {});
  return source.$queryRaw<ActorRow[]>(query);
}

function isLive(row: ActorRow, now: Date): boolean {
  return !row.revokedAt && !(row.expiresAt && row.expiresAt <= now);
}

function toActor(row: ActorRow): UserActor {
  const apiToken =
    row.kind === "api" && row.id && row.schoolId
      ? { id: row.id, schoolId: row.schoolId, scopes: new Set((row.scopes ?? []).filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s))) }
      : null;
  return {
    kind: "user",
    userId: row.userId,
    authSessionId: row.kind === "session" ? row.id : null,
    apiToken,
    schools: new Map(row.memberships.map((m) => [m.schoolId, m.role])),
    groups: new Map<string, KnownGroup>(
      row.groups.map((g) => [g.id, { id: g.id, schoolId: g.schoolId, kind: g.kind, archived: g.archived, membership: g.membership }]),
    ),
    coachees: new Set(row.coachees),
  };
}
