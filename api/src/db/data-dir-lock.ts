// PGlite has no lock on its data folder, and two processes writing one folder corrupt it.
// proper-lockfile keeps a lock directory fresh while we run; a crashed process's lock goes
// stale after `stale` ms, so the next start recovers without manual cleanup.
import { mkdir } from "node:fs/promises";
import lockfile from "proper-lockfile";

export class DataDirLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `Another Staffroom process is using the embedded database in ${dataDir}. ` +
        `Stop it first, or set DATA_DIR to another folder (or DATABASE_URL to use PostgreSQL).`,
    );
  }
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, { stale: 10_000, update: 2_000, realpath: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirLockedError(dataDir);
    throw error;
  }
}
