// /collab/<documentId>: the y-websocket endpoint. Authenticates on upgrade (401), authorizes
// through the policy module (403, or a read-only connection), and re-checks live connections
// whenever access may have shrunk (a membership ended, a token revoked, a sign-out), before the
// mutation that shrank it returns. Shuts down in bounded time, however stalled its clients.
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import { loadActor } from "../auth/load-actor.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { EventBus, AccessChanged } from "../events/bus.ts";
import { warnTo, type Logger } from "../observability/logger.ts";
import type { Metrics } from "../observability/metrics.ts";
import type { UserActor } from "../policies/actor.ts";
import { documentAccess, type DocumentAccess } from "../policies/documents.ts";
import type { RedisConnections } from "../redis.ts";
import { refuseUpgrade, type UpgradeEndpoint } from "../upgrade.ts";
import { CollabConnection } from "./connection.ts";
import { localFanOut } from "./fan-out.ts";
import { DocumentPersistence } from "./persistence.ts";
import { CLOSE, MAX_FRAME_BYTES } from "./protocol.ts";
import { RedisFanOut } from "./redis-fan-out.ts";
import { documentMentionNotifier } from "../notifications/mentions.ts";
import { DocumentRegistry } from "./registry.ts";
import { isUuid } from "../domain/ids.ts";

/** Clients are pinged this often unless configured (COLLAB_PING_INTERVAL_MS). */
const DEFAULT_PING_INTERVAL_MS = 30_000;

/**
 * ws closes a frame over maxPayload with a bare 1009. Ours says why, so a client (and whoever
 * reads its logs) can tell a too-large change from a network failure.
 */
class CollabSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer) {
    super.close(code, code === CLOSE.TOO_BIG.code && data === undefined ? CLOSE.TOO_BIG.reason : data);
  }
}

export type CollabServer = UpgradeEndpoint & { documents: DocumentRegistry; connectionCount(): number };

export function createCollabServer({
  config,
  db,
  events,
  redis,
  logger,
  metrics,
}: {
  config: Config;
  db: Database;
  events: EventBus;
  redis?: RedisConnections;
  logger: Logger;
  metrics?: Metrics;
}): CollabServer {
  const collabLog = logger.child({ component: "collab" });
  const log = warnTo(collabLog);
  // With Redis, instances that have the same document open carry each other's updates and presence.
  const fanOut = redis ? new RedisFanOut(redis, log) : localFanOut;
  const timeAppend = metrics ? (seconds: number) => metrics.collabUpdateWriteDuration.observe(seconds) : undefined;
  const mentions = documentMentionNotifier(db.prisma, events, log);
  const registry = new DocumentRegistry(new DocumentPersistence(db.prisma, db.sql, timeAppend), {
    unloadAfterMs: config.collab.unloadAfterMs,
    log,
    fanOut,
    onMentionsAdded: (documentId, actorUserId, added) => mentions.mentionsAdded(documentId, actorUserId, added),
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, WebSocket: CollabSocket });
  const connections = new Set<CollabConnection>();
  let shuttingDown = false;

  type Access = { userId: string; groupId: string; access: DocumentAccess; expiresAt: Date | null };

  async function accessFor(token: string, documentId: string): Promise<Access | "unauthenticated" | "gone"> {
    const actor = await loadActor(db, token);
    if (actor?.kind !== "user") return "unauthenticated";
    const [doc, expiresAt] = await Promise.all([
      db.prisma.document.findUnique({
        where: { id: documentId },
        select: { groupId: true, kind: true, creatorId: true, sharedWithCoachesAt: true },
      }),
      credentialExpiry(actor),
    ]);
    if (!doc) return "gone";
    return { userId: actor.userId, groupId: doc.groupId, access: documentAccess(actor, doc), expiresAt };
  }

  /** When the session or API token the actor came with expires: the connection ends then (4401). */
  async function credentialExpiry(actor: UserActor): Promise<Date | null> {
    const credential = actor.authSessionId
      ? await db.prisma.authSession.findUnique({ where: { id: actor.authSessionId }, select: { expiresAt: true } })
      : actor.apiToken
        ? await db.prisma.apiToken.findUnique({ where: { id: actor.apiToken.id }, select: { expiresAt: true } })
        : null;
    return credential?.expiresAt ?? null;
  }

  async function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
    // Clients told "going away" reconnect at once: during a shutdown they are refused, or it would never end.
    if (shuttingDown) return refuseUpgrade(socket, 503, "The server is shutting down; try again.");
    const url = new URL(req.url ?? "/", "http://localhost");
    const documentId = decodeURIComponent(url.pathname.slice("/collab/".length));
    const token = url.searchParams.get("token");
    if (!token) return refuseUpgrade(socket, 401, "A token parameter is required.");
    if (!isUuid(documentId)) return refuseUpgrade(socket, 404, "No such document.");
    const decision = await accessFor(token, documentId);
    if (decision === "unauthenticated") return refuseUpgrade(socket, 401, "This token is unknown, expired or revoked.");
    // A missing document and a forbidden one look the same: ids reveal nothing.
    if (decision === "gone" || decision.access === "none") return refuseUpgrade(socket, 403, "You do not have access to this document.");

    const live = await registry.acquire(documentId);
    // ws silently drops a socket that died while we looked things up, without calling back:
    // the document must be released then, or it stays loaded forever.
    let adopted = false;
    const abandon = () => {
      if (!adopted) registry.release(documentId);
    };
    if (socket.destroyed || !socket.readable || !socket.writable) {
      socket.destroy();
      return abandon();
    }
    if (shuttingDown) {
      refuseUpgrade(socket, 503, "The server is shutting down; try again.");
      return abandon();
    }
    socket.once("close", abandon);
    wss.handleUpgrade(req, socket, head, (ws) => {
      adopted = true;
      socket.off("close", abandon);
      const connection = new CollabConnection(
        ws,
        live,
        { userId: decision.userId, token, documentId, groupId: decision.groupId, expiresAt: decision.expiresAt },
        decision.access === "read",
        (closed) => {
          connections.delete(closed);
          registry.release(documentId);
        },
      );
      connections.add(connection);
      const { userId } = decision;
      collabLog.info({ documentId, userId, readOnly: connection.readOnly }, "collab connection opened");
      ws.once("close", (code) => collabLog.info({ documentId, userId, code }, "collab connection closed"));
    });
  }

  /** The close for editors of a document that was deleted: who deleted it, when we can say it in a close reason (123 bytes). */
  async function deletedClose(byUserId: string | undefined): Promise<{ code: number; reason: string }> {
    if (!byUserId) return CLOSE.DELETED;
    const by = await db.prisma.user.findUnique({ where: { id: byUserId }, select: { name: true } }).catch(() => null);
    const reason = by ? `${CLOSE.DELETED.reason} by ${by.name}` : CLOSE.DELETED.reason;
    return Buffer.byteLength(reason) <= 123 ? { code: CLOSE.DELETED.code, reason } : CLOSE.DELETED;
  }

  /** Re-checks the affected connections (all of them: "everyone"); closes those that lost access, narrows those that became read-only. */
  async function recheck(change: AccessChanged | "everyone") {
    const affected = [...connections].filter(
      (c) =>
        change === "everyone" ||
        change.userIds?.includes(c.identity.userId) ||
        change.groupIds?.includes(c.identity.groupId) ||
        change.documentIds?.includes(c.identity.documentId),
    );
    const deleted = change !== "everyone" && change.reason === "deleted" && affected.length > 0 ? await deletedClose(change.byUserId) : null;
    await Promise.all(
      affected.map(async (connection) => {
        const decision = await accessFor(connection.identity.token, connection.identity.documentId).catch((error) => {
          log(`access re-check failed: ${(error as Error).message}`);
          return null;
        });
        // Could not tell: closed (retryable) rather than left with access that may be gone.
        if (decision === null) return connection.close(CLOSE.ACCESS_CHECK_FAILED);
        // A deactivated person is told why their document closed, whichever way their access ended.
        const deactivated = change !== "everyone" && change.reason === "deactivated" && change.userIds?.includes(connection.identity.userId);
        if (decision === "unauthenticated") return connection.close(deactivated ? CLOSE.DEACTIVATED : CLOSE.UNAUTHENTICATED);
        // Its document deleted, an editor is told so (and by whom), rather than that its access ended.
        if (decision === "gone" && deleted && change !== "everyone" && change.documentIds?.includes(connection.identity.documentId))
          return connection.close(deleted);
        if (decision === "gone" || decision.access === "none") return connection.close(deactivated ? CLOSE.DEACTIVATED : CLOSE.FORBIDDEN);
        connection.readOnly = decision.access === "read";
      }),
    );
  }

  // The mutation that changed access awaits this instance's re-check (see EventBus.accessChanged).
  const stopGuarding = events.onAccessChanged(recheck);
  // Cut off from the other instances' events for a while, we cannot know whose access changed meanwhile.
  const stopRecheckingOnReconnect = events.onReconnected(() => void recheck("everyone").catch((e) => log(`recheck failed: ${(e as Error).message}`)));
  // Liveness: a client that has not answered the previous ping is cut (dead network, stalled reader).
  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.heartbeat();
  }, config.collab.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS);
  heartbeat.unref();

  return {
    documents: registry,
    connectionCount: () => connections.size,
    handleUpgrade(req, socket, head) {
      upgrade(req, socket, head).catch((error) => {
        log(`upgrade failed: ${(error as Error).message}`);
        refuseUpgrade(socket, 503, "Could not open the document; try again.");
      });
    },
    /**
     * Shutdown in bounded time: every client is told "going away" (1001) and let go of at once,
     * pending edits are written, and a client that has not completed the close handshake by
     * then (within CLOSE_GRACE_MS) has its socket cut.
     */
    async close() {
      shuttingDown = true;
      clearInterval(heartbeat);
      stopRecheckingOnReconnect();
      await stopGuarding();
      const closing = [...connections];
      for (const connection of closing) connection.close(CLOSE.GOING_AWAY);
      await registry.closeAll();
      await mentions.idle();
      await fanOut.close();
      await Promise.all(closing.map((connection) => connection.socketClosed));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
