// The api as a real child process, exactly what `npm start` runs (the compiled build under node;
// see compiled-api.ts), for tests that must signal or kill it: an in-process app cannot be
// SIGKILLed without taking the test runner with it.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { COMPILED_MAIN, REPO_ROOT } from "./compiled-api.ts";

export { REPO_ROOT };

export type ServerProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server wrote so far (for failure messages). */
  output(): string;
  /** Sends `signal` and resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
};

export type ServerOptions = { databaseUrl: string; port?: number; env?: Record<string, string>; startTimeoutMs?: number };

/** Starts `api/dist/main.js` and resolves when it prints the address it listens on. */
export function startServerProcess({ databaseUrl, port = 0, env = {}, startTimeoutMs = 30_000 }: ServerOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--enable-source-maps", COMPILED_MAIN], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start in ${startTimeoutMs} ms:\n${log}`));
    }, startTimeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before it was ready (code ${code}, signal ${signal}):\n${log}`));
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      log += line + "\n";
      const match = /Staffroom is running at (http:\/\/\S+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1]!;
      resolve({
        url,
        port: Number(new URL(url).port),
        child,
        output: () => log,
        async kill(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
  });
}
