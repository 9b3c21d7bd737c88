// The OpenID Connect client for schools' single sign-on: openid-client (authorization code with
// PKCE, state and nonce; the ID token's signature, issuer, audience, expiry and nonce checked by
// the library). Each school has its own provider, found by discovery from its issuer URL.
import * as oidc from "openid-client";
import { SignOnRefusedError } from "../domain/single-sign-on.ts";

export type ProviderSettings = { issuer: string; clientId: string; clientSecret: string };
export type OidcOptions = {
  /** Plain-http issuers are refused unless this is set (SSO_ALLOW_HTTP_ISSUERS: a provider on this machine). */
  allowHttpIssuers: boolean;
};

/** How long Staffroom waits for a provider (discovery, keys, token endpoint), in seconds. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** The provider's metadata from `<issuer>/.well-known/openid-configuration`; refused as "provider-unavailable". */
export async function discoverProvider(settings: ProviderSettings, options: OidcOptions): Promise<oidc.Configuration> {
  try {
    return await oidc.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      ...(options.allowHttpIssuers ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    throw new SignOnRefusedError("provider-unavailable", describe(error));
  }
}

/** What one trip to the provider needs to remember until it comes back. */
export type SignOnChecks = { state: string; nonce: string; codeVerifier: string };

export async function newSignOnChecks(): Promise<SignOnChecks & { codeChallenge: string }> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier) };
}

export function authorizationUrl(
  provider: oidc.Configuration,
  params: { redirectUri: string; checks: SignOnChecks & { codeChallenge: string }; loginHint: string },
): URL {
  return oidc.buildAuthorizationUrl(provider, {
    redirect_uri: params.redirectUri,
    scope: "openid email profile",
    state: params.checks.state,
    nonce: params.checks.nonce,
    code_challenge: params.checks.codeChallenge,
    code_challenge_method: "S256",
    // The provider can skip its account picker; it still decides who signs in.
    login_hint: params.loginHint,
  });
}

export type VerifiedIdentity = { email: string | null; emailVerified: boolean; name: string | null };

/**
 * The provider's answer at the callback → the ID token's claims, after the library checked the
 * state, exchanged the code with the PKCE verifier and validated the ID token (signature, issuer,
 * audience, expiry, nonce). Anything else is a refusal.
 */
export async function redeemCallback(provider: oidc.Configuration, callbackUrl: URL, checks: SignOnChecks): Promise<VerifiedIdentity> {
  const error = callbackUrl.searchParams.get("error");
  if (error) throw new SignOnRefusedError(error === "access_denied" ? "cancelled" : "provider-unavailable", error);
  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(provider, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (failure) {
    throw new SignOnRefusedError("failed", describe(failure));
  }
  if (!claims) throw new SignOnRefusedError("failed", "no ID token");
  return {
    email: typeof claims.email === "string" ? claims.email : null,
    emailVerified: providerVouchesForEmail(claims),
    name: typeof claims.name === "string" ? claims.name : null,
  };
}

/**
 * Whether the provider says the address is the person's. Only a literal `email_verified: true`
 * counts ("true" or 1 do not). Microsoft Entra ID (Microsoft 365) never sends email_verified for
 * a school's own accounts; it sends `xms_edov: true` (the email's domain is verified by the
 * tenant that owns the account) when the app registration asks for that optional claim. That is
 * taken in its place only when the token carries no email_verified at all: an explicit false stays a no.
 */
function providerVouchesForEmail(claims: oidc.IDToken): boolean {
  if ("email_verified" in claims) return claims.email_verified === true;
  return claims.xms_edov === true;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
