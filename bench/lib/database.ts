// A fresh, migrated PostgreSQL database per benchmark section, dropped afterwards: benchmarks
// never touch the tests' or the developer's data. Made exactly as the tests make theirs.
import { createTestDatabase, type TestDatabase } from "../../test/support/database.ts";

/** The PostgreSQL server to create databases on (this machine: 127.0.0.1:5432, trust auth). */
export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type BenchDatabase = TestDatabase;

export function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const prefix = `staffroom_bench_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}`;
  return createTestDatabase({ prefix, adminUrl: ADMIN_URL });
}
