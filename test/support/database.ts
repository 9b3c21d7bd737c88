// A fresh, migrated PostgreSQL database per test file: tests never share rows, and run in parallel.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate, pgRunner } from "@staffroom/api/testing";

/** The server the tests use. This machine runs one at 127.0.0.1:5432 with trust auth. */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

/** `prefix` and `adminUrl` let the benchmarks (bench/lib/database.ts) make theirs the same way. */
export async function createTestDatabase({ migrated = true, prefix = "staffroom_test", adminUrl = ADMIN_URL } = {}): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (migrated) {
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    await migrate(pgRunner(pool));
    await pool.end();
  }
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
