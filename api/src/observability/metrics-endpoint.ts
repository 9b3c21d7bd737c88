// /metrics and the HTTP request histogram. Metrics are off unless METRICS_TOKEN is set: then
// /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise), since the
// numbers say how busy a school's staff is and when. Off, /metrics is 404 like any unknown path.
import { createHash, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import type { Metrics } from "./metrics.ts";

type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const ROUTES = new Set(["/graphql", "/healthz", "/readyz", "/metrics"]);

/** The route label: one of the API's paths, or "web" for everything the web app serves (bounded, whatever the URL). */
function routeOf(url: string | undefined): string {
  const pathname = (url ?? "").split("?", 1)[0]!;
  return ROUTES.has(pathname) ? pathname : "web";
}

/** Times every request, by route and final status (an aborted one counts with the status it had). */
export function timeHttpRequests(metrics: Metrics | undefined, handler: RequestHandler): RequestHandler {
  if (!metrics) return handler;
  return (req, res) => {
    const stop = metrics.httpRequestDuration.startTimer({ route: routeOf(req.url) });
    res.once("close", () => stop({ status: String(res.statusCode) }));
    handler(req, res);
  };
}

export async function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse, metrics: Metrics | undefined, token: string | undefined) {
  if (!metrics || !token) return send(res, 404, "text/plain; charset=utf-8", "Not found.");
  if (!bearerMatches(req.headers.authorization, token)) {
    res.setHeader("www-authenticate", 'Bearer realm="metrics"');
    return send(res, 401, "text/plain; charset=utf-8", "Send Authorization: Bearer <METRICS_TOKEN>.");
  }
  send(res, 200, metrics.registry.contentType, await metrics.registry.metrics());
}

/** Compares digests in constant time: how long a refusal takes says nothing about the token. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string) {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" }).end(body);
}
