// A real app (real PostgreSQL, real HTTP server on port 0) per test file, and a tiny GraphQL caller.
import { AsyncLocalStorage } from "node:async_hooks";
import type { DocumentDecoration } from "gql.tada";
import { type DocumentNode, print } from "graphql";
import { buildApp, type AppOptions, type StartedApp } from "@staffroom/api/app";
import { testConfig, type Config } from "@staffroom/api/config";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { type Factories, factories } from "./factories.ts";

export type TestApp = StartedApp & {
  /** The app's live documents (the same registry the /collab endpoint uses). */
  documents: StartedApp["services"]["documents"] & { loadedCount: number };
  database: TestDatabase;
  /** Factories writing rows straight into this app's database (support/factories.ts). */
  make: Factories;
  /** POSTs a GraphQL operation in-process and returns the parsed JSON body. `db.onQuery` hears only statements of these requests. */
  gql: GqlCall;
  close(): Promise<void>;
};

/** A typed document: a `graphql()` operation of support/graphql.ts (or any TypedDocumentNode). */
export type TypedDocument<Result, Variables> = DocumentNode & DocumentDecoration<Result, Variables>;

/** The variables and token after a typed document: the variables may be left out only when none is required. */
export type GqlArgs<Variables> =
  Partial<Variables> extends Variables ? [variables?: Variables, token?: string | null] : [variables: Variables, token?: string | null];

export type GqlCall = {
  /** A typed operation: the data and variables types come from the document. */
  <Result, Variables>(document: TypedDocument<Result, Variables>, ...args: GqlArgs<Variables>): Promise<GqlResult<Result>>;
  /**
   * A raw query text, only for what a typed document cannot express: a deliberately malformed or
   * abusive query (limits, abuse, cost), or one built from the schema at run time. Say why beside
   * each use. (`any` keeps the untyped callers of earlier tests compiling until they move over.)
   */
  // biome-ignore lint/suspicious/noExplicitAny: the untyped form; typed callers pass a document.
  <T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
};

export type GqlResult<T> = { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[]; status: number };

export async function startTestApp(overrides: Partial<Config> = {}, options: AppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase({ migrated: false });
  const app = buildApp(testConfig({ databaseUrl: database.url, ...overrides }), options);
  const started = await app.start();
  // Statement counts are per request: background work of the app (unloading or compacting a
  // document, projecting an action plan) shares the Prisma client and must not be counted —
  // not even timers an earlier request started, which carry that request's async context.
  const inRequest = new AsyncLocalStorage<object>();
  const inFlight = new Set<object>();
  const db = {
    ...started.db,
    onQuery: (listener: (sql: string) => void) =>
      started.db.onQuery((sql) => {
        const request = inRequest.getStore();
        if (request && inFlight.has(request)) listener(sql);
      }),
  };
  return {
    ...started,
    db,
    database,
    make: factories(started.db.prisma),
    documents: started.services.documents as TestApp["documents"],
    gql: (document: string | DocumentNode, variables?: unknown, token?: string | null) => {
      const query = typeof document === "string" ? document : print(document);
      const request = {};
      inFlight.add(request);
      return inRequest
        .run(request, async () => {
          const response = await started.fetch("http://test/graphql", {
            method: "POST",
            headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query, variables }),
          });
          return { ...(await response.json()), status: response.status };
        })
        .finally(() => inFlight.delete(request));
    },
    async close() {
      await app.stop();
      await database.drop();
    },
  };
}
