// graphql-yoga over the Pothos schema: context per request, masked unexpected errors, the query
// limits (depth, cost, aliases, tokens) from graphql-armor, and the browser-facing rules
// (CORS, CSRF, GraphiQL's policy, introspection) from graphql-edge.ts.
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { createYoga, maskError, type YogaServerInstance } from "graphql-yoga";
import { GraphQLError } from "graphql";
import { loadActor, bearerToken } from "./auth/load-actor.ts";
import { queryCostLimit } from "./graphql-cost.ts";
import type { AppServices } from "./commands/services.ts";
import type { Context } from "./context.ts";
import { corsFor, csrfPrevention, graphiqlWithItsPolicy, introspectionPolicy } from "./graphql-edge.ts";
import { DomainError, ValidationError } from "./domain/errors.ts";
import { observeGraphQL } from "./observability/graphql-observer.ts";
import { libraryLogger } from "./observability/logger.ts";
import { schema } from "./schema/index.ts";

export type ServerContext = { clientAddress?: string };

export function createGraphQLServer(services: AppServices): YogaServerInstance<ServerContext, Context> {
  const { limits, http } = services.config;
  const graphiql = graphiqlWithItsPolicy();
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    graphiql: { title: "Staffroom GraphQL" },
    renderGraphiQL: graphiql.render,
    cors: corsFor(services.config),
    // yoga's own messages, an unexpected error behind "Unexpected error." among them, as JSON lines.
    logging: libraryLogger(services.log.child({ component: "graphql" })),
    maskedErrors: {
      // An expected failure on a field that declares no typed errors (e.g. an argument that
      // fails validation on a query) is still the caller's to see: its code and message, not
      // "Unexpected error.". Everything else is masked.
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original instanceof DomainError && error instanceof GraphQLError) {
          return new GraphQLError(original.message, {
            nodes: error.nodes,
            path: error.path,
            extensions: {
              code: original.code,
              ...(original instanceof ValidationError ? { issues: original.issues } : {}),
            },
          });
        }
        return maskError(error, message, isDev);
      },
    },
    context: async ({ request, clientAddress }) => {
      const actor = await loadActor(services.db, bearerToken(request.headers.get("authorization")));
      if (!actor) {
        throw new GraphQLError("This token is unknown, expired or revoked. Sign in again.", {
          extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
        });
      }
      return { prisma: services.db.prisma, actor, clientAddress: clientAddress ?? "unknown", services };
    },
    plugins: [
      // First, so its request timer starts before the other plugins' work.
      observeGraphQL(services.log, services.metrics),
      csrfPrevention(),
      graphiql.plugin,
      introspectionPolicy(http.introspection),
      EnvelopArmorPlugin({
        maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
        // Linear cost (every object 2, every scalar 1): armor's default 1.5× per level makes
        // ordinary relay nesting (two levels per hop) cost billions.
        costLimit: { maxCost: limits.maxCost, depthCostFactor: 1, ignoreIntrospection: true },
        maxAliases: { n: limits.maxAliases },
        maxTokens: { n: 5000 },
        maxDirectives: { n: 20 },
        // "Did you mean …?" spells the schema out to whoever probes it; off unless GRAPHQL_FIELD_SUGGESTIONS=true.
        blockFieldSuggestion: { enabled: !http.fieldSuggestions },
      }),
      queryCostLimit(limits.maxCost),
    ],
  });
}
