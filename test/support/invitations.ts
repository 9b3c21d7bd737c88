// The invitation and roster operations as an integrator writes them, shared by the graphql, trust
// and browser tests.
import { expect } from "vitest";
import type { TestApp } from "./app.ts";
import { graphql, type VariablesOf } from "./graphql.ts";
import { MutationError, succeeded } from "./operations.ts";

export const INVITE_STAFF = graphql(
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
              role
              status
              sentAt
              expiresAt
              invitedBy {
                name
              }
            }
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

export const RESEND_INVITATION = graphql(
  `
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      __typename
      ... on MutationResendInvitationSuccess {
        data {
          link
          invitation {
            id
            status
            sentAt
            expiresAt
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

export const REVOKE_INVITATION = graphql(
  `
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      __typename
      ... on MutationRevokeInvitationSuccess {
        data {
          id
          status
          revokedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

export const ACCEPT_INVITATION = graphql(
  `
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      __typename
      ... on MutationAcceptInvitationSuccess {
        data {
          token
          viewer {
            id
            name
            email
          }
          school {
            name
            viewerRole
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

export const INVITATION_PREVIEW = graphql(`
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

export const IMPORT_ROSTER = graphql(
  `
  mutation ImportRoster($input: ImportRosterInput!) {
    importRoster(input: $input) {
      __typename
      ... on MutationImportRosterSuccess {
        data {
          format
          dryRun
          created
          updated
          unchanged
          skipped
          summary
          rows {
            row
            email
            name
            role
            grades
            subjects
            outcome
            changes
            isMember
          }
        }
      }
      ... on RosterImportError {
        code
        message
        problems {
          row
          column
          message
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

/** The token at the end of an invitation link (…/invitations/<token>). */
export function tokenOf(link: string): string {
  return decodeURIComponent(new URL(link).pathname.split("/").at(-1)!);
}

/** Invites addresses as `adminToken` and returns each one's link and invitation id, in the order given. */
export async function invite(
  app: TestApp,
  adminToken: string,
  schoolGid: string,
  emails: string[],
  role: VariablesOf<typeof INVITE_STAFF>["input"]["role"] = "TEACHER",
) {
  const result = await app.gql(INVITE_STAFF, { input: { schoolId: schoolGid, emails, role } }, adminToken);
  expect(result.data?.inviteStaff?.__typename, JSON.stringify(result)).toBe("MutationInviteStaffSuccess");
  return succeeded(result.data?.inviteStaff).data.invitations.map((sent) => ({
    link: sent.link,
    token: tokenOf(sent.link),
    id: sent.invitation.id,
  }));
}
