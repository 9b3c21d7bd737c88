// Durable Yjs state: Document.state holds the compacted state; DocumentUpdate is the append-only
// log of updates since. An update is appended before it is applied or broadcast (see live-document.ts).
import * as Y from "yjs";
import type { PrismaClient } from "../generated/prisma/client.ts";

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

export class DocumentPersistence {
  constructor(private readonly prisma: PrismaClient) {}

  async exists(documentId: string): Promise<boolean> {
    return (await this.prisma.document.count({ where: { id: documentId } })) > 0;
  }

  async load(documentId: string): Promise<StoredDocument> {
    // One statement, so the state and the log come from one snapshot: a compaction committing
    // meanwhile (another instance) is seen whole or not at all. The log comes back as ONE bytea
    // of length-prefixed updates: reading 10,000 rows through findMany cost ~27 ms of CPU (row
    // mapping), this ~3 ms (bench/yjs/cold-load.ts).
    const [row] = await this.prisma.$queryRaw<{ state: Uint8Array | null; log: Uint8Array | null }[]>`
      SELECT d."state",
             (SELECT string_agg(int4send(length(u."update")) || u."update", ''::bytea ORDER BY u."id")
                FROM "DocumentUpdate" u WHERE u."documentId" = d."id") AS "log"
        FROM "Document" d WHERE d."id" = ${documentId}::uuid`;
    return { state: row?.state ?? null, updates: row?.log ? splitLengthPrefixed(row.log) : [] };
  }

  /** One INSERT for a batch of updates, and the document's updatedAt in the same transaction. */
  async append(documentId: string, updates: Uint8Array[]): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.documentUpdate.createMany({ data: updates.map((update) => ({ documentId, update: Buffer.from(update) })) }),
      this.prisma.document.update({ where: { id: documentId }, data: { updatedAt: new Date() }, select: { id: true } }),
    ]);
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
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${compactionLockName(documentId)}, 0)) AS locked`;
      if (!lock?.locked) return { status: "busy", folded: 0 };
      const doc = await tx.document.findUnique({ where: { id: documentId }, select: { state: true } });
      const rows = await tx.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" }, select: { id: true, update: true } });
      if (!doc || rows.length === 0) return { status: "compacted", folded: 0 };
      const ydoc = new Y.Doc();
      ydoc.transact(() => {
        if (doc.state) Y.applyUpdate(ydoc, doc.state);
        for (const row of rows) Y.applyUpdate(ydoc, row.update);
      });
      const state = Y.encodeStateAsUpdate(ydoc);
      ydoc.destroy();
      // Folding is not editing: raw SQL, because Prisma's @updatedAt would bump updatedAt (and
      // writing back the value read above could undo an append that committed meanwhile).
      await tx.$executeRaw`UPDATE "Document" SET "state" = ${state} WHERE "id" = ${documentId}::uuid`;
      // By id, not "up to the last id": a concurrent append may commit a lower id we never read.
      await tx.documentUpdate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
      return { status: "compacted", folded: rows.length };
    });
  }
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
