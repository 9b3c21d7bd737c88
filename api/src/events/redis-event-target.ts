// The event bus across instances: @graphql-yoga/redis-event-target (its default serializer,
// JSON) over our commands and events connections, seen through a small adapter that
//  - puts every topic under REDIS_PREFIX (`<prefix>:event:<topic>`), so deployments and test
//    runs sharing one Redis never hear each other, and
//  - catches the promises the library leaves floating: a PUBLISH or SUBSCRIBE that fails (at
//    shutdown, or on a broken connection) is logged, never an unhandled rejection that ends
//    the process.
// The adapter is the part of ioredis' API the library calls (on "message", subscribe,
// unsubscribe, publish), checked against its source; the cast says so.
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import type { Redis } from "ioredis";
import type { RedisConnections } from "../redis.ts";

export type RedisEventTarget = {
  target: ReturnType<typeof createRedisEventTarget>;
  /**
   * Calls `listener` whenever the events connection came back after a gap, once its
   * subscriptions are confirmed again: events published during the gap were missed.
   */
  onResubscribed(listener: () => void): () => void;
};

export function createPrefixedRedisEventTarget(redis: RedisConnections, log: (message: string) => void): RedisEventTarget {
  const prefix = redis.name("event", "");
  const subscribed = new Set<string>();
  const listeners = new Set<() => void>();
  const warn = (what: string) => (error: Error) => log(`${what} failed: ${error.message}`);

  const subscribeClient = {
    on(event: "message", handler: (topic: string, message: string) => void) {
      redis.events.on(event, (channel: string, message: string) => {
        if (channel.startsWith(prefix)) handler(channel.slice(prefix.length), message);
      });
      return subscribeClient;
    },
    subscribe(topic: string) {
      subscribed.add(prefix + topic);
      return redis.events.subscribe(prefix + topic).catch(warn(`SUBSCRIBE ${topic}`));
    },
    unsubscribe(topic: string) {
      subscribed.delete(prefix + topic);
      return redis.events.unsubscribe(prefix + topic).catch(warn(`UNSUBSCRIBE ${topic}`));
    },
  };
  const publishClient = {
    publish(topic: string, message: string) {
      return redis.commands.publish(prefix + topic, message).catch(warn(`PUBLISH ${topic}`));
    },
  };

  let wasDown = false;
  redis.events.on("close", () => (wasDown = true));
  redis.events.on("ready", () => {
    if (!wasDown) return;
    wasDown = false;
    // ioredis resubscribes right after "ready"; our own SUBSCRIBE is answered after its, on the same connection.
    const channels = [...subscribed];
    void (channels.length > 0 ? redis.events.subscribe(...channels) : Promise.resolve()).then(() => {
      for (const listener of listeners) listener();
    }, warn("resubscribing"));
  });

  return {
    target: createRedisEventTarget({ publishClient: publishClient as unknown as Redis, subscribeClient: subscribeClient as unknown as Redis }),
    onResubscribed(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
