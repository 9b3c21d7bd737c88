// Table-driven calls built from the schema itself: every argument's leaves, a valid-looking value
// for each, and the operation text calling a field with one leaf set to a chosen value. Tests that
// must cover every mutation or every query field use these, so a new field is covered without
// editing the test. The operation text is raw on purpose: it is made at run time from the schema,
// which a typed document cannot be.
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import type { EveryNode } from "./every-node.ts";
import type { SchoolFixture } from "./school-fixture.ts";

export type Path = (string | number)[];
export type Slot = { path: Path; type: GraphQLInputType };
export type Target = { path: Path; value: unknown };
export type AnyField = GraphQLField<unknown, unknown>;

/** The node type an id argument or input field names, by its name (`groupId` → Group, `normIds` → Norm). */
export function idType(name: string): string {
  const byName: Record<string, string> = {
    userId: "User",
    teacherId: "User",
    coachId: "User",
    ownerId: "User",
    ownerIds: "User",
    presenterId: "User", // agenda items: the member who presents
    mentionIds: "User", // feedback: the people its body @mentions
    memberId: "SchoolMember",
    versionId: "DocumentVersion",
    assignmentId: "CoachingAssignment",
    cycleId: "CoachingCycle",
    sharedWithGroupId: "Group", // createGoal/updateGoal: a personal goal shown to one group
    id: "ApiToken", // revokeApiToken(id:)
    ids: "Document", // nodes(ids:)
  };
  return byName[name] ?? name.replace(/Ids?$/, "").replace(/^./, (c) => c.toUpperCase());
}

/** Real ids for id arguments: the fixture's rows, so a call looks like one that could succeed. */
export function fixtureIds(fx: SchoolFixture, rows: EveryNode): (name: string) => string {
  const people: Record<string, string> = { userId: fx.people.peerMember2.gid, teacherId: fx.people.peerMember.gid, coachId: fx.people.coach.gid };
  return (name) => people[name] ?? rows.gids[idType(name)] ?? fx.peerGroupGid;
}

/** Every scalar leaf an argument can hold: input object fields, and the first item of a list. */
export function slots(type: GraphQLInputType, path: Path, seen = new Set<string>()): Slot[] {
  const inner = getNullableType(type);
  if (isListType(inner)) return slots(inner.ofType, [...path, 0], seen);
  if (isInputObjectType(inner)) {
    if (seen.has(inner.name)) return [];
    const next = new Set(seen).add(inner.name);
    return Object.values(inner.getFields()).flatMap((f) => slots(f.type, [...path, f.name], next));
  }
  return [{ path, type }];
}

const samePath = (a: Path, b: Path) => a.length === b.length && a.every((p, i) => p === b[i]);
const startsWith = (a: Path, prefix: Path) => prefix.length <= a.length && prefix.every((p, i) => p === a[i]);

const SAMPLES: Record<string, unknown> = {
  String: "Looks fine",
  Int: 1,
  Float: 1,
  Boolean: true,
  DateTime: "2027-06-01T10:00:00.000Z",
  Date: "2027-06-01",
  JSON: {},
};

/** A valid-looking value of `type`, with `target.value` at `target.path`; optional parts only where the target is. */
export function build(type: GraphQLInputType, name: string, path: Path, target: Target, idFor: (name: string) => string): unknown {
  if (samePath(path, target.path)) return target.value;
  if (!isNonNullType(type) && !startsWith(target.path, path)) return undefined;
  const inner = getNullableType(type);
  if (isListType(inner)) return [build(inner.ofType, name, [...path, 0], target, idFor)];
  if (isInputObjectType(inner)) {
    const object: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const value = build(field.type, field.name, [...path, field.name], target, idFor);
      if (value !== undefined) object[field.name] = value;
    }
    return object;
  }
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  const scalar = getNamedType(inner).name;
  return scalar === "ID" ? idFor(name) : SAMPLES[scalar];
}

/** A selection that shows what a field answered: the typed errors where it declares them, a count or `__typename` otherwise. */
export function selectionFor(field: AnyField): string {
  const returned = getNamedType(field.type);
  if (isUnionType(returned) && returned.getTypes().some((t) => t.name === "ValidationError")) {
    return `{ __typename ... on BaseError { code message } ... on ValidationError { issues { path message } } }`;
  }
  if (!isCompositeType(returned)) return "";
  if ("getFields" in returned && "totalCount" in returned.getFields()) return `{ totalCount }`;
  return `{ __typename }`;
}

/** The operation calling `field` with `target` placed, and its variables. */
export function call(kind: "mutation" | "query", field: AnyField, target: Target, idFor: (name: string) => string, selection = selectionFor(field)) {
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    const value = build(arg.type, arg.name, [arg.name], target, idFor);
    if (value !== undefined) variables[arg.name] = value;
  }
  const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const query = `${kind}${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""} ${selection} }`;
  return { query, variables };
}
