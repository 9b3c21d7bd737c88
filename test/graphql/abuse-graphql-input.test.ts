// Hostile input on every field, table-driven from the schema: a NUL byte in any String (PostgreSQL
// cannot store it) and absurd dates and numbers are a ValidationError naming the field — never
// "Unexpected error." — and write nothing. Its operations are raw text on purpose: built from the
// schema at run time for every field, with values a typed document's variables would not accept.
import { getNamedType, isUnionType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUT_LIMITS } from "@staffroom/api/testing";
import { schema } from "@staffroom/api/schema";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildEveryNode, tableCounts, type EveryNode } from "../support/every-node.ts";
import { call, fixtureIds, slots, type AnyField, type Slot } from "../support/schema-calls.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
let rows: EveryNode;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "abuse");
  rows = await buildEveryNode(app.db.prisma, fx);
  idFor = fixtureIds(fx, rows);
});
afterAll(() => app?.close());

let idFor: (name: string) => string;

type Issue = { path: string; message: string };

/** The issues a call was refused with: the typed ValidationError's, or VALIDATION_FAILED's extensions. */
async function refusal(kind: "mutation" | "query", field: AnyField, target: Slot & { value: unknown }) {
  const { query, variables } = call(kind, field, target, idFor);
  const returned = getNamedType(field.type);
  const typedErrors = isUnionType(returned) && returned.getTypes().some((t) => t.name === "ValidationError");
  const res = await app.gql(query, variables, fx.people.peerMember.token);
  const where = `${field.name}(${target.path.join(".")} = ${JSON.stringify(target.value)}): ${JSON.stringify(res)}`;
  expect(JSON.stringify(res), where).not.toContain("Unexpected error");
  if (typedErrors && res.data?.[field.name]) {
    expect(res.data[field.name].__typename, where).toBe("ValidationError");
    expect(res.data[field.name].code).toBe("VALIDATION_FAILED");
    return { issues: res.data[field.name].issues as Issue[], where };
  }
  const error = res.errors?.[0] as { extensions?: { code?: string; issues?: Issue[] } } | undefined;
  expect(error?.extensions?.code, where).toBe("VALIDATION_FAILED");
  return { issues: error!.extensions!.issues!, where };
}

const mutations = Object.values(schema.getMutationType()!.getFields());
const queries = Object.values(schema.getQueryType()!.getFields());
const PAGE_ARGS = new Set(["first", "last"]);

function slotsOf(fields: AnyField[], scalars: string[]) {
  return fields.flatMap((field) =>
    field.args
      .filter((a) => !PAGE_ARGS.has(a.name))
      .flatMap((a) => slots(a.type, [a.name]))
      .filter((s) => scalars.includes(getNamedType(s.type).name))
      .map((slot) => ({ field, slot })),
  );
}

describe("a NUL byte in any String argument or input field", () => {
  it("is a ValidationError naming the field on every mutation, and writes nothing", async () => {
    const table = slotsOf(mutations, ["String"]);
    expect(table.length).toBeGreaterThanOrEqual(42);
    expect(new Set(table.map((t) => t.field.name)).size).toBeGreaterThanOrEqual(26);
    const before = await tableCounts(app.db.prisma);
    const messages = new Set<string>();
    for (const { field, slot } of table) {
      const { issues, where } = await refusal("mutation", field, { ...slot, value: "before\u0000after" });
      // The field's own validation may speak first ("must be an email address"); either way, that field.
      const issue = issues.find((i) => i.path === slot.path.join("."));
      expect(issue, where).toBeDefined();
      messages.add(issue!.message);
    }
    expect(messages).toContain("must not contain the NUL character (U+0000).");
    expect(await tableCounts(app.db.prisma)).toEqual(before);
  });

  it("is VALIDATION_FAILED on every query field that takes text", async () => {
    const table = slotsOf(queries, ["String"]);
    expect(table.length).toBeGreaterThan(0);
    for (const { field, slot } of table) {
      const { issues, where } = await refusal("query", field, { ...slot, value: "\u0000" });
      expect(
        issues.map((i) => i.path),
        where,
      ).toContain(slot.path.join("."));
    }
  });

  it("is listed with the field's own validation problems, all at once", async () => {
    const res = await app.gql(
      `mutation($input: CreateGoalInput!) { createGoal(input: $input) { __typename ... on ValidationError { issues { path message } } } }`,
      { input: { schoolId: fx.schoolGid, ownerKind: "TEACHER", title: "Wait\u0000time", metric: "seconds", baseline: 2, target: 2, dueDate: "2027-06-30" } },
      fx.people.peerMember.token,
    );
    expect(res.data.createGoal.issues).toEqual([
      { path: "input.target", message: "must differ from the baseline" },
      { path: "input.title", message: "must not contain the NUL character (U+0000)." },
    ]);
  });

  it("inside a JSON input (a feedback anchor) too", async () => {
    const field = schema.getMutationType()!.getFields().addFeedback!;
    const slot = slots(field.args[0]!.type, ["input"]).find((s) => s.path.join(".") === "input.anchor")!;
    // A real anchor's client id is a random 32-bit number: large numbers stay allowed in JSON.
    const { issues } = await refusal("mutation", field, { ...slot, value: { type: { client: 4_000_000_000, clock: 2 }, tname: "a\u0000b" } });
    expect(issues).toEqual([{ path: "input.anchor.tname", message: "must not contain the NUL character (U+0000)." }]);
  });
});

describe("absurd dates and numbers", () => {
  const ABSURD: Record<string, unknown[]> = {
    DateTime: ["1900-01-01T00:00:00.000Z", "9999-12-31T23:59:59.000Z"],
    Date: ["1900-01-01", "9999-12-31"],
    Float: [1e308, -1e308, 1e10],
    Int: [2 ** 31 - 1, -(2 ** 31), INPUT_LIMITS.maxInt + 1],
  };
  const MESSAGE: Record<string, RegExp> = {
    DateTime: /between 1970-01-01 and 2200-12-31/,
    Date: /between 1970-01-01 and 2200-12-31/,
    Float: /between -1,000,000,000 and 1,000,000,000/,
    Int: /between -1,000,000 and 1,000,000/,
  };

  it("are a ValidationError naming the field on every mutation (the field's own rule, or the general one), and write nothing", async () => {
    const table = slotsOf(mutations, Object.keys(ABSURD));
    // scheduleSession.startsAt, createGoal.target, addAgendaItem.position, … : every kind is present
    expect(new Set(table.map((t) => getNamedType(t.slot.type).name))).toEqual(new Set(Object.keys(ABSURD)));
    const before = await tableCounts(app.db.prisma);
    const general = new Set<string>();
    for (const { field, slot } of table) {
      const scalar = getNamedType(slot.type).name;
      for (const value of ABSURD[scalar]!) {
        const { issues, where } = await refusal("mutation", field, { ...slot, value });
        const issue = issues.find((i) => i.path === slot.path.join("."));
        expect(issue, where).toBeDefined();
        general.add(`${scalar}: ${MESSAGE[scalar]!.test(issue!.message)}`);
      }
    }
    // Fields without a rule of their own (goal targets, agenda positions, …) get the general one.
    for (const scalar of Object.keys(ABSURD)) expect(general).toContain(`${scalar}: true`);
    expect(await tableCounts(app.db.prisma)).toEqual(before);
  });

  it("stay allowed in query filters, which store nothing: dueBefore 9999-12-31 means no limit", async () => {
    const res = await app.gql(`{ goals(dueBefore: "9999-12-31", first: 100) { totalCount } }`, {}, fx.people.peerMember.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.goals.totalCount).toBeGreaterThan(0);
  });

  it("the limits themselves are accepted: a goal due 2200-12-31 with a target of 1,000,000,000", async () => {
    const res = await app.gql(
      `mutation($input: CreateGoalInput!) { createGoal(input: $input) { __typename ... on BaseError { message } } }`,
      { input: { schoolId: fx.schoolGid, ownerKind: "TEACHER", title: "Big", metric: "points", baseline: -1e9, target: 1e9, dueDate: "2200-12-31" } },
      fx.people.peerMember.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.createGoal.__typename).toBe("MutationCreateGoalSuccess");
  });
});
