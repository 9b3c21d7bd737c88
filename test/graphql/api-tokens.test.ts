// API tokens as the console's Tokens section uses them: the scopes on offer with their sentences,
// a token created with a name, scopes and an expiry (its secret in that answer only), the list for
// one school with each token's status, and the rules: any staff member makes tokens for
// themselves, and everyone (admins included) lists and revokes only their own.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_SCOPE_DESCRIPTIONS, API_SCOPES } from "@staffroom/api/testing";
import { startTestApp, type TestApp, type TypedDocument } from "../support/app.ts";
import { graphql, type ResultOf, type VariablesOf } from "../support/graphql.ts";
import type { GqlArgs } from "../support/graphql-http.ts";
import { asNode, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "tokens");
});
afterAll(() => app?.close());

const as = <R, V>(actor: ActorKey, document: TypedDocument<R, V>, variables?: V) => app.gql(document, ...([variables, fx.people[actor].token] as GqlArgs<V>));

/** A payload read as its ValidationError (only a type: the test's assertions check it). */
function validation<P extends { __typename: string }>(payload: P | null | undefined) {
  return payload as Extract<P, { __typename: "ValidationError" }>;
}

const CREATE = graphql(
  `
  mutation ApiTokenCreate($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on MutationCreateApiTokenSuccess {
        data {
          secret
          apiToken { id name prefix scopes expiresAt status school { id } }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const LIST = graphql(`
  query MyApiTokens($s: ID, $all: Boolean) {
    myApiTokens(schoolId: $s, includeRevoked: $all) { edges { node { id name status revokedAt } } }
  }
`);
const REVOKE = graphql(`
  mutation ApiTokenRevoke($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on MutationRevokeApiTokenSuccess { data { id status revokedAt } }
      ... on BaseError { code }
    }
  }
`);
const SCOPES = graphql(`
  query ApiScopes {
    apiScopes { scope description }
  }
`);
const LIST_ALL = graphql(`
  query MyApiTokensPrefixes {
    myApiTokens { edges { node { id name prefix } } }
  }
`);
const CHANGE_ROLE = graphql(`
  mutation ApiTokenChangeRole($id: ID!) {
    changeSchoolMemberRole(memberId: $id, role: ADMIN) { __typename }
  }
`);
const TOKEN_NAME = graphql(`
  query ApiTokenName($id: ID!) {
    node(id: $id) { ... on ApiToken { name } }
  }
`);

type CreateInput = VariablesOf<typeof CREATE>["input"];
const input = (extra: Partial<CreateInput> = {}) => ({
  input: { schoolId: fx.schoolGid, name: "Dashboard", scopes: ["GROUPS_READ"], ...extra } as CreateInput,
});
const names = (res: { data?: ResultOf<typeof LIST> }) => res.data!.myApiTokens.edges.map((e) => e.node.name);

describe("the scopes on offer", () => {
  it("lists every scope with the sentence the README's table gives, the same for anyone", async () => {
    const query = SCOPES;
    const anonymous = await app.gql(query);
    expect(anonymous.data!.apiScopes).toEqual(API_SCOPES.map((scope) => ({ scope, description: API_SCOPE_DESCRIPTIONS[scope] })));
    expect((await as("admin", query)).data).toEqual(anonymous.data);
  });

  it("says of each scope what the README's scope table says", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const scopes: readonly string[] = API_SCOPES;
    // The table's rows: the README's other tables (settings, metrics) name other things.
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)` +\| (.+?) +\|$/gm)].map((m) => [m[1]!, m[2]!]).filter(([name]) => scopes.includes(name!));
    const plain = (text: string) => text.replace(/\.$/, "").toLowerCase();
    expect(rows.map(([scope]) => scope)).toEqual([...API_SCOPES]);
    for (const [scope, grants] of rows) expect(plain(grants!), scope).toBe(plain(API_SCOPE_DESCRIPTIONS[scope as (typeof API_SCOPES)[number]]));
  });
});

describe("creating a token", () => {
  it("returns the secret once, with the stored token's name, scopes, expiry and status", async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const res = await as("admin", CREATE, input({ name: "  SIS sync ", scopes: ["SCHOOL_READ", "GROUPS_READ", "SCHOOL_READ"], expiresAt }));
    expect(res.errors).toBeUndefined();
    const { secret, apiToken } = succeeded(res.data!.createApiToken).data;
    expect(secret).toMatch(/^sra_/);
    expect(apiToken).toMatchObject({ name: "SIS sync", scopes: ["SCHOOL_READ", "GROUPS_READ"], expiresAt, status: "ACTIVE", school: { id: fx.schoolGid } });
    expect(secret.startsWith(apiToken.prefix)).toBe(true);
    // Listed later without it: the secret is nowhere but in that answer.
    const listed = await as("admin", LIST_ALL);
    expect(JSON.stringify(listed.data)).not.toContain(secret);
  });

  it("says what is wrong with each field, and writes nothing", async () => {
    const before = await app.db.prisma.apiToken.count();
    const blank = await as("admin", CREATE, input({ name: "  ", scopes: [] }));
    expect(blank.data!.createApiToken.__typename).toBe("ValidationError");
    expect(validation(blank.data!.createApiToken).issues).toEqual(
      expect.arrayContaining([
        { path: "input.name", message: "is required: say what the token is for" },
        { path: "input.scopes", message: "choose at least one scope" },
      ]),
    );
    const long = await as("admin", CREATE, input({ name: "x".repeat(81) }));
    expect(validation(long.data!.createApiToken).issues).toEqual([{ path: "input.name", message: "must be at most 80 characters" }]);
    const past = await as("admin", CREATE, input({ expiresAt: new Date(Date.now() - 60_000).toISOString() }));
    expect(past.data!.createApiToken).toMatchObject({ __typename: "ValidationError", issues: [{ message: "must be in the future" }] });
    const elsewhere = await as("admin", CREATE, { input: { ...input().input, schoolId: gid("School", fx.otherSchoolId) } });
    expect(elsewhere.data!.createApiToken.__typename).toBe("NotFoundError");
    expect(await app.db.prisma.apiToken.count()).toBe(before);
  });

  it("any member of the school's staff may make one for themselves; it does no more than they could", async () => {
    const res = await as("otherTeacher", CREATE, input({ name: "My planner", scopes: ["SCHOOL_WRITE", "SCHOOL_READ"] }));
    const { secret } = succeeded(res.data!.createApiToken).data;
    const member = await app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: fx.people.peerMember.id, schoolId: fx.schoolId } });
    const change = await app.gql(CHANGE_ROLE, { id: gid("SchoolMember", member.id) }, secret);
    expect(change.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await app.db.prisma.schoolMember.findUniqueOrThrow({ where: { id: member.id } })).role).toBe("TEACHER");
  });
});

describe("listing and revoking", () => {
  it("lists one school's tokens with their status; revoked and expired ones say so", async () => {
    const elsewhere = await app.db.prisma.schoolMember.create({ data: { schoolId: fx.otherSchoolId, userId: fx.people.coach.id, role: "TEACHER" } });
    const made = await as("coach", CREATE, input({ name: "Here" }));
    await app.gql(CREATE, { input: { ...input().input, schoolId: gid("School", fx.otherSchoolId), name: "There" } }, fx.people.coach.token);
    const expired = await as("coach", CREATE, input({ name: "Short-lived", expiresAt: new Date(Date.now() + 60_000).toISOString() }));
    await app.db.prisma.apiToken.updateMany({ where: { name: "Short-lived" }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect(names(await as("coach", LIST, {}))).toEqual(["Short-lived", "There", "Here"]);
    const here = await as("coach", LIST, { s: fx.schoolGid });
    expect(here.data!.myApiTokens.edges.map((e) => [e.node.name, e.node.status])).toEqual([
      ["Short-lived", "EXPIRED"],
      ["Here", "ACTIVE"],
    ]);

    const madeId = succeeded(made.data!.createApiToken).data.apiToken.id;
    const revoked = await as("coach", REVOKE, { id: madeId });
    expect(succeeded(revoked.data!.revokeApiToken).data).toMatchObject({ id: madeId, status: "REVOKED" });
    expect(names(await as("coach", LIST, { s: fx.schoolGid }))).toEqual(["Short-lived"]);
    const withRevoked = await as("coach", LIST, { s: fx.schoolGid, all: true });
    expect(withRevoked.data!.myApiTokens.edges.map((e) => e.node.status)).toEqual(["EXPIRED", "REVOKED"]);
    expect(expired.data!.createApiToken.__typename).toBe("MutationCreateApiTokenSuccess");
    await app.db.prisma.schoolMember.delete({ where: { id: elsewhere.id } });
  });

  it("an admin sees and revokes only their own tokens, not the teachers' (nor their names)", async () => {
    const teachers = await as("peerMember", CREATE, input({ name: "Ana's reflection export" }));
    const tokenId = succeeded(teachers.data!.createApiToken).data.apiToken.id;
    const listed = await as("admin", LIST, { s: fx.schoolGid, all: true });
    expect(names(listed)).not.toContain("Ana's reflection export");
    const node = await as("admin", TOKEN_NAME, { id: tokenId });
    expect(asNode(node.data!.node, "ApiToken")).toBeNull();
    const revoke = await as("admin", REVOKE, { id: tokenId });
    expect(revoke.data!.revokeApiToken).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect((await app.db.prisma.apiToken.findFirstOrThrow({ where: { name: "Ana's reflection export" } })).revokedAt).toBeNull();
  });
});
