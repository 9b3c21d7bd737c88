// bench.json and bench.md: every section's result, and what machine and mode produced them.
import os from "node:os";
import type { SectionResult } from "./section.ts";

export type Machine = { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string; loadAverage: number[] };

export type SectionFailure = { id: string; error: string };

export type BenchReport = {
  date: string;
  smoke: boolean;
  machine: Machine;
  durationSeconds: number;
  sections: SectionResult[];
  failures: SectionFailure[];
};

export function describeMachine(): Machine {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function markdownTable(rows: string[][]): string {
  const [header, ...body] = rows;
  if (!header) return "";
  return [`| ${header.map(cell).join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...body.map((row) => `| ${row.map(cell).join(" | ")} |`)].join(
    "\n",
  );
}

export function renderMarkdown(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    `# Staffroom benchmarks${report.smoke ? " (smoke run: figures are meaningless)" : ""}`,
    "",
    `${report.date} · Node ${machine.node} · ${machine.cpus} × ${machine.cpuModel} · ${machine.memoryGiB} GiB · load average at start ${machine.loadAverage.join(", ")} · ${report.durationSeconds} s in total`,
    "",
  ];
  for (const section of report.sections) {
    lines.push(`## ${section.title}`, "", markdownTable(section.table), "", `**Method.** ${section.method}`, "");
    if (section.notes?.length) lines.push(...section.notes.map((note) => `- ${note}`), "");
  }
  if (report.failures.length) {
    lines.push("## Failed sections", "");
    for (const failure of report.failures) lines.push(`- **${failure.id}**: ${failure.error.split("\n")[0]}`);
    lines.push("");
  }
  return lines.join("\n");
}
