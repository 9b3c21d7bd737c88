// Durable Yjs state: Document.state holds the compacted state; DocumentUpdate is the append-only
// log of updates since. An update is appended before it is applied or broadcast (see live-document.ts).
import * as Y from "yjs";
import type { SqlSession } from "../db/sql-runner.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";

export type StoredDocument = { state: Uint8Array | null; updates: Uint8Array[] };

/** "busy": another compaction of this document (on any instance) holds its lock; this one folded nothing. */
export type CompactionOutcome = { status: "compacted" | "busy"; folded: number };

/**
 * The advisory-lock key of one document's compaction, as SQL computes it (64-bit hash of a
 * namespaced text, like the action-plan lock), so tests can look for it in pg_locks.
 */
export function compactionLockName(documentId: string): string {
  return `compact:${documentId}`;
}

/**
 * The append: a data-modifying CTE runs whether or not the outer statement reads it, so the
 * rows and updatedAt commit together; a missing document fails the INSERT's foreign key.
 */
const APPEND_SQL = `
  WITH appended AS (
    INSERT INTO "DocumentUpdate" ("documentId", "update")
    SELECT $1::uuid, u."update"
      FROM unnest($2::bytea[]) WITH ORDINALITY AS u("update", "position")
     ORDER BY u."position"
  )
  UPDATE "Document" SET "updatedAt" = $3 WHERE "id" = $1::uuid`;

export class DocumentPersistence {
  /**
   * `sql`, when given, is the database's own pool: the hot append skips Prisma's overhead.
   * `timeAppend` hears how long each successful append took (the write latency metric).
   */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql?: SqlSession,
    private readonly timeAppend?: (seconds: number) => void,
  ) {}

  async exists(documentId: string): Promise<boolean> {
    return (await this.prisma.document.count({ where: { id: documentId } })) > 0;
  }

  async load(documentId: string): Promise<StoredDocument> {
    const stored = await readStored(this.prisma, documentId, { withIds: false });
    return { state: stored?.state ?? null, updates: stored?.updates ?? [] };
  }

  /**
   * A batch of updates in ONE statement: the INSERT of every row and the document's updatedAt,
   * committed together (a statement is its own transaction). Every update waits for this before
   * anyone sees it (durable before visible): a Prisma transaction cost four round trips (BEGIN,
   * INSERT, UPDATE, COMMIT) and ~1.3 ms of CPU; this is one round trip and ~0.1 ms of CPU through
   * the pool, prepared once per connection (~0.35 ms through Prisma's $executeRaw). The rows
   * keep the batch's order.
   */
  async append(documentId: string, updates: Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    const params = [documentId, updates.map((update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength)), new Date()];
    const startedAt = performance.now();
    if (this.sql) await this.sql.query(APPEND_SQL, params, { prepareAs: "staffroom_append_document_updates" });
    else await this.prisma.$executeRawUnsafe(APPEND_SQL, ...params);
    this.timeAppend?.((performance.now() - startedAt) / 1000);
  }

  async pendingCount(documentId: string): Promise<number> {
    return this.prisma.documentUpdate.count({ where: { documentId } });
  }

  /**
   * Folds the log into Document.state through a Y.Doc (applying updates and re-encoding is
   * fast; Y.mergeUpdates over thousands of small updates is not). Only the rows it read are
   * deleted, so updates appended meanwhile stay in the log.
   *
   * One compaction per document at a time, across instances: two that overlap could commit in
   * the wrong order, the later one writing back a state folded from fewer rows after the
   * earlier one deleted more. So it try-locks the document's advisory lock (released with the
   * transaction) and, when another holds it, does nothing: that one is folding the log already.
   */
  async compact(documentId: string): Promise<CompactionOutcome> {
    return this.prisma.$transaction(async (tx): Promise<CompactionOutcome> => {
      const [lock] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(hashtextextended(${compactionLockName(documentId)}, 0)) AS locked`;
      if (!lock?.locked) return { status: "busy", folded: 0 };
      const stored = await readStored(tx, documentId, { withIds: true });
      if (!stored || stored.ids.length === 0) return { status: "compacted", folded: 0 };
      const ydoc = new Y.Doc();
      ydoc.transact(() => {
        if (stored.state) Y.applyUpdate(ydoc, stored.state);
        for (const update of stored.updates) Y.applyUpdate(ydoc, update);
      });
      const state = Y.encodeStateAsUpdate(ydoc);
      ydoc.destroy();
      // One statement: the new state, and the rows it folded deleted by their ids. Not "every id
      // up to the last one read": ids are handed out when an append starts, not when it commits,
      // so an append still in flight during the read can commit a LOWER id afterwards, and this
      // statement (a new snapshot under READ COMMITTED) would delete it unread. The ids travel
      // as one bigint[] parameter, not a 10,000-item IN list.
      // Folding is not editing: raw SQL, because Prisma's @updatedAt would bump updatedAt (and
      // writing back the value read above could undo an append that committed meanwhile).
      await tx.$executeRaw`
        WITH folded AS (
          DELETE FROM "DocumentUpdate" WHERE "id" = ANY(${stored.ids}::bigint[]) AND "documentId" = ${documentId}::uuid
        )
        UPDATE "Document" SET "state" = ${state} WHERE "id" = ${documentId}::uuid`;
      return { status: "compacted", folded: stored.ids.length };
    });
  }
}

type Reader = Pick<PrismaClient, "$queryRaw">;

/**
 * The state and the log of a document in ONE statement, so both come from one snapshot: a
 * compaction committing meanwhile (another instance) is seen whole or not at all. The log comes
 * back as ONE bytea of length-prefixed updates: reading 10,000 rows through findMany cost ~27 ms
 * of CPU (row mapping), this ~3 ms (bench/yjs/cold-load.ts). With `withIds`, also the ids of
 * the rows read, in the same order (for compaction to delete exactly those). Null when the
 * document does not exist.
 */
async function readStored(db: Reader, documentId: string, options: { withIds: false }): Promise<StoredDocument | null>;
async function readStored(db: Reader, documentId: string, options: { withIds: true }): Promise<(StoredDocument & { ids: bigint[] }) | null>;
async function readStored(db: Reader, documentId: string, { withIds }: { withIds: boolean }) {
  const [row] = await db.$queryRaw<{ state: Uint8Array | null; log: Uint8Array | null; ids?: bigint[] | null }[]>`
    SELECT d."state", l."log"${withIds ? Prisma.sql`, l."ids"` : Prisma.empty}
      FROM "Document" d
      CROSS JOIN LATERAL (
        SELECT string_agg(int4send(length(u."update")) || u."update", ''::bytea ORDER BY u."id") AS "log"
               ${withIds ? Prisma.sql`, array_agg(u."id" ORDER BY u."id") AS "ids"` : Prisma.empty}
          FROM "DocumentUpdate" u WHERE u."documentId" = d."id"
      ) l
     WHERE d."id" = ${documentId}::uuid`;
  if (!row) return null;
  const updates = row.log ? splitLengthPrefixed(row.log) : [];
  return withIds ? { state: row.state, updates, ids: row.ids ?? [] } : { state: row.state, updates };
}

/** The log as load() reads it: each update preceded by its length (4 bytes, big-endian). */
function splitLengthPrefixed(log: Uint8Array): Uint8Array[] {
  const view = new DataView(log.buffer, log.byteOffset, log.byteLength);
  const updates: Uint8Array[] = [];
  for (let offset = 0; offset < log.byteLength; ) {
    const length = view.getUint32(offset);
    updates.push(log.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return updates;
}
