// Subscription delivery latency: 50 graphql-ws subscribers follow one document's feedback on a
// Staffroom process while a writer adds feedback at 100 events/s; both sides live in one
// load-generator process, which times each delivery from its own send.
import path from "node:path";
import { startWorker, type ListeningProcess, type Worker } from "../lib/child-process.ts";
import { createBenchDatabase } from "../lib/database.ts";
import { relayGlobalId } from "../lib/graphql-http.ts";
import { phases } from "../lib/progress.ts";
import { seedSchool } from "../lib/school-seed.ts";
import type { BenchOptions, Section, SectionResult } from "../lib/section.ts";
import { summarize } from "../lib/stats.ts";
import { staffroom } from "../graphql/peers.ts";
import type { SubscriptionLoad, SubscriptionLoadResult } from "./load-worker.ts";

const SUBSCRIBERS = 50;
const EVENTS_PER_SECOND = 100;
const FULL = { durationSeconds: 2, drainTimeoutMs: 20_000 };
const SMOKE = { durationSeconds: 0.05, drainTimeoutMs: 15_000 };

export const section: Section = {
  id: "subscriptions",
  async run({ smoke }: BenchOptions): Promise<SectionResult> {
    const timing = smoke ? SMOKE : FULL;
    const done = phases();
    const database = await createBenchDatabase("subscriptions");
    let server: ListeningProcess | null = null;
    let worker: Worker | null = null;
    try {
      const school = await seedSchool(database.url);
      server = await staffroom.start(database.url);
      const started = server;
      worker = await startWorker(path.join(import.meta.dirname, "load-worker.ts"));
      done("database seeded, Staffroom started");
      const members = school.firstGroupMembers;
      // The first document of the first group: every member of that group may follow it.
      const load: SubscriptionLoad = {
        httpUrl: started.url,
        wsUrl: `${started.url.replace(/^http/, "ws")}/graphql`,
        documentGid: relayGlobalId("Document", school.documentIds[0]!),
        subscriberTokens: Array.from({ length: SUBSCRIBERS }, (_, i) => members[i % members.length]!.token),
        writerToken: members[0]!.token,
        eventsPerSecond: EVENTS_PER_SECOND,
        durationSeconds: timing.durationSeconds,
        drainTimeoutMs: timing.drainTimeoutMs,
      };
      const result = await worker.call<SubscriptionLoadResult>(load);
      const latency = summarize(result.latenciesMs);
      const { latenciesMs: _samples, ...counts } = result;
      const deliveriesPerSecond = result.deliverySeconds > 0 ? Math.round(result.deliveries / result.deliverySeconds) : 0;
      console.log(`    Staffroom: p50 ${latency.p50} ms, p99 ${latency.p99} ms, ${result.deliveries}/${result.expectedDeliveries} delivered`);
      return {
        id: "subscriptions",
        title: "Subscriptions: delivery latency",
        method:
          `${SUBSCRIBERS} graphql-ws subscribers (one websocket each, ${members.length} teachers of one PLC) follow feedbackActivity(documentId) on one Staffroom process; ` +
          `a writer in the same load-generator process calls addFeedback over HTTP at ${EVENTS_PER_SECOND} events/s for ${timing.durationSeconds} s (open loop, after a warm-up until every subscription has received an event). ` +
          `Latency = receive time − send time of the mutation, both taken in that process; a delivery not received ${timing.drainTimeoutMs / 1000} s after the last send counts as lost.`,
        figures: {
          Staffroom: { ...counts, deliveriesPerSecond, latencyMs: latency },
        },
        table: [
          ["peer", "subscribers", "events/s", "events sent", "p50 ms", "p99 ms", "max ms", "delivered / expected", "lost", "deliveries/s", "send errors"],
          [
            "Staffroom",
            String(SUBSCRIBERS),
            String(EVENTS_PER_SECOND),
            String(result.eventsSent),
            String(latency.p50),
            String(latency.p99),
            String(latency.max),
            `${result.deliveries} / ${result.expectedDeliveries}`,
            String(result.lost),
            String(deliveriesPerSecond),
            String(result.sendErrors),
          ],
        ],
        notes: [
          "Each event is re-authorized per subscriber before delivery: the subscriber's session and access are reloaded and the document's facts read (the trust rule that a subscription stops the moment access ends). The subscribers of one event share one document read and one batched credential reload (two statements per event).",
          "Latency includes the mutation itself (HTTP, authentication, the feedback and activity rows written in one transaction) before the event is published.",
          "One Staffroom process without Redis (in-process event bus); no peer is compared here.",
          ...(smoke ? ["Smoke mode: far too short for the figures to mean anything; this run only proves the benchmark works."] : []),
        ],
      };
    } finally {
      await worker?.stop();
      await server?.stop();
      await database.drop();
    }
  },
};
