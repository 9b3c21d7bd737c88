// Coaching pairings, shared by the school console's Coaching section and the coach dashboard:
// who can coach and how many teachers each has, and the three pairing mutations. Each mutation
// returns the pairing it made or changed.
import { graphql } from "./graphql.ts";
import { MutationErrorFragment } from "./mutation-outcome.ts";

export const CoachCaseloadsQuery = graphql(`
  query CoachCaseloads($schoolId: ID!) {
    coachCaseloads(schoolId: $schoolId, first: 100) {
      totalCount
      edges {
        node {
          role
          caseload
          caseloadByTier {
            tier
            count
          }
          coach {
            id
            name
          }
        }
      }
    }
  }
`);

export const AssignCoachMutation = graphql(
  `
  mutation AssignCoach($input: AssignCoachInput!) {
    assignCoach(input: $input) {
      __typename
      ... on MutationAssignCoachSuccess {
        data {
          id
          tier
          focus
          coach {
            id
            name
          }
          teacher {
            id
            name
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const UpdateCoachingAssignmentMutation = graphql(
  `
  mutation UpdateCoachingAssignment($input: UpdateCoachingAssignmentInput!) {
    updateCoachingAssignment(input: $input) {
      __typename
      ... on MutationUpdateCoachingAssignmentSuccess {
        data {
          id
          tier
          focus
          coach {
            id
            name
          }
          teacher {
            id
            name
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const EndCoachingAssignmentMutation = graphql(
  `
  mutation EndCoachingAssignment($assignmentId: ID!) {
    endCoachingAssignment(assignmentId: $assignmentId) {
      __typename
      ... on MutationEndCoachingAssignmentSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

/**
 * What a pairing change makes stale: every list of teachers and every caseload, refetched by
 * urql's document cache (an ended pairing returns no row whose type would tell it).
 */
export const COACHING_CHANGED = {
  additionalTypenames: [
    "CoachingAssignment",
    "SupportNetworkEntry",
    "CoachCaseload",
    "QuerySupportNetworkConnection",
    "QueryCoachCaseloadsConnection",
    "QueryCoachingAssignmentsConnection",
  ],
};
