// Security headers on every answer: a strict Content-Security-Policy the built app passes (the
// browser tests prove it runs under it), nosniff, no framing, no referrer. GraphiQL gets a policy
// of its own that allows exactly its inline scripts and nothing from another host.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TIPTAP_BASE_STYLE_HASH } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { WEB_DIST } from "../support/browser.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

function directives(policy: string | null): Map<string, string[]> {
  expect(policy, "a Content-Security-Policy header").toBeTruthy();
  return new Map(
    policy!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

const someAsset = () => `/assets/${readdirSync(path.join(WEB_DIST, "assets")).find((f) => f.endsWith(".js"))}`;

describe("security headers", () => {
  const requests: Record<string, () => Promise<Response>> = {
    "the app (/)": () => fetch(`${app.url}/`),
    "a client-side route": () => fetch(`${app.url}/groups/whatever`),
    "a script": () => fetch(`${app.url}${someAsset()}`),
    "a GraphQL answer": () =>
      fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) }),
    "a refused GraphQL request": () => fetch(`${app.url}/graphql`, { method: "POST", body: new URLSearchParams({ query: "{ __typename }" }) }),
    "/healthz": () => fetch(`${app.url}/healthz`),
  };

  it.each(Object.keys(requests))("are on %s", async (name) => {
    const response = await requests[name]!();
    const host = new URL(app.url).host;
    const csp = directives(response.headers.get("content-security-policy"));
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("script-src-attr")).toEqual(["'none'"]);
    expect(csp.get("style-src")).toEqual(["'self'", TIPTAP_BASE_STYLE_HASH]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    // Same-origin websockets (live documents, subscriptions), named for browsers whose 'self' is http(s) only.
    expect(csp.get("connect-src")).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("never echoes an odd Host header into the policy", async () => {
    const { rawRequest } = await import("../support/raw-http.ts");
    const response = await rawRequest(app.port, "GET /healthz HTTP/1.1\r\nHost: evil.example;script-src");
    expect(response.status).toBe(200);
    expect(directives(response.headers["content-security-policy"]!).get("connect-src")).toEqual(["'self'"]);
  });

  it("the built index.html has no inline script or style for the policy to refuse", () => {
    const html = readFileSync(path.join(WEB_DIST, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  });

  it("allows Tiptap's base stylesheet by the hash of the @tiptap/core the web app is built with", () => {
    // The web app's copy of @tiptap/core, as Vite bundles it; its stylesheet is a template literal without substitutions.
    const core = createRequire(path.join(WEB_DIST, "../package.json")).resolve("@tiptap/core");
    const source = readFileSync(core, "utf8");
    const css = /const style = `([^`$]*)`;/.exec(source)?.[1];
    expect(css, `Tiptap's stylesheet in ${core}`).toBeTruthy();
    const unescaped = css!.replace(/\\(.)/g, "$1");
    expect(`'sha256-${createHash("sha256").update(unescaped).digest("base64")}'`).toBe(TIPTAP_BASE_STYLE_HASH);
  });

  it("GraphiQL gets its own policy, allowing exactly its inline scripts by hash and nothing from another host", async () => {
    const response = await fetch(`${app.url}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    const csp = directives(response.headers.get("content-security-policy"));
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`);
    expect(inline.length).toBeGreaterThan(0);
    expect(csp.get("script-src")).toEqual(["'self'", ...inline]);
    // Served whole by Staffroom (a school network may have no way out to a CDN).
    expect(html).not.toMatch(/<(?:script|link)\b[^>]*\b(?:src|href)="https?:/i);
    for (const [name, values] of csp) expect(values.join(" "), name).not.toMatch(/https?:/);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
