// Set up (or change) a school's single sign-on: its OpenID Connect provider, client and allowed
// email domains. Admins only, signed in as themselves. The provider is checked by discovery
// before anything is saved, so a typo in the issuer is caught here rather than by the first
// teacher who tries to sign in. Leaving the secret out keeps the stored one.
import { discoverProvider } from "../auth/oidc-client.ts";
import { forbidden, ValidationError, type FieldIssue } from "../domain/errors.ts";
import { isEmailDomain, isPublicMailDomain, SignOnRefusedError } from "../domain/single-sign-on.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { canManageSingleSignOn } from "../policies/single-sign-on.ts";
import type { Caller, Selection } from "./run-command.ts";

export type SingleSignOnSettings = {
  schoolId: string;
  issuer: string;
  clientId: string;
  /** Null or empty: keep the secret already stored. */
  clientSecret: string | null;
  allowedDomains: string[];
  enabled: boolean;
};

export async function configureSingleSignOn(
  caller: Caller,
  input: SingleSignOnSettings,
  selection: Selection<Prisma.SchoolSignOnProviderSelect, Prisma.SchoolSignOnProviderInclude> = {},
) {
  if (!canManageSingleSignOn(caller.actor, input.schoolId)) throw forbidden();
  const existing = await caller.prisma.schoolSignOnProvider.findUnique({ where: { schoolId: input.schoolId } });
  const clientSecret = input.clientSecret || existing?.clientSecret;
  const allowedDomains = [...new Set(input.allowedDomains.map((domain) => domain.trim().toLowerCase().replace(/^@/, "")))];

  const issues: FieldIssue[] = [];
  issues.push(...issuerIssues(input.issuer, caller.services.config.singleSignOn.allowHttpIssuers));
  if (!clientSecret) issues.push({ path: "clientSecret", message: "is required: copy it from your provider's app registration" });
  for (const domain of allowedDomains) {
    if (!isEmailDomain(domain)) issues.push({ path: "allowedDomains", message: `${domain} is not an email domain (like school.org)` });
    else if (isPublicMailDomain(domain))
      issues.push({ path: "allowedDomains", message: `${domain} is a public email service: anyone can have an address there` });
  }
  if (issues.length > 0) throw new ValidationError(issues);

  await checkProvider(caller, input.issuer);
  const settings = { issuer: input.issuer, clientId: input.clientId, clientSecret: clientSecret!, allowedDomains, enabled: input.enabled };
  return caller.prisma.schoolSignOnProvider.upsert({
    ...selection,
    where: { schoolId: input.schoolId },
    create: { schoolId: input.schoolId, ...settings },
    update: settings,
  });
}

/** Discovery from the issuer: the provider answers with metadata for exactly this issuer. */
export async function checkProvider(caller: Caller, issuer: string): Promise<{ issuer: string; authorizationEndpoint: string }> {
  const problems = issuerIssues(issuer, caller.services.config.singleSignOn.allowHttpIssuers);
  if (problems.length > 0) throw new ValidationError(problems);
  try {
    // Discovery needs no real client: the id is only carried along.
    const provider = await discoverProvider({ issuer, clientId: "staffroom-connection-check", clientSecret: "" }, caller.services.config.singleSignOn);
    const metadata = provider.serverMetadata();
    return { issuer: metadata.issuer, authorizationEndpoint: metadata.authorization_endpoint ?? "" };
  } catch (error) {
    if (!(error instanceof SignOnRefusedError)) throw error;
    caller.services.log.child({ component: "single sign-on" }).info({ issuer, detail: error.detail }, "provider check failed");
    throw ValidationError.field(
      "issuer",
      `Staffroom could not read the provider's settings at ${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration. Check the issuer URL, and that the provider is reachable.`,
    );
  }
}

function issuerIssues(issuer: string, allowHttp: boolean): FieldIssue[] {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return [{ path: "issuer", message: "must be a URL, like https://accounts.google.com" }];
  }
  if (url.protocol === "https:") return [];
  if (url.protocol === "http:" && allowHttp) return [];
  return [{ path: "issuer", message: "must start with https://" }];
}
