// One open document: its Y.Doc, its awareness (presence), and the rule that keeps edits safe.
//
// Durability rule: an update is appended to the update log (DocumentUpdate) BEFORE it is
// applied to the server's Y.Doc. Everything a client can receive from the server — a broadcast,
// a sync-step-2 reply to a newcomer — comes from that Y.Doc, so no client ever sees an edit
// that a crash could lose. Updates arriving within BATCH_MS share one INSERT.
import * as Y from "yjs";
import { Awareness, removeAwarenessStates } from "y-protocols/awareness";
import type { DocumentPersistence } from "./persistence.ts";
import { awarenessMessage, updateMessage } from "./protocol.ts";

/** A connected client, as the document sees it. */
export interface Peer {
  send(message: Uint8Array): void;
  /** Awareness client ids this peer announced, removed when it leaves. */
  readonly awarenessClients: Set<number>;
}

const BATCH_MS = 4;

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
type Pending = { update: Uint8Array; origin: unknown; done: (error?: Error) => void };

export class LiveDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private updatesSinceCompaction = 0;
  readonly peers = new Set<Peer>();

  constructor(
    readonly id: string,
    private readonly persistence: DocumentPersistence,
    private readonly hooks: { onApplied(doc: LiveDocument): void; onManyUpdates(doc: LiveDocument): void },
  ) {
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      const message = updateMessage(update);
      for (const peer of this.peers) if (peer !== origin) peer.send(message);
    });
    this.awareness.on("update", ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (this.peers.has(origin as Peer)) {
        const peer = origin as Peer;
        for (const id of [...added, ...updated]) peer.awarenessClients.add(id);
        for (const id of removed) peer.awarenessClients.delete(id);
      }
      const message = awarenessMessage(this.awareness, changed);
      for (const peer of this.peers) peer.send(message);
    });
  }

  leave(peer: Peer) {
    this.peers.delete(peer);
    if (peer.awarenessClients.size > 0) removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
  }

  async load(): Promise<void> {
    const stored = await this.persistence.load(this.id);
    this.doc.transact(() => {
      if (stored.state) Y.applyUpdate(this.doc, stored.state);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, "load");
    this.updatesSinceCompaction = stored.updates.length;
    if (stored.updates.length > 0) this.hooks.onManyUpdates(this);
  }

  /**
   * Queues an update from `origin` (a connection, or "server"). Resolves once it is durable
   * and applied; rejects if it is malformed (nothing stored) or could not be stored.
   */
  submit(update: Uint8Array, origin: unknown): Promise<void> {
    // Reject garbage before it reaches the log: decoding walks the whole update.
    Y.decodeUpdate(update);
    return new Promise((resolve, reject) => {
      this.queue.push({ update, origin, done: (error) => (error ? reject(error) : resolve()) });
      this.timer ??= setTimeout(() => void this.flush(), BATCH_MS);
    });
  }

  /** Writes and applies everything queued; resolves when the queue is empty. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.flushing = (async () => {
      try {
        await this.persistence.append(this.id, batch.map((p) => p.update));
      } catch (error) {
        for (const p of batch) p.done(error as Error);
        return;
      }
      for (const p of batch) {
        Y.applyUpdate(this.doc, p.update, p.origin);
        p.done();
      }
      this.updatesSinceCompaction += batch.length;
      this.hooks.onApplied(this);
      if (this.updatesSinceCompaction >= COMPACT_AFTER) this.hooks.onManyUpdates(this);
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
    if (this.queue.length > 0) await this.flush();
  }

  compacted() {
    this.updatesSinceCompaction = 0;
  }

  destroy() {
    if (this.timer) clearTimeout(this.timer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Fold the log into the stored state once this many updates piled up. */
export const COMPACT_AFTER = 500;
