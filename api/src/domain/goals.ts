// Rules of goals that are plain values.

/** Share of the way from baseline to target, clamped to 0..1; works for goals that go down too. */
export function goalProgress(baseline: number, target: number, latest: number | null): number {
  if (latest === null || target === baseline) return 0;
  return Math.min(1, Math.max(0, (latest - baseline) / (target - baseline)));
}
