// Single sign-on with a school's own accounts (OpenID Connect), as plain rules and words: which
// email domain an address has, what a school may list as its domains, and why a sign-in through
// the school's provider was refused. The refusals travel to the web app as one of these reasons
// (in the sign-in page's URL) and the page says each in a sentence; a reason is never a secret.

export const SIGN_ON_REFUSALS = [
  /** No school signs in with accounts of this email's domain. */
  "no-school",
  /** The school's provider could not be reached or answered with an error. */
  "provider-unavailable",
  /** The person cancelled at the provider, or it refused to sign them in. */
  "cancelled",
  /** The trip to the provider is unknown, used, expired, or was started in another browser. */
  "expired",
  /** The school turned its single sign-on off between the start and the return. */
  "disabled",
  /** The provider does not vouch that the address belongs to the person. */
  "unverified-email",
  /** The provider signed in an address outside the school's allowed domains. */
  "wrong-domain",
  /** The school never added this address (no membership, no pending invitation). */
  "not-a-member",
  /** The school's admins deactivated this person. */
  "deactivated",
  /** The account also belongs to a school that does not trust this provider. */
  "other-school",
  /** The provider's answer did not pass the checks (signature, issuer, audience, nonce, PKCE). */
  "failed",
  /** Too many starts for this address or from this client: they count against the sign-in limits. */
  "rate-limited",
] as const;
export type SignOnRefusal = (typeof SIGN_ON_REFUSALS)[number];

/** A sign-in through a school's provider was refused; `reason` says why, for the person. */
export class SignOnRefusedError extends Error {
  constructor(
    readonly reason: SignOnRefusal,
    /** For the server log only (what the library said): never shown to the person. */
    readonly detail?: string,
  ) {
    super(`school sign-in refused: ${reason}${detail ? ` (${detail})` : ""}`);
  }
}

/** The domain of an email address, lower-cased (`Ana@Example.ORG` → `example.org`), or null. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return null;
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase();
}

/** A DNS name such as `example.org` or `staff.district.k12.us`: labels of letters, digits and dashes. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export function isEmailDomain(value: string): boolean {
  return DOMAIN.test(value);
}

/**
 * Addresses anyone can create an account at. Listing one would let strangers' accounts in, and a
 * school's Google Workspace or Microsoft 365 tenant never vouches for them anyway.
 */
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
]);

export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(domain);
}

/** What the admin page shows of a stored client secret: that it is set, and its last four characters. */
export function secretHint(secret: string): string {
  return secret.length > 8 ? `…${secret.slice(-4)}` : "set";
}

/** The path providers send people back to; register PUBLIC_URL + this path with the provider. */
export const SIGN_ON_CALLBACK_PATH = "/auth/oidc/callback";
export const SIGN_ON_START_PATH = "/auth/oidc/start";
