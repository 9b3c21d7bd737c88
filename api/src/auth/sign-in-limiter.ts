// Sign-in attempts are limited per account and per address (rate-limiter-flexible keeps the
// counters; in memory for one process). A successful sign-in clears the account's counter.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Config } from "../config.ts";

export type SignInLimiter = {
  /** Counts one attempt; returns seconds to wait when the caller is over the limit, else 0. */
  consume(email: string, address: string): Promise<number>;
  succeeded(email: string): Promise<void>;
};

export function createSignInLimiter(limits: Config["signIn"]): SignInLimiter {
  const perAccount = new RateLimiterMemory({ keyPrefix: "acct", points: limits.perAccount, duration: limits.windowSeconds });
  const perAddress = new RateLimiterMemory({ keyPrefix: "addr", points: limits.perAddress, duration: limits.windowSeconds });
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
    async succeeded(email) {
      await perAccount.delete(email);
    },
  };
}
