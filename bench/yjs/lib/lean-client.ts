// The benchmark's Yjs client: the y-websocket sync + awareness protocol (y-protocols) on a bare
// `ws` socket, with Hocuspocus' framing as an adapter (every frame prefixed with the document
// name, and an auth message first). It keeps no Y.Doc of what it receives: it hands each
// received update to the caller with the time it arrived, so one generator process can hold
// 60 clients at 12,000 deliveries a second without measuring itself. Writers pass the Y.Doc they
// edit, so the handshake tells the server what they have.
//
// Why not the real providers: y-websocket's WebsocketProvider and HocuspocusProvider would each
// apply every update to a Y.Doc per client (the generator would then be the bottleneck), and the
// two differ in batching and timers, so the generator would no longer be the same for every peer.
// The wire bytes are the providers' own: SyncStep1 + awareness on open (Hocuspocus: auth first),
// SyncStep2 in reply to the server's SyncStep1, updates as sync "update" messages.
import { randomInt } from "node:crypto";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as Y from "yjs";

export type Framing = "y-websocket" | "hocuspocus";
/** Where a client connects: the websocket URL, how to frame, which document, as whom. */
export type Endpoint = { url: string; framing: Framing; documentName: string; token: string };

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
/** Hocuspocus only: a sync message that does not ask for another SyncStep1 back. */
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** y-protocols/auth: the only auth message a y-websocket server sends. */
const Y_AUTH_PERMISSION_DENIED = 0;
/** @hocuspocus/common AuthMessageType. */
const HOCUSPOCUS_AUTH_TOKEN = 0;
const HOCUSPOCUS_AUTH_PERMISSION_DENIED = 1;
const HOCUSPOCUS_PROVIDER_VERSION = "4.7.0";

const EMPTY_DOC = new Y.Doc();
const EMPTY_STATE_VECTOR = Y.encodeStateVector(EMPTY_DOC);

/** `kind` says whether the payload answered a SyncStep1 ("state") or was broadcast ("update"). */
export type PayloadHandler = (payload: Uint8Array, receivedAt: number, kind: "state" | "update") => void;

export class LeanClient {
  private readonly socket: WebSocket;
  private stateWaiters: Array<(state: Uint8Array) => void> = [];
  private readonly awarenessClient = randomInt(1, 2 ** 31);
  /** Resolves with the first SyncStep2 from the server; rejects if refused or closed before. */
  readonly synced: Promise<void>;
  /** Resolves once the socket is closed, by either side. */
  readonly closed: Promise<void>;
  closedByServer = false;
  private closing = false;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly onPayload: PayloadHandler = () => {},
    /** The document this client edits (writers), or nothing (it claims an empty document). */
    private readonly local: Y.Doc | null = null,
  ) {
    this.socket = new WebSocket(endpoint.url, { handshakeTimeout: 15_000 });
    this.socket.binaryType = "nodebuffer";
    let markSynced!: () => void;
    let failSync!: (error: Error) => void;
    let isSynced = false;
    this.synced = new Promise<void>((resolve, reject) => {
      markSynced = () => {
        isSynced = true;
        resolve();
      };
      failSync = reject;
    });
    this.synced.catch(() => {}); // callers that never await it must not crash the process
    this.stateWaiters.push(() => markSynced());
    this.closed = new Promise((resolve) => this.socket.once("close", () => resolve()));
    this.socket.on("close", (code) => {
      if (!this.closing) this.closedByServer = true;
      if (!isSynced) failSync(new Error(`closed before sync (code ${code}) by ${endpoint.url}`));
    });
    this.socket.on("unexpected-response", (_request, response) => failSync(new Error(`refused with HTTP ${response.statusCode} by ${endpoint.url}`)));
    this.socket.on("error", (error) => failSync(error));
    this.socket.on("open", () => this.greet());
    this.socket.on("message", (data: Buffer) => {
      const receivedAt = performance.now();
      try {
        this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), receivedAt);
      } catch (error) {
        failSync(error as Error);
      }
    });
    this.fail = failSync;
  }

  private readonly fail: (error: Error) => void;

  /** Sends one Yjs update (as y-websocket's sync "update" message). */
  sendUpdate(update: Uint8Array) {
    this.send((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint8Array(e, update);
    });
  }

  /** Asks for the server's whole state (SyncStep1 with an empty state vector); resolves with its SyncStep2. */
  requestState(): Promise<Uint8Array> {
    return new Promise((resolve) => {
      this.stateWaiters.push(resolve);
      this.send((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        encoding.writeVarUint(e, SYNC_STEP_1);
        encoding.writeVarUint8Array(e, EMPTY_STATE_VECTOR);
      });
    });
  }

  close(): Promise<void> {
    this.closing = true;
    if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    else this.socket.close();
    return this.closed;
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  private greet() {
    const { framing, token } = this.endpoint;
    if (framing === "hocuspocus") {
      this.send((e) => {
        encoding.writeVarUint(e, MESSAGE_AUTH);
        encoding.writeVarUint(e, HOCUSPOCUS_AUTH_TOKEN);
        encoding.writeVarString(e, token);
        encoding.writeVarString(e, HOCUSPOCUS_PROVIDER_VERSION);
      });
    }
    this.send((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, SYNC_STEP_1);
      encoding.writeVarUint8Array(e, this.local ? Y.encodeStateVector(this.local) : EMPTY_STATE_VECTOR);
    });
    // Presence, as a provider announces it: one awareness client with a small state.
    this.send((e) => {
      encoding.writeVarUint(e, MESSAGE_AWARENESS);
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 1);
      encoding.writeVarUint(update, this.awarenessClient);
      encoding.writeVarUint(update, 1);
      encoding.writeVarString(update, JSON.stringify({ user: { name: `bench ${this.awarenessClient}` } }));
      encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
    });
  }

  private send(write: (encoder: encoding.Encoder) => void) {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    if (this.endpoint.framing === "hocuspocus") encoding.writeVarString(encoder, this.endpoint.documentName);
    write(encoder);
    this.socket.send(encoding.toUint8Array(encoder));
  }

  private receive(frame: Uint8Array, receivedAt: number) {
    const decoder = decoding.createDecoder(frame);
    if (this.endpoint.framing === "hocuspocus") decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC || (type === MESSAGE_SYNC_REPLY && this.endpoint.framing === "hocuspocus")) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP_1) {
        const update = Y.encodeStateAsUpdate(this.local ?? EMPTY_DOC, payload);
        this.send((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          encoding.writeVarUint(e, SYNC_STEP_2);
          encoding.writeVarUint8Array(e, update);
        });
      } else if (step === SYNC_STEP_2) {
        this.stateWaiters.shift()?.(payload);
        this.onPayload(payload, receivedAt, "state");
      } else if (step === SYNC_UPDATE) {
        this.onPayload(payload, receivedAt, "update");
      }
    } else if (type === MESSAGE_AUTH) {
      const kind = decoding.readVarUint(decoder);
      const denied = this.endpoint.framing === "hocuspocus" ? kind === HOCUSPOCUS_AUTH_PERMISSION_DENIED : kind === Y_AUTH_PERMISSION_DENIED;
      if (denied) this.fail(new Error(`permission denied by ${this.endpoint.url}: ${decoding.readVarString(decoder)}`));
    }
    // Awareness, Hocuspocus' sync status acks and the rest: nothing to do.
  }
}

/** Connects `endpoints` (at most `concurrency` handshakes at a time); resolves when all are synced. */
export async function connectAll<T>(endpoints: readonly T[], connect: (item: T, index: number) => LeanClient, concurrency = 10): Promise<LeanClient[]> {
  const clients: LeanClient[] = new Array(endpoints.length);
  let next = 0;
  const worker = async () => {
    while (next < endpoints.length) {
      const index = next++;
      const client = connect(endpoints[index]!, index);
      clients[index] = client;
      await client.synced;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, endpoints.length) }, worker));
  } catch (error) {
    await Promise.all(clients.filter(Boolean).map((c) => c.close()));
    throw error;
  }
  return clients;
}
