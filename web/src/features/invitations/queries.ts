// The invitations pages' operations: the admin's list and actions, and the public accept page.
import { graphql } from "../../graphql/graphql.ts";
import { MutationErrorFragment } from "../../graphql/mutation-outcome.ts";

export const PAGE_SIZE = 20;

export const SchoolInvitationsQuery = graphql(`
  query SchoolInvitations($schoolId: ID!, $first: Int!, $after: String) {
    node(id: $schoolId) {
      __typename
      ... on School {
        id
        invitations(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              email
              name
              role
              status
              sentAt
              expiresAt
            }
          }
        }
      }
    }
  }
`);

export const InviteStaffMutation = graphql(
  `
  mutation InviteStaff($input: InviteStaffInput!) {
    inviteStaff(input: $input) {
      __typename
      ... on MutationInviteStaffSuccess {
        data {
          invitations {
            link
            invitation {
              id
              email
            }
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const ResendInvitationMutation = graphql(
  `
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      __typename
      ... on MutationResendInvitationSuccess {
        data {
          link
          invitation {
            id
            sentAt
            expiresAt
            status
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const RevokeInvitationMutation = graphql(
  `
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      __typename
      ... on MutationRevokeInvitationSuccess {
        data {
          id
          status
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

export const InvitationPreviewQuery = graphql(`
  query InvitationPreview($token: String!) {
    invitationByToken(token: $token) {
      valid
      message
      schoolName
      role
      email
      name
    }
  }
`);

export const AcceptInvitationMutation = graphql(
  `
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      __typename
      ... on MutationAcceptInvitationSuccess {
        data {
          token
          school {
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
