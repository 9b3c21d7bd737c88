// The seeded school on Staffroom's zero-setup default, embedded PGlite: a data folder migrated
// the way the api migrates it, holding the very rows of the PostgreSQL benchmark database (same
// ids, same session tokens), so every peer answers the same queries about the same school.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../../api/src/db/client.ts";
import { migrate } from "../../api/src/db/migrator.ts";
import { copySeededSchool } from "../lib/school-seed.ts";

export type EmbeddedSchool = {
  /** DATA_DIR for the api: it keeps its PGlite database in `<dataDir>/pglite`. */
  dataDir: string;
  remove(): Promise<void>;
};

const PUBLIC_TABLES = `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;

/** Rows per table of the public schema: a copy that missed a table the seed wrote shows here. */
async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { tablename } of await db.sql.query<{ tablename: string }>(PUBLIC_TABLES)) {
    const [row] = await db.sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM "${tablename}"`);
    counts[tablename] = row!.count;
  }
  return counts;
}

export async function embeddedCopyOfSchool(databaseUrl: string): Promise<EmbeddedSchool> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "staffroom-bench-pglite-"));
  // The api locks the folder with a sibling `<dataDir>.lock`, left behind if it was killed.
  const remove = async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.lock`, { recursive: true, force: true });
  };
  try {
    const source = await openDatabase({ databaseUrl, dataDir: "/nonexistent" });
    try {
      const target = await openDatabase({ dataDir });
      try {
        await migrate(target.sql);
        await copySeededSchool(source.prisma, target.prisma);
        const [expected, copied] = await Promise.all([rowCounts(source), rowCounts(target)]);
        if (JSON.stringify(copied) !== JSON.stringify(expected)) {
          throw new Error(`the PGlite copy differs from the seeded database: ${JSON.stringify(copied)} vs ${JSON.stringify(expected)}`);
        }
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
    return { dataDir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
