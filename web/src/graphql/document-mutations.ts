// Renaming and deleting a document: from the document page and from its group's list of
// documents. One operation each, so both screens send the same thing and read the same errors.
import { graphql } from "./graphql.ts";
import { MutationErrorFragment } from "./mutation-outcome.ts";

export const RenameDocumentMutation = graphql(
  `
  mutation RenameDocument($documentId: ID!, $title: String!) {
    renameDocument(documentId: $documentId, title: $title) {
      __typename
      ... on MutationRenameDocumentSuccess {
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

export const DeleteDocumentMutation = graphql(
  `
  mutation DeleteDocument($documentId: ID!) {
    deleteDocument(documentId: $documentId) {
      __typename
      ... on MutationDeleteDocumentSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);
