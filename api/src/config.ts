// The only module that reads process.env. Everything else receives a validated Config.
import path from "node:path";
import { z } from "zod";

const numberFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  /** Namespaces every Redis channel and key, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .min(1)
    .regex(/^[\w.:-]+$/, "letters, digits, _ . : - only")
    .default("staffroom"),
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
  // Sign-up: every attempt costs a password hash and an email, so every attempt counts.
  SIGN_UP_ATTEMPTS_PER_EMAIL: numberFromEnv(3),
  SIGN_UP_ATTEMPTS_PER_ADDRESS: numberFromEnv(20),
  SIGN_UP_WINDOW_SECONDS: numberFromEnv(60 * 60),
  SIGN_UP_LINK_TTL_HOURS: numberFromEnv(24),
  // Forgot password: like sign-up, every request costs an email, so every request counts.
  PASSWORD_RESET_ATTEMPTS_PER_EMAIL: numberFromEnv(3),
  PASSWORD_RESET_ATTEMPTS_PER_ADDRESS: numberFromEnv(20),
  PASSWORD_RESET_WINDOW_SECONDS: numberFromEnv(60 * 60),
  PASSWORD_RESET_LINK_TTL_MINUTES: numberFromEnv(60),
  /** Where email goes out (smtp:// or smtps://, credentials in the URL). Unset: emails are written to the log. */
  SMTP_URL: z
    .string()
    .url()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(1).default("Staffroom <no-reply@localhost>"),
  /** The address people open Staffroom at, for links in emails. Default: the address the server listens on. */
  PUBLIC_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, "must start with http:// or https://")
    .optional(),
  /** Single sign-on issuers may use plain http (a provider on this machine, for development and tests). Never in production. */
  SSO_ALLOW_HTTP_ISSUERS: z.enum(["true", "false"]).default("false"),
  // Background jobs (pg-boss): how quickly a worker notices new jobs, and how a failing job is retried.
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(500, "at least 500 (pg-boss's minimum)").default(2_000),
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).default(8),
  JOB_RETRY_DELAY_SECONDS: numberFromEnv(30),
  JOB_EXPIRE_SECONDS: numberFromEnv(15 * 60),
  JOB_MAINTENANCE_INTERVAL_SECONDS: numberFromEnv(60),
  COLLAB_UNLOAD_AFTER_MS: numberFromEnv(5_000),
  COLLAB_PING_INTERVAL_MS: numberFromEnv(30_000),
  // The HTTP edge: which other sites' pages may call the API, and what anonymous callers learn about the schema.
  /** Comma-separated origins (scheme://host[:port]) whose pages may call /graphql from a browser; empty: same origin only. */
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isOrigin, "each origin is scheme://host[:port], e.g. https://dashboard.example.org, with no path"))),
  GRAPHQL_INTROSPECTION: z.enum(["public", "signed-in", "off"]).default("public"),
  GRAPHQL_FIELD_SUGGESTIONS: z.enum(["true", "false"]).default("false"),
  // Operability: JSON logs on stdout, and Prometheus metrics only for whoever holds METRICS_TOKEN.
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Bearer token that /metrics asks for; unset, /metrics does not exist (404) and no metric is collected. */
  METRICS_TOKEN: z
    .string()
    .min(16, "at least 16 characters")
    .regex(/^[\x21-\x7e]+$/, "printable ASCII, no spaces")
    .optional(),
});

/** An origin exactly as a browser sends it in the Origin header: no path, no trailing slash. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
  } catch {
    return false;
  }
}

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
  signUp: { perEmail: number; perAddress: number; windowSeconds: number; linkTtlMs: number };
  passwordReset: { perEmail: number; perAddress: number; windowSeconds: number; linkTtlMs: number };
  /** smtpUrl unset: emails are written to the server log instead of being sent. */
  mail: { smtpUrl: string | undefined; from: string };
  /** Base of links in emails (no trailing slash); undefined means the server's own listening address. */
  publicUrl: string | undefined;
  /** Schools' single sign-on (OpenID Connect). */
  singleSignOn: {
    /** Issuers must be https unless this is set (a provider on this machine, for development and tests). */
    allowHttpIssuers: boolean;
  };
  /** Background jobs (api/src/jobs): polling, retries with exponential backoff, and expiry of jobs whose process died. */
  jobs: {
    /** How often an idle worker looks for new jobs (a job enqueued by this instance starts at once). */
    pollIntervalMs: number;
    /** Retries after the first attempt; the n-th waits between retryDelaySeconds·2^(n-1) and twice that. */
    retryLimit: number;
    retryDelaySeconds: number;
    /** A job still active this long after it started (its process was killed, or it hangs) fails and is retried. */
    expireSeconds: number;
    /** How often expired jobs are looked for (once across instances). */
    maintenanceIntervalSeconds: number;
  };
  /** Live documents stay in memory this long after the last editor leaves (quick reconnects stay cheap). */
  collab: {
    unloadAfterMs: number;
    /** Live-document clients are pinged this often; one that missed the previous ping is cut (30 s when absent). */
    pingIntervalMs?: number;
  };
  /** Folder with the built web app, served at `/` when it exists. */
  webDir: string;
  http: {
    /** Origins allowed to call /graphql from a browser (CORS); empty means same origin only. */
    corsOrigins: string[];
    /** Who may run introspection queries (__schema, __type): anyone, signed-in callers, or no one. */
    introspection: "public" | "signed-in" | "off";
    /** "Did you mean …?" in validation errors: they spell out the schema to whoever probes it. */
    fieldSuggestions: boolean;
  };
  observability: {
    /** pino's level; "silent" writes no log line at all. */
    logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
    /** Undefined: metrics are off (nothing collected, /metrics answers 404). */
    metricsToken: string | undefined;
  };
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
    signUp: {
      perEmail: e.SIGN_UP_ATTEMPTS_PER_EMAIL,
      perAddress: e.SIGN_UP_ATTEMPTS_PER_ADDRESS,
      windowSeconds: e.SIGN_UP_WINDOW_SECONDS,
      linkTtlMs: e.SIGN_UP_LINK_TTL_HOURS * 3600_000,
    },
    passwordReset: {
      perEmail: e.PASSWORD_RESET_ATTEMPTS_PER_EMAIL,
      perAddress: e.PASSWORD_RESET_ATTEMPTS_PER_ADDRESS,
      windowSeconds: e.PASSWORD_RESET_WINDOW_SECONDS,
      linkTtlMs: e.PASSWORD_RESET_LINK_TTL_MINUTES * 60_000,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    singleSignOn: { allowHttpIssuers: e.SSO_ALLOW_HTTP_ISSUERS === "true" },
    jobs: {
      pollIntervalMs: e.JOB_POLL_INTERVAL_MS,
      retryLimit: e.JOB_RETRY_LIMIT,
      retryDelaySeconds: e.JOB_RETRY_DELAY_SECONDS,
      expireSeconds: e.JOB_EXPIRE_SECONDS,
      maintenanceIntervalSeconds: e.JOB_MAINTENANCE_INTERVAL_SECONDS,
    },
    collab: { unloadAfterMs: e.COLLAB_UNLOAD_AFTER_MS, pingIntervalMs: e.COLLAB_PING_INTERVAL_MS },
    webDir: path.resolve(import.meta.dirname, "../../web/dist"),
    http: {
      corsOrigins: e.CORS_ORIGINS,
      introspection: e.GRAPHQL_INTROSPECTION,
      fieldSuggestions: e.GRAPHQL_FIELD_SUGGESTIONS === "true",
    },
    observability: { logLevel: e.LOG_LEVEL, metricsToken: e.METRICS_TOKEN },
  };
}

/** Defaults for tests and tools: the env-free config, with overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // Warnings and errors only: a line per GraphQL request would bury the test runner's own output.
  const defaults = loadConfig({ LOG_LEVEL: "warn" });
  return { ...defaults, port: 0, seedDemo: false, ...overrides };
}
