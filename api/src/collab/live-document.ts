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
  /** A copy of `doc` that every update is tried on before it is stored (see rehearse). */
  private rehearsal: Y.Doc | null = null;
  readonly peers = new Set<Peer>();

  constructor(
    readonly id: string,
    private readonly persistence: DocumentPersistence,
    private readonly hooks: { onApplied(doc: LiveDocument): void; onManyUpdates(doc: LiveDocument): void; log?(message: string): void },
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
   * and applied; rejects if it is malformed (throws, or rejects with MalformedUpdateError;
   * nothing stored) or could not be stored.
   */
  submit(update: Uint8Array, origin: unknown): Promise<void> {
    // Reject garbage before it reaches the log: decoding walks the whole update.
    const { structs, ds } = Y.decodeUpdate(update);
    // Every y-websocket client answers our sync step 1 with an update, usually empty: storing
    // it would cost a write per connection and mark the document edited by someone who only read it.
    if (structs.length === 0 && ds.clients.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ update, origin, done: (error) => (error ? reject(error) : resolve()) });
      this.timer ??= setTimeout(() => void this.flush().catch((error) => this.hooks.log?.(`flush of ${this.id} failed: ${(error as Error).message}`)), BATCH_MS);
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
      const accepted = this.rehearse(batch);
      if (accepted.length === 0) return;
      try {
        await this.persistence.append(this.id, accepted.map((p) => p.update));
      } catch (error) {
        this.rehearsal = null; // it is ahead of the document now
        for (const p of accepted) p.done(error as Error);
        return;
      }
      for (const p of accepted) {
        try {
          Y.applyUpdate(this.doc, p.update, p.origin);
        } catch (error) {
          // Cannot happen after a clean rehearsal (Yjs is deterministic); never crash on it.
          this.rehearsal = null;
          this.hooks.log?.(`update for ${this.id} stored but not applied: ${(error as Error).message}`);
        }
        p.done();
      }
      this.updatesSinceCompaction += accepted.length;
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

  /**
   * Some updates decode fine yet throw inside Yjs when integrated (e.g. an item whose parent
   * is a later clock of its own client): stored first, such an update would crash the flush
   * and make the document fail to load ever after. So every update is first applied to a
   * rehearsal copy of the document; only those that apply cleanly are stored, then applied
   * for real — still durable before visible. The copy is rebuilt after a failure.
   */
  private rehearse(batch: Pending[]): Pending[] {
    const accepted: Pending[] = [];
    for (const p of batch) {
      try {
        if (!this.rehearsal) {
          this.rehearsal = new Y.Doc();
          Y.applyUpdate(this.rehearsal, Y.encodeStateAsUpdate(this.doc));
          for (const a of accepted) Y.applyUpdate(this.rehearsal, a.update);
        }
        Y.applyUpdate(this.rehearsal, p.update);
        accepted.push(p);
      } catch {
        this.rehearsal?.destroy();
        this.rehearsal = null;
        p.done(new MalformedUpdateError());
      }
    }
    return accepted;
  }

  compacted() {
    this.updatesSinceCompaction = 0;
  }

  destroy() {
    if (this.timer) clearTimeout(this.timer);
    this.rehearsal?.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** An update that decodes but that Yjs cannot integrate: refused, nothing stored. */
export class MalformedUpdateError extends Error {
  constructor() {
    super("malformed update");
  }
}

/** Fold the log into the stored state once this many updates piled up. */
export const COMPACT_AFTER = 500;
