// The zero-setup default: no DATABASE_URL, so the app runs on embedded PGlite in a data folder,
// seeds the demo school, serves real HTTP, and keeps its data across a restart.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type StartedApp } from "@staffroom/api/app";
import { testConfig } from "@staffroom/api/config";
import { DEMO_PASSWORD } from "@staffroom/api/testing";

// PGlite initialises a new data folder in several seconds; opening an existing one takes about one.
const PGLITE_TIMEOUT = 180_000;

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "staffroom-pglite-"));
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function postGraphQL(started: StartedApp, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${started.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

async function signInAs(started: StartedApp, email: string): Promise<string> {
  const body = await postGraphQL(
    started,
    `mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on MutationSignInSuccess { data { token } } } }`,
    { input: { email, password: DEMO_PASSWORD } },
  );
  expect(body.data.signIn.__typename).toBe("MutationSignInSuccess");
  return body.data.signIn.data.token;
}

const MY_GROUPS = `{ myGroups { edges { node { name } } } }`;

describe("embedded PGlite (no DATABASE_URL)", () => {
  let firstGroups: string[] = [];
  let firstUserCount = 0;

  it("starts on a new data folder, seeds the demo school and serves HTTP", { timeout: PGLITE_TIMEOUT }, async () => {
    const app = buildApp(testConfig({ databaseUrl: undefined, dataDir, seedDemo: true }));
    const started = await app.start();
    try {
      expect(started.db.kind).toBe("pglite");
      expect(started.demo?.created).toBe(true);

      const health = await fetch(`${started.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.text()).toBe("ok");

      const token = await signInAs(started, "ana@demo.test");
      const body = await postGraphQL(started, MY_GROUPS, {}, token);
      expect(body.errors).toBeUndefined();
      firstGroups = body.data.myGroups.edges.map((e: { node: { name: string } }) => e.node.name);
      expect(firstGroups.length).toBeGreaterThan(0);
      firstUserCount = await started.db.prisma.user.count();
    } finally {
      await app.stop();
    }
  });

  it("starts again on the same folder with the data kept and nothing seeded twice", { timeout: PGLITE_TIMEOUT }, async () => {
    expect(firstGroups.length).toBeGreaterThan(0);
    const app = buildApp(testConfig({ databaseUrl: undefined, dataDir, seedDemo: true }));
    const started = await app.start();
    try {
      expect(started.demo?.created).toBe(false);
      expect(await started.db.prisma.school.count()).toBe(1);
      expect(await started.db.prisma.user.count()).toBe(firstUserCount);

      const token = await signInAs(started, "ana@demo.test");
      const body = await postGraphQL(started, MY_GROUPS, {}, token);
      expect(body.data.myGroups.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(firstGroups);
    } finally {
      await app.stop();
    }
  });
});
