// Typed GraphQL documents, checked against the checked-in schema.graphql at build time
// (`gql.tada generate output` writes graphql-env.d.ts; `gql.tada check` + tsc fail the build on a mismatch).
import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.d.ts";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    /** ISO date, e.g. "2025-03-14". */
    Date: string;
    /** ISO timestamp, e.g. "2025-03-14T09:30:00.000Z". */
    DateTime: string;
    JSON: unknown;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from "gql.tada";
export { readFragment } from "gql.tada";
