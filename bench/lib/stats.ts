// Latency summaries shared by every benchmark, so all peers are reported the same way.

export type LatencySummary = { count: number; p50: number; p99: number; max: number; mean: number };

/** Nearest-rank percentile of `sorted` (ascending); `q` in 0..1. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Milliseconds, rounded to 0.01 ms so JSON stays readable. */
export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  const sum = sorted.reduce((total, n) => total + n, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    mean: round(sorted.length ? sum / sorted.length : Number.NaN),
  };
}
