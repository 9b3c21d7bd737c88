// A real app (real PostgreSQL, real HTTP server on port 0) per test file, and a tiny GraphQL caller.
import { AsyncLocalStorage } from "node:async_hooks";
import { buildApp, type AppOptions, type StartedApp } from "@staffroom/api/app";
import { testConfig, type Config } from "@staffroom/api/config";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { type GqlCall, graphqlCaller } from "./graphql-http.ts";
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

export type { GqlCall, GqlResult, TypedDocument } from "./graphql-http.ts";

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
  const inProcess = graphqlCaller("http://test", started.fetch);
  return {
    ...started,
    db,
    database,
    make: factories(started.db.prisma),
    documents: started.services.documents as TestApp["documents"],
    gql: ((...args: Parameters<GqlCall>) => {
      const request = {};
      inFlight.add(request);
      return inRequest.run(request, () => inProcess(...args)).finally(() => inFlight.delete(request));
    }) as GqlCall,
    async close() {
      await app.stop();
      await database.drop();
    },
  };
}
