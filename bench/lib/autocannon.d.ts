// autocannon 8 ships no types; this declares the part of its API the load generator uses.
declare module "autocannon" {
  type Histogram = { p50: number; p90: number; p99: number; max: number; mean: number; average: number; total: number };
  type Options = {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
    amount?: number;
    expectBody?: string;
  };
  type Result = {
    duration: number;
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    mismatches: number;
  };
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
