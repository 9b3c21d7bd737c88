// The coach dashboard's GraphQL operations. They ask only for what the api lets a school's
// leaders see: groups by name and kind (never a peer group's content), coaching assignments and
// the viewer's own cycles, and insights without author or group.
import { graphql } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";

export const CaseloadQuery = graphql(`
  query Caseload($schoolId: ID!, $coachId: ID!) {
    coachingAssignments(schoolId: $schoolId, coachId: $coachId, first: 100) {
      totalCount
      edges {
        node {
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
          signals {
            lastContactAt
            daysSinceContact
            nextCheckBackOn
            checkBack
            openActionSteps
            goalStatus
          }
          openCycles: cycles(active: true, first: 1) {
            edges {
              node {
                id
                step
                goal
                startedAt
              }
            }
          }
          completedCycles: cycles(active: false, first: 1) {
            totalCount
          }
        }
      }
    }
  }
`);

export const InsightThemesQuery = graphql(`
  query InsightThemes($schoolId: ID!, $since: DateTime) {
    insightThemes(schoolId: $schoolId, since: $since) {
      theme
      count
      latestSharedAt
    }
    insights(schoolId: $schoolId, since: $since, first: 100) {
      totalCount
      edges {
        node {
          id
          title
          body
          themes
          sharedAt
          anonymous
        }
      }
    }
  }
`);

export const StartCoachingCycleMutation = graphql(
  `
  mutation StartCoachingCycle($input: StartCoachingCycleInput!) {
    startCoachingCycle(input: $input) {
      __typename
      ... on MutationStartCoachingCycleSuccess {
        data {
          id
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
