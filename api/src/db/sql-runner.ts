// Raw SQL for the few things Prisma's client does not do: migrations, drift checks, and the
// statement counter in tests. One interface over node-postgres and PGlite.
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

export function pgRunner(pool: pg.Pool): SqlRunner {
  const onClient = (client: pg.Pool | pg.PoolClient): SqlSession => ({
    async exec(sql) {
      await client.query(sql);
    },
    async query<Row>(sql: string, params: unknown[] = [], options: { prepareAs?: string } = {}) {
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

export function pgliteRunner(db: PGlite): SqlRunner {
  // PGlite is a single connection, so every call is already "one session".
  const session: SqlSession = {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await db.query<Row>(sql, params)).rows;
    },
  };
  return { ...session, withSession: (work) => work(session) };
}
