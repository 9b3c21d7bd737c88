// The subscription load generator's process: N graphql-ws subscribers and one writer that adds
// feedback over HTTP at a fixed rate. Send and receive times are taken in this one process, so
// latency = receive − send needs no clock agreement with the server.
import { performance } from "node:perf_hooks";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { serveWorker } from "../lib/child-process.ts";

export type SubscriptionLoad = {
  httpUrl: string;
  wsUrl: string;
  documentGid: string;
  /** One token per subscriber (several subscribers may share a person). */
  subscriberTokens: string[];
  writerToken: string;
  eventsPerSecond: number;
  durationSeconds: number;
  /** How long to wait after the last send for deliveries still under way. */
  drainTimeoutMs: number;
};

export type SubscriptionLoadResult = {
  subscribers: number;
  eventsSent: number;
  /** Measured mutations that failed (transport error, GraphQL error or a typed error result). */
  sendErrors: number;
  sendSeconds: number;
  expectedDeliveries: number;
  deliveries: number;
  lost: number;
  duplicates: number;
  /** receive − send, every delivery of every measured event, in ms. */
  latenciesMs: number[];
  /** From the first send to the last delivery. */
  deliverySeconds: number;
  /** Subscriptions that ended or errored during the run. */
  subscriberFailures: number;
};

const SUBSCRIPTION = `subscription Follow($documentId: ID!) { feedbackActivity(documentId: $documentId) { id subjectId } }`;
const ADD_FEEDBACK = `mutation Add($input: AddFeedbackInput!) { addFeedback(input: $input) { __typename ... on MutationAddFeedbackSuccess { data { id } } } }`;

type Sent = { sentAt: number; measured: boolean };

async function run(load: SubscriptionLoad): Promise<SubscriptionLoadResult> {
  const sent = new Map<string, Sent>(); // feedback global id (= the notification's subjectId) → send
  const received = load.subscriberTokens.map(() => new Map<string, number>()); // per subscriber: subjectId → receivedAt
  let duplicates = 0;
  let subscriberFailures = 0;
  let sendErrors = 0;

  const clients: Client[] = [];
  const disposers: (() => void)[] = [];
  for (const [index, token] of load.subscriberTokens.entries()) {
    const client = createClient({ url: load.wsUrl, webSocketImpl: WebSocket, connectionParams: { token }, retryAttempts: 0, lazy: false });
    clients.push(client);
    disposers.push(
      client.subscribe<{ feedbackActivity: { subjectId: string } }>(
        { query: SUBSCRIPTION, variables: { documentId: load.documentGid } },
        {
          next: (result) => {
            const now = performance.now();
            const subjectId = result.data?.feedbackActivity.subjectId;
            if (!subjectId) return void subscriberFailures++;
            const mine = received[index]!;
            if (mine.has(subjectId)) duplicates++;
            else mine.set(subjectId, now);
          },
          error: () => void subscriberFailures++,
          complete: () => {},
        },
      ),
    );
  }

  const inFlight = new Set<Promise<string | null>>();
  const send = (measured: boolean) => {
    const sentAt = performance.now();
    const request = fetch(`${load.httpUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${load.writerToken}` },
      body: JSON.stringify({ query: ADD_FEEDBACK, variables: { input: { documentId: load.documentGid, kind: "GLOW", body: "Clear learning intention." } } }),
    })
      .then(async (response) => {
        const json = (await response.json()) as { data?: { addFeedback?: { __typename: string; data?: { id: string } } } };
        const id = json.data?.addFeedback?.data?.id;
        if (!id) throw new Error(JSON.stringify(json).slice(0, 300));
        sent.set(id, { sentAt, measured });
        return id;
      })
      .catch(() => {
        if (measured) sendErrors++;
        return null;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
    return request;
  };

  // Warm-up: one event at a time until every subscriber has heard the latest one. Then every
  // subscription is surely live, the server's code paths are warm, and no backlog is left.
  const warmupDeadline = performance.now() + 30_000;
  for (;;) {
    if (performance.now() > warmupDeadline) throw new Error(`only ${received.filter((r) => r.size > 0).length} of ${received.length} subscriptions went live`);
    const id = await send(false);
    const heardBy = performance.now() + 2_000;
    while (id && received.some((r) => !r.has(id)) && performance.now() < heardBy) await new Promise((resolve) => setTimeout(resolve, 10));
    if (id && received.every((r) => r.has(id))) break;
  }

  // Measured: open loop at a fixed rate; a slow server does not slow the sender down.
  const total = Math.max(1, Math.round(load.eventsPerSecond * load.durationSeconds));
  const interval = 1000 / load.eventsPerSecond;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    send(true);
  }
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.all(inFlight);

  const measured = [...sent].filter(([, s]) => s.measured);
  const delivered = () => measured.reduce((sum, [id]) => sum + received.filter((r) => r.has(id)).length, 0);
  const expected = measured.length * received.length;
  const drainDeadline = performance.now() + load.drainTimeoutMs;
  while (delivered() < expected && performance.now() < drainDeadline) await new Promise((resolve) => setTimeout(resolve, 50));

  const latenciesMs: number[] = [];
  let lastDelivery = started;
  for (const [id, { sentAt }] of measured) {
    for (const mine of received) {
      const at = mine.get(id);
      if (at === undefined) continue;
      latenciesMs.push(at - sentAt);
      lastDelivery = Math.max(lastDelivery, at);
    }
  }
  for (const dispose of disposers) dispose();
  await Promise.all(clients.map((c) => c.dispose()));
  return {
    subscribers: received.length,
    eventsSent: measured.length,
    sendErrors,
    sendSeconds: Math.round(sendSeconds * 100) / 100,
    expectedDeliveries: expected,
    deliveries: latenciesMs.length,
    lost: expected - latenciesMs.length,
    duplicates,
    latenciesMs,
    deliverySeconds: Math.round(((lastDelivery - started) / 1000) * 100) / 100,
    subscriberFailures,
  };
}

serveWorker(run);
