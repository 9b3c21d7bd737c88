// Every Yjs section one after another, as bench/run.ts runs them, with the time each took:
//
//   npx tsx bench/yjs/run-all.ts [--smoke] [section ids…]
//
// Writes results/yjs-all[-smoke].json. `npm run bench` (bench/run.ts) is the real runner.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { markdownTable } from "../lib/report.ts";
import type { Section, SectionResult } from "../lib/section.ts";

const SECTIONS: Record<string, () => Promise<{ section: Section }>> = {
  "yjs-fanout": () => import("./fanout.ts"),
  "yjs-memory": () => import("./memory.ts"),
  "yjs-cold-load": () => import("./cold-load.ts"),
  "yjs-cross-instance": () => import("./cross-instance.ts"),
};

const smoke = process.argv.includes("--smoke");
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const resultsDir = path.resolve(import.meta.dirname, "../results");
mkdirSync(resultsDir, { recursive: true });
const results: (SectionResult & { seconds: number })[] = [];
const began = performance.now();
for (const [id, load] of Object.entries(SECTIONS)) {
  if (wanted.length && !wanted.includes(id)) continue;
  const started = performance.now();
  const { section } = await load();
  const result = await section.run({ smoke, resultsDir });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  results.push({ ...result, seconds });
  console.log(`\n## ${result.title} — ${seconds} s\n\n${markdownTable(result.table)}`);
  for (const note of result.notes ?? []) console.log(`- ${note}`);
}
const total = Math.round((performance.now() - began) / 100) / 10;
writeFileSync(path.join(resultsDir, `yjs-all${smoke ? "-smoke" : ""}.json`), `${JSON.stringify({ smoke, totalSeconds: total, sections: results }, null, 2)}\n`);
console.log(`\n${results.length} section(s) in ${total} s`);
process.exit(0);
