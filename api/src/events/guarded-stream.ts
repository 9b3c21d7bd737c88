// What every live stream of a subscriber shares: messages judged one at a time (so they arrive in
// the order they happened), each delivered, dropped or ending the stream as `judge` decides, and
// the stream ended at once when the subscriber's session or token ends — the mutation that ended
// it awaits this re-check, so it returns to a world where the subscription is over, without
// waiting for the next message to notice. Over graphql-ws the connection itself closes (4403)
// instead, one answer for every operation on it.
import { Repeater } from "graphql-yoga";
import { credentialKey, reloadActors } from "../auth/load-actor.ts";
import { unauthenticated } from "../domain/errors.ts";
import type { UserActor } from "../policies/actor.ts";
import type { Subscriber } from "./activity-stream.ts";

/** Stands in for a message when the subscriber's session or token ended: the stream says so, then completes. */
export const CREDENTIAL_ENDED = Symbol("credential ended");
export type Guarded<T> = T | typeof CREDENTIAL_ENDED;

/** A judge's answer: what to deliver, or to drop this message, or that the credential ended. */
export type Verdict<T> = { deliver: T } | "drop" | "ended";

export function guardedStream<M, T>(
  ctx: Subscriber,
  subscriber: UserActor,
  /** Called when the stream is first read, so a stream never read holds no bus subscription. */
  subscribe: () => AsyncIterator<M>,
  judge: (message: M) => Promise<Verdict<T>>,
): AsyncIterable<Guarded<T>> {
  return new Repeater<Guarded<T>>(async (push, stop) => {
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      void push(CREDENTIAL_ENDED);
      stop();
    };
    const source = subscribe();
    const stopGuarding = ctx.credentialWatchedByConnection
      ? async () => {}
      : ctx.services.events.onAccessChanged(async (change) => {
          if (ended || !change.userIds?.includes(subscriber.userId)) return;
          const reloaded = await reloadActors(ctx.services.db, [subscriber]);
          if (!reloaded.get(credentialKey(subscriber))) end();
        });
    void stop.then(() => Promise.all([source.return?.(), stopGuarding()]));
    for (let next = await source.next(); !next.done && !ended; next = await source.next()) {
      const verdict = await judge(next.value);
      if (ended) break;
      if (verdict === "ended") {
        end();
        break;
      }
      if (verdict !== "drop") await push(verdict.deliver);
    }
    stop();
  });
}

/** A stream item as the subscription field resolves it: the credential's end is an UNAUTHENTICATED error. */
export function unlessCredentialEnded<T>(item: Guarded<T>): T {
  if (item === CREDENTIAL_ENDED) throw unauthenticated("Your session or token ended. Sign in again and subscribe anew.");
  return item;
}
