// One request must never stop the process: malformed percent-encoding, request lines that are no
// URL, a garbage Host, on every path, over HTTP and as websocket upgrades, and clients that reset
// the connection mid-upgrade. Each gets a 4xx (or its ordinary answer) and the server keeps serving.
// Raw TCP, because fetch and http.request refuse to send most of these.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase } from "../support/database.ts";
import { COMPILED_MAIN } from "../support/compiled-api.ts";
import { REPO_ROOT } from "../support/server-process.ts";
import { rawRequest, rawUpgrade, upgradeHead } from "../support/raw-http.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const SOME_DOCUMENT = "/collab/00000000-0000-4000-8000-000000000000";
const PATHS = ["/", "/graphql", "/healthz", "/readyz", SOME_DOCUMENT, "/assets/app.js", "/sign-in"];

/** Request targets the server cannot read: broken percent-encoding, and request lines that make no URL. */
function unreadableTargets(path: string): string[] {
  return [`${path}%E0%A4%A`, `${path}%`, `${path}%zz`, `http://[::1${path}`, `http://example.org${path}`, `http://a:b@c:99999${path}`];
}

/** Odd but readable targets: they get an ordinary answer (the app, a 404), never a 5xx. */
function oddTargets(path: string): string[] {
  return [`//[${path}`, `//%${path}`, `/..${path}`, `${path}?%E0%A4%A=%`];
}

async function expectStillServing() {
  const health = await rawRequest(app.port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1");
  expect(health.status).toBe(200);
  const graphql = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
  expect(await graphql.json()).toEqual({ data: { __typename: "Query" } });
}

describe("malformed requests over HTTP", () => {
  it.each(PATHS)("answers 400 to unreadable URLs on %s and keeps serving", async (path) => {
    for (const target of unreadableTargets(path)) {
      for (const method of ["GET", "POST"]) {
        const response = await rawRequest(
          app.port,
          `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2`,
          "{}",
        );
        expect(response.status, `${method} ${target}`).toBe(400);
        expect(response.body, `${method} ${target}`).toMatch(/^The request (URL|path) .+\.$/);
      }
    }
    const badHost = await rawRequest(app.port, `GET ${path} HTTP/1.1\r\nHost: [`);
    expect(badHost.status).toBe(400);
    for (const target of oddTargets(path)) {
      const response = await rawRequest(app.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1`);
      expect(response.status, `GET ${target}`).toBeGreaterThanOrEqual(200);
      expect(response.status, `GET ${target}: ${response.raw}`).toBeLessThan(500);
    }
    await expectStillServing();
  });

  it("answers a NUL byte in a path with the app, or a 404 where only files live, not a crash", async () => {
    const inAssets = await rawRequest(app.port, "GET /assets/%00.js HTTP/1.1\r\nHost: 127.0.0.1");
    expect(inAssets.status).toBe(404);
    const route = await rawRequest(app.port, "GET /groups/%00 HTTP/1.1\r\nHost: 127.0.0.1");
    expect(route.status).toBe(200);
    expect(route.headers["content-type"]).toMatch(/^text\/html/);
    await expectStillServing();
  });

  it.each(["[", "%", "a b", "::::", "127.0.0.1:99999"])(
    "answers 400 to a request with Host %j on /graphql (yoga's adapter would answer 500 with its stack)",
    async (host) => {
      const response = await rawRequest(
        app.port,
        `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 27`,
        JSON.stringify({ query: "{ __typename }" }).padEnd(27),
      );
      expect(response.status, response.raw).toBe(400);
      await expectStillServing();
    },
  );
});

describe("malformed websocket upgrades", () => {
  it.each(["/graphql", SOME_DOCUMENT, "/nowhere"])("answers 400 to unreadable upgrade URLs on %s and keeps serving", async (path) => {
    for (const target of unreadableTargets(path)) {
      const response = await rawUpgrade(app.port, `${target}?token=whatever`);
      expect(response.status, target).toBe(400);
    }
    expect((await rawUpgrade(app.port, path, ["Host: ["])).status).toBe(400);
    // The endpoints still work: a well-formed upgrade with a bad token is refused as before.
    expect((await rawUpgrade(app.port, `${SOME_DOCUMENT}?token=not-a-token`)).status).toBe(401);
    await expectStillServing();
  });

  it("survives clients that reset the connection while their token is being checked", async () => {
    const resets = Array.from(
      { length: 20 },
      () =>
        new Promise<void>((resolve) => {
          const socket = net.connect(app.port, "127.0.0.1", () => {
            socket.write(`${upgradeHead(`${SOME_DOCUMENT}?token=not-a-token`)}\r\n\r\n`);
            // RST instead of FIN: the server's socket errors (ECONNRESET) while it awaits the database.
            setImmediate(() => socket.resetAndDestroy());
          });
          socket.on("error", () => {});
          socket.on("close", () => resolve());
        }),
    );
    await Promise.all(resets);
    // Give the server's token look-ups time to finish and find their sockets gone.
    await expect.poll(() => app.db.prisma.$queryRawUnsafe("SELECT 1").then(() => true)).toBe(true);
    await expectStillServing();
  });
});

describe("the last resort", () => {
  it("logs an error that escaped every guard and keeps the process serving", { timeout: 120_000 }, async () => {
    const database = await createTestDatabase();
    const child = spawn(
      process.execPath,
      ["--enable-source-maps", "--import", path.join(import.meta.dirname, "../support/fixtures/stray-errors-on-signal.mjs"), COMPILED_MAIN],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    // The start-up failure would be plain text on stderr; the server's own errors are JSON log lines on stdout.
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.once("exit", () => reject(new Error(`exited before it was ready:\n${stderr}`)));
        createInterface({ input: child.stdout }).on("line", (line) => {
          const match = /Staffroom is running at (http:\/\/\S+)/.exec(line);
          if (match) resolve(match[1]!);
        });
      });
      child.kill("SIGUSR2");
      await expect
        .poll(() => stderr, { timeout: 30_000 })
        .toMatch(/unhandled promise rejection \(the server keeps running\): Error: a stray rejection from the test/);
      expect(stderr).toMatch(/uncaught exception \(the server keeps running\): Error: a stray exception from the test/);
      expect(child.exitCode).toBeNull();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      child.kill("SIGKILL");
      await exited;
      await database.drop();
    }
  });
});
