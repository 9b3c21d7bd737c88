// Helpers for the trust-boundary tests: every actor of the trust table (README, "Who can see
// what"), and one way to say whether a read showed something and whether a write went through.
import { expect } from "vitest";
import type { ApiScope } from "@staffroom/api/testing";
import type { GqlResult, TestApp } from "./app.ts";
import type { BoundGqlCall } from "./graphql-http.ts";
import { ACTOR_KEYS, ALL_SCOPES, type ActorKey, type SchoolFixture } from "./school-fixture.ts";

/** The table's columns: people by role, API tokens with and without the scope, and nobody. */
export type TrustActor = ActorKey | "anonymous" | "tokenWithScope" | "tokenWithoutScope";

export const TRUST_ACTORS: readonly TrustActor[] = [...ACTOR_KEYS, "anonymous", "tokenWithScope", "tokenWithoutScope"];

/**
 * The columns of a table that need not tell peer members apart: the author (peerMember) and one
 * other member (peerMember2), every other kind of person once, the two tokens and nobody.
 */
export const TABLE_ACTORS: readonly TrustActor[] = TRUST_ACTORS.filter((actor) => actor !== "peerMember3");

/** A read row of the trust table: these actors see the thing; everyone else does not. */
export function shownTo(...who: TrustActor[]): Record<TrustActor, "shown" | "hidden"> {
  return Object.fromEntries(TRUST_ACTORS.map((a) => [a, who.includes(a) ? "shown" : "hidden"])) as Record<TrustActor, "shown" | "hidden">;
}

/** A write row of the trust table: these actors may do it; for everyone else it is refused. */
export function doneBy(...who: TrustActor[]): Record<TrustActor, "done" | "refused"> {
  return Object.fromEntries(TRUST_ACTORS.map((a) => [a, who.includes(a) ? "done" : "refused"])) as Record<TrustActor, "done" | "refused">;
}

/**
 * The bearer token for an actor. Token actors belong to `tokenOwner` (someone who could do the
 * thing with a session): `tokenWithScope` holds every scope, `tokenWithoutScope` every scope
 * but `scope`, so the scope alone decides.
 */
export async function tokenFor(fx: SchoolFixture, actor: TrustActor, tokenOwner: ActorKey, scope: ApiScope): Promise<string | null> {
  if (actor === "anonymous") return null;
  if (actor === "tokenWithScope") return fx.apiToken(tokenOwner, ALL_SCOPES);
  if (actor === "tokenWithoutScope")
    return fx.apiToken(
      tokenOwner,
      ALL_SCOPES.filter((s) => s !== scope),
    );
  return fx.people[actor].token;
}

const REFUSAL_CODES = new Set(["FORBIDDEN", "UNAUTHENTICATED"]);

/**
 * "shown" when `pick` finds something in the data; "hidden" when it finds nothing (null, empty
 * list, zero) or the server refused with FORBIDDEN/UNAUTHENTICATED. Any other error fails the test.
 */
export function readOutcome<T>(result: GqlResult<T>, pick: (data: T) => unknown): "shown" | "hidden" {
  const unexpected = (result.errors ?? []).filter((e) => !REFUSAL_CODES.has(e.extensions?.code ?? ""));
  expect(unexpected, JSON.stringify(unexpected)).toEqual([]);
  if (result.errors?.length && !result.data) return "hidden";
  let value: unknown;
  try {
    value = pick(result.data as T);
  } catch {
    return "hidden"; // a refused field nulls its parent
  }
  if (value === null || value === undefined || value === 0 || value === false) return "hidden";
  if (Array.isArray(value) && value.length === 0) return "hidden";
  return "shown";
}

/**
 * "done" when the mutation's payload is a success (`__typename` ends with "Success", or a plain
 * value came back); "refused" for FORBIDDEN/UNAUTHENTICATED or a NOT_FOUND typed error.
 */
export function writeOutcome<T>(result: GqlResult<T>, field: string): "done" | "refused" {
  const errors = result.errors ?? [];
  if (errors.length) {
    const unexpected = errors.filter((e) => !REFUSAL_CODES.has(e.extensions?.code ?? ""));
    expect(unexpected, JSON.stringify(unexpected)).toEqual([]);
    return "refused";
  }
  const payload = (result.data as Record<string, unknown> | undefined)?.[field];
  if (payload && typeof payload === "object" && "__typename" in payload) {
    if (String(payload.__typename).endsWith("Success")) return "done";
    expect((payload as { code?: string }).code, JSON.stringify(payload)).toBe("NOT_FOUND");
    return "refused";
  }
  return payload === null || payload === undefined ? "refused" : "done";
}

export async function asActor(app: TestApp, fx: SchoolFixture, actor: TrustActor, tokenOwner: ActorKey, scope: ApiScope) {
  const token = await tokenFor(fx, actor, tokenOwner, scope);
  return ((document: string, variables?: Record<string, unknown>) => app.gql(document, variables, token)) as BoundGqlCall;
}
