// The built web app at `/`; unknown paths get index.html so client-side routes work on reload.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import { decodePath } from "./http-guard.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
};

export async function serveWeb(webDir: string, pathname: string, res: http.ServerResponse) {
  // Throws BadRequestError (400) for malformed percent-encoding: the guard answers it.
  const decoded = decodePath(pathname);
  // A NUL byte is no file name: stat would throw on it.
  const candidate = decoded.includes("\0") ? null : path.resolve(webDir, `.${decoded}`);
  const inside = candidate !== null && (candidate.startsWith(webDir + path.sep) || candidate === webDir);
  for (const file of inside ? [candidate, path.join(webDir, "index.html")] : [path.join(webDir, "index.html")]) {
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) {
      res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
      const body = createReadStream(file);
      // The file can vanish or become unreadable between stat and read (a rebuild of web/dist).
      body.on("error", () => res.destroy());
      body.pipe(res);
      return;
    }
  }
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found. The GraphQL API is at /graphql.");
}
