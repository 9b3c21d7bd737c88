// `npm test`'s own set-up (the test workspace's `pretest`): before vitest starts, make sure what
// the tests need is there, and say in one sentence per problem what to do when it is not.
//
// - PostgreSQL (every test file creates its own database) and Redis (the scale-out tests) must
//   already run: starting a database server is the machine owner's decision, so this only checks.
// - Chromium (the browser tests), and curl and jq (readme-snippets.test.ts runs the README's
//   shell examples) are packages: those missing are installed with apt when this user may
//   install packages (root, or sudo without a password).
//
// Only `npm test` runs this; `npx vitest run one.test.ts` goes straight to the tests.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import pg from "pg";
import { Redis } from "ioredis";
import { ADMIN_URL } from "../support/database.ts";
import { REDIS_URL } from "../support/redis.ts";
import { CHROMIUM_PATH, DEBIAN_CHROMIUM } from "../support/chromium-path.ts";

const APT_INSTALL = ["apt-get", "install", "-y", "--no-install-recommends"];
/** Programs the tests run from the PATH, by the Debian package that brings each. */
const TOOLS = { curl: "curl", jq: "jq" } as const;

/** A URL as it may be printed: without its password. */
function printable(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  return error instanceof Error ? error.message : String(error);
}

async function checkPostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    console.log(`PostgreSQL: ${printable(ADMIN_URL)} answers.`);
    return undefined;
  } catch (error) {
    return (
      `PostgreSQL does not answer at ${printable(ADMIN_URL)} (${reason(error)}). The tests create and drop ` +
      "their own databases there, as user postgres with trust auth: start it (for example " +
      "pg_ctlcluster <version> main start), or set TEST_POSTGRES_URL to a server you have."
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(): Promise<string | undefined> {
  // No retries: one refused connection is the answer.
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5_000 });
  // ioredis reports why on its "error" event; the rejected promise only says the connection closed.
  let lastError: unknown;
  redis.on("error", (error) => (lastError = error));
  try {
    await redis.connect();
    await redis.ping();
    console.log(`Redis: ${printable(REDIS_URL)} answers.`);
    return undefined;
  } catch (error) {
    return (
      `Redis does not answer at ${printable(REDIS_URL)} (${reason(lastError ?? error)}). The scale-out tests need it: ` +
      "start it (for example redis-server --daemonize yes), or set TEST_REDIS_URL to a Redis you have."
    );
  } finally {
    redis.disconnect();
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How this process may run apt: directly as root, through sudo when it needs no password, or not at all. */
function aptRunner(): string[] | undefined {
  if (spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) return undefined;
  if (process.getuid?.() === 0) return [];
  if (spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status !== 0) return undefined;
  // sudo resets the environment: hand apt its non-interactive frontend through env.
  return ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive"];
}

function run(command: string[]): boolean {
  console.log(`$ ${command.join(" ")}`);
  const [program, ...args] = command;
  return spawnSync(program!, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
}

function onPath(program: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${program}`], { stdio: "ignore" }).status === 0;
}

/** Installs the missing packages with apt when this user may; one sentence per problem left. */
function ensurePackages(): string[] {
  const chosenChromium = process.env.CHROMIUM_PATH !== undefined;
  const problems: string[] = [];
  // Someone chose this browser: installing another one would test something they did not ask for.
  if (chosenChromium && !isExecutable(CHROMIUM_PATH)) {
    problems.push(
      `CHROMIUM_PATH is ${CHROMIUM_PATH}, but there is no program there. Correct it, or unset it ` +
        `to use Debian's Chromium at ${DEBIAN_CHROMIUM} (installed for you when missing).`,
    );
  }
  const missing = [
    ...(!chosenChromium && !isExecutable(DEBIAN_CHROMIUM) ? ["chromium"] : []),
    ...Object.entries(TOOLS)
      .filter(([program]) => !onPath(program))
      .map(([, debianPackage]) => debianPackage),
  ];
  if (missing.length > 0) {
    const install = [...APT_INSTALL, ...missing];
    const sudo = aptRunner();
    if (!sudo) {
      const orChromium = missing.includes("chromium") ? ", or set CHROMIUM_PATH to a Chromium you have" : "";
      problems.push(
        `${missing.join(", ")} missing, and npm test cannot install packages here (that takes apt-get, as root or ` +
          `through sudo without a password). Run sudo ${install.join(" ")}${orChromium}.`,
      );
      return problems;
    }
    console.log(`Installing what the tests need and this machine lacks: ${missing.join(", ")} (Debian packages).`);
    // The cached package lists usually know these packages; refresh them only when they do not.
    const installed = run([...sudo, ...install]) || (run([...sudo, "apt-get", "update"]) && run([...sudo, ...install]));
    if (!installed) {
      problems.push(`Installing ${missing.join(", ")} with apt failed (see above). Run sudo ${install.join(" ")} yourself, then npm test again.`);
      return problems;
    }
    console.log(`Installed ${missing.join(", ")}.`);
  }
  if (problems.length === 0) reportChromium();
  return problems;
}

function reportChromium(): void {
  const version = spawnSync(CHROMIUM_PATH, ["--version"], { encoding: "utf8" }).stdout.trim();
  console.log(`Chromium: ${CHROMIUM_PATH}${version ? ` (${version})` : ""}.`);
}

const problems = [await checkPostgres(), await checkRedis(), ...ensurePackages()].filter((problem) => problem !== undefined);
if (problems.length > 0) {
  console.error(["", "npm test cannot run yet:", ...problems.map((problem) => `- ${problem}`)].join("\n"));
  process.exitCode = 1;
}
