// API tokens for integrators: the scopes on offer (their sentences come from the api, which
// defines them), your tokens for one school, and creating and revoking one.
import { graphql } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";

export const ApiScopesQuery = graphql(`
  query ApiScopes {
    apiScopes {
      scope
      description
    }
  }
`);

export const MyApiTokensQuery = graphql(`
  query MyApiTokens($schoolId: ID!) {
    myApiTokens(schoolId: $schoolId, includeRevoked: true, first: 100) {
      edges {
        node {
          id
          name
          prefix
          scopes
          createdAt
          lastUsedAt
          expiresAt
          revokedAt
          status
        }
      }
    }
  }
`);

export const CreateApiTokenMutation = graphql(
  `
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on MutationCreateApiTokenSuccess {
        data {
          secret
          apiToken {
            id
            name
            prefix
            scopes
            createdAt
            lastUsedAt
            expiresAt
            revokedAt
            status
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const RevokeApiTokenMutation = graphql(
  `
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on MutationRevokeApiTokenSuccess {
        data {
          id
          revokedAt
          status
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

/** A new token changes the list: urql refetches it (the list's type is in no other answer). */
export const TOKENS_CHANGED = { additionalTypenames: ["ApiToken", "QueryMyApiTokensConnection"] };
