// Calendar links: your live feeds (never their secrets), making one (the address comes back this
// once), and stopping one.
import { graphql } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";

export const MyCalendarFeedsQuery = graphql(`
  query MyCalendarFeeds($schoolId: ID, $groupId: ID) {
    myCalendarFeeds(schoolId: $schoolId, groupId: $groupId) {
      id
      kind
      createdAt
      lastFetchedAt
    }
  }
`);

export const CreateCalendarFeedMutation = graphql(
  `
  mutation CreateCalendarFeed($input: CreateCalendarFeedInput!) {
    createCalendarFeed(input: $input) {
      __typename
      ... on MutationCreateCalendarFeedSuccess {
        data {
          url
          calendarFeed {
            id
            kind
            createdAt
            lastFetchedAt
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const RevokeCalendarFeedMutation = graphql(
  `
  mutation RevokeCalendarFeed($calendarFeedId: ID!) {
    revokeCalendarFeed(calendarFeedId: $calendarFeedId) {
      __typename
      ... on MutationRevokeCalendarFeedSuccess {
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

/** Lists of feeds to refetch after a change (urql's document cache keys on these typenames). */
export const FEEDS_CHANGED = { additionalTypenames: ["CalendarFeed"] };
