// `npm test`'s own set-up (test/setup/prepare.ts), run as `npm test` runs it: a child process.
// On this machine everything is there; the failures are provoked through the settings that
// point the tests elsewhere (CHROMIUM_PATH, TEST_POSTGRES_URL, TEST_REDIS_URL), never by
// uninstalling anything. Installing with apt is not exercised here: it would need a machine
// without the packages.
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

type Outcome = { code: number; output: string };

function prepare(env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "setup/prepare.ts"],
      { cwd: path.resolve(import.meta.dirname, ".."), env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const scratch = await mkdtemp(path.join(os.tmpdir(), "staffroom-prepare-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("npm test's set-up", () => {
  it("finds PostgreSQL, Redis and Chromium on this machine and says so", async () => {
    const { code, output } = await prepare();
    expect(output).toMatch(/PostgreSQL: \S+ answers\./);
    expect(output).toMatch(/Redis: \S+ answers\./);
    expect(output).toMatch(/Chromium: \/usr\/bin\/chromium \(Chromium \d+/);
    expect(output).not.toContain("apt-get");
    expect(code).toBe(0);
  });

  it("refuses a CHROMIUM_PATH with no program there, naming it, and installs nothing in its place", async () => {
    const notAProgram = path.join(scratch, "chromium");
    await writeFile(notAProgram, "not a browser\n");
    await chmod(notAProgram, 0o644);
    for (const chromiumPath of [path.join(scratch, "missing"), notAProgram]) {
      const { code, output } = await prepare({ CHROMIUM_PATH: chromiumPath });
      expect(output).toContain(`CHROMIUM_PATH is ${chromiumPath}, but there is no program there.`);
      expect(output).not.toContain("apt-get");
      expect(code).toBe(1);
    }
  });

  it("names the tools missing from the PATH and the command that installs them, when it may not install them itself", async () => {
    // A PATH with a shell and nothing else: no curl, no jq, and no apt-get to install them with.
    const bin = path.join(scratch, "bin");
    await mkdir(bin);
    await symlink("/bin/sh", path.join(bin, "sh"));
    const { code, output } = await prepare({ PATH: bin });
    expect(output).toContain("curl, jq missing, and npm test cannot install packages here");
    expect(output).toContain("Run sudo apt-get install -y --no-install-recommends curl jq.");
    expect(output).not.toContain("Installing");
    expect(code).toBe(1);
  });

  it("says which of PostgreSQL and Redis does not answer and what to do, without printing a password", async () => {
    const [pgPort, redisPort] = [await closedPort(), await closedPort()];
    const { code, output } = await prepare({
      TEST_POSTGRES_URL: `postgresql://postgres:hunter2@127.0.0.1:${pgPort}/postgres`,
      TEST_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    });
    expect(output).toContain("npm test cannot run yet:");
    expect(output).toContain(`PostgreSQL does not answer at postgresql://postgres:***@127.0.0.1:${pgPort}/postgres (connect ECONNREFUSED`);
    expect(output).toContain("or set TEST_POSTGRES_URL to a server you have.");
    expect(output).toContain(`Redis does not answer at redis://127.0.0.1:${redisPort} (connect ECONNREFUSED`);
    expect(output).toContain("or set TEST_REDIS_URL to a Redis you have.");
    expect(output).not.toContain("hunter2");
    expect(code).toBe(1);
  });
});
