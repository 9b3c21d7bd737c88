// The built web app at `/`, made to open fast on a slow school network:
// - the build (web/build-plugins/precompress.ts) writes `<file>.br` and `<file>.gz` beside each
//   text file; the one the browser accepts is sent as it is, so nothing is compressed per request;
// - files under /assets/ carry a content hash in their name (Vite), so they never change: cached
//   for a year without asking again; a missing one is a 404, never the app's HTML under a .js name;
// - every other path gets the app's HTML (client-side routes work on reload), which must never be
//   stale after a deploy: `no-cache` with a strong ETag, so a repeat visit costs one 304;
// - a route whose page is loaded lazily gets its own copy of the HTML, which also preloads that
//   page's chunks (web/build-plugins/route-shells.ts writes route-shells/<first segment>.html).
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import { decodePath } from "./http-guard.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Where Vite writes hashed files: their name changes whenever their content does. */
const HASHED_PREFIX = "/assets/";
const IMMUTABLE = "public, max-age=31536000, immutable";
/** No route of the app is anywhere near this long; a longer path is noise or an attack. */
const MAX_PATH_LENGTH = 2048;
/** Encodings we precompress, in the order we prefer them when the browser likes both equally. */
const ENCODINGS = [
  { token: "br", suffix: ".br", tag: "br" },
  { token: "gzip", suffix: ".gz", tag: "gz" },
] as const;
type Encoding = (typeof ENCODINGS)[number];

/** What a file's bytes hash to, remembered while its size and modification time stay the same. */
const hashes = new Map<string, { mtimeMs: number; size: number; hash: string }>();

export async function serveWeb(webDir: string, req: http.IncomingMessage, pathname: string, res: http.ServerResponse) {
  // Throws BadRequestError (400) for malformed percent-encoding: the guard answers it.
  const decoded = decodePath(pathname);
  if (req.method !== "GET" && req.method !== "HEAD") {
    return plain(res, 405, "The web app only answers GET and HEAD. The GraphQL API is at /graphql.", { allow: "GET, HEAD" });
  }
  if (pathname.length > MAX_PATH_LENGTH) return plain(res, 414, "The request path is too long.");
  const file = await chooseFile(webDir, decoded);
  if (!file) {
    const message = decoded.startsWith(HASHED_PREFIX)
      ? "Not found. This file belongs to another version of Staffroom: reload the page."
      : "Not found. The GraphQL API is at /graphql.";
    return plain(res, 404, message);
  }
  const contentType = CONTENT_TYPES[path.extname(file.path)] ?? "application/octet-stream";
  const encoding = await chooseEncoding(file.path, req.headers["accept-encoding"]);
  const sent = encoding ? { path: file.path + encoding.encoding.suffix, size: encoding.size } : { path: file.path, size: file.size };
  const hash = await contentHash(file.path, file.mtimeMs, file.size);
  // Strong, and different per encoding: the gzip and brotli bytes are different representations.
  const etag = `"${hash}${encoding ? `-${encoding.encoding.tag}` : ""}"`;
  const headers: http.OutgoingHttpHeaders = {
    "content-type": contentType,
    // The answer depends on Accept-Encoding even when it is the plain file: caches must keep them apart.
    vary: "Accept-Encoding",
    "cache-control": decoded.startsWith(HASHED_PREFIX) ? IMMUTABLE : "no-cache",
    etag,
    // Ranges are not served: a Range request gets the whole file (a valid answer, and a simple one).
    "accept-ranges": "none",
  };
  if (notModified(req.headers["if-none-match"], etag)) return void res.writeHead(304, headers).end();
  headers["content-length"] = sent.size;
  if (encoding) headers["content-encoding"] = encoding.encoding.token;
  res.writeHead(200, headers);
  if (req.method === "HEAD") return void res.end();
  const body = createReadStream(sent.path);
  // The file can vanish or become unreadable between stat and read (a rebuild of web/dist).
  body.on("error", () => res.destroy());
  body.pipe(res);
}

type FoundFile = { path: string; size: number; mtimeMs: number };

/** The file a path names, or the app's HTML for a client-side route; null when neither exists. */
async function chooseFile(webDir: string, decoded: string): Promise<FoundFile | null> {
  // A NUL byte is no file name (stat would throw on it); a precompressed copy is only sent through negotiation.
  const named = decoded.includes("\0") || /\.(br|gz)$/.test(decoded) ? null : path.resolve(webDir, `.${decoded}`);
  if (named?.startsWith(webDir + path.sep)) {
    const found = await regularFile(named);
    if (found) return found;
  }
  if (decoded.startsWith(HASHED_PREFIX)) return null;
  // `/documents/…` → route-shells/documents.html when the build made one (only plain names, so
  // nothing from the URL reaches the file system but a lowercase word).
  const segment = /^\/([a-z][a-z-]{0,40})\//.exec(decoded)?.[1];
  if (segment) {
    const shell = await regularFile(path.join(webDir, "route-shells", `${segment}.html`));
    if (shell) return shell;
  }
  return regularFile(path.join(webDir, "index.html"));
}

async function regularFile(file: string): Promise<FoundFile | null> {
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? { path: file, size: info.size, mtimeMs: info.mtimeMs } : null;
}

/**
 * The precompressed copy to send: among those the browser accepts (Accept-Encoding, with its q
 * values) and the build wrote, the one it prefers most; brotli on a tie. Null means the file itself
 * (identity is always acceptable to us: a browser that refuses it still gets something it can read).
 */
async function chooseEncoding(file: string, acceptEncoding: string | undefined): Promise<{ encoding: Encoding; size: number } | null> {
  const accepted = parseAcceptEncoding(acceptEncoding);
  const candidates = ENCODINGS.map((encoding) => ({ encoding, q: accepted.get(encoding.token) ?? accepted.get("*") ?? 0 }))
    .filter((candidate) => candidate.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { encoding } of candidates) {
    const copy = await regularFile(file + encoding.suffix);
    if (copy) return { encoding, size: copy.size };
  }
  return null;
}

/** Encoding token → q value. Anything unreadable is left out, as if the browser had not said it. */
export function parseAcceptEncoding(header: string | undefined): Map<string, number> {
  const accepted = new Map<string, number>();
  // A real browser sends a few dozen characters; the rest of a huge header is not worth reading.
  for (const part of (header ?? "").slice(0, 512).split(",").slice(0, 16)) {
    const [token = "", ...parameters] = part.split(";").map((piece) => piece.trim().toLowerCase());
    if (!/^[a-z0-9*-]+$/.test(token)) continue;
    let q = 1;
    for (const parameter of parameters) {
      const value = /^q=([01](?:\.\d{0,3})?)$/.exec(parameter)?.[1];
      if (parameter.startsWith("q=")) q = value === undefined ? Number.NaN : Math.min(Number(value), 1);
    }
    if (!Number.isNaN(q) && !accepted.has(token)) accepted.set(token, q);
  }
  return accepted;
}

/** If-None-Match (weak comparison, as RFC 9110 asks for it): `*` or any listed tag equal to ours. */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch
    .slice(0, 4096)
    .split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

async function contentHash(file: string, mtimeMs: number, size: number): Promise<string> {
  const known = hashes.get(file);
  if (known && known.mtimeMs === mtimeMs && known.size === size) return known.hash;
  const hash = createHash("sha256")
    .update(await readFile(file))
    .digest("base64url")
    .slice(0, 22);
  hashes.set(file, { mtimeMs, size, hash });
  return hash;
}

function plain(res: http.ServerResponse, status: number, message: string, extra: http.OutgoingHttpHeaders = {}) {
  res
    .writeHead(status, {
      "content-type": "text/plain; charset=utf-8",
      "content-length": Buffer.byteLength(message),
      // A missing file may exist after the next deploy: never remember the refusal.
      "cache-control": "no-store",
      ...extra,
    })
    .end(message);
}
