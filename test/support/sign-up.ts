// Signing up as a person does: signUp, the email it sends, and confirmSignUp with the link's token.
import { expect } from "vitest";
import type { TestApp } from "./app.ts";
import { graphql } from "./graphql.ts";
import { linkIn, type Mailbox, type ReceivedEmail } from "./smtp.ts";
import { MutationError, succeeded } from "./operations.ts";

export const SIGN_UP = graphql(
  `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on MutationSignUpSuccess {
        data {
          email
          message
        }
      }
      ...MutationError
      ... on RateLimitedError {
        retryAfterSeconds
      }
    }
  }
`,
  [MutationError],
);

export const CONFIRM_SIGN_UP = graphql(
  `
  mutation ConfirmSignUp($input: ConfirmSignUpInput!) {
    confirmSignUp(input: $input) {
      __typename
      ... on MutationConfirmSignUpSuccess {
        data {
          token
          viewer {
            name
            email
          }
        }
      }
      ...MutationError
      ... on RateLimitedError {
        retryAfterSeconds
      }
    }
  }
`,
  [MutationError],
);

export type SignUpInput = { email: string; password: string; name: string };

/** The token in an email's sign-up link, or null when the email has no such link. */
export function signUpTokenIn(email: ReceivedEmail): string | null {
  return linkIn(email, "/confirm-sign-up")?.searchParams.get("token") ?? null;
}

/** Signs up through the emailed link (and the same password) and returns the new account's session token. */
export async function signUpThroughEmail(app: TestApp, mailbox: Mailbox, input: SignUpInput): Promise<string> {
  const started = await app.gql(SIGN_UP, { input });
  expect(started.data?.signUp.__typename).toBe("MutationSignUpSuccess");
  const token = signUpTokenIn(await mailbox.next(succeeded(started.data?.signUp).data.email));
  expect(token, "a sign-up link in the email").toBeTruthy();
  const confirmed = await app.gql(CONFIRM_SIGN_UP, { input: { token: token!, password: input.password } });
  expect(confirmed.data?.confirmSignUp.__typename).toBe("MutationConfirmSignUpSuccess");
  return succeeded(confirmed.data?.confirmSignUp).data.token;
}
