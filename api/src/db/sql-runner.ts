// Raw SQL for the few things Prisma's client does not do, or does too slowly for a hot path:
// migrations, drift checks, the statement counter in tests, the live documents' appends and
// the actor's load on every request. One interface over node-postgres and PGlite.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export interface SqlSession {
  /** Runs one or more statements (simple protocol), no parameters, no result. */
  exec(sql: string): Promise<void>;
  /**
   * `prepareAs` names the statement so node-postgres prepares (parses and plans) it once per
   * connection and then only executes it: for hot statements. PGlite ignores it.
   */
  query<Row>(sql: string, params?: unknown[], options?: { prepareAs?: string }): Promise<Row[]>;
}

export interface SqlRunner extends SqlSession {
  /** Runs `work` on one connection (needed for session-level locks and transactions). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
}

/** Hears each statement as it is sent (the app's statement counter). */
type OnStatement = (sql: string) => void;

export function pgRunner(pool: pg.Pool, onStatement: OnStatement = () => {}): SqlRunner {
  const onClient = (client: pg.Pool | pg.PoolClient): SqlSession => ({
    async exec(sql) {
      onStatement(sql);
      await client.query(sql);
    },
    async query<Row>(sql: string, params: unknown[] = [], options: { prepareAs?: string } = {}) {
      onStatement(sql);
      return (await client.query({ text: sql, values: params, name: options.prepareAs })).rows as Row[];
    },
  });
  return {
    ...onClient(pool),
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work(onClient(client));
      } finally {
        client.release();
      }
    },
  };
}

export function pgliteRunner(db: PGlite, onStatement: OnStatement = () => {}): SqlRunner {
  // PGlite is a single connection, so every call is already "one session".
  const session: SqlSession = {
    async exec(sql) {
      onStatement(sql);
      await db.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      onStatement(sql);
      return (await db.query<Row>(sql, params)).rows;
    },
  };
  return { ...session, withSession: (work) => work(session) };
}
