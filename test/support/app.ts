// A real app (real PostgreSQL, real HTTP server on port 0) per test file, and a tiny GraphQL caller.
import { buildApp, type StartedApp } from "../../api/src/app.ts";
import { testConfig, type Config } from "../../api/src/config.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export type TestApp = StartedApp & {
  /** The app's live documents (the same registry the /collab endpoint uses). */
  documents: StartedApp["services"]["documents"] & { loadedCount: number };
  database: TestDatabase;
  /** POSTs a GraphQL operation in-process and returns the parsed JSON body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
  close(): Promise<void>;
};

export type GqlResult<T> = { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[]; status: number };

export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase({ migrated: false });
  const app = buildApp(testConfig({ databaseUrl: database.url, ...overrides }));
  const started = await app.start();
  return {
    ...started,
    database,
    documents: started.services.documents as TestApp["documents"],
    async gql(query, variables, token) {
      const response = await started.fetch("http://test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { ...(await response.json()), status: response.status };
    },
    async close() {
      await app.stop();
      await database.drop();
    },
  };
}
