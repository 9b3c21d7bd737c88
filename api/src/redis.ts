// Redis, when several instances run (REDIS_URL). Three connections per process, because a
// connection that SUBSCRIBEs can do nothing else:
//   commands  — PUBLISH, the shared sign-in counters, PING for /readyz
//   events    — the event bus's subscriptions (yoga's Redis event target; ioredis resubscribes it)
//   documents — one channel per open live document; the fan-out resubscribes it itself, so it
//               can re-read the update log after a gap (collab/redis-fan-out.ts)
// Every channel and key starts with REDIS_PREFIX. An outage never crashes the process: ioredis
// reconnects on its own, commands wait for it, and we log when Redis goes away and comes back.
import { Redis } from "ioredis";

export type RedisRole = "commands" | "events" | "documents";

export type RedisConnections = {
  readonly prefix: string;
  readonly commands: Redis;
  readonly events: Redis;
  readonly documents: Redis;
  /** A channel or key name under this deployment's prefix. */
  name(...parts: string[]): string;
  /** Resolves once every connection is ready or has failed its first attempt: startup never waits out an outage. */
  firstAttempt(): Promise<void>;
  /** True when every connection is up and Redis answers a PING (for /readyz). */
  ready(): Promise<boolean>;
  close(): Promise<void>;
};

/** Commands never give up waiting for a reconnect; callers that must not wait check `status` first. */
const RETRY_FOREVER = null;

export function connectRedis({ url, prefix, log }: { url: string; prefix: string; log: (message: string) => void }): RedisConnections {
  const open = (role: RedisRole) => {
    const client = new Redis(url, {
      connectionName: `${prefix}:${role}:${process.pid}`,
      maxRetriesPerRequest: RETRY_FOREVER,
      // The documents connection resubscribes itself: it must know when the gap ended, to catch up.
      autoResubscribe: role !== "documents",
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    });
    let healthy: boolean | null = null;
    client.on("ready", () => {
      if (healthy === false) log(`Redis (${role}) is back`);
      healthy = true;
    });
    client.on("error", (error: Error) => {
      // ioredis reports every failed reconnect attempt; say it once per outage.
      if (healthy !== false) log(`Redis (${role}) unavailable, reconnecting: ${error.message}`);
      healthy = false;
    });
    return client;
  };
  const connections = { commands: open("commands"), events: open("events"), documents: open("documents") };
  const all = Object.values(connections);

  return {
    prefix,
    ...connections,
    name: (...parts) => [prefix, ...parts].join(":"),
    firstAttempt: () =>
      Promise.all(
        all.map(
          (client) =>
            client.status === "ready" ||
            new Promise<void>((resolve) => {
              const done = () => {
                client.off("ready", done);
                client.off("error", done);
                resolve();
              };
              client.on("ready", done);
              client.on("error", done);
            }),
        ),
      ).then(() => {}),
    async ready() {
      if (all.some((client) => client.status !== "ready")) return false;
      return (await connections.commands.ping().catch(() => null)) === "PONG";
    },
    async close() {
      // QUIT lets replies in flight arrive; a connection that is down has nothing to wait for.
      await Promise.all(
        all.map((client) =>
          client.status === "ready"
            ? client.quit().then(
                () => {},
                () => client.disconnect(),
              )
            : client.disconnect(),
        ),
      );
    },
  };
}
