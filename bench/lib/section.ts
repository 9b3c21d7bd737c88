// What every benchmark section returns to bench/run.ts, which writes them all to
// bench/results/bench.json and a Markdown table per section to bench/results/bench.md.

export type BenchOptions = {
  /** Tiny loads and durations: CI runs this to prove the benchmarks still work, not to measure. */
  smoke: boolean;
  /** Where sections may write their own extra files (profiles, raw samples). */
  resultsDir: string;
};

export type SectionResult = {
  /** Short id, e.g. "yjs-fanout". */
  id: string;
  title: string;
  /** One or two sentences: what was measured and how (load, durations, order of peers). */
  method: string;
  /** Machine-readable figures, peer name → metric name → value. */
  figures: Record<string, Record<string, unknown>>;
  /** Markdown table: first row is the header. */
  table: string[][];
  /** Anything a reader must know to trust the numbers (caveats, failures of a peer). */
  notes?: string[];
};

export type Section = { id: string; run(options: BenchOptions): Promise<SectionResult> };
