// Start-up failures a person can fix (database unreachable, missing, refusing the user; port in
// use) end the process with a sentence saying what is wrong and what to do, and no stack trace.
// Each runs the compiled server (`api/dist/main.js`) as a child process, as `npm start` does.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { COMPILED_MAIN } from "../support/compiled-api.ts";
import { REPO_ROOT } from "../support/server-process.ts";

type Exit = { code: number | null; stdout: string; stderr: string };

function runStaffroom(env: Record<string, string>): Promise<Exit> {
  const child = spawn(process.execPath, ["--enable-source-maps", COMPILED_MAIN], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

/** A closed port on this machine: listen on a free one, then let it go. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectSentence(exit: Exit, sentence: RegExp) {
  expect(exit.code, exit.stderr).toBe(1);
  expect(exit.stderr).toMatch(/^Staffroom could not start\. /);
  expect(exit.stderr).toMatch(sentence);
  // No stack trace: no "    at fn (file:line)" frames, no source excerpt with a caret.
  expect(exit.stderr).not.toMatch(/^\s+at /m);
  expect(exit.stderr).not.toMatch(/^\s*\^\s*$/m);
  expect(exit.stdout).not.toContain("Staffroom is running");
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
});
afterAll(() => database?.drop());

describe("start-up errors say what is wrong and what to do", () => {
  it("database unreachable", async () => {
    const port = await closedPort();
    const exit = await runStaffroom({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/staffroom` });
    expectSentence(
      exit,
      new RegExp(
        `Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}: nothing accepts connections there\\. Start PostgreSQL, or correct the host and port in DATABASE_URL\\.`,
      ),
    );
  });

  it("database missing", async () => {
    const url = new URL(database.url);
    url.pathname = `/${database.name}_missing`;
    const exit = await runStaffroom({ DATABASE_URL: url.toString() });
    expectSentence(
      exit,
      new RegExp(
        `The database "${database.name}_missing" does not exist on [^ ]+\\. Create it \\(createdb ${database.name}_missing\\), or correct the database name in DATABASE_URL\\.`,
      ),
    );
  });

  it("unknown role, without printing its password", async () => {
    const url = new URL(database.url);
    url.username = "no_such_role_here";
    url.password = "hunter2-secret";
    const exit = await runStaffroom({ DATABASE_URL: url.toString() });
    expectSentence(
      exit,
      /refused the user "no_such_role_here": role "no_such_role_here" does not exist\. Create that role, or correct the user name in DATABASE_URL\./,
    );
    expect(exit.stderr + exit.stdout).not.toContain("hunter2-secret");
  });

  it("port in use", async () => {
    const squatter = net.createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => squatter.once("listening", resolve));
    const { port } = squatter.address() as net.AddressInfo;
    try {
      const exit = await runStaffroom({ DATABASE_URL: database.url, PORT: String(port) });
      expectSentence(
        exit,
        new RegExp(
          `Port ${port} on 127\\.0\\.0\\.1 is already in use by another program\\. Stop that program, or set PORT to a free port \\(PORT=0 picks one\\)\\.`,
        ),
      );
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
