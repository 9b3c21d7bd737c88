// Durable Yjs state: Document.state holds the compacted state; DocumentUpdate is the append-only
// log of updates since. An update is appended before it is applied or broadcast (see live-document.ts).
import * as Y from "yjs";
import type { PrismaClient } from "../generated/prisma/client.ts";

export type StoredDocument = { state: Uint8Array | null; updates: Uint8Array[] };

export class DocumentPersistence {
  constructor(private readonly prisma: PrismaClient) {}

  async exists(documentId: string): Promise<boolean> {
    return (await this.prisma.document.count({ where: { id: documentId } })) > 0;
  }

  async load(documentId: string): Promise<StoredDocument> {
    // The log first, then the state: a compaction in between (another instance) folds rows we
    // already read into the state we then read, and Yjs applies them twice harmlessly. The other
    // order could miss the rows it deleted.
    const updates = await this.prisma.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" }, select: { update: true } });
    const doc = await this.prisma.document.findUnique({ where: { id: documentId }, select: { state: true } });
    return { state: doc?.state ?? null, updates: updates.map((u) => u.update) };
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
   */
  async compact(documentId: string): Promise<{ folded: number }> {
    return this.prisma.$transaction(async (tx) => {
      const doc = await tx.document.findUnique({ where: { id: documentId }, select: { state: true } });
      const rows = await tx.documentUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" }, select: { id: true, update: true } });
      if (!doc || rows.length === 0) return { folded: 0 };
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
      return { folded: rows.length };
    });
  }
}
