// Scale-out under failure and growth, with writers in their own processes:
//  - instance A is SIGKILLed while writers on A and on B edit one document: nothing B's clients
//    received is lost, and once A is back its writers converge with B's;
//  - a third instance starts while writers on A and B edit: it subscribes before it loads, so
//    its clients end up with every edit exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentPersistence, openDatabase, type Database } from "@staffroom/api/testing";
import { eventually } from "../support/collab.ts";
import { marker, startWriter as startWriterProcess, type Writer, type WriterOptions } from "../support/collab-writer.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { deleteKeys, REDIS_URL, redisAdmin, uniqueRedisPrefix } from "../support/redis.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { factories } from "../support/factories.ts";

const PREFIX = uniqueRedisPrefix("scale-out-durability");
const ENV = { REDIS_URL, REDIS_PREFIX: PREFIX };

const writers: Writer[] = [];
const servers: ServerProcess[] = [];

function startWriter(options: WriterOptions): Writer {
  const writer = startWriterProcess(options);
  writers.push(writer);
  return writer;
}

async function startServer(port = 0): Promise<ServerProcess> {
  const server = await startServerProcess({ databaseUrl: database.url, port, env: ENV });
  servers.push(server);
  return server;
}

/** True when applying every one of `updates` to a copy of `doc` changes nothing: `doc` holds them all. */
function containsAll(doc: Y.Doc, updates: Uint8Array[]): boolean {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.snapshot(copy);
  const text = copy.getText("body").toString();
  const xml = copy.getXmlFragment("default").toString();
  for (const update of updates) Y.applyUpdate(copy, update);
  const pending = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
  const ok =
    Y.equalSnapshots(before, Y.snapshot(copy)) && !pending && copy.getText("body").toString() === text && copy.getXmlFragment("default").toString() === xml;
  copy.destroy();
  return ok;
}

async function storedDoc(documentId: string): Promise<Y.Doc> {
  const stored = await new DocumentPersistence(db.prisma).load(documentId);
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Every text marker of `group` exactly once in `text`. */
function expectEveryMarkerOnce(text: string, group: Writer[]) {
  for (const w of group) {
    for (let i = 0; i < w.options.edits; i++) expect(text.split(marker(w.options.name, i)).length, `${marker(w.options.name, i)} once`).toBe(2);
  }
}

const markersOf = (group: Writer[]) => group.flatMap((w) => Array.from({ length: w.options.edits }, (_, i) => marker(w.options.name, i)));

/** What keeps `group`'s writers from holding the same text with every writer's edits ("" when nothing). */
async function convergenceProblem(group: Writer[]): Promise<string> {
  const reports = await Promise.all(group.map((w) => w.report()));
  const expected = markersOf(group);
  const problems = reports.flatMap((report, i) => {
    const missing = expected.filter((m) => !report.text.includes(m));
    return missing.length > 0 ? [`${group[i]!.options.name} lacks ${missing.length} edits (${missing.slice(0, 3).join(" ")}…)`] : [];
  });
  if (problems.length === 0 && reports.some((r) => r.text !== reports[0]!.text)) problems.push("the texts differ");
  return problems.join("; ");
}

async function waitForConvergence(group: Writer[], what: string) {
  let problem = "";
  await eventually(async () => (problem = await convergenceProblem(group)) === "", what, 30_000).catch((error: Error) => {
    throw new Error(`${error.message}: ${problem}`);
  });
}

let database: TestDatabase;
let db: Database;
let fx: SchoolFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent" });
  fx = await buildSchoolFixture(db.prisma, "scale-durable");
});

/** Ends this test's writers and servers (2 cores: the next test should not share them). */
async function stopAll() {
  for (const w of writers.splice(0)) w.child.kill("SIGKILL");
  await Promise.all(servers.splice(0).map((s) => s.kill("SIGKILL")));
}

afterAll(async () => {
  await stopAll();
  const admin = redisAdmin();
  await deleteKeys(admin, PREFIX);
  admin.disconnect();
  await db?.close();
  await database?.drop();
});

describe("SIGKILL of one instance while writers on both edit", () => {
  it("loses nothing B's clients received, and A's writers converge with B's once A is back", async () => {
    const document = await factories(db.prisma).document({
      groupId: fx.peerGroupId,
      creatorId: fx.people.peerMember.id,
      kind: "LESSON_PLAN",
      title: "Edited through a crash of A",
    });
    let a = await startServer();
    const b = await startServer();
    // Long enough (about 8 s) that every writer is well under way when A dies.
    const common = { documentId: document.id, edits: 400, perSecond: 50, target: "text" as const };
    const onA = startWriter({ ...common, url: a.url, token: fx.people.peerMember.token, name: "a0", seed: 3 });
    const onB = [
      startWriter({ ...common, url: b.url, token: fx.people.peerMember2.token, name: "b0", seed: 5 }),
      startWriter({ ...common, url: b.url, token: fx.people.peerMember3.token, name: "b1", seed: 7 }),
    ];
    const all = [onA, ...onB];

    // B's writers have received a good share of A's writer's edits (through Redis) when A dies.
    await eventually(() => all.every((w) => w.received.length >= 30), "writers receiving each other's edits across instances", 30_000);
    expect(all.some((w) => w.done)).toBe(false);
    const statusesAtKill = onA.statuses.length;
    const port = a.port;
    await a.kill("SIGKILL");
    await eventually(() => onA.statuses.slice(statusesAtKill).includes("disconnected"), "A's writer noticed the crash");

    // Everything B's clients had received is in the database (B keeps writing meanwhile: contains, not equals).
    const receivedOnB = onB.flatMap((w) => [...w.received]);
    expect(receivedOnB.length).toBeGreaterThan(60);
    expect(containsAll(await storedDoc(document.id), receivedOnB)).toBe(true);

    // A comes back on the same port; its writer reconnects and resends what A never stored.
    a = await startServer(port);
    await eventually(() => all.every((w) => w.done), "writers finished", 60_000);
    await eventually(() => onA.statuses.at(-1) === "connected" && onA.syncCount >= 2, "A's writer reconnected and synced", 30_000);
    await waitForConvergence(all, "writers on A and on B hold every edit");

    const final = await storedDoc(document.id);
    const text = final.getText("body").toString();
    const reports = await Promise.all(all.map((w) => w.report()));
    for (const report of reports) expect(report.text).toBe(text);
    expectEveryMarkerOnce(text, all);
    expect(containsAll(final, receivedOnB)).toBe(true);
    await stopAll();
  }, 150_000);
});

describe("an instance that starts while others edit", () => {
  it("catches up without losing or doubling an edit", async () => {
    const document = await factories(db.prisma).document({
      groupId: fx.peerGroupId,
      creatorId: fx.people.peerMember.id,
      kind: "LESSON_PLAN",
      title: "A third instance joins",
    });
    const [a, b] = await Promise.all([startServer(), startServer()]);
    // Long enough (about 20 s) that C's process starts, and its writer joins, while they edit.
    const common = { documentId: document.id, perSecond: 30, target: "text" as const };
    const early = [
      startWriter({ ...common, url: a.url, token: fx.people.peerMember.token, name: "a", edits: 600, seed: 11 }),
      startWriter({ ...common, url: b.url, token: fx.people.peerMember2.token, name: "b", edits: 600, seed: 13 }),
    ];
    await eventually(() => early.every((w) => w.received.length >= 20), "writers on A and B editing", 30_000);

    // C starts while they edit; its writer's connection makes it load the document mid-stream.
    const c = await startServer();
    const onC = startWriter({ ...common, url: c.url, token: fx.people.peerMember3.token, name: "c", edits: 60, seed: 17 });
    await eventually(() => onC.syncCount >= 1, "C's writer synced", 30_000);
    expect(
      early.filter((w) => w.done).map((w) => w.options.name),
      "A's and B's writers still editing when C loaded the document",
    ).toEqual([]);
    const all = [...early, onC];

    await eventually(() => all.every((w) => w.done), "every writer finished", 60_000);
    await waitForConvergence(all, "writers on A, B and C hold every edit");
    const reports = await Promise.all(all.map((w) => w.report()));
    expectEveryMarkerOnce(reports[2]!.text, all);
    const final = await storedDoc(document.id);
    expect(final.getText("body").toString()).toBe(reports[2]!.text);
  }, 150_000);
});
