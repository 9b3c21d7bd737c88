// How the instances that have a document open hear each other. Alone (no REDIS_URL) there is no
// one to tell: localFanOut does nothing. With Redis, redis-fan-out.ts carries stored updates and
// awareness between instances.

/** What the fan-out may ask of an open document (LiveDocument implements it). */
export interface FanOutMember {
  readonly id: string;
  /** Updates another instance stored (durable) and applied: apply them here too. Yjs makes a repeat harmless. */
  receiveUpdates(updates: Uint8Array[]): void;
  /** Presence of another instance's clients. */
  receiveAwareness(update: Uint8Array): void;
  /** Presence of this instance's own clients (to greet an instance that just opened the document), or null. */
  localAwareness(): Uint8Array | null;
  /** Messages may have been missed: re-read the update log from the database. */
  catchUp(): Promise<void>;
}

export interface DocumentFanOut {
  /**
   * Starts hearing other instances about `member`'s document. Resolves once that is so, or at
   * once when Redis is away (the reconnect subscribes and calls `catchUp`). Call it BEFORE
   * reading the document from the database; see LiveDocument.load.
   */
  join(member: FanOutMember): Promise<void>;
  leave(member: FanOutMember): void;
  /** Tells the others about updates this instance just stored and applied. Never throws. */
  publishUpdates(documentId: string, updates: Uint8Array[]): void;
  /** Tells the others about this instance's clients' presence. Never throws. */
  publishAwareness(documentId: string, update: Uint8Array): void;
  close(): Promise<void>;
}

export const localFanOut: DocumentFanOut = {
  join: async () => {},
  leave: () => {},
  publishUpdates: () => {},
  publishAwareness: () => {},
  close: async () => {},
};
