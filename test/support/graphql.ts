// Typed GraphQL operations for tests, checked against the checked-in schema.graphql as the web
// app's are: `gql.tada generate output` writes graphql-env.d.ts (gitignored), and the `typecheck`
// script runs `gql.tada check` and tsc, so an operation that does not match the schema fails
// `npm test`. `app.gql(document, variables)` infers the data and variables types from the document.
// Fragments are not masked: a test reads every field it selected, as the server sent it.
import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.d.ts";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  disableMasking: true;
  scalars: {
    /** ISO date, e.g. "2025-03-14". */
    Date: string;
    /** ISO timestamp, e.g. "2025-03-14T09:30:00.000Z". */
    DateTime: string;
    JSON: unknown;
  };
}>();

export type { ResultOf, TadaDocumentNode, VariablesOf } from "gql.tada";
