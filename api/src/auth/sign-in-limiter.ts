// Sign-in attempts are limited per account and per address (counters: auth/attempt-limiter.ts).
// A successful sign-in clears the account's counter and gives the address its attempt back: a
// whole class signing in from one school network must not lock itself out; only failed guesses
// count against an address.
import type { Config } from "../config.ts";
import type { RedisConnections } from "../redis.ts";
import { attemptCounter, consumeAll } from "./attempt-limiter.ts";

export type SignInLimiter = {
  /** Counts one attempt; returns seconds to wait when the caller is over the limit, else 0. */
  consume(email: string, address: string): Promise<number>;
  succeeded(email: string, address: string): Promise<void>;
};

export function createSignInLimiter(limits: Config["signIn"], redis?: RedisConnections): SignInLimiter {
  const perAccount = attemptCounter(["sign-in", "acct"], { points: limits.perAccount, windowSeconds: limits.windowSeconds }, redis);
  const perAddress = attemptCounter(["sign-in", "addr"], { points: limits.perAddress, windowSeconds: limits.windowSeconds }, redis);
  return {
    consume: (email, address) =>
      consumeAll([
        [perAccount, email],
        [perAddress, address],
      ]),
    async succeeded(email, address) {
      await Promise.all([perAccount.delete(email), perAddress.reward(address, 1)]);
    },
  };
}

/**
 * Sign-up attempts are limited per email address and per client address. Unlike sign-in, every
 * attempt counts, successful or not: each one costs a password hash and sends an email, and the
 * answer is the same whether or not the address has an account, so there is no "success" to
 * give back. The per-email counter is what keeps anyone from filling a stranger's inbox.
 */
export type SignUpLimiter = {
  /** Counts one attempt; returns seconds to wait when the caller is over the limit, else 0. */
  consume(email: string, address: string): Promise<number>;
};

export function createSignUpLimiter(limits: Config["signUp"], redis?: RedisConnections): SignUpLimiter {
  return emailingFlowLimiter("sign-up", limits, redis);
}

/**
 * "Forgot password" is limited like sign-up, for the same reasons: every request sends an email
 * and answers the same whether or not the address has an account, so every request counts.
 */
export type PasswordResetLimiter = SignUpLimiter;

export function createPasswordResetLimiter(limits: Config["passwordReset"], redis?: RedisConnections): PasswordResetLimiter {
  return emailingFlowLimiter("password-reset", limits, redis);
}

function emailingFlowLimiter(flow: string, limits: { perEmail: number; perAddress: number; windowSeconds: number }, redis?: RedisConnections): SignUpLimiter {
  const perEmail = attemptCounter([flow, "email"], { points: limits.perEmail, windowSeconds: limits.windowSeconds }, redis);
  const perAddress = attemptCounter([flow, "addr"], { points: limits.perAddress, windowSeconds: limits.windowSeconds }, redis);
  return {
    consume: (email, address) =>
      consumeAll([
        [perEmail, email],
        [perAddress, address],
      ]),
  };
}
