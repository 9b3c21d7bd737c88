// CPU time a child process has used (user + system), read from /proc on Linux. Divided by the
// requests it served, it gives "CPU ms per request": a figure a busy, shared machine disturbs
// far less than requests per second, which falls with every other process competing for the cores.
import { readFileSync } from "node:fs";

/** Linux's USER_HZ: /proc reports CPU times in these ticks (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/** Seconds of CPU used so far by process `pid`, or null where /proc is not available. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces, hence the last ")"): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * CPU used by the PostgreSQL backends serving one database, for servers that push work into
 * the database (one big SQL statement) rather than doing it in Node. Works when PostgreSQL runs
 * on this machine (its backends' /proc entries are readable); otherwise every reading is null.
 * Attribution is by time: read it around a run in which only one peer talks to the database.
 */
export type BackendCpuMeter = { read(): Promise<Map<number, number> | null>; close(): Promise<void> };

export async function startBackendCpuMeter(databaseUrl: string): Promise<BackendCpuMeter> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const database = new URL(databaseUrl).pathname.slice(1);
  return {
    async read() {
      const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [database]);
      const usage = new Map<number, number>();
      for (const { pid } of rows) {
        const seconds = cpuSeconds(pid);
        if (seconds === null) return null;
        usage.set(pid, seconds);
      }
      return usage;
    },
    close: () => client.end(),
  };
}

/** CPU seconds the backends used between two readings (backends that appeared in between count from zero). */
export function backendCpuBetween(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
