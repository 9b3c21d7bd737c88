// GraphQL subscriptions from a test: the real graphql-ws client over a real websocket, and SSE
// over a real HTTP connection. Each subscription's results queue up in a Stream to await in order.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { ActivityMessage } from "@staffroom/api/testing";
import type { DocumentNode } from "graphql";
import type { TestApp } from "./app.ts";
import { type GqlResult, queryText, type TypedDocument } from "./graphql-http.ts";

export type GqlError = { message: string; extensions?: { code?: string } };
export type Result = { data?: Record<string, unknown> | null; errors?: readonly GqlError[] };

const WAIT_MS = 5000;
const PROBE_PREFIX = "probe-";

/** A bus message without the fields untilLive fills in (per kind, so type and payload still agree). */
type Probe = ActivityMessage extends infer M ? (M extends ActivityMessage ? Omit<M, "id" | "createdAt" | "actorId" | "subjectId"> : never) : never;

/**
 * The results of one subscription, in arrival order. Readiness probes (see untilLive) are
 * skipped by `next`, so a test sees only the events it caused.
 */
export class Stream {
  readonly results: Result[] = [];
  /** An "error" message (operation refused before it ran) or the socket's close event. */
  failure: unknown = null;
  completed = false;
  private cursor = 0;
  private wake: (() => void) | null = null;
  dispose: () => void = () => {};

  constructor(readonly field: string) {}

  push(result: Result) {
    this.results.push(result);
    this.wake?.();
  }
  fail(error: unknown) {
    this.failure = error;
    this.wake?.();
  }
  complete() {
    this.completed = true;
    this.wake?.();
  }

  private async waitFor<T>(take: () => T | undefined, what: string, timeoutMs = WAIT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = take();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what} on ${this.field} (results so far: ${JSON.stringify(this.results)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private isProbe(result: Result) {
    const event = result.data?.[this.field] as { id?: unknown } | null | undefined;
    return String(event?.id ?? "").startsWith(PROBE_PREFIX);
  }

  /**
   * The next notification the test caused; fails on errors, on refusal and on completion. Read as
   * the subscription's selection: a stream does not carry its document's type (streams are made
   * from typed and raw documents alike, and the subscription tests branches in flight extend read
   * events this way).
   */
  // biome-ignore lint/suspicious/noExplicitAny: an event is read as the selection the test subscribed with (see above).
  async next(what = "the next event"): Promise<any> {
    const result = await this.waitFor(() => {
      while (this.cursor < this.results.length && this.isProbe(this.results[this.cursor]!)) this.cursor++;
      if (this.cursor < this.results.length) return this.results[this.cursor++];
      if (this.failure || this.completed) throw new Error(`${this.field} ended while waiting for ${what}: ${describe(this.failure)}`);
      return undefined;
    }, what);
    if (result.errors?.length) throw new Error(`${this.field} delivered errors: ${JSON.stringify(result.errors)}`);
    return result.data?.[this.field];
  }

  /** Everything the test caused that arrived so far and was not yet taken by `next`. */
  // biome-ignore lint/suspicious/noExplicitAny: as next().
  pending(): any[] {
    return this.results
      .slice(this.cursor)
      .filter((r) => !this.isProbe(r))
      .map((r) => r.data?.[this.field]);
  }

  /** The error code the subscription was refused with (as a result with errors, or an error message). */
  async refusal(): Promise<string> {
    return this.waitFor(() => {
      const refused = this.results.find((r) => r.errors?.length);
      if (refused) return refused.errors![0]!.extensions?.code ?? "NO_CODE";
      if (Array.isArray(this.failure)) return (this.failure[0] as GqlError | undefined)?.extensions?.code ?? "NO_CODE";
      if (this.failure) return `CLOSED_${(this.failure as { code?: number }).code}`;
      const accepted = this.results.find((r) => !this.isProbe(r));
      if (accepted) throw new Error(`${this.field} was accepted: ${JSON.stringify(accepted)}`);
      return undefined;
    }, "a refusal");
  }

  /**
   * Publishes `probe()` on the app's bus every 20 ms until one comes back, so the server is
   * surely listening before the test acts. Probes are real bus messages the subscription's own
   * filter and access check let through; they are never written to the database.
   */
  async untilLive(app: TestApp, probe: Probe): Promise<void> {
    let sent = 0;
    const timer = setInterval(() => {
      const message = { ...probe, id: `${PROBE_PREFIX}${sent++}`, actorId: null, subjectId: null, createdAt: new Date().toISOString() } as ActivityMessage;
      app.services.events.publish("activity", message);
    }, 20);
    try {
      await this.waitFor(() => {
        if (this.results.some((r) => this.isProbe(r))) return true;
        const refused = this.results.find((r) => r.errors?.length);
        if (refused || this.failure || this.completed) throw new Error(`${this.field} is not live: ${describe(this.failure ?? refused)}`);
        return undefined;
      }, "the subscription to go live");
    } finally {
      clearInterval(timer);
    }
  }
}

function describe(value: unknown): string {
  if (value && typeof value === "object" && "code" in value && "reason" in value) return `closed ${String(value.code)} ${String(value.reason)}`;
  return JSON.stringify(value);
}

export function wsUrl(app: TestApp): string {
  return `${app.url.replace(/^http/, "ws")}/graphql`;
}

/** A real graphql-ws client; connectionParams default to { token }. Dispose it when done. */
export function wsClient(app: TestApp, token: string | null, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: wsUrl(app),
    webSocketImpl: WebSocket,
    connectionParams: connectionParams ?? (token ? { token } : {}),
    retryAttempts: 0,
    lazyCloseTimeout: 0,
  });
}

export function subscribeWs(client: Client, field: string, document: string | DocumentNode, variables: Record<string, unknown> = {}): Stream {
  const stream = new Stream(field);
  stream.dispose = client.subscribe(
    { query: queryText(document), variables },
    { next: (result) => stream.push(result as Result), error: (error) => stream.fail(error), complete: () => stream.complete() },
  );
  return stream;
}

/** GraphQL over SSE: a POST with Accept: text/event-stream on a real connection, read frame by frame. */
export function subscribeSse(app: TestApp, field: string, document: string | DocumentNode, variables: Record<string, unknown>, token: string | null): Stream {
  const stream = new Stream(field);
  const abort = new AbortController();
  stream.dispose = () => abort.abort();
  void (async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { accept: "text/event-stream", "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: queryText(document), variables }),
      signal: abort.signal,
    });
    if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
      return stream.fail({ status: response.status, body: await response.text() });
    }
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = frame
          .split("\n")
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).trimStart())
          .join("\n");
        if (event === "complete") stream.complete();
        else if (data) stream.push(JSON.parse(data) as Result);
      }
    }
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) stream.fail(error);
  });
  return stream;
}

/** The `data` of the Success type of a mutation's one root field. */
export type ActData<R> = Extract<R[keyof R], { __typename: `${string}Success` }> extends { data: infer D } ? D : never;

/**
 * Runs a typed mutation (one root field, using the errors plugin) and returns its success `data`,
 * failing the test on any error: what a test does to cause the event it waits for.
 */
export async function act<R, V>(app: TestApp, token: string, document: TypedDocument<R, V>, variables: V): Promise<ActData<R>>;
export async function act(app: TestApp, token: string, document: DocumentNode, variables: unknown): Promise<unknown> {
  const res: GqlResult<Record<string, { __typename?: string; data?: unknown } | undefined>> = await app.gql(
    queryText(document),
    variables as Record<string, unknown>,
    token,
  );
  const [field, payload] = Object.entries(res.data ?? {})[0] ?? [];
  if (res.errors?.length || !payload?.__typename?.endsWith("Success")) throw new Error(`${field ?? "the mutation"} failed: ${JSON.stringify(res)}`);
  return payload.data;
}
