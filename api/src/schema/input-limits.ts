// Limits every input value obeys, whatever the field: no NUL character in any text, and in what a
// mutation stores, dates within a sane range and numbers within a sane magnitude. One Pothos plugin
// checks the arguments of every field, current and future, before authorization and the resolver,
// and refuses with a ValidationError naming every offending path: a mutation returns its typed
// ValidationError and writes nothing; a query field answers VALIDATION_FAILED. When the field's own
// validation fails too, the two lists are merged (builder.ts) so every problem is reported at once,
// and for a path both flag the field's own message wins ("at most 4 hours" says more).
//
// Query filters keep any date and number: a far-future `dueBefore: "9999-12-31"` is a common way to
// say "no limit", and a filter stores nothing.
//
// Why: PostgreSQL cannot store U+0000 in text or jsonb, so a NUL byte used to reach the database
// and come back as "Unexpected error."; and values such as a meeting in year 9999, a goal target
// of 1e308 or a position of 2^31 − 1 are never meant, and break sorting, arithmetic and columns.
import SchemaBuilder, { BasePlugin, completeValue, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import { getNullableType, isInputObjectType, isListType, isScalarType, type GraphQLArgument, type GraphQLInputType, type GraphQLSchema } from "graphql";
import { ValidationError, type FieldIssue } from "../domain/errors.ts";

export const INPUT_LIMITS = {
  /** Dates and times (DateTime and Date) from this instant… */
  earliest: new Date("1970-01-01T00:00:00.000Z"),
  /** …through this one, both included. */
  latest: new Date("2200-12-31T23:59:59.999Z"),
  /** Largest magnitude of a Float (goal baselines and targets, check-ins, scores). */
  maxFloat: 1e9,
  /** Largest magnitude of an Int (positions, minutes, durations); page sizes have their own cap. */
  maxInt: 1_000_000,
  /** JSON inputs nest at most this deep. */
  maxJsonDepth: 20,
} as const;

const MESSAGES = {
  nul: "must not contain the NUL character (U+0000).",
  date: "must be between 1970-01-01 and 2200-12-31.",
  float: `must be a number between -${INPUT_LIMITS.maxFloat.toLocaleString("en")} and ${INPUT_LIMITS.maxFloat.toLocaleString("en")}.`,
  int: `must be a whole number between -${INPUT_LIMITS.maxInt.toLocaleString("en")} and ${INPUT_LIMITS.maxInt.toLocaleString("en")}.`,
  jsonDepth: `must not nest deeper than ${INPUT_LIMITS.maxJsonDepth} levels.`,
} as const;

/** JSON (a feedback anchor: a Yjs relative position) has no NUL in its keys or strings. Its numbers are
 * left alone: Yjs client ids go up to 2^32. */
function checkJson(value: unknown, path: string, issues: FieldIssue[], depth = 0): void {
  if (typeof value === "string") {
    if (value.includes("\u0000")) issues.push({ path, message: MESSAGES.nul });
  } else if (value !== null && typeof value === "object") {
    if (depth >= INPUT_LIMITS.maxJsonDepth) {
      issues.push({ path, message: MESSAGES.jsonDepth });
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) issues.push({ path, message: MESSAGES.nul });
      checkJson(item, `${path}.${key}`, issues, depth + 1);
    }
  }
}

/** Adds to `issues` what is wrong with `value` of GraphQL type `type` at `path`; `ranges`: check dates and numbers too. */
function checkValue(type: GraphQLInputType, value: unknown, path: string, issues: FieldIssue[], ranges: boolean): void {
  if (value === null || value === undefined) return;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        checkValue(inner.ofType, item, `${path}.${i}`, issues, ranges);
      });
    }
    return;
  }
  if (isInputObjectType(inner)) {
    for (const field of Object.values(inner.getFields())) {
      checkValue(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`, issues, ranges);
    }
    return;
  }
  if (!isScalarType(inner)) return; // enums are checked by GraphQL itself
  if (!ranges && inner.name !== "String" && inner.name !== "ID" && inner.name !== "JSON") return;
  switch (inner.name) {
    case "String":
    case "ID":
      if (typeof value === "string" && value.includes("\u0000")) issues.push({ path, message: MESSAGES.nul });
      return;
    case "DateTime":
    case "Date": {
      const time = value instanceof Date ? value.getTime() : Number.NaN;
      if (!(time >= INPUT_LIMITS.earliest.getTime() && time <= INPUT_LIMITS.latest.getTime())) issues.push({ path, message: MESSAGES.date });
      return;
    }
    case "Float":
      if (typeof value !== "number" || !Number.isFinite(value) || Math.abs(value) > INPUT_LIMITS.maxFloat) issues.push({ path, message: MESSAGES.float });
      return;
    case "Int":
      if (typeof value !== "number" || Math.abs(value) > INPUT_LIMITS.maxInt) issues.push({ path, message: MESSAGES.int });
      return;
    case "JSON":
      checkJson(value, path, issues);
      return;
    default:
      return;
  }
}

/** The problems of a field's arguments, with paths as the validation plugin writes them ("input.title"). */
export function inputIssues(args: readonly GraphQLArgument[], values: Record<string, unknown>, ranges: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const arg of args) checkValue(arg.type, values[arg.name], arg.name, issues, ranges);
  return issues;
}

/** Page sizes are capped by the cost check (graphql-cost.ts), with its own message. */
const PAGE_ARGS = new Set(["first", "last"]);

const argumentsCache = new WeakMap<GraphQLSchema, Map<string, readonly GraphQLArgument[]>>();

function fieldArguments(schema: GraphQLSchema, parentType: string, fieldName: string): readonly GraphQLArgument[] {
  let bySchema = argumentsCache.get(schema);
  if (!bySchema) {
    bySchema = new Map();
    argumentsCache.set(schema, bySchema);
  }
  const key = `${parentType}.${fieldName}`;
  let args = bySchema.get(key);
  if (!args) {
    const type = schema.getType(parentType);
    const field = type && "getFields" in type ? type.getFields()[fieldName] : undefined;
    args = field && "args" in field ? field.args.filter((a) => !PAGE_ARGS.has(a.name)) : [];
    bySchema.set(key, args);
  }
  return args;
}

type ArgMapper<Types extends SchemaTypes> = PothosOutputFieldConfig<Types>["argMappers"][number];

/**
 * The issues found in a field's raw arguments, kept for the field's own validation: when it fails
 * too, builder.ts merges them in, so one ValidationError lists every problem at once.
 */
const issuesOfArgs = new WeakMap<object, FieldIssue[]>();

/** `issues` of the field's own validation, plus ours for paths it did not mention. */
export function withInputLimitIssues(args: object, issues: FieldIssue[]): FieldIssue[] {
  const named = new Set(issues.map((i) => i.path));
  return [...issues, ...(issuesOfArgs.get(args) ?? []).filter((i) => !named.has(i.path))];
}

export class InputLimitsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (Object.keys(fieldConfig.args).length === 0) return fieldConfig;
    const { parentType, name } = fieldConfig;
    const ranges = fieldConfig.kind === "Mutation";
    const check = (args: Record<string, unknown>, schema: GraphQLSchema) => inputIssues(fieldArguments(schema, parentType, name), args, ranges);
    // This plugin is listed first, and Pothos calls onOutputFieldConfig from the last plugin to the
    // first, so every other mapper (global-id decoding, the field's own validation) is already in
    // the list: ours go around them, and the issues found first travel with the arguments each
    // mapper hands on, so the validation's error handler finds them.
    return {
      ...fieldConfig,
      argMappers: [
        (args, _context, info) => {
          const issues = check(args, info.schema);
          if (issues.length > 0) issuesOfArgs.set(args, issues);
          return args;
        },
        ...fieldConfig.argMappers.map(
          (mapper): ArgMapper<Types> =>
            (args, context, info) => {
              const issues = issuesOfArgs.get(args);
              const mapped = mapper(args, context, info);
              if (!issues) return mapped;
              return completeValue(mapped, (next) => {
                issuesOfArgs.set(next, issues);
                return next;
              });
            },
        ),
        (args, _context, info) => {
          const issues = check(args, info.schema);
          if (issues.length > 0) throw new ValidationError(issues);
          return args;
        },
      ],
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      inputLimits: InputLimitsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin("inputLimits", InputLimitsPlugin);
