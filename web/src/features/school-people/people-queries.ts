// The People section's operations: the school's staff list (admins see everyone, with email
// addresses and deactivated people) and the three changes an admin makes to a person.
import { graphql } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";

export const SchoolPeopleQuery = graphql(`
  query SchoolPeople($schoolId: ID!, $first: Int!, $after: String, $role: SchoolRole, $status: SchoolMemberStatus!, $search: String) {
    node(id: $schoolId) {
      ... on School {
        id
        members(first: $first, after: $after, role: $role, status: $status, search: $search) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              role
              status
              deactivatedAt
              user {
                id
                name
                email
              }
            }
          }
        }
      }
    }
  }
`);

/** What a change to a person returns: the fields the list shows, so urql refreshes the list. */
const ChangedMemberFragment = graphql(`
  fragment ChangedMember on SchoolMember {
    id
    role
    status
    deactivatedAt
  }
`);

export const ChangeRoleMutation = graphql(
  `
  mutation ChangeSchoolMemberRole($memberId: ID!, $role: SchoolRole!) {
    changeSchoolMemberRole(memberId: $memberId, role: $role) {
      __typename
      ... on MutationChangeSchoolMemberRoleSuccess {
        data {
          ...ChangedMember
        }
      }
      ...MutationError
    }
  }
`,
  [ChangedMemberFragment, MutationErrorFragment],
);

export const DeactivateMutation = graphql(
  `
  mutation DeactivateSchoolMember($memberId: ID!) {
    deactivateSchoolMember(memberId: $memberId) {
      __typename
      ... on MutationDeactivateSchoolMemberSuccess {
        data {
          ...ChangedMember
        }
      }
      ...MutationError
    }
  }
`,
  [ChangedMemberFragment, MutationErrorFragment],
);

export const ReactivateMutation = graphql(
  `
  mutation ReactivateSchoolMember($memberId: ID!) {
    reactivateSchoolMember(memberId: $memberId) {
      __typename
      ... on MutationReactivateSchoolMemberSuccess {
        data {
          ...ChangedMember
        }
      }
      ...MutationError
    }
  }
`,
  [ChangedMemberFragment, MutationErrorFragment],
);
