// A fresh, migrated PostgreSQL database per benchmark section, dropped afterwards: benchmarks
// never touch the tests' or the developer's data. Same server and migrator as the tests use.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "../../api/src/db/migrator.ts";
import { pgRunner } from "../../api/src/db/sql-runner.ts";

/** The PostgreSQL server to create databases on (this machine: 127.0.0.1:5432, trust auth). */
export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type BenchDatabase = { url: string; name: string; drop(): Promise<void> };

export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const name = `staffroom_bench_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  try {
    await migrate(pgRunner(pool));
  } finally {
    await pool.end();
  }
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
