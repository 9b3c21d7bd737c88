// Redis for the scale-out tests: the machine's Redis, a prefix per test file so files (and
// benchmarks) running at the same time never hear each other, and a TCP proxy in front of it
// that can cut one instance off from Redis and let it back, as a real outage would.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { Redis } from "ioredis";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A REDIS_PREFIX no other test run uses. */
export function uniqueRedisPrefix(label: string): string {
  return `staffroom-test-${label}-${randomBytes(4).toString("hex")}`;
}

/** A plain connection for looking at Redis from the test (subscriber counts, keys, clients). */
export function redisAdmin(): Redis {
  return new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1 });
}

/** How many connections are subscribed to `channel` right now (Redis' own count: confirmed subscriptions). */
export async function subscriberCount(admin: Redis, channel: string): Promise<number> {
  const reply = (await admin.pubsub("NUMSUB", channel)) as [string, number];
  return Number(reply[1]);
}

/** Names of the connections whose name starts with `prefix` (the app names its connections `<prefix>:<role>:<pid>`). */
export async function connectionsNamed(admin: Redis, prefix: string): Promise<string[]> {
  const list = (await admin.client("LIST")) as string;
  return list
    .split("\n")
    .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? "")
    .filter((name) => name.startsWith(`${prefix}:`));
}

/** Deletes every key under `prefix` (the sign-in counters a test left behind). */
export async function deleteKeys(admin: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = "0";
  do {
    const [next, keys] = await admin.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) deleted += await admin.del(...keys);
  } while (cursor !== "0");
  return deleted;
}

/**
 * A TCP proxy to Redis. `cut()` drops every connection through it and refuses new ones until
 * `restore()`: the instance behind it sees Redis go away, while everyone else keeps it.
 */
export class RedisOutageProxy {
  private readonly sockets = new Set<net.Socket>();
  private refusing = false;
  private server: net.Server | null = null;
  url = "";

  async start(): Promise<this> {
    const target = new URL(REDIS_URL);
    this.server = net.createServer((client) => {
      if (this.refusing) return void client.destroy();
      const upstream = net.connect(Number(target.port || 6379), target.hostname);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.on("error", () => to.destroy());
        from.on("close", () => {
          this.sockets.delete(from);
          to.destroy();
        });
        from.pipe(to);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as net.AddressInfo;
    this.url = `redis://127.0.0.1:${port}`;
    return this;
  }

  /** Number of client connections through the proxy right now. */
  get connectionCount(): number {
    return this.sockets.size / 2;
  }

  cut() {
    this.refusing = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore() {
    this.refusing = false;
  }

  async close() {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
