// One peer's runs of the subscription load, added up: counts are summed and latency is summarized
// over every delivery of every run, so a run with more deliveries weighs more.
import { summarize, type LatencySummary } from "../lib/stats.ts";
import type { SubscriptionLoadResult } from "./load-worker.ts";

type Counts = Omit<SubscriptionLoadResult, "latenciesMs" | "sendSeconds" | "deliverySeconds">;

export type RunFigures = Counts & { deliveriesPerSecond: number; latencyMs: LatencySummary };
export type PeerFigures = RunFigures & { runs: RunFigures[] };

const perSecond = (deliveries: number, seconds: number) => (seconds > 0 ? Math.round(deliveries / seconds) : 0);

function runFigures({ latenciesMs, sendSeconds: _send, deliverySeconds, ...counts }: SubscriptionLoadResult): RunFigures {
  return { ...counts, deliveriesPerSecond: perSecond(counts.deliveries, deliverySeconds), latencyMs: summarize(latenciesMs) };
}

export function combineRuns(runs: readonly SubscriptionLoadResult[]): PeerFigures {
  const sum = (pick: (run: SubscriptionLoadResult) => number) => runs.reduce((total, run) => total + pick(run), 0);
  return {
    // Every run opens the same number of subscribers.
    subscribers: runs[0]?.subscribers ?? 0,
    eventsSent: sum((r) => r.eventsSent),
    sendErrors: sum((r) => r.sendErrors),
    expectedDeliveries: sum((r) => r.expectedDeliveries),
    deliveries: sum((r) => r.deliveries),
    lost: sum((r) => r.lost),
    duplicates: sum((r) => r.duplicates),
    subscriberFailures: sum((r) => r.subscriberFailures),
    deliveriesPerSecond: perSecond(
      sum((r) => r.deliveries),
      sum((r) => r.deliverySeconds),
    ),
    latencyMs: summarize(runs.flatMap((r) => r.latenciesMs)),
    runs: runs.map(runFigures),
  };
}
