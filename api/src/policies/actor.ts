// Who is asking. Loaded once per request (or per collab connection) from the bearer token;
// every policy decision is a pure function of an Actor and the resource's own fields.
import { forbidden } from "../domain/errors.ts";
import type { GroupKind, GroupRole, SchoolRole } from "../generated/prisma/enums.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ApiScope } from "./scopes.ts";

/** A group the actor may know about: their own groups, and every group of a school they lead. */
export type KnownGroup = {
  id: string;
  schoolId: string;
  kind: GroupKind;
  archived: boolean;
  /** The actor's own role in the group, or null when they know it only as a school leader. */
  membership: GroupRole | null;
};

export type AnonymousActor = { kind: "anonymous" };

export type UserActor = {
  kind: "user";
  userId: string;
  /** Set when the request carries a session token (not an API token). */
  authSessionId: string | null;
  /** Set when the request carries an API token: narrowed to one school and to these scopes. */
  apiToken: { id: string; schoolId: string; scopes: ReadonlySet<ApiScope> } | null;
  schools: ReadonlyMap<string, SchoolRole>;
  groups: ReadonlyMap<string, KnownGroup>;
  /** Teachers this actor coaches (coaching assignments where they are the coach). */
  coachees: ReadonlySet<string>;
};

export type Actor = AnonymousActor | UserActor;

export const ANONYMOUS: AnonymousActor = { kind: "anonymous" };

export function isSignedIn(actor: Actor): actor is UserActor {
  return actor.kind === "user";
}

/** A session holds every scope; an API token only its own. */
export function holdsScope(actor: Actor, scope: ApiScope): actor is UserActor {
  if (actor.kind !== "user") return false;
  return actor.apiToken === null || actor.apiToken.scopes.has(scope);
}

export function schoolRole(actor: Actor, schoolId: string): SchoolRole | null {
  return actor.kind === "user" ? (actor.schools.get(schoolId) ?? null) : null;
}

/** Coaches and admins lead a school: they steer PLCs and see peer groups' metadata. */
export function leadsSchool(actor: Actor, schoolId: string): boolean {
  const role = schoolRole(actor, schoolId);
  return role === "COACH" || role === "ADMIN";
}

export function knownGroup(actor: Actor, groupId: string): KnownGroup | null {
  return actor.kind === "user" ? (actor.groups.get(groupId) ?? null) : null;
}

/** Who is acting: the signed-in person's id, or null for an anonymous caller. */
export function actingUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

/** The signed-in person acting; anyone else is refused (a write is attributed to a person). */
export function requireActingUser(actor: Actor): string {
  if (actor.kind !== "user") throw forbidden();
  return actor.userId;
}

/** Who asks, and the database to load with: what the load-under-the-policy helpers need. */
export type Reader = { prisma: PrismaClient; actor: Actor };
