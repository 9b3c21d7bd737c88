// SQL statements per request of Staffroom on PGlite. PGlite runs inside the api's process, so
// there is no wire to count at; the app's statement counter (db.onQuery: Prisma's query events and
// every statement of its raw runner) hears every statement, so on PostgreSQL it gives the wire's count.
import { AsyncLocalStorage } from "node:async_hooks";
import { buildApp } from "../../api/src/app.ts";
import { testConfig } from "../../api/src/config.ts";
import { embeddedCopyOfSchool } from "./embedded-school.ts";

export type CountedOperation = { body: string; headers: Record<string, string> };

/**
 * SQL statements one request of each operation sends, on an api started in this process on its
 * own copy of the school (never the timed one). Each is counted on its second request, after the
 * first filled the caches; only statements made on behalf of that request count, not the app's
 * background work.
 */
export async function countEmbeddedStatements<Name extends string>(
  databaseUrl: string,
  operations: Record<Name, CountedOperation>,
): Promise<Record<Name, number>> {
  const school = await embeddedCopyOfSchool(databaseUrl);
  // testConfig: warnings only in the log, port 0, no demo school; no Redis, like the timed peer.
  const app = buildApp(testConfig({ databaseUrl: undefined, dataDir: school.dataDir, redisUrl: undefined }));
  try {
    const started = await app.start();
    const inRequest = new AsyncLocalStorage<{ statements: number }>();
    const stop = started.db.onQuery(() => {
      const request = inRequest.getStore();
      if (request) request.statements++;
    });
    try {
      const counts = {} as Record<Name, number>;
      for (const [name, { body, headers }] of Object.entries(operations) as [Name, CountedOperation][]) {
        const send = async () => {
          const response = await started.fetch("http://bench/graphql", { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
          const text = await response.text();
          if (response.status !== 200 || text.includes('"errors"'))
            throw new Error(`Staffroom on PGlite, ${name}: status ${response.status}, ${text.slice(0, 500)}`);
        };
        await send();
        const request = { statements: 0 };
        await inRequest.run(request, send);
        counts[name] = request.statements;
      }
      return counts;
    } finally {
      stop();
    }
  } finally {
    await app.stop();
    await school.remove();
  }
}
