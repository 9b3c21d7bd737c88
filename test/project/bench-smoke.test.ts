// The benchmarks still work: `bench/run.ts --smoke` (tiny loads) runs every section against its
// real peers and writes a JSON report whose figures are sane. Counts only — never timings.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchReport } from "../../bench/lib/report.ts";
import type { SectionResult } from "../../bench/lib/section.ts";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
/** Every section bench/run.ts must produce. */
const EXPECTED_SECTIONS = ["yjs-fanout", "yjs-memory", "yjs-cold-load", "yjs-cross-instance", "graphql", "subscriptions", "web"];
const WEB_PEERS = ["Staffroom", "plain (no compression, no caching)"];
const GRAPHQL_PEERS = ["Staffroom", "Yoga + Prisma (naive)", "PostGraphile 5", "Staffroom (PGlite)"];
const SUBSCRIPTION_PEERS = ["Staffroom", "Yoga + in-memory pub/sub"];
const YJS_PEERS = ["Staffroom", "Hocuspocus 4.7", "@y/websocket-server 0.1.1"];
/** Figures that count failures: in a smoke run every one of them, in every section, must be 0. */
const FAILURE_COUNTS = /^(lost|lost[A-Z]\w*|errors|sendErrors|timeouts|non2xx|mismatches|duplicates|missingFromServerState|subscriberFailures)$/;

/** Every [path, value] in `figures` whose key names a failure count. */
function failureCounts(value: unknown, at = ""): [string, unknown][] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    FAILURE_COUNTS.test(key) ? [[`${at}.${key}`, inner] as [string, unknown]] : failureCounts(inner, `${at}.${key}`),
  );
}

let resultsDir: string;
let exitCode: number | null;
let output = "";
let report: BenchReport;

beforeAll(async () => {
  resultsDir = mkdtempSync(path.join(os.tmpdir(), "staffroom-bench-smoke-"));
  const child = spawn(process.execPath, ["--import", "tsx", "bench/run.ts", "--smoke", "--results-dir", resultsDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  exitCode = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  report = JSON.parse(readFileSync(path.join(resultsDir, "bench.json"), "utf8")) as BenchReport;
  // A guard against a hung run, not a time limit on it: the smoke run starts several servers and a
  // browser, and on a busy 2-core machine that alone has taken three minutes.
}, 420_000);

afterAll(() => {
  if (resultsDir) rmSync(resultsDir, { recursive: true, force: true });
});

function section(id: string): SectionResult {
  const found = report.sections.find((s) => s.id === id);
  if (!found) throw new Error(`section ${id} missing; failures: ${JSON.stringify(report.failures)}\n${output}`);
  return found;
}

// The figures are plain JSON per section; each test reads them as the shape its section writes.
type FanOutScenario = { expectedDeliveries: number; deliveries: number };
type LoadRun = {
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  sqlStatementsPerRequest: number;
  responseBytes: number;
  databaseCpuMsPerRequest: number | null;
};
type GraphqlPeer = { nested: LoadRun; lookup: LoadRun; nestedCounts: unknown };
type WebLoad = { interactiveMs: { samples: number[] }; bytes: number; requests: number; fromCache: number; notModified: number };
type SubscriptionFigures = {
  subscribers: number;
  eventsSent: number;
  sendErrors: number;
  serverCpuMsPerEvent: number;
  expectedDeliveries: number;
  deliveries: number;
  lost: number;
  duplicates: number;
  subscriberFailures: number;
  latencyMs: { count: number };
};

describe("bench/run.ts --smoke", () => {
  it("runs every section without a failure and says it was a smoke run", () => {
    expect(exitCode, output).toBe(0);
    expect(report.failures).toEqual([]);
    expect(report.smoke).toBe(true);
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(report.sections.map((s) => s.id).sort()).toEqual([...EXPECTED_SECTIONS].sort());
    for (const s of report.sections) {
      expect(s.method.length, s.id).toBeGreaterThan(20);
      expect(s.table.length, s.id).toBeGreaterThan(1); // a header and at least one row
      expect(new Set(s.table.map((row) => row.length)).size, `${s.id}: every row as wide as the header`).toBe(1);
    }
    const markdown = readFileSync(path.join(resultsDir, "bench.md"), "utf8");
    for (const s of report.sections) expect(markdown).toContain(`## ${s.title}`);
  });

  it("counted no lost update, lost delivery, error or wrong answer anywhere", () => {
    const counts = report.sections.flatMap((s) => failureCounts(s.figures, s.id));
    // The walk finds the counters (a renamed figure would make this test pass on nothing).
    for (const id of ["yjs-fanout", "graphql", "subscriptions"])
      expect(
        counts.some(([at]) => at.startsWith(id)),
        id,
      ).toBe(true);
    expect(counts.filter(([, value]) => value !== 0)).toEqual([]);
  });

  it("yjs: every peer of the fan-out and memory sections was measured", () => {
    for (const id of ["yjs-fanout", "yjs-memory"]) expect(Object.keys(section(id).figures).sort(), id).toEqual([...YJS_PEERS].sort());
    for (const [peer, scenarios] of Object.entries(section("yjs-fanout").figures)) {
      for (const [scenario, f] of Object.entries(scenarios as Record<string, FanOutScenario>)) {
        expect(f.expectedDeliveries, `${peer} ${scenario}`).toBeGreaterThan(0);
        expect(f.deliveries, `${peer} ${scenario}`).toBe(f.expectedDeliveries);
      }
    }
  });

  it("graphql: every peer answered both queries under load, with no error and the same data", () => {
    const { figures } = section("graphql");
    expect(Object.keys(figures).sort()).toEqual([...GRAPHQL_PEERS].sort());
    for (const peer of GRAPHQL_PEERS) {
      const f = figures[peer] as GraphqlPeer;
      for (const query of ["nested", "lookup"] as const) {
        const r = f[query];
        expect(r.requests, `${peer} ${query}`).toBeGreaterThan(0);
        expect({ errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, wrongBody: r.mismatches }, `${peer} ${query}`).toEqual({
          errors: 0,
          timeouts: 0,
          non2xx: 0,
          wrongBody: 0,
        });
      }
      // The seeded school, in full, from every peer: 12 groups × 5 members × 8 sessions × 3 documents.
      expect(f.nestedCounts, peer).toEqual({ groups: 12, members: 60, usersNamed: 60, sessions: 96, documents: 288 });
    }
    // SQL statements per request were counted, and the naive API really is the N+1 baseline.
    const statements = (peer: string, query: "nested" | "lookup") => (figures[peer] as GraphqlPeer)[query].sqlStatementsPerRequest;
    for (const peer of GRAPHQL_PEERS) for (const query of ["nested", "lookup"] as const) expect(statements(peer, query), `${peer} ${query}`).toBeGreaterThan(0);
    expect(statements("Staffroom", "nested")).toBeLessThan(statements("Yoga + Prisma (naive)", "nested"));
    // On PGlite, Staffroom served the same school with the same token and answered with the same
    // bytes; its database lives in its own process, so no PostgreSQL CPU is reported for it.
    for (const query of ["nested", "lookup"] as const) {
      const onPglite = (figures["Staffroom (PGlite)"] as GraphqlPeer)[query];
      expect(onPglite.responseBytes, query).toBe((figures.Staffroom as GraphqlPeer)[query].responseBytes);
      expect(onPglite.databaseCpuMsPerRequest, query).toBeNull();
    }
  });

  it("subscriptions: on every peer, every event reached every subscriber exactly once", () => {
    const { figures } = section("subscriptions");
    expect(Object.keys(figures).sort()).toEqual([...SUBSCRIPTION_PEERS].sort());
    for (const peer of SUBSCRIPTION_PEERS) {
      const f = figures[peer] as SubscriptionFigures;
      expect(f.subscribers, peer).toBe(50);
      expect(f.eventsSent, peer).toBeGreaterThan(0);
      expect(f.sendErrors, peer).toBe(0);
      expect(f.expectedDeliveries, peer).toBe(f.eventsSent * f.subscribers);
      expect(f.deliveries, peer).toBe(f.expectedDeliveries);
      expect(f.lost, peer).toBe(0);
      expect(f.duplicates, peer).toBe(0);
      expect(f.subscriberFailures, peer).toBe(0);
      expect(f.latencyMs.count, peer).toBe(f.deliveries);
      // The peer's process did measurable work for the events it was sent.
      expect(f.serverCpuMsPerEvent, peer).toBeGreaterThan(0);
    }
    // Both peers were sent the same load: the same number of events.
    const sent = SUBSCRIPTION_PEERS.map((peer) => (figures[peer] as SubscriptionFigures).eventsSent);
    expect(new Set(sent).size, `events sent per peer: ${sent.join(", ")}`).toBe(1);
  });

  it("web: both peers opened the editor cold and warm; Staffroom sent less and took its assets from the cache the second time", () => {
    const { figures } = section("web");
    expect(Object.keys(figures).sort()).toEqual([...WEB_PEERS].sort());
    const load = (peer: string, visit: "cold" | "warm") => (figures[peer] as Record<string, WebLoad>)[`editor-${visit}`]!;
    for (const peer of WEB_PEERS) {
      for (const visit of ["cold", "warm"] as const) {
        expect(load(peer, visit).interactiveMs.samples.length, `${peer} ${visit}`).toBe(1);
        expect(load(peer, visit).requests, `${peer} ${visit}`).toBeGreaterThan(0);
      }
    }
    const [staffroom, plain] = WEB_PEERS as [string, string];
    // Compressed: the same build in fewer bytes.
    expect(load(staffroom, "cold").bytes).toBeLessThan(load(plain, "cold").bytes / 2);
    // Warm: hashed assets straight from the cache, the HTML revalidated with a 304.
    expect(load(staffroom, "warm").fromCache).toBeGreaterThan(5);
    expect(load(staffroom, "warm").notModified).toBe(1);
    expect(load(staffroom, "warm").bytes).toBeLessThan(load(staffroom, "cold").bytes / 10);
    // The baseline has no caching headers: everything comes again.
    expect(load(plain, "warm").fromCache).toBe(0);
    expect(load(plain, "warm").bytes).toBeGreaterThan(load(plain, "cold").bytes / 2);
  });
});
