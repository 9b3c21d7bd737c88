// The web app as a slow school network wants it (api/src/static-web.ts): precompressed brotli or
// gzip by Accept-Encoding (with Vary), hashed assets cached for good, the app's HTML revalidated
// by ETag (304), per-route HTML that preloads the page, and safe answers to hostile paths and
// headers. Served from a small web folder the test writes and precompresses with the build's own
// step, so every byte is known; the last block checks the real build has its compressed copies.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressDirectory } from "../../web/build-plugins/precompress.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { WEB_DIST } from "../support/browser.ts";
import { rawRequest } from "../support/raw-http.ts";

const SCRIPT = `export const greeting = ${JSON.stringify("hello from a hashed asset ".repeat(200))};\n`;
const INDEX = `<!doctype html><html><head><title>Staffroom</title><script type="module" src="/assets/app-Ab12Cd34.js"></script></head><body>${"<!-- the app shell -->".repeat(40)}</body></html>`;
const DOCUMENT_SHELL = INDEX.replace("</head>", '<link rel="modulepreload" href="/assets/DocumentPage-Zz99.js"></head>');
const SECRET = "SECRET-OUTSIDE-THE-WEB-FOLDER";

let root: string;
let app: TestApp;
let port: number;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "staffroom-static-web-"));
  const web = path.join(root, "web");
  mkdirSync(path.join(web, "assets"), { recursive: true });
  mkdirSync(path.join(web, "route-shells"));
  writeFileSync(path.join(web, "index.html"), INDEX);
  writeFileSync(path.join(web, "route-shells", "documents.html"), DOCUMENT_SHELL);
  writeFileSync(path.join(web, "assets", "app-Ab12Cd34.js"), SCRIPT);
  writeFileSync(path.join(web, "assets", "tiny-Ab12Cd34.js"), "export {};\n");
  // Beside the web folder: no path may reach it.
  writeFileSync(path.join(root, "outside.txt"), SECRET);
  writeFileSync(path.join(root, "outside.js"), SECRET);
  await precompressDirectory(web);
  app = await startTestApp({ webDir: web });
  port = app.port;
}, 60_000);

afterAll(async () => {
  await app?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** node:http, which (unlike fetch) neither adds Accept-Encoding nor decompresses. */
function get(pathname: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: pathname, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
    request.end();
  });
}

const ASSET = "/assets/app-Ab12Cd34.js";

describe("compression", () => {
  it("sends the brotli copy to a browser that accepts it, with Vary and the compressed length", async () => {
    const answer = await get(ASSET, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers.vary).toBe("Accept-Encoding");
    expect(answer.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 5);
    expect(brotliDecompressSync(answer.body).toString()).toBe(SCRIPT);
  });

  it("sends gzip when only gzip is accepted, or preferred by its q value", async () => {
    for (const accept of ["gzip", "br;q=0.5, gzip", "gzip;q=1, br;q=0", "GZIP"]) {
      const answer = await get(ASSET, { "accept-encoding": accept });
      expect(answer.headers["content-encoding"], accept).toBe("gzip");
      expect(gunzipSync(answer.body).toString(), accept).toBe(SCRIPT);
      expect(Number(answer.headers["content-length"]), accept).toBe(answer.body.length);
    }
  });

  it("sends the file itself when no compression is accepted, still with Vary", async () => {
    for (const accept of [undefined, "identity", "deflate", "br;q=0, gzip;q=0", "*;q=0"]) {
      const answer = await get(ASSET, accept === undefined ? {} : { "accept-encoding": accept });
      expect(answer.status, String(accept)).toBe(200);
      expect(answer.headers["content-encoding"], String(accept)).toBeUndefined();
      expect(answer.headers.vary, String(accept)).toBe("Accept-Encoding");
      expect(answer.body.toString(), String(accept)).toBe(SCRIPT);
      expect(Number(answer.headers["content-length"]), String(accept)).toBe(Buffer.byteLength(SCRIPT));
    }
  });

  it("reads odd Accept-Encoding values as best it can and always answers 200", async () => {
    const odd: [string, string | undefined][] = [
      ["*", "br"],
      ["br;q=abc, gzip", "gzip"],
      ["br;q=2", undefined],
      ["br;q=-1, gzip;q=0.001", "gzip"],
      [";;;,,,==", undefined],
      ["\u00e9\u00e8", undefined],
      [`${"x".repeat(8000)}, br`, undefined],
      [`${Array.from({ length: 200 }, (_, i) => `enc${i}`).join(",")}, br`, undefined],
    ];
    for (const [accept, expected] of odd) {
      const answer = await get(ASSET, { "accept-encoding": accept });
      expect(answer.status, accept.slice(0, 40)).toBe(200);
      expect(answer.headers["content-encoding"], accept.slice(0, 40)).toBe(expected);
    }
  });

  it("sends a file too small to be worth compressing as it is", async () => {
    const answer = await get("/assets/tiny-Ab12Cd34.js", { "accept-encoding": "br, gzip" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.body.toString()).toBe("export {};\n");
  });
});

describe("caching", () => {
  it("caches hashed assets for a year, immutable", async () => {
    const answer = await get(ASSET, { "accept-encoding": "br" });
    expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("revalidates the app's HTML on every route with a strong ETag, and answers 304 when it has not changed", async () => {
    for (const route of ["/", "/groups/some-group", "/school/people"]) {
      const first = await get(route, { "accept-encoding": "br" });
      expect(first.status, route).toBe(200);
      expect(first.headers["content-type"], route).toBe("text/html; charset=utf-8");
      expect(first.headers["cache-control"], route).toBe("no-cache");
      expect(brotliDecompressSync(first.body).toString(), route).toBe(INDEX);
      const etag = first.headers.etag!;
      expect(etag, route).toMatch(/^"[^"]+"$/); // strong: no W/
      for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
        const again = await get(route, { "accept-encoding": "br", "if-none-match": ifNoneMatch });
        expect(again.status, `${route} ${ifNoneMatch}`).toBe(304);
        expect(again.body.length, `${route} ${ifNoneMatch}`).toBe(0);
        expect(again.headers.etag, `${route} ${ifNoneMatch}`).toBe(etag);
        expect(again.headers["cache-control"], `${route} ${ifNoneMatch}`).toBe("no-cache");
      }
      const changed = await get(route, { "accept-encoding": "br", "if-none-match": '"an-older-version"' });
      expect(changed.status, route).toBe(200);
    }
  });

  it("gives each encoding of the HTML its own ETag, so a cached gzip copy is never taken for brotli", async () => {
    const tags = await Promise.all(["br", "gzip", "identity"].map(async (accept) => (await get("/", { "accept-encoding": accept })).headers.etag));
    expect(new Set(tags).size).toBe(3);
    const crossed = await get("/", { "accept-encoding": "br", "if-none-match": tags[1]! });
    expect(crossed.status).toBe(200);
  });

  it("sends a document's route the HTML that preloads the document page", async () => {
    const document = await get("/documents/RG9jdW1lbnQ6MQ");
    expect(document.body.toString()).toBe(DOCUMENT_SHELL);
    expect(document.headers["cache-control"]).toBe("no-cache");
    // Only the first segment chooses, and only a plain word: anything else gets index.html.
    for (const route of ["/documents", "/Documents/x", "/sessions/x", "/../route-shells/x"]) expect((await get(route)).body.toString(), route).toBe(INDEX);
  });

  it("answers a missing asset 404, never cached and never the HTML under a script's name", async () => {
    for (const missing of ["/assets/gone-0000.js", "/assets/%00.js", `${ASSET}.br`, `${ASSET}.gz`, "/assets/"]) {
      const answer = await get(missing, { "accept-encoding": "br" });
      expect(answer.status, missing).toBe(404);
      expect(answer.headers["cache-control"], missing).toBe("no-store");
      expect(answer.headers["content-type"], missing).toBe("text/plain; charset=utf-8");
    }
  });
});

describe("hostile requests", () => {
  it("never serves a file outside the web folder, however the dots are written", async () => {
    const targets = [
      "/../outside.txt",
      "/assets/../../outside.js",
      "/%2e%2e/outside.txt",
      "/%2E%2E%2Foutside.txt",
      "/assets/..%2f..%2foutside.js",
      "/assets/%2e%2e%2f%2e%2e%2foutside.js",
      "/..%5coutside.txt",
      "/.%2e/.%2e/outside.txt",
      "//../outside.txt",
      "/assets/..%252f..%252foutside.js",
    ];
    for (const target of targets) {
      const answer = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1`);
      expect(answer.status, target).toBeGreaterThanOrEqual(200);
      expect(answer.status, target).toBeLessThan(500);
      expect(answer.body, target).not.toContain(SECRET);
    }
  });

  it("refuses paths longer than any route (414), and the server's own limit answers beyond that", async () => {
    const long = await get(`/${"a".repeat(3000)}`);
    expect(long.status).toBe(414);
    expect(long.headers["cache-control"]).toBe("no-store");
    const huge = await rawRequest(port, `GET /${"a".repeat(40_000)} HTTP/1.1\r\nHost: 127.0.0.1`);
    expect(huge.status).toBe(431);
    expect((await get(ASSET)).status).toBe(200);
  });

  it("answers HEAD with the headers and no body, and a Range request with the whole file", async () => {
    const head = await get(ASSET, { "accept-encoding": "gzip" }, "HEAD");
    const full = await get(ASSET, { "accept-encoding": "gzip" });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe(full.headers["content-length"]);
    expect(head.headers.etag).toBe(full.headers.etag);
    const range = await get(ASSET, { range: "bytes=0-9" });
    expect(range.status).toBe(200);
    expect(range.headers["accept-ranges"]).toBe("none");
    expect(range.body.toString()).toBe(SCRIPT);
    for (const odd of ["bytes=999999-", "bytes=-1,-2,-3", "lines=1-2", "bytes=a-b"]) expect((await get(ASSET, { range: odd })).status, odd).toBe(200);
  });

  it("answers other methods 405, naming the ones it takes", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const answer = await get("/", {}, method);
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow, method).toBe("GET, HEAD");
    }
  });

  it("answers odd If-None-Match values with the page", async () => {
    for (const value of ['"', "W/", ",,,", "x".repeat(6000), '"a"'.repeat(500)]) {
      const answer = await get("/", { "if-none-match": value });
      expect(answer.status, value.slice(0, 20)).toBe(200);
    }
  });
});

describe("the real build", () => {
  it("has a brotli and a gzip copy of every script, stylesheet and HTML file, equal to it once decompressed", () => {
    const files = [
      ...readdirSync(path.join(WEB_DIST, "assets")).map((name) => path.join(WEB_DIST, "assets", name)),
      path.join(WEB_DIST, "index.html"),
      ...readdirSync(path.join(WEB_DIST, "route-shells")).map((name) => path.join(WEB_DIST, "route-shells", name)),
    ].filter((file) => /\.(js|css|html)$/.test(file));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const content = readFileSync(file);
      if (content.length < 256) continue;
      expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(content), file).toBe(true);
      expect(gunzipSync(readFileSync(`${file}.gz`)).equals(content), file).toBe(true);
    }
  });

  it("has route shells for the document and meeting pages that preload files that exist", () => {
    for (const route of ["documents", "sessions"]) {
      const html = readFileSync(path.join(WEB_DIST, "route-shells", `${route}.html`), "utf8");
      const preloads = [...html.matchAll(/rel="modulepreload" crossorigin href="\/(assets\/[^"]+)"/g)].map((match) => match[1]!);
      expect(
        preloads.some((file) => /(DocumentPage|MeetingPage)-/.test(file)),
        route,
      ).toBe(true);
      for (const file of preloads) expect(existsSync(path.join(WEB_DIST, file)), file).toBe(true);
    }
  });
});
