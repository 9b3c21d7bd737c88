// Prometheus metrics, on when METRICS_TOKEN is set (see metrics-endpoint.ts). One Registry per
// app, never prom-client's global one: tests run several apps in one process, and each must
// count only its own traffic. Gauges of things the app already keeps count of (connections,
// open documents, dependency health) are read when Prometheus scrapes, not updated on every change.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Distinct operation names that get a label of their own; callers choose names, so later ones share "other". */
const MAX_OPERATION_NAMES = 100;
const MAX_OPERATION_NAME_LENGTH = 64;

export type MetricSources = {
  collabConnections(): number;
  graphqlWsConnections(): number;
  openDocuments(): number;
  databaseUp(): Promise<boolean>;
  /** Absent when the instance runs without Redis. */
  redisUp?: () => Promise<boolean>;
};

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpRequestDuration = new Histogram({
    name: "staffroom_http_request_duration_seconds",
    help: "HTTP requests by route (/graphql, /healthz, /readyz, /metrics, or web for the web app) and status",
    labelNames: ["route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const graphqlOperationDuration = new Histogram({
    name: "staffroom_graphql_operation_duration_seconds",
    help: "Execution time of GraphQL queries and mutations (HTTP and websocket), by operation name",
    labelNames: ["operation", "type"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const graphqlOperationErrors = new Counter({
    name: "staffroom_graphql_operation_errors_total",
    help: "GraphQL operations refused by validation (phase=validate, limits included) or answered with errors (phase=execute)",
    labelNames: ["operation", "phase"] as const,
    registers,
  });
  const graphqlSubscriptions = new Gauge({
    name: "staffroom_graphql_subscriptions",
    help: "Subscriptions running now (server-sent events and graphql-ws)",
    registers,
  });
  const collabUpdateWriteDuration = new Histogram({
    name: "staffroom_collab_update_write_duration_seconds",
    help: "Time to append a batch of live-document updates to the update log (edits wait for it before anyone sees them)",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });

  const knownOperations = new Set<string>();
  /** The operation's label: its name while fewer than MAX_OPERATION_NAMES are known, "anonymous" without one, else "other". */
  function operationLabel(name: string | null | undefined): string {
    if (!name) return "anonymous";
    if (knownOperations.has(name)) return name;
    if (knownOperations.size >= MAX_OPERATION_NAMES || name.length > MAX_OPERATION_NAME_LENGTH) return "other";
    knownOperations.add(name);
    return name;
  }

  /** Gauges read at scrape time from the app's own counts; called once the app's parts exist. */
  function watch(sources: MetricSources) {
    // An app started again (after stop) watches its new parts, not the old ones.
    for (const name of ["staffroom_websocket_connections", "staffroom_collab_open_documents", "staffroom_dependency_up"]) registry.removeSingleMetric(name);
    new Gauge({
      name: "staffroom_websocket_connections",
      help: "Open websocket connections by endpoint (collab: live documents, graphql-ws: subscriptions)",
      labelNames: ["endpoint"] as const,
      registers,
      collect() {
        this.set({ endpoint: "collab" }, sources.collabConnections());
        this.set({ endpoint: "graphql-ws" }, sources.graphqlWsConnections());
      },
    });
    new Gauge({
      name: "staffroom_collab_open_documents",
      help: "Live documents held in memory by this instance",
      registers,
      collect() {
        this.set(sources.openDocuments());
      },
    });
    new Gauge({
      name: "staffroom_dependency_up",
      help: "1 when the dependency answers (the checks of /readyz), 0 when it does not",
      labelNames: ["dependency"] as const,
      registers,
      async collect() {
        const [database, redis] = await Promise.all([sources.databaseUp(), sources.redisUp?.()]);
        this.set({ dependency: "database" }, database ? 1 : 0);
        if (redis !== undefined) this.set({ dependency: "redis" }, redis ? 1 : 0);
      },
    });
  }

  return {
    registry,
    httpRequestDuration,
    graphqlOperationDuration,
    graphqlOperationErrors,
    graphqlSubscriptions,
    collabUpdateWriteDuration,
    operationLabel,
    watch,
  };
}
