// `npm run bench`: runs every benchmark section one after another and writes
// results/bench.json (machine, mode, every section's figures) and results/bench.md (a table per
// section, with its method and notes).
//
//   npm run bench                         full run (a few minutes at most on 2 cores)
//   npm run bench -- --smoke              tiny loads: proves every section still works (CI)
//   npm run bench -- --only graphql       one section (repeat the flag, or give ids comma-separated)
//   npm run bench -- --results-dir /tmp/x where to write (also BENCH_RESULTS_DIR)
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { describeMachine, renderMarkdown, type BenchReport, type SectionFailure } from "./lib/report.ts";
import type { Section, SectionResult } from "./lib/section.ts";

/**
 * Every section, in the order they run. Each module exports `section: Section`; a new section
 * is one line here. Loaded lazily, so `--only` does not even import the others.
 */
const SECTIONS: { id: string; load: () => Promise<{ section: Section }>; inSmoke?: false }[] = [
  { id: "yjs-fanout", load: () => import("./yjs/fanout.ts") },
  { id: "yjs-memory", load: () => import("./yjs/memory.ts") },
  { id: "yjs-cold-load", load: () => import("./yjs/cold-load.ts") },
  { id: "yjs-cross-instance", load: () => import("./yjs/cross-instance.ts") },
  { id: "graphql", load: () => import("./graphql/section.ts") },
  { id: "subscriptions", load: () => import("./subscriptions/section.ts") },
  { id: "web", load: () => import("./web/section.ts") },
  // Measures seconds of job round trips one reply at a time: full runs only (or --only notifications).
  { id: "notifications", load: () => import("./notifications/section.ts"), inSmoke: false },
];

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    only: { type: "string", multiple: true },
    "results-dir": { type: "string" },
  },
});
const smoke = values.smoke ?? false;
const only = (values.only ?? [])
  .flatMap((v) => v.split(","))
  .map((v) => v.trim())
  .filter(Boolean);
const unknown = only.filter((id) => !SECTIONS.some((s) => s.id === id));
if (unknown.length) {
  console.error(`Unknown section(s): ${unknown.join(", ")}. Known: ${SECTIONS.map((s) => s.id).join(", ")}`);
  process.exit(2);
}
const selected = only.length ? SECTIONS.filter((s) => only.includes(s.id)) : SECTIONS.filter((s) => !smoke || s.inSmoke !== false);
const resultsDir = path.resolve(values["results-dir"] ?? process.env.BENCH_RESULTS_DIR ?? path.join(import.meta.dirname, "results"));
mkdirSync(resultsDir, { recursive: true });

// Ctrl-C: exit, so the children's exit hook (lib/child-process.ts) stops every peer.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

const machine = describeMachine();
console.log(`Staffroom benchmarks${smoke ? " (smoke)" : ""}: ${selected.map((s) => s.id).join(", ")}`);
console.log(`Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadAverage.join(" ")}\n`);

const began = performance.now();
const sections: SectionResult[] = [];
const failures: SectionFailure[] = [];
for (const [index, entry] of selected.entries()) {
  const sectionStart = performance.now();
  console.log(`▶ [${index + 1}/${selected.length}] ${entry.id}`);
  try {
    const { section } = await entry.load();
    if (section.id !== entry.id) throw new Error(`the module for "${entry.id}" exports a section with id "${section.id}"`);
    const result = await section.run({ smoke, resultsDir });
    sections.push(result);
    console.log(`✔ ${entry.id} in ${((performance.now() - sectionStart) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ id: entry.id, error: message });
    console.error(`✘ ${entry.id} failed after ${((performance.now() - sectionStart) / 1000).toFixed(1)} s:\n${message}\n`);
  }
}

const report: BenchReport = {
  date: new Date().toISOString(),
  smoke,
  machine,
  durationSeconds: Math.round((performance.now() - began) / 100) / 10,
  sections,
  failures,
};
writeFileSync(path.join(resultsDir, "bench.json"), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(resultsDir, "bench.md"), renderMarkdown(report));
console.log(
  `${sections.length} section(s) done, ${failures.length} failed, in ${report.durationSeconds} s. Written to ${path.relative(process.cwd(), resultsDir) || "."}/bench.{json,md}`,
);
// Children are stopped by now; exit explicitly in case a library left a handle open.
process.exit(failures.length ? 1 : 0);
