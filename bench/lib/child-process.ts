// Peers and load generators each run in their own Node process (under tsx), so one cannot
// steal the other's event loop and every peer is measured the same way.
import { fork, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

// Every child still running. If the benchmark itself ends early (an error, Ctrl-C), its peers
// and load generators must not outlive it and keep ports, CPU and database connections.
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});
function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

export type ListeningProcess = {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
  stop(): Promise<void>;
};

export type ListeningOptions = {
  name: string;
  /** A .ts entry point, run with `node --import tsx`. */
  script: string;
  env: Record<string, string | undefined>;
  /** Matches the line the process prints once it listens; group 1 is its http URL. */
  ready: RegExp;
  startTimeoutMs?: number;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
};

/** Starts `script` and resolves with its URL once it prints a line matching `ready`. */
export function startListeningProcess(options: ListeningOptions): Promise<ListeningProcess> {
  const { name, script, env, ready, startTimeoutMs = 60_000, nodeArgs = [] } = options;
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env })) if (value !== undefined) merged[key] = value;
  const child = track(spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], { cwd: REPO_ROOT, env: merged, stdio: ["ignore", "pipe", "pipe"] }));
  let log = "";
  const append = (text: string) => {
    // Keep the tail only: a peer that logs per request must not grow our heap.
    log = (log + text).slice(-20_000);
  };
  child.stderr!.on("data", (chunk: Buffer) => append(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start in ${startTimeoutMs} ms:\n${log}`));
    }, startTimeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (!settled) reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal}):\n${log}`));
      settled = true;
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      append(`${line}\n`);
      const match = settled ? null : ready.exec(line);
      if (!match) return;
      settled = true;
      clearTimeout(timer);
      resolve({ name, url: match[1]!, child, output: () => log, stop });
    });
  });
}

/**
 * A worker process that answers requests over IPC: `call(message)` sends one message and
 * resolves with the next `{ ok, result | error }` reply. Used for the load generators.
 */
export type Worker = { call<T>(message: unknown): Promise<T>; stop(): Promise<void> };

export async function startWorker(script: string, env: Record<string, string> = {}): Promise<Worker> {
  const child = track(
    fork(script, [], { cwd: REPO_ROOT, execArgv: ["--import", "tsx"], env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] }),
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`${path.basename(script)} exited (code ${code}) before it was ready`)));
  });
  let queue = Promise.resolve();
  return {
    call<T>(message: unknown) {
      const reply = queue.then(
        () =>
          new Promise<T>((resolve, reject) => {
            const onExit = (code: number | null) => reject(new Error(`${path.basename(script)} exited (code ${code}) during a call`));
            child.once("exit", onExit);
            child.once("message", (answer: { ok: boolean; result?: T; error?: string }) => {
              child.off("exit", onExit);
              if (answer.ok) resolve(answer.result as T);
              else reject(new Error(answer.error));
            });
            child.send(message as object);
          }),
      );
      queue = reply.then(
        () => undefined,
        () => undefined,
      );
      return reply;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The worker side of startWorker: says it is ready, then answers each message with `handle`. */
export function serveWorker(handle: (message: any) => Promise<unknown>): void {
  process.on("message", (message) => {
    handle(message).then(
      (result) => process.send!({ ok: true, result }),
      (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  // Orphaned (the benchmark died): nothing will ever ask again.
  process.once("disconnect", () => process.exit(0));
  process.send!({ ready: true });
}
