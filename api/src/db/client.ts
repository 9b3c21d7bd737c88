// The Prisma client factory: PostgreSQL through @prisma/adapter-pg when a URL is given,
// otherwise embedded PGlite in the data folder (the zero-setup default).
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";
import { createLogger, type Logger } from "../observability/logger.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { pgliteRunner, pgRunner, type SqlRunner } from "./sql-runner.ts";

export type Database = {
  prisma: PrismaClient;
  sql: SqlRunner;
  kind: "postgresql" | "pglite";
  /** How pg-boss reaches this database (jobs/queue.ts): its own pool on PostgreSQL, the same PGlite otherwise. */
  jobsConnection: JobsConnection;
  /** Called with every SQL statement Prisma or `sql` sends (tests count them for the N+1 check). */
  onQuery(listener: (sql: string) => void): () => void;
  close(): Promise<void>;
};

/**
 * pg-boss opens its own pool from a connection string; on PGlite (one in-process connection, no
 * pool, no LISTEN across connections) it runs its SQL through the same instance Prisma uses.
 */
export type JobsConnection = { connectionString: string } | { db: { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } };

/** `log` is the app's logger; tools and tests that pass none get warnings and errors as JSON lines on stdout. */
export type DatabaseOptions = { databaseUrl?: string | undefined; dataDir: string; log?: Logger };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const log = (options.log ?? createLogger({ logLevel: "warn", metricsToken: undefined })).child({ component: "database" });
  return options.databaseUrl ? openPostgres(options.databaseUrl, log) : openPglite(path.join(options.dataDir, "pglite"), options.dataDir, log);
}

/** One list of listeners for the statements of Prisma and of the raw runner, so a count misses neither. */
function statementListeners() {
  const listeners = new Set<(sql: string) => void>();
  return {
    emit(sql: string) {
      for (const listener of listeners) listener(sql);
    },
    onQuery(listener: (sql: string) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    hearPrisma(prisma: PrismaClient) {
      // The client is typed without its log options here; the query event is there at runtime.
      const emitter = prisma as unknown as { $on(event: "query", cb: (e: { query: string }) => void): void };
      emitter.$on("query", (event) => this.emit(event.query));
    },
  };
}

/**
 * Pothos hands a mutation's Prisma call an empty `select` when the client asked only for
 * `__typename` of the result (e.g. `{ updateGroup { __typename } }`), and Prisma refuses an
 * empty select. Dropping it loads the row's scalars instead, which is what such a call needs.
 */
function withEmptySelectsDropped(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          const a = args as { select?: Record<string, unknown> };
          if (a.select && Object.keys(a.select).length === 0) delete a.select;
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient;
}

const LOG_QUERIES_AS_EVENTS = { log: [{ emit: "event" as const, level: "query" as const }] };

async function openPostgres(url: string, log: Logger): Promise<Database> {
  // One pool for Prisma and for our raw SQL, so close() can wait until every socket is gone.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client can lose its server (restart, failover, a test dropping its database):
  // pg reports that on the pool, and an unhandled 'error' event would end the process.
  pool.on("error", (error) => log.warn(`PostgreSQL connection lost: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), ...LOG_QUERIES_AS_EVENTS });
  const statements = statementListeners();
  statements.hearPrisma(prisma);
  return {
    prisma: withEmptySelectsDropped(prisma),
    sql: pgRunner(pool, (sql) => statements.emit(sql)),
    kind: "postgresql",
    jobsConnection: { connectionString: url },
    onQuery: (listener) => statements.onQuery(listener),
    async close() {
      await prisma.$disconnect();
      if (!pool.ended) await pool.end();
    },
  };
}

async function openPglite(folder: string, dataDir: string, log: Logger): Promise<Database> {
  const unlock = await lockDataDir(dataDir, log);
  try {
    const db = await PGlite.create(folder);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(db), ...LOG_QUERIES_AS_EVENTS });
    const statements = statementListeners();
    statements.hearPrisma(prisma);
    return {
      prisma: withEmptySelectsDropped(prisma),
      sql: pgliteRunner(db, (sql) => statements.emit(sql)),
      kind: "pglite",
      jobsConnection: { db: pgliteForJobs(db) },
      onQuery: (listener) => statements.onQuery(listener),
      async close() {
        await prisma.$disconnect();
        await db.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/**
 * pg-boss's SQL on PGlite. Its schema scripts and maintenance are several statements in one string
 * with no parameters (BEGIN; … COMMIT;), which only the simple protocol (exec) runs; everything
 * else is one parameterised statement. pg answers a multi-statement string with one result per
 * statement; pg-boss reads rows only from single statements, so the last result stands for all.
 */
function pgliteForJobs(db: PGlite) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return { rows: (await db.query(text, values)).rows };
      const results = await db.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}
