// PGlite has no lock on its data folder, and two processes writing one folder corrupt it.
// proper-lockfile keeps a lock directory (`<DATA_DIR>.lock`) fresh while we run. Beside it we
// record the owner's pid, so that after a crash (kill -9, a power cut of the container) the next
// start sees the owner is gone and takes the lock over at once, instead of waiting the 10 s it
// takes to go stale; a lock whose owner is alive is never taken. A lock without an owner record
// (its owner was between the two steps when it died) still goes stale after 10 s as before.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";
import type { Logger } from "../observability/logger.ts";

export class DataDirLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `Another Staffroom process is using the embedded database in ${dataDir}. ` +
        `Stop it first, or set DATA_DIR to another folder (or DATABASE_URL to use PostgreSQL).`,
    );
  }
}

/**
 * `process` marks this process apart from an earlier one with the same pid: a container restarted
 * after a crash often gives its node process the very pid the crashed one had.
 */
type Owner = { pid: number; host: string; process: string };
const THIS_PROCESS = randomUUID();

const ownerFile = (dataDir: string) => path.join(dataDir, ".staffroom-owner.json");
/**
 * Taking the lock and recording its owner are one step for everyone else: they happen behind this
 * gate (its own lock, `.staffroom-gate.lock`; proper-lockfile keys its locks by path, so not the data folder's).
 */
const gate = (dataDir: string) => path.join(dataDir, ".staffroom-gate");

export async function lockDataDir(dataDir: string, log: Logger): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const releaseGate = await lockfile
    // Processes starting together wait their turn here (milliseconds each), rather than fail.
    .lock(gate(dataDir), { stale: 10_000, realpath: false, retries: { retries: 50, minTimeout: 20, maxTimeout: 200 }, onCompromised: () => {} })
    .catch((error: NodeJS.ErrnoException) => {
      throw error.code === "ELOCKED" ? new DataDirLockedError(dataDir) : error;
    });
  try {
    const unlock = await takeLock(dataDir, log);
    const owner: Owner = { pid: process.pid, host: os.hostname(), process: THIS_PROCESS };
    await writeFile(ownerFile(dataDir), JSON.stringify(owner)).catch(async (error: unknown) => {
      await unlock();
      throw error;
    });
    return async () => {
      await rm(ownerFile(dataDir), { force: true });
      await unlock();
    };
  } finally {
    await releaseGate();
  }
}

async function takeLock(dataDir: string, log: Logger): Promise<() => Promise<void>> {
  const options: lockfile.LockOptions = {
    stale: 10_000,
    update: 2_000,
    realpath: false,
    // The lock was taken over while we ran (our process stalled past `stale`): another process
    // may now be writing the folder, and going on would corrupt it. Stop, and say why.
    onCompromised: (error) => {
      log.fatal(
        `Staffroom lost its lock on the embedded database in ${dataDir} (${error.message}). It stops now so that two processes never write it at once.`,
      );
      process.exit(1);
    },
  };
  try {
    return await lockfile.lock(dataDir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    if (!(await ownerIsGone(dataDir))) throw new DataDirLockedError(dataDir);
    // Its owner crashed: nobody else can be here (we hold the gate), so the lock is ours to take.
    await rm(`${dataDir}.lock`, { recursive: true, force: true });
    return await lockfile.lock(dataDir, options);
  }
}

/** True only when the recorded owner is a process of this machine that no longer exists. */
async function ownerIsGone(dataDir: string): Promise<boolean> {
  const owner = await readFile(ownerFile(dataDir), "utf8")
    .then((text) => JSON.parse(text) as Partial<Owner>)
    .catch(() => null);
  // No record, or another machine's (a shared folder): its pid tells us nothing, so wait for staleness.
  if (!owner || typeof owner.pid !== "number" || owner.host !== os.hostname()) return false;
  // Our own pid: this very process holds it (a second app in one process), or an earlier one did.
  if (owner.pid === process.pid) return owner.process !== THIS_PROCESS;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists but belongs to another user — alive.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
