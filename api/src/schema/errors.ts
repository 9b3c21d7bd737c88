// Errors of the GraphQL edge itself. The domain's errors live in domain/errors.ts.
import { GraphQLError } from "graphql";

// Re-exported for modules that still import them from here (schema/action-items.ts, moving with
// the action plans, and graphql-server.ts); new code imports domain/errors.ts.
export * from "../domain/errors.ts";

/** An id argument that is not an id of ours: a GraphQL input error, before any domain code runs. */
export function badId(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}
