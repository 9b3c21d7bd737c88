// The only module that reads process.env. Everything else receives a validated Config.
import path from "node:path";
import { z } from "zod";

const numberFromEnv = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  /** Namespaces every Redis channel and key, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().min(1).regex(/^[\w.:-]+$/, "letters, digits, _ . : - only").default("staffroom"),
  DATA_DIR: z.string().min(1).default(".data"),
  /** Seed the demo school when the database is empty (on by default: `npm start` shows a product). */
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  SESSION_TTL_HOURS: numberFromEnv(24 * 14),
  MAX_QUERY_DEPTH: numberFromEnv(15),
  MAX_QUERY_COST: numberFromEnv(50_000),
  MAX_ALIASES: numberFromEnv(30),
  MAX_BODY_BYTES: numberFromEnv(256 * 1024),
  SIGN_IN_ATTEMPTS_PER_ACCOUNT: numberFromEnv(5),
  SIGN_IN_ATTEMPTS_PER_ADDRESS: numberFromEnv(20),
  SIGN_IN_WINDOW_SECONDS: numberFromEnv(15 * 60),
  COLLAB_UNLOAD_AFTER_MS: numberFromEnv(5_000),
  COLLAB_PING_INTERVAL_MS: numberFromEnv(30_000),
});

export type Config = {
  port: number;
  host: string;
  /** PostgreSQL URL; when absent the app runs on embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  /** With a Redis URL, several instances share PostgreSQL and carry live edits and events over Redis. */
  redisUrl: string | undefined;
  redisPrefix: string;
  dataDir: string;
  seedDemo: boolean;
  sessionTtlMs: number;
  limits: {
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    maxBodyBytes: number;
  };
  signIn: { perAccount: number; perAddress: number; windowSeconds: number };
  /** Live documents stay in memory this long after the last editor leaves (quick reconnects stay cheap). */
  collab: {
    unloadAfterMs: number;
    /** Live-document clients are pinged this often; one that missed the previous ping is cut (30 s when absent). */
    pingIntervalMs?: number;
  };
  /** Folder with the built web app, served at `/` when it exists. */
  webDir: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    // npm runs scripts inside the workspace folder; a relative DATA_DIR means the folder
    // `npm start` was typed in (INIT_CWD), so the default is the checkout's own `.data/`.
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR),
    seedDemo: e.SEED_DEMO === "true",
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxCost: e.MAX_QUERY_COST,
      maxAliases: e.MAX_ALIASES,
      maxBodyBytes: e.MAX_BODY_BYTES,
    },
    signIn: {
      perAccount: e.SIGN_IN_ATTEMPTS_PER_ACCOUNT,
      perAddress: e.SIGN_IN_ATTEMPTS_PER_ADDRESS,
      windowSeconds: e.SIGN_IN_WINDOW_SECONDS,
    },
    collab: { unloadAfterMs: e.COLLAB_UNLOAD_AFTER_MS, pingIntervalMs: e.COLLAB_PING_INTERVAL_MS },
    webDir: path.resolve(import.meta.dirname, "../../web/dist"),
  };
}

/** Defaults for tests and tools: the env-free config, with overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), port: 0, seedDemo: false, ...overrides };
}
