// Feedback threads on one document, the writes on them, and the live feed of others' feedback.
import { graphql, type ResultOf } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";

export const FeedbackThreadsQuery = graphql(`
  query FeedbackThreads($id: ID!) {
    node(id: $id) {
      __typename
      ... on Document {
        id
        openFeedbackCount
        feedback(last: 100, state: ALL) {
          totalCount
          edges {
            node {
              id
              kind
              body
              anchor
              anchorQuote
              createdAt
              resolvedAt
              resolvedBy {
                id
                name
              }
              author {
                id
                name
              }
              replies(first: 25) {
                totalCount
                edges {
                  node {
                    id
                    body
                    createdAt
                    author {
                      id
                      name
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

export type FeedbackThread = Extract<
  NonNullable<ResultOf<typeof FeedbackThreadsQuery>["node"]>,
  { __typename: "Document" }
>["feedback"]["edges"][number]["node"];

export const AddFeedbackMutation = graphql(
  `
  mutation AddFeedback($input: AddFeedbackInput!) {
    addFeedback(input: $input) {
      __typename
      ... on MutationAddFeedbackSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const ReplyToFeedbackMutation = graphql(
  `
  mutation ReplyToFeedback($feedbackId: ID!, $body: String!, $mentionIds: [ID!]) {
    replyToFeedback(feedbackId: $feedbackId, body: $body, mentionIds: $mentionIds) {
      __typename
      ... on MutationReplyToFeedbackSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const ResolveFeedbackMutation = graphql(
  `
  mutation ResolveFeedback($feedbackId: ID!) {
    resolveFeedback(feedbackId: $feedbackId) {
      __typename
      ... on MutationResolveFeedbackSuccess {
        data {
          id
          resolvedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const ReopenFeedbackMutation = graphql(
  `
  mutation ReopenFeedback($feedbackId: ID!) {
    reopenFeedback(feedbackId: $feedbackId) {
      __typename
      ... on MutationReopenFeedbackSuccess {
        data {
          id
          resolvedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const UpdateFeedbackMutation = graphql(
  `
  mutation UpdateFeedback($feedbackId: ID!, $body: String, $kind: FeedbackKind, $mentionIds: [ID!]) {
    updateFeedback(feedbackId: $feedbackId, body: $body, kind: $kind, mentionIds: $mentionIds) {
      __typename
      ... on MutationUpdateFeedbackSuccess {
        data {
          id
          body
          kind
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const DeleteFeedbackMutation = graphql(
  `
  mutation DeleteFeedback($feedbackId: ID!) {
    deleteFeedback(feedbackId: $feedbackId) {
      __typename
      ... on MutationDeleteFeedbackSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const FeedbackActivitySubscription = graphql(`
  subscription FeedbackActivity($documentId: ID!) {
    feedbackActivity(documentId: $documentId) {
      id
      type
      actor {
        id
        name
      }
    }
  }
`);
