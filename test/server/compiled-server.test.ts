// `npm start` runs the compiled build (api/dist/main.js) with node alone, no tsx: it starts,
// answers /healthz and GraphQL, writes its request lines to stdout as JSON, serves /metrics
// behind METRICS_TOKEN, and stops cleanly on SIGTERM.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPILED_MAIN, REPO_ROOT } from "../support/compiled-api.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";

const METRICS_TOKEN = "compiled-server-metrics-token";

let database: TestDatabase;
let server: ServerProcess | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await server?.kill("SIGKILL");
  await database?.drop();
});

describe("the compiled server", () => {
  it("is what npm start runs", () => {
    const api = JSON.parse(readFileSync(path.join(REPO_ROOT, "api/package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(api.scripts.start).toMatch(/^node .*dist\/main\.js$/);
    expect(path.relative(path.join(REPO_ROOT, "api"), COMPILED_MAIN)).toBe("dist/main.js");
  });

  it("starts with node alone, answers /healthz, GraphQL and /metrics, logs JSON, and stops on SIGTERM", { timeout: 60_000 }, async () => {
    server = await startServerProcess({ databaseUrl: database.url, env: { METRICS_TOKEN, LOG_LEVEL: "info" } });
    expect(server.child.spawnargs).toContain(COMPILED_MAIN);
    expect(server.child.spawnargs.join(" ")).not.toContain("tsx");

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe("ok");

    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "compiled-1" },
      body: JSON.stringify({ query: "query Ping { __typename }" }),
    });
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
    expect(response.headers.get("x-request-id")).toBe("compiled-1");
    const requestLine = () =>
      server!
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.requestId === "compiled-1");
    await expect.poll(requestLine).toMatchObject({ msg: "graphql request", operation: "Ping", status: 200 });

    const metrics = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^staffroom_graphql_operation_duration_seconds_count\{operation="Ping",type="query"\} 1$/m);

    await server.kill("SIGTERM");
    expect(server.child.exitCode).toBe(0);
  });
});
