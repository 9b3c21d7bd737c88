// The emails' operations: a school's outbox (its admins) and the signed-in person's own emails.
import { graphql } from "../../graphql/graphql.ts";

export const EMAIL_PAGE_SIZE = 20;

export const EmailFieldsFragment = graphql(`
  fragment EmailFields on EmailMessage {
    id
    to
    kind
    subject
    text
    status
    lastError
    createdAt
    sentAt
  }
`);

export const SchoolOutboxQuery = graphql(
  `
  query SchoolOutbox($schoolId: ID!, $first: Int!, $after: String, $kind: EmailKind) {
    node(id: $schoolId) {
      __typename
      ... on School {
        id
        emailOutbox(first: $first, after: $after, kind: $kind) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              ...EmailFields
            }
          }
        }
      }
    }
  }
`,
  [EmailFieldsFragment],
);

export const MyEmailsQuery = graphql(
  `
  query MyEmails($first: Int!, $after: String) {
    myEmails(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...EmailFields
        }
      }
    }
  }
`,
  [EmailFieldsFragment],
);
