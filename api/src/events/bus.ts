// The app's event bus: yoga's typed pub/sub. In one process it is in memory; with several
// instances it moves onto Redis (@graphql-yoga/redis-event-target) without changing callers.
// Over Redis every instance hears every event, its own included, through Redis.
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { createPubSub } from "graphql-yoga";
import type { ActivityMessage } from "../domain/activity.ts";
import type { NotificationMessage } from "../domain/notifications.ts";
import type { RedisConnections } from "../redis.ts";
import { createPrefixedRedisEventTarget } from "./redis-event-target.ts";

export type { ActivityMessage };

/**
 * Someone's access may have shrunk: a membership ended, a token was revoked, a session signed
 * out, a document was unshared. Live connections of the named users, documents or groups
 * re-check their access at once.
 */
export type AccessChanged = {
  userIds?: string[];
  groupIds?: string[];
  documentIds?: string[];
  /**
   * Why, when the people connected are to be told: "deactivated" (the people named in userIds, by
   * an admin of a school), or "deleted" (the documents named in documentIds, by `byUserId`).
   */
  reason?: "deactivated" | "deleted";
  /** Who made the change (a user id), for a reason that names them. */
  byUserId?: string;
};

/** Re-checks what it guards (live connections) after an access change; resolves once done. */
export type AccessGuard = (change: AccessChanged) => Promise<void>;

/** On the topic, a change carries the instance it was made on: that one re-checked already. */
type AccessChangedMessage = AccessChanged & { from?: string };

export type BusTopics = {
  activity: [ActivityMessage];
  "access-changed": [AccessChangedMessage];
  /** One channel per person (the recipient's user id): over Redis, `…:event:notification:<userId>`. */
  notification: [recipientId: string, message: NotificationMessage];
};

export function createEventBus(redis?: RedisConnections, log: (message: string) => void = () => {}) {
  if (!redis) {
    // Every live subscription listens on the same topic: hundreds of listeners are the normal
    // case here, not the leak Node's default limit of 10 warns about.
    const target = new EventTarget();
    setMaxListeners(Infinity, target);
    const pubsub = createPubSub<BusTopics>({ eventTarget: target });
    return { ...pubsub, ...accessChanges(pubsub, log), onReconnected: (_listener: () => void) => () => {} };
  }
  const { target, onResubscribed } = createPrefixedRedisEventTarget(redis, log);
  const pubsub = createPubSub<BusTopics>({ eventTarget: target });
  return {
    ...pubsub,
    ...accessChanges(pubsub, log),
    /** Events published while this instance was cut off from Redis were missed: listeners re-check what they guard. */
    onReconnected: onResubscribed,
  };
}

/**
 * Access changes bind at once: `accessChanged` resolves only after this instance's guards
 * re-checked (closed or narrowed) what they guard, so a mutation that awaits it returns to
 * a world where no connection of this instance still has the access it removed. Then the change
 * goes out on the bus, and every other instance's guards re-check on receipt.
 */
function accessChanges(pubsub: ReturnType<typeof createPubSub<BusTopics>>, log: (message: string) => void) {
  const instance = randomUUID();
  const guards = new Set<AccessGuard>();
  const guard = (g: AccessGuard, change: AccessChanged) => g(change).catch((error) => log(`access re-check failed: ${(error as Error).message}`));
  return {
    async accessChanged(change: AccessChanged): Promise<void> {
      await Promise.all([...guards].map((g) => guard(g, change)));
      pubsub.publish("access-changed", { ...change, from: instance });
    },
    /** Calls `g` for every access change: awaited for this instance's own, on receipt for the others'. Returns a stop function. */
    onAccessChanged(g: AccessGuard): () => Promise<void> {
      guards.add(g);
      const subscription = pubsub.subscribe("access-changed");
      const listening = (async () => {
        for await (const { from, ...change } of subscription) if (from !== instance) await guard(g, change);
      })();
      return async () => {
        guards.delete(g);
        await subscription.return?.();
        await listening;
      };
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
