// A real OpenID Connect provider inside the tests: the `oidc-provider` package (the certified
// Node implementation), on 127.0.0.1 and port 0, with one client registered for the app. It does
// what Google Workspace or Microsoft 365 would: discovery, its own sign-in page, authorization
// code with PKCE, signed ID tokens carrying `email` and `email_verified`. Its accounts are what a
// test says they are, including an address the provider does not vouch for.
// oidc-provider 9 supports Node 22 and later LTS lines and warns ("Unsupported runtime") on Node 20,
// where it runs all the same: these tests pass on Node 20 and on Node 24.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync } from "node:crypto";
import Provider, { type Configuration } from "oidc-provider";

export type ProviderAccount = {
  email: string;
  /** Left out: the ID token carries no email_verified claim (as Microsoft Entra ID's do). */
  emailVerified?: boolean;
  /** Microsoft Entra ID's optional `xms_edov` claim: the email's domain is verified by the account's tenant. */
  domainOwnerVerified?: boolean;
  name: string;
};

export type TestIdentityProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who can sign in at the provider, by the login typed on its page. */
  accounts: Map<string, ProviderAccount>;
  close(): Promise<void>;
};

export async function startIdentityProvider(options: { redirectUri: string }): Promise<TestIdentityProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "staffroom-test-client";
  const clientSecret = `test-secret-${Math.random().toString(36).slice(2)}-wxyz`;
  const accounts = new Map<string, ProviderAccount>();

  // A signing key of its own for each run, as a real provider has (and rotates).
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const configuration: Configuration = {
    jwks: { keys: [{ ...signingKey, kid: "test-provider-key", use: "sig", alg: "RS256" } as never] },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    pkce: { required: () => true },
    // The claims go into the ID token itself (as Google's do), not only to the userinfo endpoint.
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified", "xms_edov"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ["staffroom-test-provider-cookie-key"] },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          name: account.name,
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
          ...(account.domainOwnerVerified === undefined ? {} : { xms_edov: account.domainOwnerVerified }),
        }),
      };
    },
    // Staff of a school do not see a consent page for their school's own app.
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session!;
      const existing = ctx.oidc.result?.consent?.grantId || session.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: session.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const handleProvider = provider.callback();

  server.on("request", (req, res) => {
    const interaction = /^\/interaction\/([\w-]+)(\/login|\/cancel)?$/.exec(req.url ?? "");
    if (!interaction) return void handleProvider(req, res);
    void (async () => {
      if (req.method === "GET") {
        await provider.interactionDetails(req, res);
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(interaction[1]!));
        return;
      }
      if (interaction[2] === "/cancel") {
        await provider.interactionFinished(
          req,
          res,
          { error: "access_denied", error_description: "The person cancelled." },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const login = new URLSearchParams(await readBody(req)).get("login") ?? "";
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The provider's own sign-in page: what a teacher sees at Google or Microsoft, much simplified. */
function loginPage(uid: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Test provider: sign in</title></head>
<body style="font-family: sans-serif; max-width: 24rem; margin: 2rem auto; padding: 0 1rem">
<h1>Test school accounts</h1>
<form method="post" action="/interaction/${uid}/login">
  <p><label>School account <input name="login" type="text" required autocomplete="off"></label></p>
  <p><label>Password <input name="password" type="password" required></label></p>
  <p><button type="submit">Continue</button></p>
</form>
<form method="post" action="/interaction/${uid}/cancel"><button type="submit">Cancel</button></form>
</body></html>`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}
