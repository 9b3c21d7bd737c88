// A small migrator that agrees with Prisma Migrate. These machines cannot download Prisma's
// schema engine, so the app applies prisma/migrations itself: same folder layout, same
// `_prisma_migrations` table, same sha256 checksum of migration.sql. Where the engine is
// available, `prisma migrate status` and `prisma migrate deploy` see the same history.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlRunner } from "./sql-runner.ts";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../../prisma/migrations");

/** Prisma Migrate takes the same advisory lock, so the two never run at once. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

/** Applies every pending migration, each in its own transaction. Returns the names applied. */
export async function migrate(runner: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  return runner.withSession(async (session) => {
    await session.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    try {
      await session.exec(CREATE_MIGRATIONS_TABLE);
      const applied = await session.query<AppliedRow>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
      const done = new Map<string, AppliedRow>();
      for (const row of applied) {
        if (row.rolled_back_at) continue;
        if (!row.finished_at) {
          throw new MigrationError(`Migration ${row.migration_name} started but did not finish. Fix the database by hand, then mark it rolled back.`);
        }
        done.set(row.migration_name, row);
      }
      const ran: string[] = [];
      for (const m of migrations) {
        const previous = done.get(m.name);
        if (previous) {
          if (previous.checksum !== m.checksum) {
            throw new MigrationError(`Migration ${m.name} was changed after it was applied (checksum differs).`);
          }
          continue;
        }
        const id = randomUUID();
        await session.exec("BEGIN");
        try {
          await session.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [
            id,
            m.checksum,
            m.name,
          ]);
          await session.exec(m.sql);
          await session.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
          await session.exec("COMMIT");
        } catch (error) {
          await session.exec("ROLLBACK");
          throw new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}`);
        }
        ran.push(m.name);
      }
      return ran;
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    }
  });
}
