// The HTTP load generator's process: autocannon, driven over IPC by bench/lib/http-load.ts.
// One process for every peer, so each is loaded by the same client on the same terms.
import autocannon from "autocannon";
import { serveWorker } from "./child-process.ts";
import type { HttpLoad, HttpLoadResult } from "./http-load.ts";

serveWorker(async (load: HttpLoad): Promise<HttpLoadResult> => {
  const result = await autocannon({
    url: load.url,
    method: "POST",
    headers: { "content-type": "application/json", ...load.headers },
    body: load.body,
    connections: load.connections,
    duration: load.durationSeconds,
    ...(load.amount === undefined ? {} : { amount: load.amount }),
    // Every response must be byte-for-byte the one verified before the run: a server that
    // answers fast with errors (or less data) counts as mismatches, not as speed.
    ...(load.expectBody === undefined ? {} : { expectBody: load.expectBody }),
  });
  return {
    requests: result.requests.total,
    durationSeconds: result.duration,
    requestsPerSecond: Math.round((result.requests.total / result.duration) * 10) / 10,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    bytesPerRequest: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
});
