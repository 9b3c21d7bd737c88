// The y-websocket wire protocol (what y-websocket's WebsocketProvider speaks): each binary
// frame starts with a varuint message type, followed by that type's payload (y-protocols).
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Larger frames are closed by ws with 1009: a whole lesson plan is far smaller. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/**
 * Close codes a client can act on. 4xxx are ours (the websocket spec leaves them to apps).
 * y-websocket's provider gives up on 4400–4499 and reconnects on anything else, so only
 * decisions a reconnect cannot change use that range; 45xx means "reconnect" (its own convention).
 */
export const CLOSE = {
  GOING_AWAY: { code: 1001, reason: "server shutting down" },
  TOO_BIG: { code: 1009, reason: "message over the 4 MiB limit: send a smaller change" },
  SERVER_ERROR: { code: 1011, reason: "could not save the edit; reconnect to retry" },
  ACCESS_CHECK_FAILED: { code: 1011, reason: "could not check your access; reconnect to retry" },
  BAD_MESSAGE: { code: 4400, reason: "malformed or unknown message" },
  UNAUTHENTICATED: { code: 4401, reason: "sign in again" },
  FORBIDDEN: { code: 4403, reason: "access to this document was removed" },
  /** An admin deactivated the person in the document's school (clients may say so in their own words). */
  DEACTIVATED: { code: 4403, reason: "account deactivated" },
  /** The document was deleted; the reason names who deleted it when known ("document deleted by Ana Ruiz"). */
  DELETED: { code: 4410, reason: "document deleted" },
  /** The client does not read what we send (or not fast enough): its backlog is dropped, it may reconnect. */
  NOT_READING: { code: 4503, reason: "too much unread data; reconnect" },
} as const;

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return awarenessMessageFromUpdate(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

/** An awareness frame around an already encoded awareness update. */
export function awarenessMessageFromUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Tells a read-only client its edits are not accepted (y-websocket logs it). */
export function permissionDeniedMessage(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, 0); // y-protocols/auth: permission denied
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}
