// Sign-in attempts are limited per account and per address (rate-limiter-flexible keeps the
// counters: in memory for one process, in Redis when several instances share the load, so an
// attacker gains nothing by spreading guesses over them). A successful sign-in clears the
// account's counter and gives the address its attempt back: a whole class signing in from one
// school network must not lock itself out; only failed guesses count against an address.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Config } from "../config.ts";
import type { RedisConnections } from "../redis.ts";

export type SignInLimiter = {
  /** Counts one attempt; returns seconds to wait when the caller is over the limit, else 0. */
  consume(email: string, address: string): Promise<number>;
  succeeded(email: string, address: string): Promise<void>;
};

export function createSignInLimiter(limits: Config["signIn"], redis?: RedisConnections): SignInLimiter {
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract => {
    const inMemory = new RateLimiterMemory({ keyPrefix, points, duration: limits.windowSeconds });
    if (!redis) return inMemory;
    // While Redis is away each instance counts on its own (the insurance limiter) rather than
    // letting sign-in fail or wait: the limit still holds per instance.
    return new RateLimiterRedis({
      storeClient: redis.commands,
      keyPrefix: redis.name("sign-in", keyPrefix),
      points,
      duration: limits.windowSeconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: inMemory,
    });
  };
  const perAccount = limiter("acct", limits.perAccount);
  const perAddress = limiter("addr", limits.perAddress);
  const waitFor = (rejection: unknown) => {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  };
  return {
    async consume(email, address) {
      const results = await Promise.allSettled([perAccount.consume(email), perAddress.consume(address)]);
      const waits = results.map((r) => (r.status === "rejected" ? waitFor(r.reason) : 0));
      return Math.max(...waits);
    },
    async succeeded(email, address) {
      await Promise.all([perAccount.delete(email), perAddress.reward(address, 1)]);
    },
  };
}
