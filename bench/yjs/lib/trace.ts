// BENCH_TRACE=1 prints when each step of a section starts, to see where its time goes.
const began = performance.now();

export function trace(step: string) {
  if (process.env.BENCH_TRACE) console.error(`[${((performance.now() - began) / 1000).toFixed(2)} s] ${step}`);
}
