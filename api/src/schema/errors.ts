// Errors of the GraphQL edge itself. The domain's errors live in domain/errors.ts.
import { GraphQLError } from "graphql";

/** An id argument that is not an id of ours: a GraphQL input error, before any domain code runs. */
export function badId(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}
