// One client's websocket on one document: reads y-websocket frames, answers sync, passes edits
// through the document's durable path, and closes with a clear code on anything malformed.
import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type { WebSocket } from "ws";
import { isEmptyUpdate, MalformedUpdateError, type LiveDocument, type Peer } from "./live-document.ts";
import {
  awarenessMessage,
  CLOSE,
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

/** A client sending more than this many frames in a second is flooding. */
const MAX_MESSAGES_PER_SECOND = 300;

export type ConnectionIdentity = { userId: string; token: string; documentId: string; groupId: string };

export class CollabConnection implements Peer {
  readonly awarenessClients = new Set<number>();
  private windowStart = Date.now();
  private messagesInWindow = 0;
  private warnedReadOnly = false;
  private closed = false;

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
    socket.on("error", () => this.close(CLOSE.BAD_MESSAGE));
    // Start the handshake: our state vector, and who is here.
    this.send(syncStep1Message(live.doc));
    const present = [...live.awareness.getStates().keys()];
    if (present.length > 0) this.send(awarenessMessage(live.awareness, present));
  }

  send(message: Uint8Array) {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(message, (error) => error && this.close(CLOSE.GOING_AWAY));
  }

  close({ code, reason }: { code: number; reason: string }) {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.cleanup();
  }

  private cleanup() {
    if (this.closed) return;
    this.closed = true;
    this.live.leave(this);
    this.onClose(this);
  }

  private receive(data: Buffer, isBinary: boolean) {
    if (this.closed) return;
    if (this.isFlooding()) return this.close(CLOSE.TOO_MANY_MESSAGES);
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
        if (step === SYNC_STEP_1) return this.send(syncStep2Message(this.live.doc, payload));
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

  private receiveUpdate(update: Uint8Array) {
    if (this.readOnly) {
      // y-websocket answers our sync step 1 with an empty update even when nothing was edited:
      // that is not an edit, so no warning.
      if (isEmptyUpdate(update)) return;
      // Refused, never applied. Say so once; the client keeps its local copy.
      if (!this.warnedReadOnly) this.send(permissionDeniedMessage("This document is read-only for you."));
      this.warnedReadOnly = true;
      return;
    }
    // submit() throws synchronously on an update that does not decode (caught by receive → 4400),
    // and rejects with MalformedUpdateError on one that decodes but Yjs cannot integrate.
    this.live.submit(update, this).catch((error) => this.close(error instanceof MalformedUpdateError ? CLOSE.BAD_MESSAGE : CLOSE.SERVER_ERROR));
  }

  private isFlooding(): boolean {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.messagesInWindow = 0;
    }
    return ++this.messagesInWindow > MAX_MESSAGES_PER_SECOND;
  }
}
