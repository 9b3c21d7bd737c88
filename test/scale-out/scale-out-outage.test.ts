// A Redis outage seen by one instance. Two apps share one database and one Redis; B reaches Redis
// through a proxy that the test cuts. While B is cut off it keeps serving (its /readyz says why it
// is not ready, sign-in still answers), its clients and A's drift apart, and an access change
// made on A does not reach it. Once Redis is back, B resubscribes and re-reads the log, A re-reads
// what B could not publish, and B re-checks every connection: everything converges, and the member
// who lost access is disconnected. Stopping the apps closes their Redis connections.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type StartedApp } from "@staffroom/api/app";
import { testConfig } from "@staffroom/api/config";
import { connectClient, eventually, synced, type Client } from "../support/collab.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { factories } from "../support/factories.ts";
import { graphqlCaller } from "../support/graphql-http.ts";
import { RemoveGroupMember, SignIn } from "../support/operations.ts";
import { connectionsNamed, deleteKeys, REDIS_URL, redisAdmin, RedisOutageProxy, subscriberCount, uniqueRedisPrefix } from "../support/redis.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

const PREFIX = uniqueRedisPrefix("scale-out-outage");
const admin = redisAdmin();
const proxy = new RedisOutageProxy();
let database: TestDatabase;
let fx: SchoolFixture;
const apps: { stop(): Promise<void> }[] = [];
let a: StartedApp;
let b: StartedApp;
const clients: Client[] = [];

async function startInstance(redisUrl: string): Promise<StartedApp> {
  const app = buildApp(testConfig({ databaseUrl: database.url, redisUrl, redisPrefix: PREFIX, collab: { unloadAfterMs: 100 } }));
  apps.push(app);
  return app.start();
}

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  await proxy.start();
  a = await startInstance(REDIS_URL);
  b = await startInstance(proxy.url);
  fx = await buildSchoolFixture(a.db.prisma, "outage");
});

afterAll(async () => {
  for (const client of clients) client.close();
  for (const app of apps) await app.stop();
  await proxy.close();
  await deleteKeys(admin, PREFIX);
  admin.disconnect();
  await database?.drop();
});

function connect(app: StartedApp, documentId: string, who: keyof SchoolFixture["people"]): Client {
  const client = connectClient(app.url, documentId, fx.people[who].token);
  clients.push(client);
  return client;
}

/** GraphQL through one instance's own fetch. */
const gql = (instance: StartedApp) => graphqlCaller("http://test", instance.fetch);

const readyz = async (app: StartedApp) => {
  const response = await fetch(`${app.url}/readyz`);
  return `${response.status} ${await response.text()}`;
};

describe("one instance cut off from Redis", () => {
  it("keeps serving, and catches up on edits and access changes once Redis is back", async () => {
    const documentId = (
      await factories(a.db.prisma).document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "Through an outage" })
    ).id;
    const onA = connect(a, documentId, "peerMember");
    const onB = connect(b, documentId, "peerMember2");
    const leavingOnB = connect(b, documentId, "peerMember3");
    await Promise.all([synced(onA), synced(onB), synced(leavingOnB)]);
    onA.text.insert(0, "before. ");
    await eventually(() => onB.text.toString() === "before. ", "B's client has A's edit");
    expect(await readyz(b)).toBe("200 ready");
    const closed = new Promise<number>((resolve) => leavingOnB.provider.ws?.addEventListener("close", (e) => resolve((e as { code: number }).code)));

    proxy.cut();
    await eventually(async () => (await readyz(b)) === "503 redis unavailable", "B reports Redis unavailable");
    // Only A is subscribed now: whatever A publishes, B cannot hear.
    expect(await subscriberCount(admin, `${PREFIX}:doc:${documentId}`)).toBe(1);

    onA.text.insert(0, "[A during the outage] ");
    onB.text.insert(onB.text.length, " [B during the outage]");
    // B stores its client's edit although it cannot publish it: the database has both.
    await eventually(
      async () => (await b.services.documents.read(documentId)).getText("body").toString().includes("[B during the outage]"),
      "B applied its client's edit",
    );
    const removed = await gql(a)(RemoveGroupMember, { groupId: fx.peerGroupGid, userId: fx.people.peerMember3.gid }, fx.people.peerMember.token);
    expect(removed.data?.removeGroupMember.__typename).toBe("MutationRemoveGroupMemberSuccess");

    // Sign-in on B still answers (its counters fall back to memory), wrong and right alike.
    const signIn = await gql(b)(SignIn, { input: { email: fx.people.coach.email, password: "wrong" } });
    expect(signIn.data?.signIn.__typename).toBe("InvalidCredentialsError");
    expect(await readyz(a)).toBe("200 ready");

    proxy.restore();
    await eventually(async () => (await readyz(b)) === "200 ready", "B reports ready again", 15_000);
    await eventually(
      () => onA.text.toString() === onB.text.toString() && onA.text.toString() === "[A during the outage] before.  [B during the outage]",
      "both clients hold both outage edits",
      15_000,
    );
    expect(await closed).toBe(4403);
    expect(await subscriberCount(admin, `${PREFIX}:doc:${documentId}`)).toBe(2);

    // And live fan-out works again.
    onB.text.insert(0, "after. ");
    await eventually(() => onA.text.toString().startsWith("after. "), "A's client has B's edit after the outage");
  });

  it("stopping an instance closes its Redis connections", async () => {
    const before = await connectionsNamed(admin, PREFIX);
    expect(before.length).toBe(6); // commands, events and documents, for each instance
    for (const app of apps.splice(0)) await app.stop();
    await eventually(async () => (await connectionsNamed(admin, PREFIX)).length === 0, "no connection of this test's instances left");
  });
});
