// Archiving a group and bringing it back: from its page (its members or managers) and from the
// school console's list (admins). One pair of operations for both screens.
import { graphql } from "./graphql.ts";
import { MutationErrorFragment } from "./mutation-outcome.ts";

export const ArchiveGroupMutation = graphql(
  `
  mutation ArchiveGroup($groupId: ID!) {
    archiveGroup(groupId: $groupId) {
      __typename
      ... on MutationArchiveGroupSuccess {
        data {
          id
          archivedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const UnarchiveGroupMutation = graphql(
  `
  mutation UnarchiveGroup($groupId: ID!) {
    unarchiveGroup(groupId: $groupId) {
      __typename
      ... on MutationUnarchiveGroupSuccess {
        data {
          id
          archivedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);
