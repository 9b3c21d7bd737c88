// The query cost limit and the page-size cap, checked once the variables are known.
//
// graphql-armor's cost rule is a validation rule: it sees the document but not the variables, so it
// multiplies only literal `first`/`last`. `first: $n` (or no `first` at all, which still returns a
// default page) slipped through, and nested connections grew with the cube of a school's size.
// This plugin runs just before execution (HTTP, SSE and graphql-ws alike, since all go through
// yoga's envelop) on the argument values each field will actually receive: variables, argument
// defaults and the server's default page size.
//
// Cost model (the same linear model as armor's, so both agree on literal queries): a scalar field
// costs 1, an object field 2 plus its selection, and a field that returns a page (it takes
// `first`/`last`) multiplies its cost by the page size it will return. A list looked up by a list
// argument (`nodes(ids:)`) multiplies by that list's length. Fragments count every branch, so the
// estimate never falls below what can run.
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isListType,
  Kind,
  type ExecutionArgs,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { PAGE_SIZE } from "./schema/builder.ts";

const SCALAR_COST = 1;
const OBJECT_COST = 2;

type Walk = {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Fragments being expanded, so a (invalid, but possible before validation ran) cycle stops. */
  expanding: Set<string>;
};

/** A page larger than the cap (or negative): the caller's to fix, so it says how. */
class PageSizeError extends GraphQLError {
  constructor(field: FieldNode, argument: string, asked: number) {
    const name = field.name.value;
    super(
      asked < 0
        ? `\`${argument}\` on ${name} must not be negative.`
        : `\`${argument}\` on ${name} may be at most ${PAGE_SIZE.max} (asked for ${asked}). Ask for the next page with a cursor.`,
      { nodes: [field], extensions: { code: "BAD_USER_INPUT" } },
    );
  }
}

/** Whether @skip/@include leave this selection in, with the variables' values. */
function included(node: FieldNode | { directives?: FieldNode["directives"] }, variables: Record<string, unknown>): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
  return include?.if !== false;
}

/** How many times a field's selection runs: its page size, or the length of the list it looks up. */
function multiplier(field: FieldNode, definition: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const takesPage = definition.args.some((a) => a.name === "first" || a.name === "last");
  if (takesPage) {
    let size: number = PAGE_SIZE.default;
    for (const name of ["first", "last"] as const) {
      const value = args[name];
      if (typeof value !== "number") continue;
      if (value < 0 || value > PAGE_SIZE.max) throw new PageSizeError(field, name, value);
      size = value;
    }
    return size;
  }
  if (isListType(getNullableType(definition.type))) {
    const lists = Object.values(args).filter(Array.isArray);
    if (lists.length > 0) return Math.max(1, ...lists.map((l) => l.length));
  }
  return 1;
}

function selectionCost(walk: Walk, parentType: GraphQLCompositeType, selectionSet: SelectionSetNode): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (!included(selection, walk.variables)) continue;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parentType;
      if (type && isCompositeType(type)) cost += selectionCost(walk, type, selection.selectionSet);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (!fragment || !type || !isCompositeType(type) || walk.expanding.has(name)) continue;
      walk.expanding.add(name);
      cost += selectionCost(walk, type, fragment.selectionSet);
      walk.expanding.delete(name);
    } else {
      cost += fieldCost(walk, parentType, selection);
    }
  }
  return cost;
}

function fieldCost(walk: Walk, parentType: GraphQLCompositeType, field: FieldNode): number {
  const name = field.name.value;
  // Introspection is bounded by the schema's size, as in armor (ignoreIntrospection).
  if (name.startsWith("__")) return name === "__typename" ? SCALAR_COST : 0;
  if (!("getFields" in parentType)) return SCALAR_COST;
  const definition = parentType.getFields()[name];
  if (!definition) return SCALAR_COST; // validation reports unknown fields
  if (!field.selectionSet) return SCALAR_COST;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(definition, field, walk.variables);
  } catch (error) {
    // An argument that does not coerce (null given for a non-null one): this field fails at
    // execution with its own error and its selection never runs; its siblings still count.
    if (error instanceof GraphQLError) return SCALAR_COST;
    throw error;
  }
  const returned = getNamedType(definition.type);
  const inner = isCompositeType(returned) ? selectionCost(walk, returned, field.selectionSet) : 0;
  return multiplier(field, definition, args) * (OBJECT_COST + inner);
}

/**
 * The cost of the operation `args` will run, with its variables; throws a GraphQLError for a page
 * over the cap. Returns null when the operation or its variables are invalid: execution then
 * reports that itself, before running any field.
 */
export function operationCost(args: Pick<ExecutionArgs, "schema" | "document" | "operationName" | "variableValues">): number | null {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return null;
  const rootType = args.schema.getRootType(operation.operation);
  if (!rootType) return null;
  const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], (args.variableValues ?? {}) as Record<string, unknown>);
  if (coerced.errors) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of args.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walk: Walk = { schema: args.schema, variables: coerced.coerced, fragments, expanding: new Set() };
  return selectionCost(walk, rootType, operation.selectionSet);
}

/** Refuses, before any resolver runs, an operation costlier than `maxCost` or asking for a page over the cap. */
export function queryCostLimit(maxCost: number): Plugin {
  const check = (args: ExecutionArgs): GraphQLError | null => {
    let cost: number | null;
    try {
      cost = operationCost(args);
    } catch (error) {
      if (error instanceof GraphQLError) return error;
      throw error;
    }
    if (cost === null || cost <= maxCost) return null;
    return new GraphQLError(`This query costs ${cost}, over the limit of ${maxCost}. Ask for smaller pages (first/last) or fewer nested lists.`, {
      extensions: { code: "QUERY_TOO_COSTLY", cost, maxCost },
    });
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
