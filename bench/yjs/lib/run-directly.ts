// `npx tsx bench/yjs/<section>.ts [--smoke]`: runs one section on its own (bench/run.ts runs
// them all), prints its table and writes results/yjs-<id>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { markdownTable } from "../../lib/report.ts";
import type { Section } from "../../lib/section.ts";

export function isMain(moduleFilename: string): boolean {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === moduleFilename;
}

export async function runDirectly(section: Section): Promise<void> {
  const smoke = process.argv.includes("--smoke");
  const resultsDir = path.resolve(import.meta.dirname, "../../results");
  mkdirSync(resultsDir, { recursive: true });
  const started = performance.now();
  const result = await section.run({ smoke, resultsDir });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const file = path.join(resultsDir, `${section.id}${smoke ? "-smoke" : ""}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n## ${result.title}${smoke ? " (smoke)" : ""} — ${seconds} s\n\n${markdownTable(result.table)}\n\n${result.method}`);
  for (const note of result.notes ?? []) console.log(`- ${note}`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
  process.exit(0);
}
