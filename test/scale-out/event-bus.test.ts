// The in-process event bus carries every live subscription on one topic: many listeners are the
// normal case and must not trip Node's memory-leak warning (a warning per process start is noise
// operators learn to ignore, and it would hide a real leak).
import { afterEach, describe, expect, it } from "vitest";
import { createEventBus } from "@staffroom/api/testing";

const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
afterEach(() => {
  process.off("warning", onWarning);
  warnings.length = 0;
});

describe("event bus", () => {
  it("delivers one event to 50 subscribers of a topic without a listener-leak warning", async () => {
    process.on("warning", onWarning);
    const bus = createEventBus();
    const received: number[] = [];
    const subscriptions = Array.from({ length: 50 }, (_, i) => {
      const iterator = bus.subscribe("access-changed")[Symbol.asyncIterator]();
      return { i, iterator, next: iterator.next().then(() => received.push(i)) };
    });
    bus.publish("access-changed", { userIds: ["u1"] });
    await Promise.all(subscriptions.map((s) => s.next));
    await Promise.all(subscriptions.map((s) => s.iterator.return?.()));
    // Node reports MaxListenersExceededWarning on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toHaveLength(50);
    expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
  });
});
