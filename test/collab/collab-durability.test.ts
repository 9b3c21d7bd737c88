// Durability: no acknowledged edit is lost. Three writers in their own processes edit one
// document while the server (also its own process) is SIGKILLed. Everything any writer had
// received from the server must be in the database, and once the server is back every writer's
// own edits (acknowledged or not) must converge on the server and on each other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentPersistence, openDatabase, type Database } from "@staffroom/api/testing";
import { eventually } from "../support/collab.ts";
import { marker, startWriter, type Writer, type WriterOptions } from "../support/collab-writer.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { factories } from "../support/factories.ts";

const EDITS = 300;
const PER_SECOND = 100;

/** True when applying every one of `updates` to a copy of `doc` changes nothing: `doc` holds them all. */
function containsAll(doc: Y.Doc, updates: Uint8Array[]): { ok: boolean; missing: string } {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.snapshot(copy);
  const textBefore = copy.getText("body").toString();
  const xmlBefore = copy.getXmlFragment("default").toString();
  for (const update of updates) Y.applyUpdate(copy, update);
  const after = Y.snapshot(copy);
  const pending = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
  const ok =
    Y.equalSnapshots(before, after) && !pending && copy.getText("body").toString() === textBefore && copy.getXmlFragment("default").toString() === xmlBefore;
  const missing = ok
    ? ""
    : `received but not stored: state vector ${JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(copy))])} vs stored ${JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(doc))])}, pending=${pending}`;
  copy.destroy();
  return { ok, missing };
}

async function storedDoc(db: Database, documentId: string): Promise<Y.Doc> {
  const stored = await new DocumentPersistence(db.prisma).load(documentId);
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

let database: TestDatabase;
let db: Database;
let fx: SchoolFixture;
let server: ServerProcess | undefined;
const writers: Writer[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent" });
  fx = await buildSchoolFixture(db.prisma, "durability");
});

afterAll(async () => {
  for (const w of writers) w.child.kill("SIGKILL");
  await server?.kill("SIGKILL");
  await db?.close();
  await database?.drop();
});

describe("SIGKILL while three writers edit", () => {
  it("keeps every update any client received, and every writer's edits converge after the restart", async () => {
    const document = await factories(db.prisma).document({
      groupId: fx.peerGroupId,
      creatorId: fx.people.peerMember.id,
      kind: "LESSON_PLAN",
      title: "Written through a crash",
    });
    server = await startServerProcess({ databaseUrl: database.url });
    const port = server.port;
    const people = [fx.people.peerMember, fx.people.peerMember2, fx.people.peerMember3];
    const targets: WriterOptions["target"][] = ["text", "text", "xml"];
    people.forEach((person, i) =>
      writers.push(
        startWriter({
          url: server!.url,
          documentId: document.id,
          token: person.token,
          name: `w${i}`,
          edits: EDITS,
          perSecond: PER_SECOND,
          target: targets[i]!,
          seed: i + 7,
        }),
      ),
    );

    // Kill mid-stream: every writer has received a good share of the others' edits, and none is done.
    await eventually(() => writers.every((w) => w.received.length >= 40), "writers receiving each other's edits", 30_000);
    expect(writers.some((w) => w.done)).toBe(false);
    const statusesAtKill = writers.map((w) => w.statuses.length);
    await server.kill("SIGKILL");
    // A writer prints "disconnected" after every update it received before it (stdout is ordered).
    await eventually(() => writers.every((w, i) => w.statuses.slice(statusesAtKill[i]).includes("disconnected")), "writers noticed the crash");
    const receivedBeforeCrash = writers.flatMap((w) => [...w.received]);
    expect(receivedBeforeCrash.length).toBeGreaterThan(100);

    // What the database holds at the moment of the crash already contains all of it.
    const atCrash = await storedDoc(db, document.id);
    const check = containsAll(atCrash, receivedBeforeCrash);
    expect(check.missing).toBe("");
    expect(check.ok).toBe(true);
    // And the writers did lose their connection with local edits the server never acknowledged.
    await eventually(() => writers.every((w) => w.done), "writers finished editing offline", 30_000);

    // Restart on the same port: the writers' providers reconnect by themselves and resend.
    server = await startServerProcess({ databaseUrl: database.url, port });
    await eventually(() => writers.every((w) => w.statuses.at(-1) === "connected" && w.syncCount >= 2), "writers reconnected and synced", 30_000);

    const expectedMarkers = writers.flatMap((w) => Array.from({ length: EDITS }, (_, i) => ({ target: w.target, text: marker(w.name, i) })));
    const hasAll = (text: string, xml: string) => expectedMarkers.every((m) => (m.target === "text" ? text : xml).includes(m.text));
    await eventually(
      async () => {
        const reports = await Promise.all(writers.map((w) => w.report()));
        return reports.every((r) => hasAll(r.text, r.xml) && r.text === reports[0]!.text && r.xml === reports[0]!.xml);
      },
      "every writer holds every writer's edits",
      30_000,
    );
    await eventually(
      async () => {
        const stored = await storedDoc(db, document.id);
        return hasAll(stored.getText("body").toString(), stored.getXmlFragment("default").toString());
      },
      "the database holds every writer's edits",
      30_000,
    );

    const final = await storedDoc(db, document.id);
    const reports = await Promise.all(writers.map((w) => w.report()));
    for (const report of reports) {
      expect(report.text).toBe(final.getText("body").toString());
      expect(report.xml).toBe(final.getXmlFragment("default").toString());
      expect(containsAll(final, [new Uint8Array(Buffer.from(report.update, "base64"))]).ok).toBe(true);
    }
    // Each marker exactly once: a resent edit is not applied twice.
    const text = final.getText("body").toString();
    for (const w of writers.filter((w) => w.target === "text")) {
      for (let i = 0; i < EDITS; i++) expect(text.split(marker(w.name, i)).length).toBe(2);
    }
    expect(final.getXmlFragment("default").length).toBe(EDITS);
    expect(containsAll(final, receivedBeforeCrash).ok).toBe(true);
  });
});
