// The PLC data page's GraphQL operations, checked against schema.graphql by gql.tada.
// Nothing here asks for per-student rows except AssessmentRowsQuery, which the page runs only
// for the PLC's members (the api refuses it to everyone else with FORBIDDEN).
import { graphql } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { SummaryFields } from "./summary.tsx";

export const PlcGroupQuery = graphql(`
  query PlcGroup($groupId: ID!) {
    node(id: $groupId) {
      __typename
      id
      ... on Group {
        name
        kind
        archivedAt
        gradeLevel
        subject
        viewerRole
        school {
          id
          viewerRole
        }
      }
    }
  }
`);

export const PlcResultsQuery = graphql(
  `
    query PlcResults($groupId: ID!) {
      assessmentSummaryByStandard(groupId: $groupId) {
        standard
        assessmentCount
        latestAdministeredOn
        summary {
          ...SummaryFields
        }
      }
      node(id: $groupId) {
        __typename
        id
        ... on Group {
          assessments(first: 50) {
            totalCount
            edges {
              node {
                id
                title
                standard
                administeredOn
                viewerCanDelete
                summary {
                  ...SummaryFields
                }
              }
            }
          }
        }
      }
    }
  `,
  [SummaryFields],
);

export const AssessmentRowsQuery = graphql(`
  query AssessmentRows($assessmentId: ID!, $after: String) {
    node(id: $assessmentId) {
      __typename
      id
      ... on Assessment {
        results(first: 100, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              studentRef
              score
              proficiency
            }
          }
        }
      }
    }
  }
`);

export const RecordAssessmentMutation = graphql(
  `
  mutation RecordAssessment($input: RecordAssessmentInput!) {
    recordAssessment(input: $input) {
      __typename
      ... on MutationRecordAssessmentSuccess {
        data {
          id
          title
          standard
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const DeleteAssessmentMutation = graphql(
  `
  mutation DeleteAssessment($assessmentId: ID!) {
    deleteAssessment(assessmentId: $assessmentId) {
      __typename
      ... on MutationDeleteAssessmentSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);
