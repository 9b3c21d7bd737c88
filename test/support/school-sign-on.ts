// Signing in with the school's account as a browser does it, at the HTTP level: the app's start
// URL, the provider's sign-in page (a real form post), the provider's redirect back to the app's
// callback, and the app's redirect to the web sign-in page (a one-time code in the fragment, or a
// reason in the query). Used by the GraphQL-level tests; the browser test drives Chromium instead.
import type { TestApp } from "./app.ts";
import type { cookieBrowser } from "./cookie-browser.ts";
import type { TestIdentityProvider } from "./identity-provider.ts";
import { graphql } from "./graphql.ts";
import { MutationError } from "./operations.ts";

export const CONFIGURE_SSO = graphql(
  `
  mutation ConfigureSingleSignOn($input: ConfigureSingleSignOnInput!) {
    configureSingleSignOn(input: $input) {
      __typename
      ... on MutationConfigureSingleSignOnSuccess {
        data {
          issuer
          clientId
          clientSecretHint
          allowedDomains
          enabled
          redirectUri
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

export const COMPLETE_SCHOOL_SIGN_IN = graphql(`
  mutation CompleteSchoolSignIn($code: String!) {
    completeSchoolSignIn(code: $code) {
      __typename
      ... on MutationCompleteSchoolSignInSuccess {
        data {
          token
          viewer {
            email
          }
        }
      }
      ... on BaseError {
        code
        message
      }
    }
  }
`);

export type SchoolSignInOutcome = {
  /** Where the app finally sent the browser: `/sign-in/school#code=…` or `/sign-in?school-sign-in=<reason>`. */
  landing: URL;
  /** The provider's redirect back to the app (code and state), when the trip got that far: replay it to test single use. */
  callbackUrl: string | null;
};

export async function signInWithSchoolAccount(
  app: TestApp,
  idp: TestIdentityProvider,
  browser: ReturnType<typeof cookieBrowser>,
  input: { typedEmail: string; providerLogin: string },
): Promise<SchoolSignInOutcome> {
  const afterStart = await startAtApp(app, browser, input.typedEmail);
  if (afterStart.origin === app.url) return { landing: afterStart, callbackUrl: null };
  if (!afterStart.href.startsWith(idp.issuer)) throw new Error(`the start led to ${afterStart.href}`);
  // The provider's sign-in page, then its form.
  await browser.follow(afterStart.href);
  const signedIn = await browser.submit(`${afterStart.href}/login`, { login: input.providerLogin, password: "any password" });
  const toApp = await browser.follow(signedIn.location!, (next) => next.origin === app.url);
  const callbackUrl = toApp.at(-1)!.location!;
  return { landing: await land(browser, callbackUrl), callbackUrl };
}

/** Opens the app's start URL and follows it to the provider's sign-in page, or back to the app's sign-in page. */
export async function startAtApp(app: TestApp, browser: ReturnType<typeof cookieBrowser>, typedEmail: string): Promise<URL> {
  const steps = await browser.follow(
    `${app.url}/auth/oidc/start?email=${encodeURIComponent(typedEmail)}`,
    (next) => next.pathname.startsWith("/interaction/") || next.pathname.startsWith("/sign-in"),
  );
  return new URL(steps.at(-1)!.location!);
}

/** Opens a callback URL in this browser and says where the app sent it. */
export async function land(browser: ReturnType<typeof cookieBrowser>, callbackUrl: string): Promise<URL> {
  const step = await browser.request(callbackUrl);
  await step.response.arrayBuffer();
  if (step.status !== 303 || !step.location) throw new Error(`the callback answered ${step.status}`);
  return new URL(step.location);
}

export function refusalReason(landing: URL): string | null {
  return landing.pathname === "/sign-in" ? landing.searchParams.get("school-sign-in") : null;
}

export function handoffCode(landing: URL): string | null {
  return landing.pathname === "/sign-in/school" ? new URLSearchParams(landing.hash.slice(1)).get("code") : null;
}
