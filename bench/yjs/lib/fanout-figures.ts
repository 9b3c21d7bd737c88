// The figures of a fan-out measurement (one scenario, one peer), combined over its runs.
import { summarize, type LatencySummary } from "../../lib/stats.ts";
import type { FanoutArgs, FanoutResult } from "../generator.ts";
import type { Endpoint } from "./lean-client.ts";

export type Scenario = { key: string; clients: number; writers: number; updatesPerSecond: number };

export type FanoutFigures = {
  clients: number;
  writers: number;
  updatesPerSecond: number;
  runs: number;
  updatesSent: number;
  expectedDeliveries: number;
  deliveries: number;
  /** Deliveries owed that never arrived (every update to every client but its writer). */
  lostDeliveries: number;
  duplicates: number;
  /** Updates missing from the server's final state (a fresh client reads it). */
  missingFromServerState: number;
  closedByServer: number;
  deliveriesPerSecond: number;
  latencyMs: LatencySummary;
  /** The generator's own health: p99 of how late it sent against its schedule (worst run). */
  sendLagP99Ms: number;
};

export const describeScenario = (s: Scenario) => `${s.clients} clients, ${s.writers} writer${s.writers > 1 ? "s" : ""}, ${s.updatesPerSecond} updates/s`;

export function combineRuns(scenario: Scenario, runs: FanoutResult[]): FanoutFigures {
  const sum = (pick: (r: FanoutResult) => number) => runs.reduce((total, r) => total + pick(r), 0);
  const expected = sum((r) => r.expectedDeliveries);
  const deliveries = sum((r) => r.deliveries);
  return {
    clients: scenario.clients,
    writers: scenario.writers,
    updatesPerSecond: scenario.updatesPerSecond,
    runs: runs.length,
    updatesSent: sum((r) => r.updatesSent),
    expectedDeliveries: expected,
    deliveries,
    lostDeliveries: expected - deliveries,
    duplicates: sum((r) => r.duplicates),
    missingFromServerState: sum((r) => r.missingFromServerState),
    closedByServer: sum((r) => r.closedByServer),
    deliveriesPerSecond: Math.round(sum((r) => r.windowDeliveries) / (sum((r) => r.measureMs) / 1000)),
    latencyMs: summarize(runs.flatMap((r) => r.samples)),
    sendLagP99Ms: Math.max(...runs.map((r) => r.sendLagP99Ms)),
  };
}

/**
 * A short unrecorded run per peer before the measured ones: a freshly started process compiles
 * its hot paths (and Staffroom its first queries) during its first run, which would otherwise
 * land on whichever peer happens to go first.
 */
export function warmUpArgs(endpoint: (i: number) => Endpoint, verify: Endpoint): FanoutArgs {
  return { clients: Array.from({ length: 6 }, (_, i) => endpoint(i)), writers: 2, updatesPerSecond: 100, warmupMs: 0, measureMs: 400, drainMs: 2_000, verify };
}
