// The zero-setup default: no DATABASE_URL, so the app runs on embedded PGlite in a data folder,
// seeds the demo school, serves real HTTP, and keeps its data across a restart; background jobs
// and notifications run on it too.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type StartedApp } from "@staffroom/api/app";
import { testConfig } from "@staffroom/api/config";
import { DEMO_PASSWORD } from "@staffroom/api/testing";
import { type GqlArgs, graphqlCaller, type TypedDocument } from "../support/graphql-http.ts";
import { MY_NOTIFICATIONS } from "../support/notifications.ts";
import { AddFeedback, MyGroupNames, SignIn, succeeded } from "../support/operations.ts";
import { gid } from "../support/school-fixture.ts";
import { SIGN_UP } from "../support/sign-up.ts";

// PGlite initialises a new data folder in several seconds; opening an existing one takes about one.
const PGLITE_TIMEOUT = 180_000;

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "staffroom-pglite-"));
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** GraphQL over real HTTP to the started app; every answer here is a 200. */
async function postGraphQL<Result, Variables>(started: StartedApp, document: TypedDocument<Result, Variables>, ...args: GqlArgs<Variables>) {
  const result = await graphqlCaller(started.url)(document, ...args);
  expect(result.status).toBe(200);
  return result;
}

async function signInAs(started: StartedApp, email: string): Promise<string> {
  const body = await postGraphQL(started, SignIn, { input: { email, password: DEMO_PASSWORD } });
  return succeeded(body.data?.signIn).data.token;
}

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
      const body = await postGraphQL(started, MyGroupNames, {}, token);
      expect(body.errors).toBeUndefined();
      firstGroups = (body.data?.myGroups.edges ?? []).map((e) => e.node.name);
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
      const body = await postGraphQL(started, MyGroupNames, {}, token);
      expect((body.data?.myGroups.edges ?? []).map((e) => e.node.name)).toEqual(firstGroups);

      // Background jobs run on the same PGlite: a sign-up's email is queued, its email.send job
      // runs, and with no SMTP_URL the email is kept in the outbox.
      const signedUp = await postGraphQL(started, SIGN_UP, { input: { email: "laptop@pglite.test", password: "a long pglite passphrase", name: "Lap" } });
      expect(signedUp.data?.signUp.__typename).toBe("MutationSignUpSuccess");
      await started.services.outbox.settled(60_000);
      const kept = await started.db.prisma.emailMessage.findFirstOrThrow({ where: { address: "laptop@pglite.test" } });
      expect(kept).toMatchObject({ kind: "SIGN_UP", status: "KEPT_IN_OUTBOX", attempts: 1 });
      expect(kept.text).toContain("/confirm-sign-up?token=");

      // Notifications on the same PGlite: Ben's feedback on Ana's lesson plan is in her list, unread.
      const lesson = await started.db.prisma.document.findFirstOrThrow({
        where: { kind: "LESSON_PLAN", creator: { email: "ana@demo.test" }, group: { members: { some: { user: { email: "ben@demo.test" } } } } },
      });
      const feedback = await postGraphQL(
        started,
        AddFeedback,
        { input: { documentId: gid("Document", lesson.id), kind: "GLOW", body: "The leaf sort opened it up." } },
        await signInAs(started, "ben@demo.test"),
      );
      succeeded(feedback.data?.addFeedback);
      const anaToken = await signInAs(started, "ana@demo.test");
      const inbox = (await postGraphQL(started, MY_NOTIFICATIONS, { unreadOnly: true }, anaToken)).data?.viewer;
      expect(inbox?.notifications.edges.map((e) => [e.node.kind, e.node.sentence])).toContainEqual([
        "FEEDBACK_ON_MY_DOCUMENT",
        `Ben Carter left feedback on “${lesson.title}”`,
      ]);
      expect(inbox?.unreadNotificationCount).toBe(inbox?.notifications.totalCount);
    } finally {
      await app.stop();
    }
  });
});
