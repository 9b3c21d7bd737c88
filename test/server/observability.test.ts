// Logs and metrics of a real app: one JSON log line per GraphQL request (request id, operation,
// user, status, duration) that never carries what people wrote, tokens or variables; websocket
// lines on open and close; and /metrics, behind METRICS_TOKEN, counting real traffic.
import { createClient, type Client as WsClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { ConfigError, loadConfig } from "@staffroom/api/config";
import { startTestApp, type TestApp } from "../support/app.ts";
import { connectClient, eventually, synced, type Client } from "../support/collab.ts";
import { deleteKeys, REDIS_URL, redisAdmin, uniqueRedisPrefix } from "../support/redis.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { subscribeWs, wsClient, wsUrl, type Stream } from "../support/subscriptions.ts";
import { graphql } from "../support/graphql.ts";
import { queryText, type TypedDocument } from "../support/graphql-http.ts";
import { asNode } from "../support/operations.ts";

const METRICS_TOKEN = "metrics-test-token-0123456789";
/** Written into a document and a feedback body: it must reach the callers and never the log. */
const SECRET_SENTENCE = "Marigold otters recite prime numbers at dawn";
const FEEDBACK_BODY = "Quietly luminous exit tickets beat loud ones";

type LogLine = Record<string, unknown> & { msg: string; level: number };

let app: TestApp;
let fx: SchoolFixture;
let planId: string;
const redisPrefix = uniqueRedisPrefix("observability");
/** Every byte the app logged, as written. */
let logged = "";
const collabClients: Client[] = [];
const wsClients: WsClient[] = [];
const streams: Stream[] = [];

beforeAll(async () => {
  app = await startTestApp(
    { observability: { logLevel: "info", metricsToken: METRICS_TOKEN }, redisUrl: REDIS_URL, redisPrefix },
    { logDestination: { write: (chunk: string) => void (logged += chunk) } },
  );
  fx = await buildSchoolFixture(app.db.prisma);
  planId = (await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "Owl pellets" })).id;
});
afterAll(async () => {
  for (const stream of streams) stream.dispose();
  await Promise.all(wsClients.map((c) => c.dispose()));
  for (const client of collabClients) client.close();
  await app?.close();
  const admin = redisAdmin();
  await deleteKeys(admin, redisPrefix);
  admin.disconnect();
});

function logLines(): LogLine[] {
  return logged
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

/** POSTs over real HTTP as peerMember (unless `headers` says otherwise); the response and its body. */
async function postGraphQL<Result = unknown, Variables = Record<string, unknown>>(
  document: TypedDocument<Result, Variables> | string,
  variables?: Variables,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${fx.people.peerMember.token}`, ...headers },
    body: JSON.stringify({ query: queryText(document), variables }),
  });
  return { response, body: (await response.json()) as { data?: Result; errors?: unknown[] } };
}

const READ_PLAN = graphql(`
  query ReadPlan($id: ID!) {
    node(id: $id) {
      ... on Document {
        title
        content {
          text
        }
      }
    }
  }
`);
const ADD_FEEDBACK = graphql(`
  mutation GiveFeedback($input: AddFeedbackInput!) {
    addFeedback(input: $input) {
      __typename
    }
  }
`);
// Anonymous on purpose: the refused request is logged with no operation name.
const VIEWER_ID = graphql(`
  query {
    viewer {
      id
    }
  }
`);
const TYPENAME = graphql(`
  query {
    __typename
  }
`);
const WHO_AM_I_OVER_WS = graphql(`
  query WhoAmIOverWs {
    viewer {
      id
    }
  }
`);
const FOLLOW = graphql(`
  subscription Follow($documentId: ID) {
    feedbackActivity(documentId: $documentId) {
      id
    }
  }
`);

/** Types the sentence into the plan over /collab, as the editor would (Tiptap's "default" fragment). */
async function writeSentenceLive(): Promise<Client> {
  const client = connectClient(app.url, planId, fx.people.peerMember.token);
  collabClients.push(client);
  await synced(client);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(SECRET_SENTENCE)]);
  client.doc.getXmlFragment("default").insert(0, [paragraph]);
  return client;
}

describe("logs", () => {
  it("a GraphQL request gives exactly one JSON line with its request id, operation, user, status and duration, and none of what people wrote", async () => {
    await writeSentenceLive();
    await eventually(
      async () =>
        asNode((await postGraphQL(READ_PLAN, { id: gid("Document", planId) })).body.data?.node, "Document")?.content?.text.includes(SECRET_SENTENCE) === true,
      "the sentence readable over GraphQL",
    );

    const { response, body } = await postGraphQL(READ_PLAN, { id: gid("Document", planId) }, { "x-request-id": "req-read-plan-1" });
    expect(asNode(body.data?.node, "Document")?.content?.text).toContain(SECRET_SENTENCE);
    expect(response.headers.get("x-request-id")).toBe("req-read-plan-1");
    const feedback = await postGraphQL(
      ADD_FEEDBACK,
      { input: { documentId: gid("Document", planId), kind: "GLOW", body: FEEDBACK_BODY } },
      { "x-request-id": "req-feedback-1" },
    );
    expect(feedback.body.data?.addFeedback.__typename).toBe("MutationAddFeedbackSuccess");

    const lines = logLines().filter((line) => line.requestId === "req-read-plan-1");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: "graphql request", level: 30, operation: "ReadPlan", userId: fx.people.peerMember.id, status: 200, errors: 0 });
    expect(lines[0]!.durationMs).toEqual(expect.any(Number));
    expect(logLines().filter((line) => line.requestId === "req-feedback-1")).toEqual([
      expect.objectContaining({ operation: "GiveFeedback", userId: fx.people.peerMember.id, status: 200 }),
    ]);
    // Not the document's text, not the feedback's body (a variable), not the bearer token.
    expect(logged).not.toContain(SECRET_SENTENCE);
    expect(logged).not.toContain(FEEDBACK_BODY);
    expect(logged).not.toContain(fx.people.peerMember.token);
  });

  it("replaces an incoming request id that is too long or unsafe with one of its own, and logs who was refused", async () => {
    const unsafe = "x".repeat(65);
    const { response } = await postGraphQL(VIEWER_ID, {}, { "x-request-id": unsafe, authorization: "Bearer not-a-real-token" });
    expect(response.status).toBe(401);
    const id = response.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged).not.toContain(unsafe);
    expect(logLines().filter((line) => line.requestId === id)).toEqual([
      expect.objectContaining({ msg: "graphql request", operation: null, userId: null, status: 401 }),
    ]);
    expect(logged).not.toContain("not-a-real-token");
  });

  it("logs websocket connections opening and closing, with the document, the user and the close code", async () => {
    const client = connectClient(app.url, planId, fx.people.peerMember2.token);
    await synced(client);
    client.close();
    // Not lazy: it connects now, with no operation to run.
    const ws = createClient({
      url: wsUrl(app),
      webSocketImpl: WebSocket,
      connectionParams: { token: fx.people.peerMember3.token },
      lazy: false,
      retryAttempts: 0,
    });
    await new Promise<void>((resolve, reject) => {
      ws.on("connected", () => resolve());
      ws.on("error", reject);
    });
    await ws.dispose();

    const user2 = fx.people.peerMember2.id;
    await eventually(() => logLines().some((l) => l.msg === "collab connection closed" && l.userId === user2), "the collab close line");
    expect(logLines().filter((l) => l.component === "collab" && l.userId === user2)).toEqual([
      expect.objectContaining({ msg: "collab connection opened", documentId: planId, readOnly: false }),
      // y-websocket's provider closes without a status code: the server sees 1005 ("no status").
      expect.objectContaining({ msg: "collab connection closed", documentId: planId, code: 1005 }),
    ]);
    const user3 = fx.people.peerMember3.id;
    await eventually(() => logLines().some((l) => l.msg === "graphql-ws connection closed" && l.userId === user3), "the graphql-ws close line");
    expect(logLines().filter((l) => l.component === "graphql-ws" && l.userId === user3)).toEqual([
      expect.objectContaining({ msg: "graphql-ws connection opened" }),
      expect.objectContaining({ msg: "graphql-ws connection closed", code: 1000 }),
    ]);
  });

  it("logs each graphql-ws operation when it completes, with a request id, its name, type and user, and one refused line", async () => {
    const user = fx.people.plcMember;
    const ws = wsClient(app, user.token);
    const viewer = await new Promise<unknown>((resolve, reject) => {
      let data: unknown;
      ws.subscribe({ query: queryText(WHO_AM_I_OVER_WS) }, { next: (result) => (data = result.data), error: reject, complete: () => resolve(data) });
    });
    expect(viewer).toEqual({ viewer: { id: user.gid } });
    // Raw text on purpose: a field the schema does not have, to be refused.
    const refused = await new Promise<unknown>((resolve) => {
      ws.subscribe(
        { query: "query NoSuchField { noSuchField }", operationName: "NoSuchField" },
        { next: () => {}, error: resolve, complete: () => resolve(null) },
      );
    });
    expect(refused).toBeTruthy();
    await eventually(() => logLines().some((l) => l.msg === "graphql-ws operation refused" && l.userId === user.id), "the refused line");
    const lines = logLines().filter((l) => l.component === "graphql-ws" && l.userId === user.id && String(l.msg).startsWith("graphql-ws operation"));
    expect(lines).toEqual([
      expect.objectContaining({
        msg: "graphql-ws operation",
        operation: "WhoAmIOverWs",
        type: "query",
        errors: 0,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      }),
      expect.objectContaining({ msg: "graphql-ws operation refused", operation: "NoSuchField", errors: 1 }),
    ]);
    expect(typeof lines[0]!.durationMs).toBe("number");
    await ws.dispose();
  });
});

/** One sample of the scrape: `name{a="b",…} value`, matching the given labels (others may be there too). */
function sample(scrape: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of scrape.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(token: string | null = METRICS_TOKEN) {
  return fetch(`${app.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

describe("/metrics", () => {
  it("answers only the METRICS_TOKEN bearer: 401 without it or with another", async () => {
    const missing = await scrape(null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await scrape("metrics-test-token-0123456788")).status).toBe(401);
    expect((await scrape()).status).toBe(200);
  });

  it("counts real traffic: HTTP and GraphQL requests, errors, websockets, open documents, update writes, subscriptions, dependencies", async () => {
    const editor = await writeSentenceLive();
    await postGraphQL(READ_PLAN, { id: gid("Document", planId) });
    // Deliberately invalid: the error counter must count a query the schema refuses.
    await postGraphQL("query Broken { noSuchField }");
    const ws = wsClient(app, fx.people.peerMember.token);
    wsClients.push(ws);
    const stream = subscribeWs(ws, "feedbackActivity", FOLLOW, {
      documentId: gid("Document", planId),
    });
    streams.push(stream);
    await stream.untilLive(app, { schoolId: fx.schoolId, groupId: fx.peerGroupId, type: "FEEDBACK_ADDED", payload: { documentId: planId, kind: "GLOW" } });
    const before = await app.db.prisma.documentUpdate.count({ where: { documentId: planId } });
    editor.text.insert(0, "second edit");
    await eventually(async () => (await app.db.prisma.documentUpdate.count({ where: { documentId: planId } })) > before, "the edit stored");

    const response = await scrape();
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(sample(text, "staffroom_http_request_duration_seconds_count", { route: "/graphql", status: "200" })).toBeGreaterThan(0);
    expect(sample(text, "staffroom_graphql_operation_duration_seconds_count", { operation: "ReadPlan", type: "query" })).toBeGreaterThan(0);
    expect(sample(text, "staffroom_graphql_operation_errors_total", { operation: "Broken", phase: "validate" })).toBe(1);
    expect(sample(text, "staffroom_websocket_connections", { endpoint: "collab" })).toBeGreaterThan(0);
    expect(sample(text, "staffroom_websocket_connections", { endpoint: "graphql-ws" })).toBe(1);
    expect(sample(text, "staffroom_collab_open_documents")).toBe(1);
    expect(sample(text, "staffroom_collab_update_write_duration_seconds_count")).toBeGreaterThan(0);
    expect(sample(text, "staffroom_graphql_subscriptions")).toBe(1);
    expect(sample(text, "staffroom_dependency_up", { dependency: "database" })).toBe(1);
    expect(sample(text, "staffroom_dependency_up", { dependency: "redis" })).toBe(1);
    // prom-client's process metrics, on this app's own registry.
    expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sample(text, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);

    // The scrape itself is an HTTP request like any other.
    expect(sample(await (await scrape()).text(), "staffroom_http_request_duration_seconds_count", { route: "/metrics", status: "200" })).toBeGreaterThan(0);

    stream.dispose();
    await eventually(async () => sample(await (await scrape()).text(), "staffroom_graphql_subscriptions") === 0, "the subscription no longer counted");
  });

  it('keeps operation names bounded: past 100 distinct names, new ones are counted as "other"', async () => {
    // Raw text on purpose: 110 distinct operation names, made at run time.
    for (let i = 0; i < 110; i++) await app.gql(`query Probe${i} { __typename }`, {}, fx.people.peerMember.token);
    await app.gql(TYPENAME, {}, fx.people.peerMember.token);
    const text = await (await scrape()).text();
    const operations = new Set([...text.matchAll(/^staffroom_graphql_operation_duration_seconds_count\{operation="([^"]*)"/gm)].map((m) => m[1]));
    expect(operations.size).toBeLessThanOrEqual(102);
    expect(operations).toContain("other");
    expect(operations).toContain("anonymous");
    expect(operations).not.toContain("Probe109");
  });
});

describe("/metrics when METRICS_TOKEN is not set", () => {
  it("does not exist (404), whatever the token", async () => {
    const plain = await startTestApp();
    try {
      expect((await fetch(`${plain.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe("configuration", () => {
  it("logs at info with metrics off by default, and refuses an unknown level or a short metrics token", () => {
    expect(loadConfig({}).observability).toEqual({ logLevel: "info", metricsToken: undefined });
    expect(loadConfig({ LOG_LEVEL: "silent", METRICS_TOKEN: METRICS_TOKEN }).observability).toEqual({ logLevel: "silent", metricsToken: METRICS_TOKEN });
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: at least 16 characters/);
    expect(() => loadConfig({ METRICS_TOKEN: "a token with spaces in it" })).toThrow(/METRICS_TOKEN/);
  });
});
