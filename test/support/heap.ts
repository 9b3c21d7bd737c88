// A settled heap figure for memory tests and benchmarks: collect garbage a few times (with
// pauses for finalizers) before reading heapUsed. Works without --expose-gc.
import v8 from "node:v8";
import vm from "node:vm";

function gcFunction(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}
const gc = gcFunction();

export async function settledHeap(rounds = 3, pauseMs = 20): Promise<number> {
  for (let i = 0; i < rounds; i++) {
    gc();
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  return process.memoryUsage().heapUsed;
}
