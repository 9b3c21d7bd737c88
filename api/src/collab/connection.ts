// One client's websocket on one document: reads y-websocket frames, answers sync, passes edits
// through the document's durable path, and closes with a clear code on anything malformed.
//
// What one client may cost the server is bounded:
//  - Reading: over MAX_MESSAGES_PER_SECOND frames in a second, we stop reading its socket for
//    the rest of that second (TCP pushes back on the client) instead of closing: a stock
//    provider that bursts keeps every edit and keeps syncing, just slower.
//  - Writing: a client that does not read makes whatever we send pile up in its socket. Over
//    MAX_BUFFERED_BYTES queued, it is dropped (4503, retryable). Repeated sync requests share
//    one reply: while a sync-step-2 to this client is still unsent, further requests only
//    remember the newest state vector, answered once that reply went out.
//  - Liveness: heartbeat() (every ping interval) terminates a client that did not answer the
//    previous ping.
import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type { WebSocket } from "ws";
import { AccessLostError, isEmptyUpdate, MalformedUpdateError, type LiveDocument, type Peer } from "./live-document.ts";
import {
  awarenessMessage,
  CLOSE,
  MAX_FRAME_BYTES,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  permissionDeniedMessage,
  syncStep1Message,
  syncStep2Message,
} from "./protocol.ts";

const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** A client sending more than this many frames in a second is slowed down (we stop reading it until the second is over). */
export const MAX_MESSAGES_PER_SECOND = 300;

/**
 * Bytes we may have queued for one client and not yet handed to the network. Two full frames:
 * a slow reader gets room for a large sync reply plus the edits that follow it; one that does
 * not read at all costs at most this much (plus one message) before it is dropped.
 */
export const MAX_BUFFERED_BYTES = 2 * MAX_FRAME_BYTES;

/** How long a closing client has to answer our close frame before its socket is cut. */
export const CLOSE_GRACE_MS = 1000;

/** Longest delay setTimeout accepts (about 24.8 days); a later expiry re-arms the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type ConnectionIdentity = {
  userId: string;
  token: string;
  documentId: string;
  groupId: string;
  /** When the credential (session or API token) expires; null for never. */
  expiresAt: Date | null;
};

export class CollabConnection implements Peer {
  readonly awarenessClients = new Set<number>();
  private windowStart = Date.now();
  private messagesInWindow = 0;
  private resumeTimer: NodeJS.Timeout | null = null;
  private warnedReadOnly = false;
  private closed = false;
  /** Closed because access was removed or the credential ended: its edits not yet stored are refused. */
  private accessLost = false;
  /** A sync-step-2 reply is queued in the socket and not yet written out. */
  private syncReplyInFlight = false;
  /** The newest state vector a sync request came with while a reply was in flight. */
  private nextSyncRequest: Uint8Array | null = null;
  private answeredPing = true;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly live: LiveDocument,
    readonly identity: ConnectionIdentity,
    public readOnly: boolean,
    private readonly onClose: (connection: CollabConnection) => void,
  ) {
    live.peers.add(this);
    socket.binaryType = "nodebuffer";
    socket.on("message", (data, isBinary) => this.receive(data as Buffer, isBinary));
    socket.on("close", () => this.cleanup());
    // ws closes by itself on a frame it refuses (1009 for one over maxPayload, with our reason: see collab-server.ts).
    socket.on("error", () => this.close(CLOSE.BAD_MESSAGE));
    socket.on("pong", () => (this.answeredPing = true));
    this.armExpiry();
    // Start the handshake: our state vector, and who is here.
    this.send(syncStep1Message(live.doc));
    const present = [...live.awareness.getStates().keys()];
    if (present.length > 0) this.send(awarenessMessage(live.awareness, present));
  }

  get userId(): string {
    return this.identity.userId;
  }

  /** Whether an edit from this connection may be stored now (checked again just before each write). */
  get mayWrite(): boolean {
    // A client that merely left still has its last edits stored (they were sent while it could write).
    return !this.accessLost && !this.readOnly && !this.expired();
  }

  /** Bytes queued for this client and not yet handed to the network. */
  get bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  send(message: Uint8Array, sent?: () => void) {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) return this.close(CLOSE.NOT_READING);
    this.socket.send(message, (error) => {
      if (error) return this.close(CLOSE.GOING_AWAY);
      sent?.();
    });
  }

  /**
   * Sends the close frame and lets go of the document at once; a client that does not answer
   * the close within CLOSE_GRACE_MS (or cannot: it does not read) has its socket cut.
   */
  close({ code, reason }: { code: number; reason: string }) {
    if (this.closed) return;
    if (code === CLOSE.UNAUTHENTICATED.code || code === CLOSE.FORBIDDEN.code) this.accessLost = true;
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
    this.cleanup();
  }

  /** Called every ping interval: cuts a client that did not answer the previous ping (dead or stalled), pings the others. */
  heartbeat() {
    if (this.closed) return;
    if (!this.answeredPing) {
      this.socket.terminate();
      return this.cleanup();
    }
    this.answeredPing = false;
    this.socket.ping();
  }

  /** Resolves once the socket is closed (used at shutdown, after close()). */
  get socketClosed(): Promise<void> {
    if (this.socket.readyState === this.socket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.socket.once("close", () => resolve()));
  }

  /** Cuts the socket now, without waiting for the client's close frame. */
  terminate() {
    this.socket.terminate();
    this.cleanup();
  }

  private cleanup() {
    if (this.closed) return;
    this.closed = true;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.live.leave(this);
    this.onClose(this);
  }

  private expired(): boolean {
    return this.identity.expiresAt !== null && this.identity.expiresAt.getTime() <= Date.now();
  }

  /** An expired credential is treated like a revoked one: the connection closes (4401) the moment it expires. */
  private armExpiry() {
    const { expiresAt } = this.identity;
    if (!expiresAt) return;
    const delay = Math.max(0, expiresAt.getTime() - Date.now());
    this.expiryTimer = setTimeout(() => (this.expired() ? this.close(CLOSE.UNAUTHENTICATED) : this.armExpiry()), Math.min(delay, MAX_TIMER_MS));
    this.expiryTimer.unref();
  }

  private receive(data: Buffer, isBinary: boolean) {
    if (this.closed) return;
    // Timers can run late: a frame that arrives after the expiry is refused, never applied.
    if (this.expired()) return this.close(CLOSE.UNAUTHENTICATED);
    this.slowDownIfFlooding();
    if (!isBinary) return this.close(CLOSE.BAD_MESSAGE);
    try {
      this.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch {
      // A frame we cannot decode: nothing from it was applied.
      this.close(CLOSE.BAD_MESSAGE);
    }
  }

  private handle(frame: Uint8Array) {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SYNC_STEP_1) return this.answerSyncRequest(payload);
        if (step === SYNC_STEP_2 || step === SYNC_UPDATE) return this.receiveUpdate(payload);
        return this.close(CLOSE.BAD_MESSAGE);
      }
      case MESSAGE_AWARENESS:
        return awarenessProtocol.applyAwarenessUpdate(this.live.awareness, decoding.readVarUint8Array(decoder), this);
      case MESSAGE_QUERY_AWARENESS:
        return this.send(awarenessMessage(this.live.awareness, [...this.live.awareness.getStates().keys()]));
      case MESSAGE_AUTH:
        return; // clients have nothing to tell us here; authentication happened on upgrade
      default:
        return this.close(CLOSE.BAD_MESSAGE);
    }
  }

  /**
   * Sync step 1 asks for everything the client lacks: a copy of (most of) the document. One
   * reply at a time per client; requests made meanwhile are answered once, with the newest
   * state vector (a client's state vector only grows, so that reply covers the earlier ones).
   */
  private answerSyncRequest(stateVector: Uint8Array) {
    if (this.syncReplyInFlight) {
      this.nextSyncRequest = stateVector;
      return;
    }
    this.syncReplyInFlight = true;
    this.send(syncStep2Message(this.live.doc, stateVector), () => {
      this.syncReplyInFlight = false;
      const next = this.nextSyncRequest;
      this.nextSyncRequest = null;
      if (next && !this.closed) this.answerSyncRequest(next);
    });
  }

  private receiveUpdate(update: Uint8Array) {
    if (this.readOnly) {
      // y-websocket answers our sync step 1 with an empty update even when nothing was edited:
      // that is not an edit, so no warning.
      if (isEmptyUpdate(update)) return;
      return this.refuseEdit();
    }
    // submit() throws synchronously on an update that does not decode (caught by receive → 4400),
    // and rejects with MalformedUpdateError on one that decodes but Yjs cannot integrate, and
    // with AccessLostError when this connection lost write access before the update was stored.
    this.live.submit(update, this).catch((error) => {
      if (error instanceof AccessLostError) return this.refuseEdit();
      this.close(error instanceof MalformedUpdateError ? CLOSE.BAD_MESSAGE : CLOSE.SERVER_ERROR);
    });
  }

  /** Refused, never applied. Say so once; the client keeps its local copy. */
  private refuseEdit() {
    if (this.closed) return;
    if (!this.warnedReadOnly) this.send(permissionDeniedMessage("This document is read-only for you."));
    this.warnedReadOnly = true;
  }

  /**
   * Backpressure instead of a close: the frame is handled, and past the limit we stop reading
   * until the second is over. (ws may still emit frames it already read; they are handled too,
   * so nothing a client sent is ever dropped.)
   */
  private slowDownIfFlooding() {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.messagesInWindow = 0;
    }
    if (++this.messagesInWindow <= MAX_MESSAGES_PER_SECOND || this.resumeTimer) return;
    this.socket.pause();
    this.resumeTimer = setTimeout(
      () => {
        this.resumeTimer = null;
        if (!this.closed) this.socket.resume();
      },
      this.windowStart + 1000 - now,
    );
  }
}
