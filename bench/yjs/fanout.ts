// Yjs fan-out: how fast an edit reaches everyone else on the document, and whether it does.
// Staffroom (the real api process, persistence on, authenticated clients) vs Hocuspocus 4.7 (in
// memory, default configuration) vs @y/websocket-server 0.1.1 (setupWSConnection, no
// persistence), each in its own process, driven by the same generator process (generator.ts).
//
//   npx tsx bench/yjs/fanout.ts [--smoke]
import path from "node:path";
import type { Section, SectionResult } from "../lib/section.ts";
import type { FanoutArgs, FanoutResult } from "./generator.ts";
import { createSchoolDatabase } from "./lib/bench-school.ts";
import { combineRuns, describeScenario, warmUpArgs, type FanoutFigures, type Scenario } from "./lib/fanout-figures.ts";
import { startChild, type Child } from "./lib/child.ts";
import { alternating, PEERS, startPeer, type Peer, type PeerName } from "./lib/peers.ts";
import { isMain, runDirectly } from "./lib/run-directly.ts";

type Plan = {
  scenarios: Scenario[];
  /** Rounds per scenario; the order of peers alternates from one round to the next. */
  rounds: number;
  settleMs: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  /** One short unrecorded run per peer first (see warmUpArgs). */
  warmUpPeers: boolean;
};

const FULL: Plan = {
  scenarios: [
    { key: "oneWriter", clients: 50, writers: 1, updatesPerSecond: 100 },
    { key: "tenWriters", clients: 60, writers: 10, updatesPerSecond: 200 },
  ],
  // Two rounds per scenario (A,B,C then C,B,A): each peer gets 2 × 1.25 s measured.
  rounds: 2,
  settleMs: 200,
  warmupMs: 400,
  measureMs: 1_250,
  drainMs: 5_000,
  warmUpPeers: true,
};

const SMOKE: Plan = {
  scenarios: [
    { key: "oneWriter", clients: 4, writers: 1, updatesPerSecond: 20 },
    { key: "tenWriters", clients: 6, writers: 2, updatesPerSecond: 40 },
  ],
  rounds: 1,
  settleMs: 50,
  warmupMs: 100,
  measureMs: 300,
  drainMs: 5_000,
  warmUpPeers: false,
};

async function run({ smoke }: { smoke: boolean }): Promise<SectionResult> {
  const plan = smoke ? SMOKE : FULL;
  const database = await createSchoolDatabase("fanout");
  const starting: Promise<[Child, ...Peer[]]> = Promise.all([
    startChild(path.join(import.meta.dirname, "generator.ts")),
    ...PEERS.map((name) => startPeer(name, { databaseUrl: database.databaseUrl })),
  ]);
  starting.catch(() => {});
  try {
    const school = await database.populate();
    const [generator, ...peers] = await starting;
    const byName = new Map(peers.map((p) => [p.name, p]));
    if (plan.warmUpPeers) {
      for (const peer of peers) {
        const [documentId] = await school.createDocuments(1);
        await generator.request(
          "fanout",
          warmUpArgs((i) => peer.endpoint(documentId!, school.tokens[i % school.tokens.length]!), peer.endpoint(documentId!, school.tokens[0]!)),
        );
      }
    }
    const results = new Map<string, FanoutResult[]>();
    const order: string[] = [];
    // The order alternates across scenarios too: A,B,C then C,B,A, then A,B,C…
    const rounds = alternating(PEERS, plan.rounds * plan.scenarios.length);
    for (const [index, scenario] of plan.scenarios.entries()) {
      for (const round of rounds.slice(index * plan.rounds, (index + 1) * plan.rounds)) {
        order.push(round.map((name) => name.split(" ")[0]).join(" → "));
        for (const name of round) {
          const peer = byName.get(name)!;
          // A fresh document per run: no run inherits another's history.
          const [documentId] = await school.createDocuments(1);
          const args: FanoutArgs = {
            clients: Array.from({ length: scenario.clients }, (_, i) => peer.endpoint(documentId!, school.tokens[i % school.tokens.length]!)),
            writers: scenario.writers,
            updatesPerSecond: scenario.updatesPerSecond,
            warmupMs: plan.warmupMs,
            measureMs: plan.measureMs,
            drainMs: plan.drainMs,
            settleMs: plan.settleMs,
            verify: peer.endpoint(documentId!, school.tokens[0]!),
          };
          const result = await generator.request<FanoutResult>("fanout", args);
          const key = `${name}\u0000${scenario.key}`;
          results.set(key, [...(results.get(key) ?? []), result]);
        }
      }
    }

    const figures: Record<PeerName, Record<string, FanoutFigures>> = Object.fromEntries(PEERS.map((name) => [name, {}])) as never;
    const table = [["scenario", "peer", "p50 ms", "p99 ms", "max ms", "deliveries/s", "lost deliveries", "missing from server state"]];
    const notes: string[] = [];
    for (const scenario of plan.scenarios) {
      for (const name of PEERS) {
        const f = combineRuns(scenario, results.get(`${name}\u0000${scenario.key}`) ?? []);
        figures[name][scenario.key] = f;
        table.push([
          describeScenario(scenario),
          name,
          String(f.latencyMs.p50),
          String(f.latencyMs.p99),
          String(f.latencyMs.max),
          String(f.deliveriesPerSecond),
          String(f.lostDeliveries),
          String(f.missingFromServerState),
        ]);
        if (f.closedByServer > 0) notes.push(`${name} closed ${f.closedByServer} client(s) during "${describeScenario(scenario)}".`);
        if (f.duplicates > 0) notes.push(`${name} delivered ${f.duplicates} update(s) twice during "${describeScenario(scenario)}".`);
        if (f.sendLagP99Ms > 5)
          notes.push(
            `The generator ran up to ${f.sendLagP99Ms} ms late (p99) on its schedule against ${name} in "${describeScenario(scenario)}": the machine was busy.`,
          );
      }
    }
    notes.push(`Run order (alternating): ${order.join("; ")}.`);
    notes.push(
      "Staffroom stores every update in PostgreSQL (one INSERT per write; updates arriving during a write share the next one) before it applies and broadcasts it, and authenticates every connection; Hocuspocus and @y/websocket-server keep documents in memory only. Hocuspocus (default flushDelay 0) merges the updates of one event-loop turn into one message and acknowledges every update to its writer.",
    );
    return {
      id: "yjs-fanout",
      title: "Yjs fan-out latency",
      method:
        `Each peer in its own process; one generator process (bench/yjs/generator.ts) holds every client: y-protocols sync + awareness on bare ws sockets, Hocuspocus framing for Hocuspocus. ` +
        `Writers append "<writer:seq>" markers to a Y.Text at a fixed total rate; latency = receive time − the writer's send time on the generator's clock, for updates sent in the measured window ` +
        `(${plan.warmupMs} ms warm-up, ${plan.measureMs} ms measured, ${plan.rounds} round(s) per scenario, peers alternating, a fresh document per run). ` +
        `Lost = deliveries owed to every client but the writer that had not arrived ${plan.drainMs / 1000} s after the last write; a fresh client then checks the server's state holds every marker.`,
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

export const section: Section = { id: "yjs-fanout", run };

if (isMain(import.meta.filename)) await runDirectly(section);
