// The two browser-facing steps of signing in with the school's account (commands/school-sign-on.ts
// holds the rules). Both are plain GET navigations, so the security headers and the request guard
// apply as to every other path; neither ever answers with a page of its own. Every outcome is a
// redirect: to the school's provider, or back to the web app's sign-in page, which says in a
// sentence why it did not work (`?school-sign-in=<reason>`) or finishes the sign-in with the
// one-time code in the URL's fragment. A fragment never reaches a server, a proxy's log or a
// Referer header, and the code is worth nothing after one use or a minute.
import type http from "node:http";
import { finishSchoolSignOn, startSchoolSignOn, type SignOnDeps } from "./commands/school-sign-on.ts";
import type { AppServices } from "./commands/services.ts";
import { SIGN_ON_CALLBACK_PATH, SIGN_ON_START_PATH, SignOnRefusedError, type SignOnRefusal } from "./domain/single-sign-on.ts";
import { signOnRedirectUri } from "./schema/single-sign-on.ts";

/** Holds the key that binds a trip to the provider to the browser that started it. */
const BROWSER_KEY_COOKIE = "staffroom_sign_on";
/** The web app's pages (web/src/app/paths.ts). */
const SIGN_IN_PAGE = "/sign-in";
const FINISH_PAGE = "/sign-in/school";

export function isSingleSignOnPath(pathname: string): boolean {
  return pathname === SIGN_ON_START_PATH || pathname === SIGN_ON_CALLBACK_PATH;
}

export async function serveSingleSignOn(services: AppServices, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  // A redirect carrying a one-time secret is never cached, by the browser or a proxy.
  res.setHeader("cache-control", "no-store");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET", "content-type": "text/plain; charset=utf-8" }).end("Use GET.");
    return;
  }
  const publicUrl = services.publicUrl();
  const deps: SignOnDeps = {
    prisma: services.db.prisma,
    oidc: services.config.singleSignOn,
    redirectUri: signOnRedirectUri(publicUrl),
    limiter: services.signInLimiter,
  };
  const clientAddress = req.socket.remoteAddress ?? "unknown";
  const log = services.log.child({ component: "single sign-on" });
  const secure = publicUrl.startsWith("https:");
  try {
    if (url.pathname === SIGN_ON_START_PATH) {
      const { authorizationUrl, browserKey } = await startSchoolSignOn(deps, { email: url.searchParams.get("email") ?? "", clientAddress });
      // Lax: sent on the provider's top-level redirect back to us, never on a cross-site subrequest.
      res.setHeader("set-cookie", cookie(browserKey, { maxAgeSeconds: 600, secure }));
      return redirect(res, authorizationUrl.href);
    }
    // The registered redirect URI, with the provider's query: what openid-client checks the answer against.
    const callbackUrl = new URL(`${deps.redirectUri}${url.search}`);
    const { handoffCode } = await finishSchoolSignOn(deps, { callbackUrl, browserKey: readCookie(req, BROWSER_KEY_COOKIE), clientAddress });
    res.setHeader("set-cookie", cookie("", { maxAgeSeconds: 0, secure }));
    return redirect(res, `${FINISH_PAGE}#code=${handoffCode}`);
  } catch (error) {
    if (!(error instanceof SignOnRefusedError)) throw error;
    // Reasons and the library's words only: never an address, a code or a token.
    log.info({ reason: error.reason, detail: error.detail }, "school sign-in refused");
    if (url.pathname === SIGN_ON_CALLBACK_PATH) res.setHeader("set-cookie", cookie("", { maxAgeSeconds: 0, secure }));
    return redirect(res, refusalPage(error.reason));
  }
}

function refusalPage(reason: SignOnRefusal): string {
  return `${SIGN_IN_PAGE}?school-sign-in=${reason}`;
}

function redirect(res: http.ServerResponse, location: string) {
  res.writeHead(303, { location }).end();
}

function cookie(value: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  return [
    `${BROWSER_KEY_COOKIE}=${value}`,
    `Path=/auth/oidc`,
    `Max-Age=${options.maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

function readCookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || undefined;
  }
  return undefined;
}
