// Scale-out: two real api processes (A and B) on one PostgreSQL database and the machine's Redis
// behave as one server. Clients of A and B co-edit and see each other's presence, a subscription
// on A hears a change made through B (feedback activity, and the bell's notifications), an access change made through B closes a connection on A,
// and sign-in attempts count across both.
import { createClient, type Client as GraphQLWsClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { DocumentPersistence, openDatabase, type Database } from "@staffroom/api/testing";
import { connectClient, eventually, synced, type Client } from "../support/collab.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { deleteKeys, REDIS_URL, redisAdmin, subscriberCount, uniqueRedisPrefix } from "../support/redis.ts";
import { graphql } from "../support/graphql.ts";
import { graphqlCaller } from "../support/graphql-http.ts";
import { AddFeedback, RemoveGroupMember, SignIn, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { subscribeWs, type Stream } from "../support/subscriptions.ts";
import { factories } from "../support/factories.ts";

const PREFIX = uniqueRedisPrefix("scale-out");
const admin = redisAdmin();
let database: TestDatabase;
let db: Database;
let fx: SchoolFixture;
let a: ServerProcess;
let b: ServerProcess;
const clients: Client[] = [];
const wsClients: GraphQLWsClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent" });
  fx = await buildSchoolFixture(db.prisma, "scale-out");
  const env = { REDIS_URL, REDIS_PREFIX: PREFIX, SIGN_IN_ATTEMPTS_PER_ACCOUNT: "3", COLLAB_UNLOAD_AFTER_MS: "100" };
  [a, b] = await Promise.all([startServerProcess({ databaseUrl: database.url, env }), startServerProcess({ databaseUrl: database.url, env })]);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(wsClients.map((c) => c.dispose()));
  await Promise.all([a?.kill("SIGTERM"), b?.kill("SIGTERM")]);
  await deleteKeys(admin, PREFIX);
  admin.disconnect();
  await db?.close();
  await database?.drop();
});

function connect(server: ServerProcess, documentId: string, who: keyof SchoolFixture["people"]): Client {
  const client = connectClient(server.url, documentId, fx.people[who].token);
  clients.push(client);
  return client;
}

/** A graphql-ws client of one instance, signed in as `who` (disposed after the file). */
function graphqlWs(server: ServerProcess, who: keyof SchoolFixture["people"]): GraphQLWsClient {
  const client = createClient({
    url: `${server.url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { token: fx.people[who].token },
    retryAttempts: 0,
  });
  wsClients.push(client);
  return client;
}

/** GraphQL over real HTTP to one instance. */
const gql = (server: ServerProcess) => graphqlCaller(server.url);

const FOLLOW_FEEDBACK = graphql(`
  subscription FollowFeedback($d: ID) {
    feedbackActivity(documentId: $d) {
      id
      type
      subjectId
      actor {
        id
      }
      document {
        id
      }
    }
  }
`);

const LIVE_NOTIFICATIONS = graphql(`
  subscription ScaleOutNotifications {
    notifications {
      unreadCount
      notification { id kind sentence }
    }
  }
`);

async function storedText(documentId: string): Promise<string> {
  const stored = await new DocumentPersistence(db.prisma).load(documentId);
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc.getText("body").toString();
}

const presenceNames = (client: Client) => [...client.provider.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name);

describe("two instances, one document", () => {
  it("reports Redis as ready on both", async () => {
    for (const server of [a, b]) {
      const response = await fetch(`${server.url}/readyz`);
      expect([response.status, await response.text()]).toEqual([200, "ready"]);
    }
  });

  it("clients on A and on B co-edit and converge, and the database holds the result", async () => {
    const documentId = (await fx.newDocument({ title: "Co-edited across instances" })).id;
    const onA = connect(a, documentId, "peerMember");
    const onB = connect(b, documentId, "peerMember2");
    await Promise.all([synced(onA), synced(onB)]);
    // Each instance subscribed to the document's channel before loading it.
    expect(await subscriberCount(admin, `${PREFIX}:doc:${documentId}`)).toBe(2);

    onA.text.insert(0, "Warm-up on A. ");
    onB.text.insert(0, "Exit ticket on B. ");
    for (let i = 0; i < 20; i++) (i % 2 ? onA : onB).text.insert(0, `<${i}>`);
    await eventually(() => onA.text.toString() === onB.text.toString() && onA.text.length === 14 + 18 + 10 * 3 + 10 * 4, "both clients hold every edit");
    for (let i = 0; i < 20; i++) expect(onA.text.toString().split(`<${i}>`)).toHaveLength(2);
    await eventually(async () => (await storedText(documentId)) === onA.text.toString(), "the database holds the converged text");

    // Once the last client leaves, each instance unloads the document and leaves its channel.
    onA.provider.disconnect();
    onB.provider.disconnect();
    await eventually(async () => (await subscriberCount(admin, `${PREFIX}:doc:${documentId}`)) === 0, "both instances unsubscribed");
  });

  it("presence set on A is seen on B, and removed on B when the A client disconnects", async () => {
    const documentId = (await fx.newDocument({ title: "Presence across instances" })).id;
    const onA = connect(a, documentId, "peerMember");
    const onB = connect(b, documentId, "peerMember2");
    await Promise.all([synced(onA), synced(onB)]);
    onA.provider.awareness.setLocalStateField("user", { name: "Ana on A" });
    onB.provider.awareness.setLocalStateField("user", { name: "Ben on B" });
    await eventually(() => presenceNames(onB).includes("Ana on A"), "Ana's presence reached B");
    await eventually(() => presenceNames(onA).includes("Ben on B"), "Ben's presence reached A");

    // A client that connects to B later is told about A's client at once (not after its 15 s renewal).
    const late = connect(b, documentId, "peerMember3");
    await synced(late);
    await eventually(() => presenceNames(late).includes("Ana on A"), "a newcomer on B sees Ana");

    // The client vanishes without a goodbye (provider.disconnect() would send its presence as
    // null first): A removes its presence when the socket drops, and tells B.
    onA.provider.shouldConnect = false;
    (onA.provider.ws as unknown as WebSocket).terminate();
    await eventually(() => !presenceNames(onB).includes("Ana on A") && !presenceNames(late).includes("Ana on A"), "Ana's presence removed on B");
    expect(presenceNames(onB)).toContain("Ben on B");
  });
});

describe("events across instances", () => {
  it("a graphql-ws subscription on A hears feedback added through B", async () => {
    const documentId = (await fx.newDocument({ title: "Feedback across instances" })).id;
    const client = graphqlWs(a, "peerMember");
    const stream: Stream = subscribeWs(client, "feedbackActivity", FOLLOW_FEEDBACK, { d: gid("Document", documentId) });
    // Nothing else subscribes to activity: once Redis counts one subscriber, A is listening.
    await eventually(async () => (await subscriberCount(admin, `${PREFIX}:event:activity`)) === 1, "A subscribed to activity on Redis");

    const added = await gql(b)(
      AddFeedback,
      { input: { documentId: gid("Document", documentId), kind: "GLOW", body: "Great hook question." } },
      fx.people.peerMember2.token,
    );
    const feedback = succeeded(added.data?.addFeedback);
    const event = await stream.next("the feedback added on B");
    expect(event).toMatchObject({
      type: "FEEDBACK_ADDED",
      subjectId: feedback.data.id,
      actor: { id: fx.people.peerMember2.gid },
      document: { id: gid("Document", documentId) },
    });
    expect(stream.pending()).toEqual([]);
    stream.dispose();
  });

  it("a notifications subscription on A hears, live, the feedback a colleague left through B", async () => {
    const doc = await fx.newDocument({ title: "Notified across instances" });
    const client = graphqlWs(a, "peerMember");
    const stream: Stream = subscribeWs(client, "notifications", LIVE_NOTIFICATIONS);
    // Ana's own channel: once Redis counts one subscriber on it, A is listening for her.
    const channel = `${PREFIX}:event:notification:${fx.people.peerMember.id}`;
    await eventually(async () => (await subscriberCount(admin, channel)) === 1, "A subscribed to Ana's notifications on Redis");

    const unreadBefore = await db.prisma.notification.count({ where: { recipientId: fx.people.peerMember.id, readAt: null } });
    succeeded(
      (await gql(b)(AddFeedback, { input: { documentId: doc.gid, kind: "GROW", body: "Try a visual model first." } }, fx.people.peerMember2.token)).data
        ?.addFeedback,
    );
    const event = await stream.next("Ana's notification of the feedback left on B");
    expect(event).toMatchObject({
      unreadCount: unreadBefore + 1,
      notification: { kind: "FEEDBACK_ON_MY_DOCUMENT", sentence: `${fx.people.peerMember2.name} left feedback on “Notified across instances”` },
    });
    expect(stream.pending()).toEqual([]);
    stream.dispose();
  });

  it("removing a member through B closes their collab connection on A with 4403", async () => {
    const documentId = (await fx.newDocument({ title: "Access across instances" })).id;
    const leaving = connect(a, documentId, "peerMember3");
    const staying = connect(a, documentId, "peerMember2");
    await Promise.all([synced(leaving), synced(staying)]);
    const closed = new Promise<number>((resolve) => leaving.provider.ws?.addEventListener("close", (e) => resolve((e as { code: number }).code)));
    const res = await gql(b)(RemoveGroupMember, { groupId: fx.peerGroupGid, userId: fx.people.peerMember3.gid }, fx.people.peerMember.token);
    expect(res.data?.removeGroupMember.__typename).toBe("MutationRemoveGroupMemberSuccess");
    expect(await closed).toBe(4403);
    leaving.provider.disconnect();
    // Only the member who lost access: the other connection on A carries on.
    staying.text.insert(0, "still here");
    const check = connect(b, documentId, "peerMember");
    await synced(check);
    await eventually(() => check.text.toString() === "still here", "the remaining editor's edit reached B");
  });
});

describe("sign-in limits across instances", () => {
  it("counts attempts made on A and on B against one limit", async () => {
    const attempt = (server: ServerProcess) => gql(server)(SignIn, { input: { email: fx.people.coach.email, password: "not the password" } });
    const kinds: string[] = [];
    for (const server of [a, b, a, b]) kinds.push((await attempt(server)).data!.signIn.__typename);
    // Three attempts per account: the fourth is refused although B saw only its second.
    expect(kinds).toEqual(["InvalidCredentialsError", "InvalidCredentialsError", "InvalidCredentialsError", "RateLimitedError"]);
    const keys = await admin.keys(`${PREFIX}:sign-in:*`);
    expect(keys.length).toBeGreaterThan(0);
  });
});
