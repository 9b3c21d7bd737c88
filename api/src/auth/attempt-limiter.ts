// The counters behind the sign-in and sign-up limits (rate-limiter-flexible): in memory for one
// process, in Redis when several instances share the load, so spreading attempts over instances
// gains nothing.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RedisConnections } from "../redis.ts";

/** One counter per key: `points` attempts per `windowSeconds`. `name` keeps flows and counters apart in Redis. */
export function attemptCounter(
  name: [flow: string, counter: string],
  limit: { points: number; windowSeconds: number },
  redis?: RedisConnections,
): RateLimiterAbstract {
  const inMemory = new RateLimiterMemory({ keyPrefix: name.join(":"), points: limit.points, duration: limit.windowSeconds });
  if (!redis) return inMemory;
  // While Redis is away each instance counts on its own (the insurance limiter) rather than
  // letting the attempt fail or wait: the limit still holds per instance.
  return new RateLimiterRedis({
    storeClient: redis.commands,
    keyPrefix: redis.name(...name),
    points: limit.points,
    duration: limit.windowSeconds,
    rejectIfRedisNotReady: true,
    insuranceLimiter: inMemory,
  });
}

/**
 * Counts one attempt on every counter (all of them, even when one is already over: an attacker
 * gains nothing by being refused). Returns the seconds to wait when any is over its limit, else 0.
 */
export async function consumeAll(counters: [RateLimiterAbstract, string][]): Promise<number> {
  const results = await Promise.allSettled(counters.map(([counter, key]) => counter.consume(key)));
  const waits = results.map((result) => (result.status === "rejected" ? secondsToWait(result.reason) : 0));
  return Math.max(...waits);
}

function secondsToWait(rejection: unknown): number {
  if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  throw rejection;
}
