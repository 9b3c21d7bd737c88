// Open documents: one LiveDocument per document id while anyone uses it, loaded once (even
// when many connect at the same moment) and unloaded a short grace period after the last
// user leaves. Compaction runs in the background, one at a time per document (per instance
// here; across instances by the database lock in persistence.ts).
import * as Y from "yjs";
import type { AddedMention } from "./content/mentions.ts";
import { localFanOut, type DocumentFanOut } from "./fan-out.ts";
import type { LiveDocuments } from "./live-documents.ts";
import { LiveDocument } from "./live-document.ts";
import type { CompactionOutcome, DocumentPersistence } from "./persistence.ts";

type Entry = { live: LiveDocument; loading: Promise<LiveDocument>; users: number; unloadTimer: NodeJS.Timeout | null };

export class DocumentRegistry implements LiveDocuments {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(documentId: string, doc: Y.Doc) => void>();
  private readonly loadListeners = new Set<(documentId: string, doc: Y.Doc) => void>();
  private readonly compacting = new Map<string, Promise<CompactionOutcome | null>>();
  private readonly fanOut: DocumentFanOut;

  constructor(
    private readonly persistence: DocumentPersistence,
    private readonly options: {
      unloadAfterMs: number;
      log?: (message: string) => void;
      fanOut?: DocumentFanOut;
      /** Mention nodes a client's edit added (see LiveDocument's hook of the same name). */
      onMentionsAdded?: (documentId: string, actorUserId: string, mentions: AddedMention[]) => void;
    },
  ) {
    this.fanOut = options.fanOut ?? localFanOut;
  }

  /** Number of documents held in memory (for health checks and tests). */
  get loadedCount(): number {
    return this.entries.size;
  }

  /** Bytes queued for this instance's clients and not yet handed to the network (for health checks and tests). */
  get bufferedBytes(): number {
    let total = 0;
    for (const { live } of this.entries.values()) for (const peer of live.peers) total += peer.bufferedBytes ?? 0;
    return total;
  }

  async acquire(documentId: string): Promise<LiveDocument> {
    let entry = this.entries.get(documentId);
    if (!entry) {
      const live = new LiveDocument(documentId, this.persistence, {
        fanOut: this.fanOut,
        onApplied: (doc) => this.emitChanged(doc),
        onManyUpdates: (doc) => this.compactInBackground(doc),
        log: (message) => this.options.log?.(message),
        onMentionsAdded: this.options.onMentionsAdded
          ? (doc, actorUserId, mentions) => this.options.onMentionsAdded?.(doc.id, actorUserId, mentions)
          : undefined,
      });
      const loading = live.load().then(() => {
        this.emit(this.loadListeners, live);
        return live;
      });
      entry = { live, loading, users: 0, unloadTimer: null };
      this.entries.set(documentId, entry);
      loading.catch(() => {
        this.entries.delete(documentId);
        live.destroy();
      });
    }
    entry.users++;
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    entry.unloadTimer = null;
    return entry.loading;
  }

  release(documentId: string): void {
    const entry = this.entries.get(documentId);
    if (!entry) return;
    entry.users--;
    if (entry.users > 0) return;
    entry.unloadTimer = setTimeout(() => void this.unload(documentId, entry), this.options.unloadAfterMs);
  }

  private async unload(documentId: string, entry: Entry) {
    entry.unloadTimer = null;
    const live = await entry.loading;
    // Everything queued reaches the log while the entry is still registered, so a newcomer
    // in the meantime reuses this document instead of loading a stale copy.
    await live.flush().catch(() => {});
    await this.compacting.get(documentId);
    if (entry.users > 0 || this.entries.get(documentId) !== entry) return;
    this.entries.delete(documentId);
    live.destroy();
  }

  async change(documentId: string, change: (doc: Y.Doc) => void): Promise<void> {
    const live = await this.acquire(documentId);
    try {
      // Edit a copy and submit the difference, so server edits follow the same durable path as clients'.
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live.doc));
      const before = Y.encodeStateVector(scratch);
      change(scratch);
      const update = Y.encodeStateAsUpdate(scratch, before);
      scratch.destroy();
      await live.submit(update, "server");
      await live.flush();
    } finally {
      this.release(documentId);
    }
  }

  async read(documentId: string): Promise<Y.Doc> {
    const entry = this.entries.get(documentId);
    const copy = new Y.Doc();
    if (entry) {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate((await entry.loading).doc));
      return copy;
    }
    const stored = await this.persistence.load(documentId);
    copy.transact(() => {
      if (stored.state) Y.applyUpdate(copy, stored.state);
      for (const update of stored.updates) Y.applyUpdate(copy, update);
    });
    return copy;
  }

  onChanged(listener: (documentId: string, doc: Y.Doc) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onLoaded(listener: (documentId: string, doc: Y.Doc) => void): () => void {
    this.loadListeners.add(listener);
    return () => void this.loadListeners.delete(listener);
  }

  private emitChanged(live: LiveDocument) {
    this.emit(this.listeners, live);
  }

  private emit(listeners: Set<(documentId: string, doc: Y.Doc) => void>, live: LiveDocument) {
    for (const listener of listeners) {
      try {
        listener(live.id, live.doc);
      } catch (error) {
        this.options.log?.(`document change listener failed: ${(error as Error).message}`);
      }
    }
  }

  /**
   * Folds the document's log into its state now, unless this instance is already doing so (then
   * it waits for that one). Resolves with the outcome: "busy" when another instance holds the
   * document's compaction lock; null when it failed (logged).
   */
  compact(documentId: string): Promise<CompactionOutcome | null> {
    const running = this.compacting.get(documentId);
    if (running) return running;
    const run = this.persistence
      .compact(documentId)
      .catch((error) => {
        this.options.log?.(`compaction of ${documentId} failed: ${(error as Error).message}`);
        return null;
      })
      .finally(() => this.compacting.delete(documentId));
    this.compacting.set(documentId, run);
    return run;
  }

  private compactInBackground(live: LiveDocument) {
    // "busy" counts too: the instance holding the lock is folding the log right now.
    void this.compact(live.id).then((outcome) => outcome && live.compacted());
  }

  /** Flushes and drops every document (server shutdown). */
  async closeAll(): Promise<void> {
    const entries = [...this.entries.entries()];
    this.entries.clear();
    for (const [, entry] of entries) {
      if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
      const live = await entry.loading.catch(() => null);
      if (!live) continue;
      await live.flush().catch(() => {});
      live.destroy();
    }
    await Promise.all(this.compacting.values());
  }
}
