// Creating a document: from a group's page (any kind) and from a meeting (its notes). One
// operation for both, so the two screens ask for the same fields and read the same errors.
import { graphql } from "./graphql.ts";
import { MutationErrorFragment } from "./mutation-outcome.ts";

export const CreateDocumentMutation = graphql(
  `
  mutation CreateDocument($input: CreateDocumentInput!) {
    createDocument(input: $input) {
      __typename
      ... on MutationCreateDocumentSuccess {
        data {
          id
          title
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);
