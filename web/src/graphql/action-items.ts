// Changing an action item that lives outside an action plan (a follow-up from the end of a
// meeting with no plan): items in a plan are changed on its board, in the live document.
import { graphql } from "./graphql.ts";
import { MutationErrorFragment } from "./mutation-outcome.ts";

export const SetActionItemStatusMutation = graphql(
  `
  mutation SetActionItemStatus($actionItemId: ID!, $status: ActionStatus!) {
    updateActionItem(input: { actionItemId: $actionItemId, status: $status }) {
      __typename
      ... on MutationUpdateActionItemSuccess {
        data {
          id
          status
          overdue
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const DeleteActionItemMutation = graphql(
  `
  mutation DeleteActionItem($actionItemId: ID!) {
    deleteActionItem(actionItemId: $actionItemId) {
      __typename
      ... on MutationDeleteActionItemSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);
