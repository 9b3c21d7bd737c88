// Forbidden and missing must look the same, everywhere an id goes in: node, nodes, every query
// field taking an id, and every mutation. For each actor and each row it may not read, the answer
// for that row's id and for a well-formed id of the same type that does not exist are identical
// once the id is blanked out. Driven from the schema: every Node type, every field with an id.
// Its operations are raw text on purpose: built at run time for every type and field (a typed
// document names its fields in advance), and compared as the server answers them, id blanked out.
import { randomUUID } from "node:crypto";
import { getNamedType, type GraphQLField } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@staffroom/api/schema";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildEveryNode, tableCounts, type EveryNode } from "../support/every-node.ts";
import { call, fixtureIds, idType, slots, type AnyField, type Slot } from "../support/schema-calls.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
let rows: EveryNode;
let tokens: Record<Actor, string | null>;
/** For each actor, the node types whose fixture row `node(id:)` shows it. */
const readable = new Map<Actor, Set<string>>();

// Outsiders of every kind: another school's admin (sees nothing here), a teacher of the school in no
// group, the school's coach (group metadata, but not a peer group's content), a peer of the group
// (not the coaching between the coach and peerMember, nor peerMember's token), nobody, and an API
// token of the group's member that lacks every read scope.
const ACTORS = ["otherSchoolAdmin", "otherTeacher", "coach", "peerMember3", "anonymous", "scopelessToken"] as const;
type Actor = (typeof ACTORS)[number];

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "oracle");
  rows = await buildEveryNode(app.db.prisma, fx);
  tokens = {
    otherSchoolAdmin: fx.people.otherSchoolAdmin.token,
    otherTeacher: fx.people.otherTeacher.token,
    coach: fx.people.coach.token,
    peerMember3: fx.people.peerMember3.token,
    anonymous: null,
    scopelessToken: await fx.apiToken("peerMember", ["SCHOOL_READ"]),
  };
  for (const actor of ACTORS) {
    // `id` too: a field of the type itself, so a row the actor may not read is null here whatever
    // node answers (before the fix, `__typename` alone came back even for forbidden rows).
    const res = await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: Object.values(rows.gids) }, tokens[actor]);
    readable.set(actor, new Set(res.data?.nodes.filter(Boolean).map((n: { __typename: string }) => n.__typename)));
  }
});
afterAll(() => app?.close());

const nodeTypes = Object.values(schema.getTypeMap())
  .filter((t) => "getInterfaces" in t && t.getInterfaces().some((i) => i.name === "Node"))
  .map((t) => t.name)
  .sort();

/** A well-formed id of `type` that names no row. */
const missingId = (type: string) => gid(type, randomUUID());

/** The response with every occurrence of `ids` replaced by one placeholder. */
function blank(res: unknown, ...ids: string[]): string {
  let text = JSON.stringify(res);
  for (const id of ids) {
    text = text.replaceAll(id, "<id>");
    const raw = Buffer.from(id, "base64").toString().split(":")[1]!;
    text = text.replaceAll(raw, "<id>");
  }
  return text;
}

/** Pairs of (actor, node type) where the actor may not read the fixture row. */
function hiddenPairs(): [Actor, string][] {
  return ACTORS.flatMap((actor) => nodeTypes.filter((type) => !readable.get(actor)!.has(type)).map((type): [Actor, string] => [actor, type]));
}

describe("node and nodes", () => {
  it("the fixture has a row of every Node type of the schema", () => {
    expect(nodeTypes.length).toBeGreaterThanOrEqual(23);
    expect(Object.keys(rows.gids).sort()).toEqual(nodeTypes);
    // Every type is hidden from someone, so every type is checked below.
    expect(new Set(hiddenPairs().map(([, type]) => type))).toEqual(new Set(nodeTypes));
  });

  it("answer a row the actor may not read exactly as a row that does not exist: null, no error", async () => {
    const pairs = hiddenPairs();
    expect(pairs.length).toBeGreaterThan(60);
    for (const [actor, type] of pairs) {
      const query = `query($id: ID!) { node(id: $id) { id __typename ... on ${type} { id } } }`;
      const hidden = await app.gql(query, { id: rows.gids[type] }, tokens[actor]);
      const missing = missingId(type);
      const absent = await app.gql(query, { id: missing }, tokens[actor]);
      expect(blank(hidden, rows.gids[type]!), `${actor} ${type}`).toBe(blank(absent, missing));
      expect(hidden, `${actor} ${type}`).toEqual({ data: { node: null }, status: 200 });

      const many = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
      const both = await app.gql(many, { ids: [rows.gids[type], missing] }, tokens[actor]);
      expect(both, `${actor} ${type}`).toEqual({ data: { nodes: [null, null] }, status: 200 });
    }
  });

  it("refuse an id naming a type that is not a node, as any malformed id: no internals, no guessing", async () => {
    for (const type of ["Foo", "FieldIssue", "ValidationError", "Query", "Node", "BaseError"]) {
      const id = missingId(type);
      const res = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, fx.people.peerMember.token);
      expect(
        res.errors?.map((e) => [e.extensions?.code, e.message]),
        type,
      ).toEqual([["BAD_USER_INPUT", `"${id.slice(0, 60)}" is not a Staffroom id.`]]);
    }
  });

  it("still show what the actor may read", async () => {
    const res = await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Object.values(rows.gids) }, fx.people.peerMember.token);
    // peerMember reads all of its group's content, its own token, its coaching, the school and people
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes.filter(Boolean).length).toBeGreaterThan(15);
    expect(readable.get("coach")).toContain("Group");
  });
});

/** Every field of `root` with an id (an ID argument, or an ID inside an input object), one slot per id. */
function idSlots(fields: AnyField[]): { field: AnyField; slot: Slot }[] {
  return fields
    .filter((f) => f.name !== "node" && f.name !== "nodes")
    .flatMap((field) =>
      field.args
        .flatMap((a) => slots(a.type, [a.name]))
        .filter((s) => getNamedType(s.type).name === "ID")
        .map((slot) => ({ field, slot })),
    );
}

/** The row's type named by the last path segment of an id slot (`input.results.0.groupId` → Group). */
function slotType(slot: Slot): string {
  const last = [...slot.path].reverse().find((p) => typeof p === "string") as string;
  return idType(last);
}

async function compareAcross(kind: "query" | "mutation", fields: GraphQLField<unknown, unknown>[]) {
  const idFor = fixtureIds(fx, rows);
  let compared = 0;
  const mismatches: string[] = [];
  const table = idSlots(fields);
  expect(table.length).toBeGreaterThan(kind === "query" ? 8 : 40);
  for (const { field, slot } of table) {
    const type = slotType(slot);
    expect(nodeTypes, `${field.name} ${slot.path.join(".")}`).toContain(type);
    for (const actor of ACTORS) {
      if (readable.get(actor)!.has(type)) continue;
      const hiddenCall = call(kind, field, { path: slot.path, value: rows.gids[type] }, idFor);
      const missing = missingId(type);
      const absentCall = call(kind, field, { path: slot.path, value: missing }, idFor);
      const hidden = await app.gql(hiddenCall.query, hiddenCall.variables, tokens[actor]);
      const absent = await app.gql(absentCall.query, absentCall.variables, tokens[actor]);
      const [shown, expected] = [blank(hidden, rows.gids[type]!), blank(absent, missing)];
      if (shown !== expected) mismatches.push(`${actor}: ${field.name}(${slot.path.join(".")} = ${type})\n  hidden:  ${shown}\n  missing: ${expected}`);
      compared++;
    }
  }
  expect(mismatches.join("\n")).toBe("");
  return compared;
}

describe("typed lookups: every query field that takes an id", () => {
  it("answers an id the actor may not read exactly as a missing one", async () => {
    const compared = await compareAcross("query", Object.values(schema.getQueryType()!.getFields()));
    expect(compared).toBeGreaterThan(20);
  });
});

describe("mutations: every id of every mutation", () => {
  it("answer an id the actor may not read exactly as a missing one, and write nothing", async () => {
    const before = await tableCounts(app.db.prisma);
    const compared = await compareAcross("mutation", Object.values(schema.getMutationType()!.getFields()));
    expect(compared).toBeGreaterThan(100);
    const after = await tableCounts(app.db.prisma);
    // Only what any signed-in request records may move (an API token's last use).
    expect({ ...after, ApiToken: 0 }).toEqual({ ...before, ApiToken: 0 });
  });

  it("a signed-in outsider gets the same NotFoundError for a hidden and a missing row", async () => {
    const mutation = `mutation($id: ID!) { deleteDocument(documentId: $id) { __typename ... on BaseError { code message } } }`;
    const hidden = await app.gql(mutation, { id: rows.gids.Document }, fx.people.otherTeacher.token);
    expect(hidden.data).toEqual({ deleteDocument: { __typename: "NotFoundError", code: "NOT_FOUND", message: "That document was not found." } });
  });
});
