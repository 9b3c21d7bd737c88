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
        kind
        assessmentCount
        latestAdministeredOn
        summary {
          ...SummaryFields
        }
      }
      assessmentPrePost(groupId: $groupId) {
        standard
        preAssessmentCount
        postAssessmentCount
        meanChange
        pre {
          ...SummaryFields
        }
        post {
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
                kind
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

// The PLC members' questions: matched students from pre to post, and the students below the line.
// Run only for members; the api refuses both to anyone else.
export const PlcMemberDetailQuery = graphql(`
  query PlcMemberDetail($groupId: ID!) {
    assessmentPrePost(groupId: $groupId) {
      standard
      matched {
        count
        preMean
        postMean
        meanChange
        levelUp
        levelSame
        levelDown
      }
    }
    studentsBelowProficiency(groupId: $groupId) {
      studentRef
      classLabel
      timesBelow
      resultCount
      standards {
        standard
        proficiency
        score
        assessmentTitle
        assessmentKind
        administeredOn
      }
    }
  }
`);

export const AssessmentByClassQuery = graphql(
  `
    query AssessmentByClass($assessmentId: ID!) {
      node(id: $assessmentId) {
        __typename
        id
        ... on Assessment {
          byClass {
            classLabel
            summary {
              ...SummaryFields
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
              classLabel
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
