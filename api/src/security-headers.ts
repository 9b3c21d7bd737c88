// Security headers on every HTTP answer (helmet, as a plain (req, res, next) middleware).
//
// The session token lives in the web app's localStorage, so the Content-Security-Policy is what
// stands between an injected script and that token: only our own scripts run (no inline script,
// no eval, nothing from another host), the page cannot be framed, and it may connect only to its
// own origin (HTTP and websockets). The built app (React, Tiptap, urql, y-websocket) runs under it;
// the browser tests fail on any CSP violation, since Chromium reports each as a console error.
import { createHash } from "node:crypto";
import type http from "node:http";
import helmet from "helmet";

/** A Host header we are willing to echo into connect-src: a name or IP literal and an optional port. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * `'self'` covers same-origin ws:/wss: in CSP level 3, but older browsers (Safari before 15.4)
 * read it as http(s) only, and the app's live documents and subscriptions are websockets.
 * The browser sends the Host it is on, so naming it costs nothing and never widens the policy.
 */
function sameOriginWebsockets(req: http.IncomingMessage): string {
  const host = req.headers.host;
  return host && PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : "";
}

/**
 * Tiptap's editor puts its few base rules (caret, white-space) in a <style> element of its own.
 * Rather than allowing every inline style, the policy allows exactly that stylesheet by its hash.
 * security-headers.test.ts recomputes it from the installed @tiptap/core, so an upgrade that
 * changes the stylesheet fails there by name (and the browser tests fail on the CSP violation).
 */
export const TIPTAP_BASE_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='";

export function createSecurityHeaders(): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const apply = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", TIPTAP_BASE_STYLE_HASH],
        // The favicon is `data:,` (index.html) so that browsers do not ask for /favicon.ico.
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", sameOriginWebsockets],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Staffroom is often run on plain http (npm start on 127.0.0.1); TLS is the proxy's job, and so
    // is HSTS: only the proxy knows whether every subdomain is served over https.
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
  });
  return (req, res) =>
    apply(req, res, (error?: unknown) => {
      // helmet reports only a misconfiguration here (its options are fixed above).
      if (error) throw error;
    });
}

/**
 * GraphiQL (GET /graphql in a browser) is @graphql-yoga/render-graphiql's page: the whole editor
 * inlined in one script, so it works on a school network with no way out to a CDN. It gets its
 * own policy: its inline script is allowed by its hash (computed from the page itself, so no
 * other inline script runs), and nothing is loaded from another host.
 */
export function graphiqlPolicy(html: string): string {
  const inlineScripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
  const hashes = inlineScripts.map((script) => `'sha256-${createHash("sha256").update(script).digest("base64")}'`);
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(" ")}`,
    // GraphiQL's editor (Monaco) sets styles at run time and loads its workers from blobs.
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
