// @mentions inside a live document (issue 13, item 4): a real y-websocket client inserts Tiptap's
// mention node into the rich text; the person named gets exactly one MENTIONED notification,
// with the editor as its actor, if they can read the document, and no one else does. A client
// reconnecting with the same content, and the document loading again from the database, notify
// no one: only a node that was not there before counts.
import { pm, writeProseMirror } from "@staffroom/api/content";
import * as Y from "yjs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { connectClient, eventually, synced, type Client } from "../support/collab.ts";
import { buildSchoolFixture, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
let docId: string;
const clients: Client[] = [];

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "docmentions");
  docId = (await fx.newDocument({ group: "peer", creator: "peerMember" })).id;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await app?.close();
});

async function open(who: ActorKey, state?: Uint8Array): Promise<Client> {
  const client = connectClient(app.url, docId, fx.people[who].token, { connect: false });
  if (state) Y.applyUpdate(client.doc, state);
  client.provider.connect();
  clients.push(client);
  await synced(client);
  return client;
}

function mention(who: ActorKey) {
  return pm.mention(fx.people[who].id, fx.people[who].name);
}

function append(client: Client, ...parts: Parameters<typeof pm.paragraph>) {
  const fragment = client.doc.getXmlFragment("default");
  client.doc.transact(() => writeProseMirror(fragment, [pm.paragraph(...parts)]));
}

async function mentionedCounts(): Promise<Partial<Record<ActorKey, number>>> {
  const rows = await app.db.prisma.notification.findMany({ where: { kind: "MENTIONED", documentId: docId }, select: { recipientId: true, actorId: true } });
  const counts: Partial<Record<ActorKey, number>> = {};
  for (const key of Object.keys(fx.people) as ActorKey[]) {
    const n = rows.filter((r) => r.recipientId === fx.people[key].id).length;
    if (n) counts[key] = n;
  }
  return counts;
}

async function waitFor(expected: Partial<Record<ActorKey, number>>, what: string) {
  await eventually(async () => JSON.stringify(await mentionedCounts()) === JSON.stringify(expected), what);
}

it("a new mention notifies the reader it names once, with the editor as actor; a non-reader named beside them is not notified", async () => {
  const ana = await open("peerMember");
  append(ana, "Ask ", mention("peerMember2"), " and ", mention("otherTeacher"), " and ", mention("coach"), " about pacing.");
  await waitFor({ peerMember2: 1 }, "peerMember2 notified");
  // A later mention (a sentinel) is handled after the first edit: if the non-readers were to be
  // notified, they would be by now.
  append(ana, "Also ", mention("peerMember3"));
  await waitFor({ peerMember2: 1, peerMember3: 1 }, "peerMember3 notified");
  const row = await app.db.prisma.notification.findFirstOrThrow({ where: { kind: "MENTIONED", documentId: docId, recipientId: fx.people.peerMember2.id } });
  expect(row).toMatchObject({ actorId: fx.people.peerMember.id, groupId: fx.peerGroupId, feedbackId: null });
  // Plain text reads the mention as "@Name".
  const { toPlainText, readContent } = await import("@staffroom/api/content");
  expect(toPlainText(readContent(ana.doc, { actionPlan: false }))).toContain(`Ask @${fx.people.peerMember2.name} and`);
});

it("naming someone already named, reconnecting with the same content, and reloading the document notify no one again", async () => {
  const ana = clients[0]!;
  append(ana, "Again ", mention("peerMember2"));
  const state = Y.encodeStateAsUpdate(ana.doc);
  ana.close();
  // The same content arrives again from a client that reconnects with it.
  await open("peerMember", state);
  for (const c of clients.splice(0)) c.close();
  // Unloaded, then loaded from the database again by a newcomer.
  await eventually(() => app.documents.loadedCount === 0, "document unloaded", 15_000);
  const ben = await open("peerMember2");
  // The sentinel: Ben names Ana; everything before it has been handled once hers arrives.
  append(ben, "Thanks ", mention("peerMember"));
  await waitFor({ peerMember: 1, peerMember2: 1, peerMember3: 1 }, "Ana notified by Ben");
});
