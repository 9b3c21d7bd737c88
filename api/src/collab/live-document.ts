// One open document: its Y.Doc, its awareness (presence), and the rule that keeps edits safe.
//
// Durability rule: an update is appended to the update log (DocumentUpdate) BEFORE it is
// applied to the server's Y.Doc. Everything a client can receive from the server — a broadcast,
// a sync-step-2 reply to a newcomer — comes from that Y.Doc, so no client ever sees an edit
// that a crash could lose.
//
// Group commit: when no write is in flight, an update is written at once (one statement, see
// DocumentPersistence.append). Updates that arrive while a write is in flight wait for it and
// are then written together. So a lone update pays one round trip and no timer, and under load
// the batches grow with the load instead of the writes.
//
// With several instances (fan-out.ts), the instance that receives a client's update stores it,
// applies and broadcasts it, and THEN publishes it; the others apply it as REMOTE (never stored
// or published again) and broadcast it to their clients. So the rule holds everywhere: no client
// on any instance sees an update before it is in the log.
import * as Y from "yjs";
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import { richText } from "./content/layout.ts";
import { mentionsAdded, type AddedMention } from "./content/mentions.ts";
import { localFanOut, type DocumentFanOut, type FanOutMember } from "./fan-out.ts";
import type { DocumentPersistence, StoredDocument } from "./persistence.ts";
import { awarenessMessageFromUpdate, updateMessage } from "./protocol.ts";

/** A connected client, as the document sees it. */
export interface Peer {
  send(message: Uint8Array): void;
  /** False once this peer lost write access: its updates still queued are refused, not stored. */
  readonly mayWrite?: boolean;
  /** Bytes queued for it and not yet handed to the network. */
  readonly bufferedBytes?: number;
  /** Awareness client ids this peer announced, removed when it leaves. */
  readonly awarenessClients: Set<number>;
  /** The person whose edits arrive through this peer: the actor of what they add (a mention). */
  readonly userId?: string;
}

/**
 * The rehearsal copy (see rehearse) is dropped after this long without a local update and
 * rebuilt from the document on the next one: an open document that nobody is typing into
 * costs one Y.Doc, not two. Typing keeps it warm; a rebuild costs one encode and apply.
 */
export const REHEARSAL_IDLE_MS = 2_000;

/** Origin of updates and presence that came from another instance: applied here, never stored or published again. */
const REMOTE = Symbol("another instance");
/** Origin of the presence removed because a client of this instance left: the others must hear it. */
const LEFT = Symbol("a client left");

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
type Pending = { update: Uint8Array; origin: unknown; done: (error?: Error) => void };

export class LiveDocument implements FanOutMember {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  private queue: Pending[] = [];
  /** The write loop (see drain) while it runs; null when nothing is queued or being written. */
  private writing: Promise<void> | null = null;
  private updatesSinceCompaction = 0;
  /** A copy of `doc` that every update is tried on before it is stored (see rehearse). */
  private rehearsal: Y.Doc | null = null;
  private rehearsalIdle: NodeJS.Timeout | null = null;
  /** Updates from other instances that arrived while loading; null once loaded. */
  private remoteBuffer: Uint8Array[][] | null = [];
  private loading: Promise<void> | null = null;
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  /** Set when a remote transaction changed the document (Yjs emits "update" only then). */
  private remoteChanged = false;
  private destroyed = false;
  readonly peers = new Set<Peer>();

  private readonly fanOut: DocumentFanOut;

  constructor(
    readonly id: string,
    private readonly persistence: DocumentPersistence,
    private readonly hooks: {
      onApplied(doc: LiveDocument): void;
      onManyUpdates(doc: LiveDocument): void;
      log?(message: string): void;
      /**
       * Mention nodes an editor's update added (content/mentions.ts). Only updates from this
       * instance's clients count: a load, a replay, another instance's copy never do.
       */
      onMentionsAdded?(doc: LiveDocument, actorUserId: string, mentions: AddedMention[]): void;
      /** The other instances (none unless given). */
      fanOut?: DocumentFanOut;
    },
  ) {
    this.fanOut = hooks.fanOut ?? localFanOut;
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) this.remoteChanged = true;
      const message = updateMessage(update);
      for (const peer of this.peers) if (peer !== origin) peer.send(message);
    });
    if (hooks.onMentionsAdded) {
      const onMentionsAdded = hooks.onMentionsAdded;
      // Defined before any update arrives: a root type Yjs first meets in an update is a bare
      // AbstractType, and a transaction would report that object, not the rich text's fragment.
      richText(this.doc);
      this.doc.on("afterTransaction", (transaction: Y.Transaction) => {
        const actorUserId = (transaction.origin as Partial<Peer> | null)?.userId;
        if (typeof actorUserId !== "string" || transaction.changed.size === 0) return;
        const mentions = mentionsAdded(transaction, richText(this.doc));
        if (mentions.length > 0) onMentionsAdded(this, actorUserId, mentions);
      });
    }
    this.awareness.on("update", ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const fromPeer = this.peers.has(origin as Peer);
      if (fromPeer) {
        const peer = origin as Peer;
        for (const id of [...added, ...updated]) peer.awarenessClients.add(id);
        for (const id of removed) peer.awarenessClients.delete(id);
      }
      const update = encodeAwarenessUpdate(this.awareness, changed);
      const message = awarenessMessageFromUpdate(update);
      for (const peer of this.peers) peer.send(message);
      // Our clients' presence, and their leaving, concern the other instances. A state that
      // timed out (origin "timeout") times out on every instance by itself.
      if (fromPeer || origin === LEFT) this.fanOut.publishAwareness(this.id, update);
    });
  }

  leave(peer: Peer) {
    this.peers.delete(peer);
    if (peer.awarenessClients.size > 0) removeAwarenessStates(this.awareness, [...peer.awarenessClients], LEFT);
  }

  /**
   * Loads the document, subscribed to the other instances' updates FIRST. Why that order loses
   * nothing: another instance publishes an update only after appending it to the log. If it
   * published after our subscription was confirmed, we receive it (buffered until the load is
   * done); if before, its append committed before we started reading the log, so the read
   * holds it. Either way we have it — possibly twice, which Yjs ignores.
   */
  load(): Promise<void> {
    this.loading ??= (async () => {
      await this.fanOut.join(this);
      let stored: StoredDocument;
      try {
        stored = await this.persistence.load(this.id);
      } catch (error) {
        this.fanOut.leave(this);
        throw error;
      }
      this.doc.transact(() => {
        if (stored.state) Y.applyUpdate(this.doc, stored.state);
        for (const update of stored.updates) Y.applyUpdate(this.doc, update);
      }, "load");
      const buffered = this.remoteBuffer ?? [];
      this.remoteBuffer = null;
      for (const updates of buffered) this.applyRemote(updates);
      this.updatesSinceCompaction = stored.updates.length;
      if (stored.updates.length > 0) this.hooks.onManyUpdates(this);
    })();
    return this.loading;
  }

  receiveUpdates(updates: Uint8Array[]): void {
    if (this.remoteBuffer) this.remoteBuffer.push(updates);
    else this.applyRemote(updates);
  }

  receiveAwareness(update: Uint8Array): void {
    if (this.destroyed) return;
    try {
      applyAwarenessUpdate(this.awareness, update, REMOTE);
    } catch (error) {
      this.hooks.log?.(`presence from another instance for ${this.id} not applied: ${(error as Error).message}`);
    }
  }

  localAwareness(): Uint8Array | null {
    const states = this.awareness.getStates();
    const clients = [...this.peers].flatMap((peer) => [...peer.awarenessClients]).filter((id) => states.has(id));
    return clients.length > 0 ? encodeAwarenessUpdate(this.awareness, clients) : null;
  }

  /** Re-reads the whole log (after the load) and applies it as remote: only what we lacked changes anything. */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      await this.load();
      do {
        this.catchUpAgain = false;
        if (this.destroyed) return;
        const stored = await this.persistence.load(this.id);
        // A bulk apply: cheaper to rebuild the rehearsal copy on the next local update than to replay it all there.
        this.dropRehearsal();
        this.applyRemote(stored.state ? [stored.state, ...stored.updates] : stored.updates);
      } while (this.catchUpAgain && !this.destroyed);
    })().finally(() => (this.catchingUp = null));
    return this.catchingUp;
  }

  /** Updates another instance stored: applied (and so broadcast to our clients), never stored or published again. */
  private applyRemote(updates: Uint8Array[]) {
    if (this.destroyed || updates.length === 0) return;
    this.remoteChanged = false;
    this.doc.transact(() => {
      for (const update of updates) {
        try {
          Y.applyUpdate(this.doc, update);
        } catch (error) {
          // The sender rehearsed it; never crash on it here.
          this.hooks.log?.(`update from another instance for ${this.id} not applied: ${(error as Error).message}`);
        }
      }
    }, REMOTE);
    if (this.rehearsal) {
      try {
        for (const update of updates) Y.applyUpdate(this.rehearsal, update);
      } catch {
        this.dropRehearsal();
      }
    }
    // A catch-up usually finds nothing new: then there is nothing to project either.
    if (this.remoteChanged) this.hooks.onApplied(this);
  }

  /**
   * Queues an update from `origin` (a connection, or "server"). Resolves once it is durable
   * and applied; rejects if it is malformed (throws, or rejects with MalformedUpdateError;
   * nothing stored) or could not be stored.
   */
  submit(update: Uint8Array, origin: unknown): Promise<void> {
    // Reject garbage before it reaches the log (decoding walks the whole update). Every
    // y-websocket client answers our sync step 1 with an update, usually empty: storing it would
    // cost a write per connection and mark the document edited by someone who only read it.
    if (isEmptyUpdate(update)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ update, origin, done: (error) => (error ? reject(error) : resolve()) });
      // Started on a microtask, not here: updates submitted in the same turn share the first
      // write, and `writing` is set before the loop can finish and clear it.
      this.writing ??= Promise.resolve().then(() => this.drain());
    });
  }

  /** Resolves once everything queued so far is written and applied (or refused). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /**
   * The write loop: takes everything queued, writes it as one batch, and repeats while updates
   * queued up during that write — the group commit. Ends (and clears `writing`) with the queue
   * empty; the next submit starts it again.
   */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.write(batch);
        } catch (error) {
          this.hooks.log?.(`flush of ${this.id} failed: ${(error as Error).message}`);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  /** Stores one batch, then applies, broadcasts and publishes it: durable before visible. */
  private async write(batch: Pending[]): Promise<void> {
    const accepted = this.rehearse(batch);
    if (accepted.length === 0) return;
    try {
      await this.persistence.append(
        this.id,
        accepted.map((p) => p.update),
      );
    } catch (error) {
      this.dropRehearsal(); // it is ahead of the document now
      for (const p of accepted) p.done(error as Error);
      return;
    }
    for (const p of accepted) {
      try {
        Y.applyUpdate(this.doc, p.update, p.origin);
      } catch (error) {
        // Cannot happen after a clean rehearsal (Yjs is deterministic); never crash on it.
        this.dropRehearsal();
        this.hooks.log?.(`update for ${this.id} stored but not applied: ${(error as Error).message}`);
      }
      p.done();
    }
    // Only now, stored and applied here, may other instances (and their clients) see them.
    this.fanOut.publishUpdates(
      this.id,
      accepted.map((p) => p.update),
    );
    this.keepRehearsalWarm();
    this.updatesSinceCompaction += accepted.length;
    this.hooks.onApplied(this);
    if (this.updatesSinceCompaction >= COMPACT_AFTER) this.hooks.onManyUpdates(this);
  }

  /**
   * Some updates decode fine yet throw inside Yjs when integrated (e.g. an item whose parent
   * is a later clock of its own client): stored first, such an update would crash the flush
   * and make the document fail to load ever after. So every update is first applied to a
   * rehearsal copy of the document; only those that apply cleanly are stored, then applied
   * for real — still durable before visible. The copy is rebuilt after a failure, and after
   * REHEARSAL_IDLE_MS without local updates (it would double the memory of every open document).
   */
  private rehearse(batch: Pending[]): Pending[] {
    const accepted: Pending[] = [];
    for (const p of batch) {
      // Access can shrink between receiving an update and storing it (a member removed, a
      // session expired): what was not stored by then is refused.
      if ((p.origin as Partial<Peer> | null)?.mayWrite === false) {
        p.done(new AccessLostError());
        continue;
      }
      try {
        if (!this.rehearsal) {
          this.rehearsal = new Y.Doc();
          Y.applyUpdate(this.rehearsal, Y.encodeStateAsUpdate(this.doc));
          for (const a of accepted) Y.applyUpdate(this.rehearsal, a.update);
        }
        Y.applyUpdate(this.rehearsal, p.update);
        accepted.push(p);
      } catch {
        this.dropRehearsal();
        p.done(new MalformedUpdateError());
      }
    }
    this.keepRehearsalWarm();
    return accepted;
  }

  /** (Re)starts the idle countdown of the rehearsal copy: at the start and at the end of every flush. */
  private keepRehearsalWarm() {
    if (!this.rehearsal) return;
    if (this.rehearsalIdle) this.rehearsalIdle.refresh();
    else this.rehearsalIdle = setTimeout(() => this.dropRehearsal(), REHEARSAL_IDLE_MS);
  }

  private dropRehearsal() {
    if (this.rehearsalIdle) clearTimeout(this.rehearsalIdle);
    this.rehearsalIdle = null;
    this.rehearsal?.destroy();
    this.rehearsal = null;
  }

  /** Whether a rehearsal copy is held right now (for tests and memory figures). */
  get hasRehearsalCopy(): boolean {
    return this.rehearsal !== null;
  }

  compacted() {
    this.updatesSinceCompaction = 0;
  }

  destroy() {
    this.destroyed = true;
    this.fanOut.leave(this);
    this.dropRehearsal();
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

/** The update's sender lost write access before it was stored: refused, nothing stored. */
export class AccessLostError extends Error {
  constructor() {
    super("write access was removed");
  }
}

/** Fold the log into the stored state once this many updates piled up. */
export const COMPACT_AFTER = 500;

/** True for an update that changes nothing. Throws on one that does not decode. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}
