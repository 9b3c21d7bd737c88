// The query cost limit counts the page sizes a query will really get (literal, variable, argument
// default or the server's default page), and every connection refuses a page over the cap.
// Its queries are raw text on purpose: built at run time for every connection and page size, and
// deliberately over the limits, which is what a typed document is not for.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  print,
  typeFromAST,
  type GraphQLInputType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationCost, PAGE_SIZE } from "@staffroom/api/testing";
import { schema } from "@staffroom/api/schema";
import { startTestApp, type GqlResult, type TestApp } from "../support/app.ts";
import { subscribeSse, subscribeWs, wsClient } from "../support/subscriptions.ts";
import { webOperations } from "../support/web-operations.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
const EXTRA_MEMBERS = 22; // with the fixture's 8, a 30-member school: 30³ = 27,000 rows three levels down
beforeAll(async () => {
  app = await startTestApp(); // the default limits: MAX_QUERY_COST 50000, MAX_QUERY_DEPTH 15
  fx = await buildSchoolFixture(app.db.prisma, "cost");
  for (let i = 0; i < EXTRA_MEMBERS; i++) {
    await app.make.user({
      email: `extra-${i}-${fx.schoolId}@example.test`,
      name: `Extra ${i}`,
      passwordHash: "scrypt$unused",
      schoolMemberships: { create: { schoolId: fx.schoolId, role: "TEACHER" } },
    });
  }
});
afterAll(() => app?.close());

const admin = () => fx.people.admin.token;

/** Statements the request ran, beyond loading the actor (which every request does, refused or not). */
async function run(query: string, variables: Record<string, unknown> = {}) {
  const statements: string[] = [];
  const stop = app.db.onQuery((sql) => statements.push(sql));
  const res = await app.gql(query, variables, admin());
  stop();
  return { res, statements };
}

let baseline: string[];
/** What a request that reads nothing runs (loading its actor): a refused query must run no more. */
async function statementsOfNothing(): Promise<string[]> {
  baseline ??= (await run(`{ __typename }`)).statements;
  return baseline;
}

/** The statements of `ran` that loading the actor does not account for (a refusal may come before or after it). */
function beyond(ran: string[], nothing: string[]): string[] {
  return ran.filter((sql) => !nothing.includes(sql));
}

function expectRefused(res: GqlResult<{ node?: unknown }>, message: RegExp) {
  expect(res.data?.node ?? null).toBeNull();
  expect(res.errors?.length, JSON.stringify(res)).toBeGreaterThan(0);
  expect(res.errors![0]!.message).toMatch(message);
}

// members → school → members → school → members: rows grow with the cube of the school's size.
const NESTED = (page: string) =>
  `query($school: ID!${page.includes("$n") ? ", $n: Int" : ""}) {
  node(id: $school) { ... on School {
    members(${page}) { edges { node { school {
      members(${page}) { edges { node { school {
        members(${page}) { edges { node { user { name } } } }
      } } } }
    } } } }
  } }
}`.replaceAll("()", "");

describe("cost uses the page sizes the query will really get", () => {
  it("refuses the nested query alike with a literal, a variable and the default page size, before running it", async () => {
    const nothing = await statementsOfNothing();
    const cases: [string, Record<string, unknown>][] = [
      ["first: 100", {}],
      ["first: $n", { n: 100 }],
      ["last: $n", { n: 100 }],
      ["", {}], // no first/last: still 20 rows a page
    ];
    for (const [page, vars] of cases) {
      const { res, statements } = await run(NESTED(page), { school: fx.schoolGid, ...vars });
      expectRefused(res, /cost/i);
      expect(beyond(statements, nothing), page).toEqual([]);
    }
  });

  it("with a small page the same query runs: the limit follows the page size, not the shape", async () => {
    const { res } = await run(NESTED("first: $n"), { school: fx.schoolGid, n: 3 });
    expect(res.errors).toBeUndefined();
    // The raw query's answer, read as the shape it selects: members of the school of each member, three deep.
    type Members = { edges: { node: { school: { members: Members } } }[] };
    const { node } = res.data as { node: { members: Members } };
    const leaves = node.members.edges.flatMap((a) => a.node.school.members.edges.flatMap((b) => b.node.school.members.edges));
    expect(leaves).toHaveLength(27);
  });

  it("a variable's default value counts too", async () => {
    const query = NESTED("first: $n").replace("$n: Int", "$n: Int = 100");
    const { res, statements } = await run(query, { school: fx.schoolGid });
    expectRefused(res, /cost/i);
    expect(beyond(statements, await statementsOfNothing())).toEqual([]);
  });

  it("a sibling field whose argument fails to coerce does not switch the check off", async () => {
    // `$nothing` has a default, so validation lets it into a non-null position; null then fails
    // only that field at execution, while the costly sibling would run.
    const query = NESTED("first: $n")
      .replace("query($school: ID!, $n: Int)", 'query($school: ID!, $n: Int, $nothing: ID = "x")')
      .replace("{\n  node(id: $school)", "{ probe: node(id: $nothing) { id }\n  node(id: $school)");
    expect(query).toContain("probe: node(id: $nothing)");
    const { res, statements } = await run(query, { school: fx.schoolGid, n: 100, nothing: null });
    expectRefused(res, /cost/i);
    expect(beyond(statements, await statementsOfNothing())).toEqual([]);
  });

  it("@skip and @include follow their variables", async () => {
    const query = `query($school: ID!, $n: Int, $deep: Boolean!) { node(id: $school) { ... on School {
      members(first: $n) { edges { node { school { members(first: $n) @include(if: $deep) { edges { node { school {
        members(first: $n) { edges { node { user { name } } } } } } } } } } } } } } }`;
    expect((await run(query, { school: fx.schoolGid, n: 100, deep: false })).res.errors).toBeUndefined();
    expect((await run(query, { school: fx.schoolGid, n: 100, deep: true })).res.errors?.[0]?.message).toMatch(/cost/i);
  });

  it("a subscription over graphql-ws and over SSE is refused alike when its variables make it too costly or its page too large", async () => {
    const nested = `subscription($g: ID!, $n: Int) { groupActivity(groupId: $g) { group { members(first: $n) { edges { node { group { members(first: $n) { edges { node { group { members(first: $n) { totalCount } } } } } } } } } } } }`;
    const client = wsClient(app, admin());
    try {
      for (const [q, n, code] of [
        [nested, 100, "QUERY_TOO_COSTLY"],
        [nested, 1000, "BAD_USER_INPUT"],
      ] as const) {
        const ws = subscribeWs(client, "groupActivity", q, { g: fx.plcGroupGid, n });
        expect(await ws.refusal()).toBe(code);
        ws.dispose();
        const sse = subscribeSse(app, "groupActivity", q, { g: fx.plcGroupGid, n }, admin());
        expect(await sse.refusal()).toBe(code);
        sse.dispose();
      }
    } finally {
      await client.dispose();
    }
  });

  it("a subscription is costed with its variables too", async () => {
    const document = parse(`subscription($g: ID!, $n: Int) { groupActivity(groupId: $g) { group { members(first: $n) { totalCount } } } }`);
    const small = operationCost({ schema, document, variableValues: { g: "x", n: 1 } });
    const large = operationCost({ schema, document, variableValues: { g: "x", n: 100 } });
    expect(large! - small!).toBe(99 * 3); // members { totalCount } costs 3 per row of the page
  });
});

describe("every connection caps first/last at the documented maximum", () => {
  const rootConnections = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.some((a) => a.name === "first"));

  it(`refuses first/last over ${PAGE_SIZE.max} on every root connection, literal or variable, before running anything`, async () => {
    expect(rootConnections.length).toBeGreaterThan(10);
    const nothing = await statementsOfNothing();
    for (const field of rootConnections) {
      const required = field.args.filter((a) => isNonNullType(a.type));
      for (const [arg, value] of [
        ["first", PAGE_SIZE.max + 1],
        ["last", 100_000],
        ["first", -1],
      ] as const) {
        const variables: Record<string, unknown> = { n: value };
        const declared = required.map((a) => `$${a.name}: ${String(a.type)}`);
        for (const a of required) variables[a.name] = a.name === "schoolId" ? fx.schoolGid : a.name === "groupId" ? fx.plcGroupGid : null;
        const query = `query($n: Int${declared.map((d) => `, ${d}`).join("")}) { ${field.name}(${arg}: $n${required.map((a) => `, ${a.name}: $${a.name}`).join("")}) { pageInfo { hasNextPage } } }`;
        const { res, statements } = await run(query, variables);
        expect(res.errors?.[0]?.extensions?.code, `${field.name} ${arg} ${value}: ${JSON.stringify(res)}`).toBe("BAD_USER_INPUT");
        expect(res.errors![0]!.message).toMatch(value < 0 ? /must not be negative/ : new RegExp(`may be at most ${PAGE_SIZE.max}`));
        expect(res.data ?? null).toBeNull();
        expect(beyond(statements, nothing), field.name).toEqual([]);
      }
    }
  });

  it("refuses an over-cap page on a nested connection too, and accepts exactly the maximum", async () => {
    const query = `query($school: ID!, $n: Int) { node(id: $school) { ... on School { members(first: $n) { totalCount edges { node { id } } } } } }`;
    const over = await run(query, { school: fx.schoolGid, n: PAGE_SIZE.max + 1 });
    expect(over.res.errors?.[0]?.message).toBe(
      `\`first\` on members may be at most ${PAGE_SIZE.max} (asked for ${PAGE_SIZE.max + 1}). Ask for the next page with a cursor.`,
    );
    expect(beyond(over.statements, await statementsOfNothing())).toEqual([]);
    const max = await run(query, { school: fx.schoolGid, n: PAGE_SIZE.max });
    expect(max.res.errors).toBeUndefined();
    expect(max.res.data.node.members.edges).toHaveLength(8 + EXTRA_MEMBERS); // the fixture's 8 people of this school and the extra ones
  });
});

describe("the web app's own operations stay within the default limit", () => {
  /** A value for a variable: the largest page for page sizes (the worst case), something valid otherwise. */
  function sample(type: GraphQLInputType, name: string): unknown {
    if (!isNonNullType(type)) return name === "first" || name === "last" ? PAGE_SIZE.max : null;
    const inner = getNullableType(type);
    if (isListType(inner)) return [];
    const named = getNamedType(inner);
    if (isEnumType(named)) return named.getValues()[0]!.value;
    if (isInputObjectType(named)) {
      return Object.fromEntries(Object.values(named.getFields()).map((f) => [f.name, sample(f.type, f.name)]));
    }
    if (isScalarType(named)) {
      return (
        {
          Int: name === "first" || name === "last" ? PAGE_SIZE.max : 1,
          Float: 1,
          Boolean: true,
          DateTime: "2026-01-01T00:00:00Z",
          Date: "2026-01-01",
          JSON: {},
        }[named.name] ?? "x"
      );
    }
    return null;
  }

  it("costs every query, mutation and subscription of web/src within MAX_QUERY_COST (50000) with the largest pages", () => {
    const operations = webOperations();
    expect(operations.length).toBeGreaterThan(20);
    for (const { name, definitions } of operations) {
      const operation = definitions[0]!;
      if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
      const variableValues = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((v) => [
          v.variable.name.value,
          sample(typeFromAST(schema, v.type as never) as GraphQLInputType, v.variable.name.value),
        ]),
      );
      const cost = operationCost({ schema, document: { kind: Kind.DOCUMENT, definitions }, variableValues });
      expect(cost, name).not.toBeNull();
      expect(cost!, name).toBeLessThanOrEqual(50_000);
    }
  });

  it("runs the web app's support-network page against the real app", async () => {
    const operation = webOperations().find((d) => d.name === "SupportNetwork")!;
    const query = print({ kind: Kind.DOCUMENT, definitions: operation.definitions.slice(0, 1) });
    const { res } = await run(query, { schoolId: fx.schoolGid, first: 25, after: null, hasNetwork: null });
    expect(res.errors).toBeUndefined();
    expect(res.data.supportNetwork.edges).toHaveLength(25);
  });
});
