// Two Staffroom instances over Redis: how much crossing instances adds to an edit's way to the
// other clients. Two real api processes share the bench database and one Redis (a prefix of
// their own); the writer is always on instance A, the receivers on A too ("same instance") or
// all on B ("cross instance"). The same generator as the fan-out section drives both.
//
//   npx tsx bench/yjs/cross-instance.ts [--smoke]      (Redis at BENCH_REDIS_URL or 127.0.0.1:6379)
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Section, SectionResult } from "../lib/section.ts";
import type { FanoutArgs, FanoutResult } from "./generator.ts";
import { createSchoolDatabase } from "./lib/bench-school.ts";
import { startChild, type Child } from "./lib/child.ts";
import { combineRuns, describeScenario, warmUpArgs, type FanoutFigures, type Scenario } from "./lib/fanout-figures.ts";
import { alternating, startPeer, type Peer } from "./lib/peers.ts";
import { isMain, runDirectly } from "./lib/run-directly.ts";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

type Placement = "sameInstance" | "crossInstance";
type Plan = { scenario: Scenario; rounds: number; settleMs: number; warmupMs: number; measureMs: number; drainMs: number; warmUpPeers: boolean };

const FULL: Plan = {
  scenario: { key: "oneWriter", clients: 50, writers: 1, updatesPerSecond: 100 },
  rounds: 2,
  settleMs: 200,
  warmupMs: 400,
  measureMs: 1_250,
  drainMs: 5_000,
  warmUpPeers: true,
};
const SMOKE: Plan = {
  scenario: { key: "oneWriter", clients: 4, writers: 1, updatesPerSecond: 20 },
  rounds: 1,
  settleMs: 50,
  warmupMs: 100,
  measureMs: 300,
  drainMs: 5_000,
  warmUpPeers: false,
};

const LABELS: Record<Placement, string> = {
  sameInstance: "writer and receivers on A",
  crossInstance: "writer on A, receivers on B",
};

async function run({ smoke }: { smoke: boolean }): Promise<SectionResult> {
  const plan = smoke ? SMOKE : FULL;
  const database = await createSchoolDatabase("cross_instance");
  const prefix = `staffroom-bench-${randomBytes(4).toString("hex")}`;
  const env = { REDIS_URL, REDIS_PREFIX: prefix };
  const starting: Promise<[Peer, Peer, Child]> = Promise.all([
    startPeer("Staffroom", { databaseUrl: database.databaseUrl, env }),
    startPeer("Staffroom", { databaseUrl: database.databaseUrl, env }),
    startChild(path.join(import.meta.dirname, "generator.ts")),
  ]);
  starting.catch(() => {});
  try {
    const school = await database.populate();
    const [a, b, generator] = await starting;
    const results: Record<Placement, FanoutResult[]> = { sameInstance: [], crossInstance: [] };
    const order: string[] = [];
    if (plan.warmUpPeers) {
      // Writers on A, receivers on B: warms both instances' paths (and the Redis one) at once.
      const [documentId] = await school.createDocuments(1);
      const token = (i: number) => school.tokens[i % school.tokens.length]!;
      await generator.request(
        "fanout",
        warmUpArgs((i) => (i < 2 ? a : b).endpoint(documentId!, token(i)), b.endpoint(documentId!, token(0))),
      );
    }
    for (const round of alternating<Placement>(["sameInstance", "crossInstance"], plan.rounds)) {
      for (const placement of round) {
        order.push(placement);
        const [documentId] = await school.createDocuments(1);
        const receivers = placement === "sameInstance" ? a : b;
        const token = (i: number) => school.tokens[i % school.tokens.length]!;
        const args: FanoutArgs = {
          clients: Array.from({ length: plan.scenario.clients }, (_, i) => (i < plan.scenario.writers ? a : receivers).endpoint(documentId!, token(i))),
          writers: plan.scenario.writers,
          updatesPerSecond: plan.scenario.updatesPerSecond,
          warmupMs: plan.warmupMs,
          measureMs: plan.measureMs,
          drainMs: plan.drainMs,
          settleMs: plan.settleMs,
          // The receivers' instance must hold every update too.
          verify: receivers.endpoint(documentId!, token(0)),
        };
        results[placement].push(await generator.request<FanoutResult>("fanout", args));
      }
    }

    const figures: { Staffroom: Record<Placement, FanoutFigures> } = {
      Staffroom: {
        sameInstance: combineRuns(plan.scenario, results.sameInstance),
        crossInstance: combineRuns(plan.scenario, results.crossInstance),
      },
    };
    const table = [["placement", "p50 ms", "p99 ms", "max ms", "deliveries/s", "lost deliveries", "missing from B's / A's state"]];
    const notes: string[] = [];
    for (const placement of ["sameInstance", "crossInstance"] as const) {
      const f = figures.Staffroom[placement];
      table.push([
        LABELS[placement],
        String(f.latencyMs.p50),
        String(f.latencyMs.p99),
        String(f.latencyMs.max),
        String(f.deliveriesPerSecond),
        String(f.lostDeliveries),
        String(f.missingFromServerState),
      ]);
      if (f.closedByServer > 0) notes.push(`The instances closed ${f.closedByServer} client(s) (${LABELS[placement]}).`);
    }
    if (figures.Staffroom.crossInstance.deliveries === 0)
      notes.push("No update crossed from A to B: the api processes did not share updates over Redis (is the scale-out in this build, and Redis reachable?).");
    notes.push(`Run order (alternating): ${order.join(", ")}. Both instances run with REDIS_URL set in every run; only where the receivers connect changes.`);
    return {
      id: "yjs-cross-instance",
      title: "Yjs across two instances (Redis)",
      method:
        `Two Staffroom api processes on one database and one Redis (own key prefix); ${describeScenario(plan.scenario)}, the writer on instance A and the receivers on A or on B, ` +
        `${plan.rounds} round(s) alternating, ${plan.warmupMs} ms warm-up, ${plan.measureMs} ms measured per run, a fresh document per run. Same generator and latency definition as the fan-out section; a fresh client on the receivers' instance checks its state at the end.`,
      figures,
      table,
      notes,
    };
  } finally {
    const started = await starting.catch(() => null);
    await Promise.all((started ?? []).map((process) => process.stop()));
    await database.close();
  }
}

export const section: Section = { id: "yjs-cross-instance", run };

if (isMain(import.meta.filename)) await runDirectly(section);
