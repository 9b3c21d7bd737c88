// GET /calendar/<token>.ics: a calendar feed for calendar apps (Google, Outlook, Apple), which
// fetch it without signing in: the secret in the path is the credential. Every other shape of
// path under /calendar/ (no .ics, extra segments, a token of any other length) gets the same 404
// as an unknown or revoked token. Nothing here may be kept by a shared cache: the address is a
// secret and the content is one person's.
import type http from "node:http";
import { readCalendarFeed } from "./calendar/read-feed.ts";
import type { AppServices } from "./commands/services.ts";
import { CALENDAR_FILE_SUFFIX, CALENDAR_PATH_PREFIX } from "./domain/calendar.ts";

export function isCalendarPath(pathname: string): boolean {
  return pathname === CALENDAR_PATH_PREFIX.slice(0, -1) || pathname.startsWith(CALENDAR_PATH_PREFIX);
}

export async function serveCalendarFeed(services: AppServices, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  res.setHeader("cache-control", "private, no-store");
  // The secret is in the URL: never hand it on to a page linked from elsewhere, never index it.
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("x-robots-tag", "noindex");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }).end("Calendar feeds are read with GET.");
    return;
  }
  // The raw path (no decoding): a token is plain base64url, so an encoded one is not a token.
  const file = url.pathname.slice(CALENDAR_PATH_PREFIX.length);
  const candidate = file.endsWith(CALENDAR_FILE_SUFFIX) ? file.slice(0, -CALENDAR_FILE_SUFFIX.length) : "";
  const ics = await readCalendarFeed(services.db.prisma, candidate, services.publicUrl());
  if (ics === null) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("No calendar here. Make a new link in Staffroom.");
    return;
  }
  const body = Buffer.from(ics, "utf8");
  res.writeHead(200, {
    "content-type": "text/calendar; charset=utf-8",
    "content-length": body.length,
    "content-disposition": 'inline; filename="staffroom.ics"',
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
