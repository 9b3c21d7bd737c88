// Parent side of the HTTP load generator: a long-lived child process running autocannon, so the
// load never shares an event loop with the benchmark's bookkeeping or with the peer under test.
import path from "node:path";
import { startWorker, type Worker } from "./child-process.ts";

export type HttpLoad = {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** Run for this long… */
  durationSeconds: number;
  /** …or, when set, until this many requests are done (smoke runs: at least one answer even on a crawling machine). */
  amount?: number;
  /** When set, every response body must equal this string or it counts as a mismatch. */
  expectBody?: string;
};

export type HttpLoadResult = {
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Connection errors (refused, reset…), timeouts and responses that were not 2xx. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx responses whose body differed from `expectBody`. */
  mismatches: number;
  bytesPerRequest: number;
};

export type HttpLoadGenerator = { run(load: HttpLoad): Promise<HttpLoadResult>; stop(): Promise<void> };

export async function startHttpLoadGenerator(): Promise<HttpLoadGenerator> {
  const worker: Worker = await startWorker(path.join(import.meta.dirname, "http-load-worker.ts"));
  return { run: (load) => worker.call<HttpLoadResult>(load), stop: () => worker.stop() };
}
