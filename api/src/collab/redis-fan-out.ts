// Live documents across instances, over Redis pub/sub: one channel per document
// (`<prefix>:doc:<documentId>`), subscribed while the document is open here.
//
// Every message starts with the sending instance's id (an instance ignores its own) and a kind:
//   UPDATES    updates the sender already appended to the log and applied: apply them too
//   AWARENESS  presence of the sender's clients (changes, and removals when one disconnects)
//   JOINED     the sender just opened the document: re-read the log, and tell it who is here
//   RESYNC     the sender could not publish for a while: the same
//
// Pub/sub delivers only to whoever is subscribed at that moment, and an instance can die between
// appending an update and publishing it, so every gap is closed by reading the log (updates are
// idempotent):
//  - a document subscribes BEFORE it loads (see LiveDocument.load);
//  - after the documents connection comes back, every open document resubscribes and THEN
//    re-reads the log;
//  - updates we could not publish are announced with RESYNC once we can again;
//  - an instance that died after an append but before its publish left an update only in the
//    log. Its clients come back to an instance that either lacks that update (their sync sends
//    it again, and it is published then) or loads the document afresh — whose JOINED makes
//    everyone else re-read the log.
import { randomUUID } from "node:crypto";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { RedisConnections } from "../redis.ts";
import type { DocumentFanOut, FanOutMember } from "./fan-out.ts";

const UPDATES = 0;
const AWARENESS = 1;
const JOINED = 2;
const RESYNC = 3;

export class RedisFanOut implements DocumentFanOut {
  private readonly instanceId = randomUUID();
  /** Open documents by id. More than one member briefly, while one unloads as another loads. */
  private readonly members = new Map<string, Set<FanOutMember>>();
  /** The SUBSCRIBE of each open document's channel (resolved once Redis confirmed it). */
  private readonly subscriptions = new Map<string, Promise<unknown>>();
  /** Documents with updates we stored but could not publish: the others must re-read the log. */
  private readonly unpublished = new Set<string>();
  private readonly channelPrefix: string;
  private commandsWereDown = false;
  private closed = false;
  /** Settles when the documents connection next drops (a SUBSCRIBE in flight then waits for the reconnect). */
  private connectionDropped!: Promise<void>;
  private dropConnection!: () => void;

  constructor(
    private readonly redis: RedisConnections,
    private readonly log: (message: string) => void,
  ) {
    this.channelPrefix = redis.name("doc", "");
    this.armConnectionDropped();
    redis.documents.on("messageBuffer", this.onMessage);
    redis.documents.on("ready", this.onDocumentsReady);
    redis.documents.on("close", this.onDocumentsClosed);
    redis.commands.on("close", this.onCommandsClosed);
    redis.commands.on("ready", this.onCommandsReady);
  }

  async join(member: FanOutMember): Promise<void> {
    let members = this.members.get(member.id);
    if (!members) {
      members = new Set();
      this.members.set(member.id, members);
    }
    members.add(member);
    // Redis is away: open from the database now; onDocumentsReady subscribes and catches up.
    if (this.redis.documents.status !== "ready") return;
    let subscription = this.subscriptions.get(member.id);
    const first = !subscription;
    if (!subscription) {
      subscription = this.redis.documents.subscribe(this.channel(member.id)).catch((error: Error) => {
        // The connection broke meanwhile: onDocumentsReady resubscribes and catches up.
        this.log(`SUBSCRIBE for ${member.id} failed: ${error.message}`);
      });
      this.subscriptions.set(member.id, subscription);
    }
    // A document opening just as Redis goes away does not wait out the outage: onDocumentsReady
    // subscribes and catches up once it is over.
    const subscribed = await Promise.race([subscription.then(() => true), this.connectionDropped.then(() => false)]);
    if (subscribed && first) this.publish(member.id, JOINED);
  }

  leave(member: FanOutMember): void {
    const members = this.members.get(member.id);
    if (!members?.delete(member) || members.size > 0) return;
    this.members.delete(member.id);
    this.subscriptions.delete(member.id);
    // A later join sends its SUBSCRIBE after this UNSUBSCRIBE on the same connection: it wins.
    if (this.redis.documents.status === "ready") {
      this.redis.documents.unsubscribe(this.channel(member.id)).catch((error: Error) => this.log(`UNSUBSCRIBE for ${member.id} failed: ${error.message}`));
    }
  }

  publishUpdates(documentId: string, updates: Uint8Array[]): void {
    if (updates.length === 0) return;
    this.publish(documentId, UPDATES, (encoder) => {
      encoding.writeVarUint(encoder, updates.length);
      for (const update of updates) encoding.writeVarUint8Array(encoder, update);
    });
  }

  publishAwareness(documentId: string, update: Uint8Array): void {
    this.publish(documentId, AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.redis.documents.off("messageBuffer", this.onMessage);
    this.redis.documents.off("ready", this.onDocumentsReady);
    this.redis.documents.off("close", this.onDocumentsClosed);
    this.redis.commands.off("close", this.onCommandsClosed);
    this.redis.commands.off("ready", this.onCommandsReady);
    this.members.clear();
    this.subscriptions.clear();
  }

  private channel(documentId: string): string {
    return this.channelPrefix + documentId;
  }

  private publish(documentId: string, kind: number, writePayload?: (encoder: encoding.Encoder) => void) {
    // While Redis is away nothing queues up in memory: a RESYNC after the reconnect says "re-read the log".
    if (this.closed || this.redis.commands.status !== "ready") {
      if (kind === UPDATES) this.unpublished.add(documentId);
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.instanceId);
    encoding.writeVarUint(encoder, kind);
    writePayload?.(encoder);
    this.redis.commands.publish(this.channel(documentId), Buffer.from(encoding.toUint8Array(encoder))).then(
      () => this.announceUnpublished(),
      (error: Error) => {
        if (kind === UPDATES) this.unpublished.add(documentId);
        this.log(`PUBLISH for ${documentId} failed: ${error.message}`);
      },
    );
  }

  /** Publishing works (again): whoever has these documents open must re-read their logs. */
  private announceUnpublished() {
    if (this.unpublished.size === 0) return;
    const missed = [...this.unpublished];
    this.unpublished.clear();
    for (const id of missed) this.publish(id, RESYNC);
  }

  private readonly onMessage = (channelBytes: Buffer, message: Buffer) => {
    const channel = channelBytes.toString();
    if (!channel.startsWith(this.channelPrefix)) return;
    const documentId = channel.slice(this.channelPrefix.length);
    const members = this.members.get(documentId);
    if (!members) return;
    try {
      const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      if (decoding.readVarString(decoder) === this.instanceId) return;
      const kind = decoding.readVarUint(decoder);
      if (kind === UPDATES) {
        const updates = Array.from({ length: decoding.readVarUint(decoder) }, () => decoding.readVarUint8Array(decoder));
        for (const member of members) member.receiveUpdates(updates);
      } else if (kind === AWARENESS) {
        const update = decoding.readVarUint8Array(decoder);
        for (const member of members) member.receiveAwareness(update);
      } else if (kind === JOINED || kind === RESYNC) {
        for (const member of members) this.catchUp(member);
        this.announce(documentId);
      }
    } catch (error) {
      this.log(`dropped a malformed message for ${documentId}: ${(error as Error).message}`);
    }
  };

  /** Publishes the presence of this instance's clients of one document, if it has any. */
  private announce(documentId: string) {
    for (const member of this.members.get(documentId) ?? []) {
      const update = member.localAwareness();
      if (update) this.publishAwareness(documentId, update);
    }
  }

  private catchUp(member: FanOutMember) {
    member.catchUp().catch((error: Error) => this.log(`catching up ${member.id} failed: ${error.message}`));
  }

  /**
   * The documents connection is (back) up. Subscribe every open document's channel and only
   * once Redis confirmed that, re-read each log: an update published during the gap was
   * appended before it was published, so before our subscription, so before our read.
   */
  private readonly onDocumentsReady = () => {
    const documentIds = [...this.members.keys()];
    if (documentIds.length === 0) return;
    const subscribed = this.redis.documents.subscribe(...documentIds.map((id) => this.channel(id))).then(
      () => {
        for (const id of documentIds) {
          for (const member of this.members.get(id) ?? []) this.catchUp(member);
          this.publish(id, JOINED);
        }
      },
      // The connection dropped again: the next "ready" tries again.
      (error: Error) => this.log(`resubscribing documents failed: ${error.message}`),
    );
    for (const id of documentIds) this.subscriptions.set(id, subscribed);
  };

  private armConnectionDropped() {
    this.connectionDropped = new Promise((resolve) => (this.dropConnection = resolve));
  }

  private readonly onDocumentsClosed = () => {
    this.dropConnection();
    this.armConnectionDropped();
  };

  private readonly onCommandsClosed = () => {
    this.commandsWereDown = true;
  };

  /** We can publish again: tell the others about what we could not, and who is here. */
  private readonly onCommandsReady = () => {
    if (!this.commandsWereDown) return;
    this.commandsWereDown = false;
    this.announceUnpublished();
    for (const id of this.members.keys()) this.announce(id);
  };
}
