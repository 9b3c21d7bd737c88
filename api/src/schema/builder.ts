// The one Pothos builder. Domain files in this folder register their types and fields on it;
// schema/index.ts imports them all and builds the schema.
import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin, { decodeGlobalID as defaultDecodeGlobalID } from "@pothos/plugin-relay";
import ScopeAuthPlugin, { RequestCache } from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import type { GraphQLResolveInfo } from "graphql";
import { DateResolver, DateTimeResolver, JSONResolver } from "graphql-scalars";
import type { Context } from "../context.ts";
import type PrismaTypes from "../generated/pothos-types.ts";
import { getDatamodel } from "../generated/pothos-types.ts";
import { holdsScope, isSignedIn } from "../policies/actor.ts";
import type { ApiScope } from "../policies/scopes.ts";
import { forbidden, unauthenticated, ValidationError } from "../domain/errors.ts";
import { badId } from "./errors.ts";
import { withInputLimitIssues } from "./input-limits.ts";
import "./fresh-actor.ts";
import { isUuid } from "../domain/ids.ts";

/**
 * Connection page sizes: `default` when a query gives neither `first` nor `last`, `max` the most one
 * page may hold. A larger `first`/`last` is refused before the query runs (graphql-cost.ts), on
 * every connection, rather than silently cut to `max`.
 */
export const PAGE_SIZE = { default: 20, max: 100 } as const;

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    signedIn: boolean;
    /** Account management needs a real sign-in, not an integrator's token. */
    session: boolean;
    scope: ApiScope;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
}>({
  // inputLimits (input-limits.ts): no NUL in any argument, sane dates and numbers in what mutations
  // store; checked before authorization, and merged with each field's own validation issues.
  // freshActor (fresh-actor.ts), listed last so it wraps each mutation's own resolver: the
  // payload is read as the caller is after the change (a new school's admin, a new group's member).
  plugins: ["inputLimits", ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin, "freshActor"],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      signedIn: isSignedIn(ctx.actor),
      session: ctx.actor.kind === "user" && ctx.actor.authSessionId !== null,
      scope: (scope) => holdsScope(ctx.actor, scope),
    }),
    unauthorizedError: (_parent, ctx, _info, result) =>
      ctx.actor.kind === "anonymous" ? unauthenticated() : forbidden(result.message === "Unauthorized" ? undefined : result.message),
  },
  // Validation failures become typed ValidationError results. They are checked before field
  // authorization, which is safe here: an issue list describes only the caller's own input.
  errors: { directResult: false, unsafelyHandleInputErrors: true },
  validation: {
    validationError: (result, args) =>
      new ValidationError(
        withInputLimitIssues(
          args,
          result.issues.map((issue) => ({
            path: (issue.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join("."),
            message: issue.message,
          })),
        ),
      ),
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    defaultConnectionSize: PAGE_SIZE.default,
    maxConnectionSize: PAGE_SIZE.max,
  },
  relay: {
    // node and nodes answer null for a row the viewer may not read, exactly as for one that does
    // not exist: no FORBIDDEN that would tell the two apart.
    nodeQueryOptions: {
      resolve: async (_root, args, ctx, info, resolveNode) => readableNode(await resolveNode(args.id), args.id.typename, ctx, info),
    },
    nodesQueryOptions: {
      resolve: async (_root, args, ctx, info, resolveNodes) => {
        const nodes = await resolveNodes(args.ids);
        return Promise.all(nodes.map((node, i) => readableNode(node, args.ids[i]!.typename, ctx, info)));
      },
    },
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false },
    // Every prismaNode sets `nullable: true`, so node(id) of a row that does not exist is null,
    // as for a row the viewer may not read. Ids must also be ours and well-formed: anything else is a clear input error, never a database error.
    decodeGlobalID: (globalID, ctx) => {
      let decoded: { typename: string; id: string };
      try {
        decoded = defaultDecodeGlobalID(globalID);
      } catch {
        throw badId(`"${globalID.slice(0, 60)}" is not a Staffroom id.`);
      }
      if (!decoded.typename || !isUuid(decoded.id) || !isNodeType(decoded.typename)) throw badId(`"${globalID.slice(0, 60)}" is not a Staffroom id.`);
      void ctx;
      return decoded;
    },
  },
});

/** Whether `typename` names a type node(id:) can load: an id naming anything else is not one of ours. */
function isNodeType(typename: string): boolean {
  if (!builder.configStore.hasConfig(typename)) return false;
  const config = builder.configStore.getTypeConfig(typename);
  if (config.kind !== "Object") return false;
  const options = config.pothosOptions as Record<string, unknown>;
  return ["loadOne", "loadMany", "loadWithoutCache", "loadManyWithoutCache"].some((key) => typeof options[key] === "function");
}

/**
 * `node` if the viewer may read it, else null. It runs the type's own authScopes (the policy the
 * type's fields would run, through scope-auth's request cache, so they are not evaluated twice).
 */
async function readableNode(node: unknown, typename: string, ctx: Context, info: GraphQLResolveInfo): Promise<unknown> {
  if (node === null || node === undefined) return null;
  const { authScopes } = builder.configStore.getTypeConfig(typename).pothosOptions as { authScopes?: unknown };
  if (!authScopes) return node;
  const cache = RequestCache.fromContext(ctx, builder);
  const failure =
    typeof authScopes === "function"
      ? await cache.evaluateTypeScopeFunction(authScopes as never, typename, node, info)
      : await cache.evaluateScopeMap(authScopes as never, info);
  return failure ? null : node;
}

builder.addScalarType("DateTime", DateTimeResolver);
builder.addScalarType("Date", DateResolver);
builder.addScalarType("JSON", JSONResolver);

builder.queryType({});
builder.mutationType({});
