// Only one instance compacts a document at a time. Two document registries, each with its own
// database pool (two instances, as far as PostgreSQL can tell), compact the same document: while
// one holds the document's compaction lock, the other's attempt reports "busy" and folds nothing.
// Shown through the lock itself (pg_locks), not through timing: the test parks the first
// compaction inside its lock by holding the Document row it must update.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compactionLockName, DocumentPersistence, DocumentRegistry, openDatabase, type Database } from "@staffroom/api/testing";
import { eventually } from "../support/collab.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { factories } from "../support/factories.ts";

let database: TestDatabase;
let first: Database;
let second: Database;
let fx: SchoolFixture;
let registryA: DocumentRegistry;
let registryB: DocumentRegistry;
let sql: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  [first, second] = await Promise.all([
    openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent" }),
    openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent" }),
  ]);
  fx = await buildSchoolFixture(first.prisma, "compaction");
  registryA = new DocumentRegistry(new DocumentPersistence(first.prisma), { unloadAfterMs: 50 });
  registryB = new DocumentRegistry(new DocumentPersistence(second.prisma), { unloadAfterMs: 50 });
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
});

afterAll(async () => {
  await registryA?.closeAll();
  await registryB?.closeAll();
  await sql?.end();
  await first?.close();
  await second?.close();
  await database?.drop();
});

/** A document whose log holds `count` small text updates; returns its id and the expected text. */
async function documentWithLog(count: number): Promise<{ id: string; text: string; author: Y.Doc }> {
  const doc = await factories(first.prisma).document({
    groupId: fx.peerGroupId,
    creatorId: fx.people.peerMember.id,
    kind: "MEETING_NOTES",
    title: `Log of ${count}`,
  });
  const author = new Y.Doc();
  const updates: Uint8Array[] = [];
  author.on("update", (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) author.getText("body").insert(0, `<${i}>`);
  await first.prisma.documentUpdate.createMany({ data: updates.map((u) => ({ documentId: doc.id, update: Buffer.from(u) })) });
  return { id: doc.id, text: author.getText("body").toString(), author };
}

/** Granted advisory locks on this document's compaction key (pg_locks splits the 64-bit key in two). */
async function compactionLocksHeld(documentId: string): Promise<number> {
  const { rows } = await sql.query<{ held: string }>(
    `WITH k AS (SELECT hashtextextended($1, 0) AS key)
     SELECT count(*) AS held FROM pg_locks l, k
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.classid::bigint = ((k.key >> 32) & 4294967295) AND l.objid::bigint = (k.key & 4294967295)`,
    [compactionLockName(documentId)],
  );
  return Number(rows[0]!.held);
}

const logSize = (documentId: string) => first.prisma.documentUpdate.count({ where: { documentId } });

describe("compaction across instances", () => {
  it("while A compacts a document, B's compaction of it is refused as busy and folds nothing", async () => {
    const { id, text } = await documentWithLog(300);

    // Park A's compaction inside its lock: it will wait to update the Document row we hold.
    await sql.query("BEGIN");
    await sql.query(`SELECT id FROM "Document" WHERE id = $1 FOR UPDATE`, [id]);
    const compactingOnA = registryA.compact(id);
    await eventually(async () => (await compactionLocksHeld(id)) === 1, "A holds the document's compaction lock");

    const onB = await registryB.compact(id);
    expect(onB).toEqual({ status: "busy", folded: 0 });
    expect(await logSize(id)).toBe(300);

    await sql.query("COMMIT");
    expect(await compactingOnA).toEqual({ status: "compacted", folded: 300 });
    expect(await compactionLocksHeld(id)).toBe(0);
    expect(await logSize(id)).toBe(0);
    expect((await registryB.read(id)).getText("body").toString()).toBe(text);

    // The lock is per document and per compaction: B may compact once A is done.
    expect(await registryB.compact(id)).toEqual({ status: "compacted", folded: 0 });
  });

  it("a lock on one document does not hold up another's compaction", async () => {
    const parked = await documentWithLog(20);
    const other = await documentWithLog(30);
    await sql.query("BEGIN");
    await sql.query(`SELECT id FROM "Document" WHERE id = $1 FOR UPDATE`, [parked.id]);
    const compactingParked = registryA.compact(parked.id);
    await eventually(async () => (await compactionLocksHeld(parked.id)) === 1, "A holds the parked document's lock");
    expect(await registryB.compact(other.id)).toEqual({ status: "compacted", folded: 30 });
    await sql.query("COMMIT");
    expect(await compactingParked).toEqual({ status: "compacted", folded: 20 });
  });

  it("concurrent compactions from both instances, with appends in between, lose no update", async () => {
    const { id, author } = await documentWithLog(100);
    const persistence = [new DocumentPersistence(first.prisma), new DocumentPersistence(second.prisma)];
    const appended: Uint8Array[] = [];
    author.on("update", (update: Uint8Array) => appended.push(update));
    const outcomes = [];
    for (let round = 0; round < 20; round++) {
      author.getText("body").insert(0, `[${round}]`);
      const batch = appended.splice(0);
      outcomes.push(
        ...(await Promise.all([
          registryA.compact(id),
          registryB.compact(id),
          persistence[round % 2]!.append(id, batch).then(() => null),
          registryB.compact(id),
          registryA.compact(id),
        ])),
      );
    }
    // A second call on an instance already compacting shares that compaction's outcome: count each once.
    const results = [...new Set(outcomes.filter((o) => o !== null))];
    expect(results.every((o) => o.status === "compacted" || (o.status === "busy" && o.folded === 0))).toBe(true);
    // Every update was folded exactly by one compaction or is still in the log.
    const folded = results.reduce((sum, o) => sum + o.folded, 0);
    expect(folded + (await logSize(id))).toBe(120);
    expect((await registryA.read(id)).getText("body").toString()).toBe(author.getText("body").toString());
  });
});
