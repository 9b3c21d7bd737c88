// Child processes of the Yjs benchmarks (peers, the load generator, the cold-load worker) and the
// small request/reply protocol they speak over Node's IPC channel. Every child announces itself
// with { type: "ready", ... } once it can take requests.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");

// A benchmark that ends early (an error, Ctrl-C) must not leave peers holding ports, CPU and
// database connections.
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type Child<Ready = Record<string, unknown>> = {
  process: ChildProcess;
  /** What the child sent with its ready message (e.g. the port it listens on). */
  ready: Ready;
  request<T>(command: string, args?: unknown): Promise<T>;
  /** Everything the child wrote to stdout/stderr so far (for error messages). */
  output(): string;
  /** Asks the child to stop, then kills it if it lingers; resolves once it is gone. */
  stop(): Promise<void>;
};

export type ChildOptions = {
  env?: Record<string, string | undefined>;
  /** Extra node flags, e.g. --expose-gc. */
  nodeFlags?: string[];
  startTimeoutMs?: number;
};

/** Runs a TypeScript module under tsx with an IPC channel; resolves when it says it is ready. */
export function startChild<Ready = Record<string, unknown>>(modulePath: string, options: ChildOptions = {}): Promise<Child<Ready>> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...options.env })) if (value !== undefined) env[key] = value;
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), "--import", "tsx", modulePath], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  let log = "";
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 20_000) log = log.slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  child.on("message", (message: Reply | { type: string }) => {
    if (!("id" in message)) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (!waiter) return;
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${path.basename(modulePath)}: ${message.error}`));
  });
  child.once("exit", (code, signal) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${path.basename(modulePath)} exited (code ${code}, signal ${signal}):\n${log}`));
    pending.clear();
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${path.basename(modulePath)} did not start in time:\n${log}`));
    }, options.startTimeoutMs ?? 60_000);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(modulePath)} exited before it was ready (code ${code}, signal ${signal}):\n${log}`));
    };
    child.once("exit", onExit);
    child.on("message", function onReady(message: { type?: string }) {
      if (message.type !== "ready") return;
      clearTimeout(timer);
      child.off("exit", onExit);
      child.off("message", onReady);
      resolve({
        process: child,
        ready: message as Ready,
        request<T>(command: string, args?: unknown) {
          const id = nextId++;
          return new Promise<T>((resolveRequest, rejectRequest) => {
            if (!child.connected) return rejectRequest(new Error(`${path.basename(modulePath)} is gone:\n${log}`));
            pending.set(id, { resolve: resolveRequest as (value: unknown) => void, reject: rejectRequest });
            child.send({ id, command, args });
          });
        },
        output: () => log,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          if (child.connected) child.send({ id: 0, command: "exit" });
          const timeout = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(timeout);
        },
      });
    });
  });
}

/** In the child: answers requests with `handlers`; "exit" runs `onExit` and ends the process. */
export function serveRequests(handlers: Record<string, (args: never) => unknown>, onExit: () => Promise<void> | void = () => {}) {
  process.on("message", async (message: { id: number; command: string; args: unknown }) => {
    if (message.command === "exit") {
      try {
        await onExit();
      } finally {
        process.exit(0);
      }
    }
    const handler = handlers[message.command];
    try {
      if (!handler) throw new Error(`unknown command ${message.command}`);
      const result = await handler(message.args as never);
      process.send!({ id: message.id, ok: true, result: result ?? null });
    } catch (error) {
      process.send!({ id: message.id, ok: false, error: (error as Error).stack ?? String(error) });
    }
  });
  // The parent went away (crashed, or killed): do not outlive it.
  process.on("disconnect", () => process.exit(0));
}

export function announceReady(info: Record<string, unknown> = {}) {
  process.send!({ type: "ready", ...info });
}
