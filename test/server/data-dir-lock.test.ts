// PGlite has no lock of its own, and two processes on one data folder corrupt it. A second
// Staffroom on the same DATA_DIR must stop at once with a message that says what to do; after a
// crash (kill -9), the next start must not wait for the dead owner's lock to go stale.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { COMPILED_MAIN, REPO_ROOT } from "../support/compiled-api.ts";
const LOCKED_MESSAGE = "Another Staffroom process is using the embedded database";
// A new data folder takes PGlite several seconds to initialise, more on a busy machine.
const START_TIMEOUT = 120_000;

type Running = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startStaffroom(dataDir: string): Running {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: "0", SEED_DEMO: "false" };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--enable-source-maps", COMPILED_MAIN], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(running: Running, text: string): Promise<void> {
  while (!running.output().includes(text)) {
    const exitedEarly = await Promise.race([running.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 100))]);
    if (exitedEarly && !running.output().includes(text)) throw new Error(`Staffroom exited before printing "${text}":\n${running.output()}`);
  }
}

function urlOf(running: Running): string {
  const match = running.output().match(/Staffroom is running at (http:\/\/\S+)/);
  if (!match?.[1]) throw new Error(`No URL in:\n${running.output()}`);
  return match[1];
}

let dataDir: string;
const started: Running[] = [];
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "staffroom-lock-"));
});
afterAll(async () => {
  for (const running of started) if (running.child.exitCode === null) running.child.kill("SIGKILL");
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await rm(`${dataDir}.lock`, { recursive: true, force: true });
});

describe("the data-folder lock", () => {
  let first: Running;

  it("lets the first process start", { timeout: START_TIMEOUT }, async () => {
    first = startStaffroom(dataDir);
    started.push(first);
    await waitForOutput(first, "Staffroom is running");
    expect(first.output()).toContain("(pglite,");
  });

  it("stops a second process on the same folder with a clear message, leaving the first running", { timeout: START_TIMEOUT }, async () => {
    const second = startStaffroom(dataDir);
    started.push(second);
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toContain(LOCKED_MESSAGE);
    expect(second.output()).toContain(dataDir);
    expect(second.output()).not.toContain("Staffroom is running");

    const health = await fetch(`${urlOf(first)}/healthz`);
    expect(health.status).toBe(200);
  });

  it("stops the first process cleanly on SIGTERM", { timeout: START_TIMEOUT }, async () => {
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("stopping");
  });

  it("releases the lock on stop, so the next process starts on the same folder", { timeout: START_TIMEOUT }, async () => {
    const next = startStaffroom(dataDir);
    started.push(next);
    await waitForOutput(next, "Staffroom is running");
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
  });
});

describe("after the owner crashed (kill -9)", () => {
  let restarted: Running;

  it("a restart on the same folder takes the lock over at once", { timeout: START_TIMEOUT }, async () => {
    const crashing = startStaffroom(dataDir);
    started.push(crashing);
    await waitForOutput(crashing, "Staffroom is running");
    crashing.child.kill("SIGKILL");
    await crashing.exited;
    // The dead owner's lock directory is still there and fresh: proper-lockfile alone would refuse for 10 s.
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    expect(Date.now() - statSync(`${dataDir}.lock`).mtimeMs).toBeLessThan(10_000);

    restarted = startStaffroom(dataDir);
    started.push(restarted);
    await waitForOutput(restarted, "Staffroom is running");
    expect(restarted.output()).not.toContain(LOCKED_MESSAGE);
    expect((await fetch(`${urlOf(restarted)}/healthz`)).status).toBe(200);
  });

  it("while the new owner lives, another process is still refused", { timeout: START_TIMEOUT }, async () => {
    const intruder = startStaffroom(dataDir);
    started.push(intruder);
    expect(await intruder.exited).not.toBe(0);
    expect(intruder.output()).toContain(LOCKED_MESSAGE);
    expect((await fetch(`${urlOf(restarted)}/healthz`)).status).toBe(200);

    restarted.child.kill("SIGTERM");
    expect(await restarted.exited).toBe(0);
  });
});
