// The write path of a live document: durable before visible, and a group commit. A write
// starts as soon as an update arrives when none is in flight; updates arriving while one is in
// flight wait for it and are then written together, in ONE statement. Counted in the database
// itself: rows written by one statement share one transaction id (xmin). The test parks the
// first write inside PostgreSQL by holding the Document row its statement must update.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentPersistence, DocumentRegistry, openDatabase, type Database } from "@staffroom/api/testing";
import { eventually } from "../support/collab.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { factories } from "../support/factories.ts";

let database: TestDatabase;
let db: Database;
let fx: SchoolFixture;
let registry: DocumentRegistry;
let blocker: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent" });
  fx = await buildSchoolFixture(db.prisma, "write-path");
  // As the app builds it (collab-server.ts): appends through the pool.
  registry = new DocumentRegistry(new DocumentPersistence(db.prisma, db.sql), { unloadAfterMs: 50 });
  blocker = new pg.Client({ connectionString: database.url });
  await blocker.connect();
});

afterAll(async () => {
  await registry?.closeAll();
  await blocker?.end();
  await db?.close();
  await database?.drop();
});

/** The document's log: one entry per transaction that wrote to it, in id order, with its updates. */
async function writesOf(documentId: string): Promise<Uint8Array[][]> {
  const { rows } = await blocker.query<{ tx: string; update: Buffer }>(
    `SELECT xmin::text AS tx, "update" FROM "DocumentUpdate" WHERE "documentId" = $1 ORDER BY id`,
    [documentId],
  );
  const writes = new Map<string, Uint8Array[]>();
  for (const row of rows) writes.set(row.tx, [...(writes.get(row.tx) ?? []), new Uint8Array(row.update)]);
  return [...writes.values()];
}

/** Backends of this database waiting for a lock: the parked write. */
async function waitingOnLocks(): Promise<number> {
  const { rows } = await blocker.query<{ waiting: string }>(
    `SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return Number(rows[0]!.waiting);
}

describe("group commit", () => {
  it("writes updates that arrive during a write together, in one statement, once it is done", async () => {
    const { id } = await factories(db.prisma).document({
      groupId: fx.peerGroupId,
      creatorId: fx.people.peerMember.id,
      kind: "MEETING_NOTES",
      title: "Group commit",
    });
    const live = await registry.acquire(id);
    try {
      const author = new Y.Doc();
      const updates: Uint8Array[] = [];
      author.on("update", (update: Uint8Array) => updates.push(update));
      for (let i = 0; i < 21; i++) author.getText("body").insert(author.getText("body").length, `<${i}>`);
      const [first, ...rest] = updates;

      await blocker.query("BEGIN");
      await blocker.query(`SELECT id FROM "Document" WHERE id = $1 FOR UPDATE`, [id]);
      const firstDone = live.submit(first!, "test");
      await eventually(async () => (await waitingOnLocks()) === 1, "the first write is parked in PostgreSQL");
      const restDone = rest.map((update) => live.submit(update, "test"));
      // Nothing is visible before it is durable: the server's copy has none of it yet.
      expect(live.doc.getText("body").toString()).toBe("");
      await blocker.query("COMMIT");

      await Promise.all([firstDone, ...restDone]);
      const writes = await writesOf(id);
      expect(writes.map((w) => w.length)).toEqual([1, 20]);
      expect(writes.flat()).toEqual(updates);
      expect(live.doc.getText("body").toString()).toBe(author.getText("body").toString());

      // Idle again: the next update is written on its own, at once.
      author.getText("body").insert(0, "!");
      await live.submit(updates.at(-1)!, "test");
      expect((await writesOf(id)).map((w) => w.length)).toEqual([1, 20, 1]);
    } finally {
      registry.release(id);
    }
  });
});
