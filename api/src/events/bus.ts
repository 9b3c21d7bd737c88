// The app's event bus: yoga's typed pub/sub. In one process it is in memory; with several
// instances it moves onto Redis (@graphql-yoga/redis-event-target) without changing callers.
// Over Redis every instance hears every event, its own included, through Redis.
import { setMaxListeners } from "node:events";
import { createPubSub } from "graphql-yoga";
import type { ActivityType } from "../commands/recordActivity.ts";
import type { RedisConnections } from "../redis.ts";
import { createPrefixedRedisEventTarget } from "./redis-event-target.ts";

/** One ActivityEvent row, as published after its transaction committed. Never holds content. */
export type ActivityMessage = {
  id: string;
  schoolId: string;
  groupId: string | null;
  actorId: string | null;
  type: ActivityType;
  subjectId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
};

/**
 * Someone's access may have shrunk: a membership ended, a token was revoked, a session signed
 * out, a document was unshared. Live connections of the named users, documents or groups
 * re-check their access at once.
 */
export type AccessChanged = { userIds?: string[]; groupIds?: string[]; documentIds?: string[] };

export type BusTopics = {
  activity: [ActivityMessage];
  "access-changed": [AccessChanged];
};

export function createEventBus(redis?: RedisConnections, log: (message: string) => void = () => {}) {
  if (!redis) {
    // Every live subscription listens on the same topic: hundreds of listeners are the normal
    // case here, not the leak Node's default limit of 10 warns about.
    const target = new EventTarget();
    setMaxListeners(Infinity, target);
    return { ...createPubSub<BusTopics>({ eventTarget: target }), onReconnected: (_listener: () => void) => () => {} };
  }
  const { target, onResubscribed } = createPrefixedRedisEventTarget(redis, log);
  return {
    ...createPubSub<BusTopics>({ eventTarget: target }),
    /** Events published while this instance was cut off from Redis were missed: listeners re-check what they guard. */
    onReconnected: onResubscribed,
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
