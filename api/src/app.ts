// One http.Server for everything: /graphql (yoga over HTTP and SSE, graphql-ws over websocket),
// /collab/<documentId> (Yjs), /healthz, /readyz, /auth/oidc/* (schools' single sign-on), /calendar/<token>.ics
// (calendar feeds) and the built web app.
// buildApp holds no module-global state, so tests start as many apps as they like on port 0:
// each has its own logger and, with METRICS_TOKEN set, its own metrics registry.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DestinationStream } from "pino";
import { isCalendarPath, serveCalendarFeed } from "./calendar-http.ts";
import { createSignInLimiter, createPasswordResetLimiter, createSignUpLimiter } from "./auth/sign-in-limiter.ts";
import type { Config } from "./config.ts";
import type { AppServices } from "./commands/services.ts";
import { openDatabase, type Database } from "./db/client.ts";
import { createMailer, type Mailer } from "./email/mailer.ts";
import { createOutbox } from "./email/outbox.ts";
import { jobDefinitions } from "./jobs/registry.ts";
import { onNotificationsCommitted } from "./notifications/after-commit.ts";
import { enqueueNotificationEmails } from "./notifications/email-at-once.ts";
import { startJobQueue, type JobQueue } from "./jobs/queue.ts";
import { migrate } from "./db/migrator.ts";
import { seedDemoSchoolIfEmpty, type DemoSeedResult } from "./db/seed-demo.ts";
import { createEventBus } from "./events/bus.ts";
import { startActionPlanProjection, type ActionPlanProjection } from "./action-plans/projection.ts";
import { createCollabServer } from "./collab/collab-server.ts";
import { createGraphQLServer } from "./graphql-server.ts";
import { createGraphQLWebSocketEndpoint } from "./graphql-ws.ts";
import { decodePath, guardRequests, guardUpgrades, requestUrl } from "./http-guard.ts";
import { createLogger, warnTo } from "./observability/logger.ts";
import { serveMetrics, timeHttpRequests } from "./observability/metrics-endpoint.ts";
import { createMetrics } from "./observability/metrics.ts";
import { connectRedis, type RedisConnections } from "./redis.ts";
import { createSecurityHeaders } from "./security-headers.ts";
import { isSingleSignOnPath, serveSingleSignOn } from "./single-sign-on-http.ts";
import { serveWeb } from "./static-web.ts";
import { refuseUpgrade, type UpgradeEndpoint } from "./upgrade.ts";

export type StartedApp = {
  url: string;
  port: number;
  db: Database;
  services: AppServices;
  /** In-process GraphQL over the Fetch API (no socket), for tests and tools. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  demo: DemoSeedResult | null;
};

export type AppOptions = {
  /** Where the JSON log lines go (default: stdout). Tests pass a stream to read them back. */
  logDestination?: DestinationStream;
};

export function buildApp(config: Config, options: AppOptions = {}) {
  const log = createLogger(config.observability, options.logDestination);
  // Off (and nothing collected) unless someone may read them.
  const metrics = config.observability.metricsToken ? createMetrics() : undefined;
  let server: http.Server | undefined;
  let db: Database | undefined;
  let endpoints: UpgradeEndpoint[] = [];
  let projection: ActionPlanProjection | undefined;
  let redis: RedisConnections | undefined;
  let mailer: Mailer | undefined;
  let jobs: JobQueue | undefined;

  async function start(): Promise<StartedApp> {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
    try {
      await migrate(db.sql);
      const demo = config.seedDemo ? await seedDemoSchoolIfEmpty(db.prisma) : null;
      // Scale-out: with Redis, events, live edits and sign-in counters are shared with the other instances.
      if (config.redisUrl) {
        redis = connectRedis({ url: config.redisUrl, prefix: config.redisPrefix, log: warnTo(log.child({ component: "redis" })) });
        await redis.firstAttempt();
      }
      const events = createEventBus(redis, warnTo(log.child({ component: "events" })));
      const collab = createCollabServer({ config, db, events, redis, logger: log, metrics });
      projection = startActionPlanProjection({
        prisma: db.prisma,
        documents: collab.documents,
        events,
        log: warnTo(log.child({ component: "action-plan projection" })),
      });
      const mailLog = log.child({ component: "mail" });
      // An email written out instead of sent (no SMTP_URL) is for the person at the terminal, and
      // its sign-up link is a secret: plain text on the console, never a structured log line.
      mailer = createMailer(config.mail, { expireSeconds: config.jobs.expireSeconds, log: (text: string) => console.log(text) });
      jobs = await startJobQueue({ connection: db.jobsConnection, config: config.jobs, log: log.child({ component: "jobs" }) });
      const outbox = createOutbox({ prisma: db.prisma, jobs, warn: warnTo(mailLog) });
      // Known once the server listens (PORT may be 0); links in emails need it only after that.
      let listeningUrl = "";
      const services: AppServices = {
        config,
        db,
        signInLimiter: createSignInLimiter(config.signIn, redis),
        signUpLimiter: createSignUpLimiter(config.signUp, redis),
        passwordResetLimiter: createPasswordResetLimiter(config.passwordReset, redis),
        mailer,
        outbox,
        jobs,
        publicUrl: () => config.publicUrl ?? listeningUrl,
        events,
        documents: collab.documents,
        log,
        metrics,
      };
      // A notification whose recipient wants email at once gets its email from a job enqueued after its commit.
      onNotificationsCommitted(events, (notifications) => void enqueueNotificationEmails(services, notifications));
      // Workers start once everything they use exists; a job may run the moment this returns.
      await jobs.work(jobDefinitions(services));
      const yoga = createGraphQLServer(services);
      const graphqlWs = createGraphQLWebSocketEndpoint(services, yoga);
      endpoints = [collab, graphqlWs];
      const database = db;
      metrics?.watch({
        collabConnections: () => collab.connectionCount(),
        graphqlWsConnections: () => graphqlWs.connectionCount(),
        openDocuments: () => collab.documents.loadedCount,
        databaseUp: () => databaseAnswers(database),
        ...(redis ? { redisUp: redis.ready } : {}),
      });

      const securityHeaders = createSecurityHeaders();
      const httpLog = log.child({ component: "http" });
      const logHttp = (message: string) => httpLog.error(message);
      server = http.createServer(
        timeHttpRequests(
          metrics,
          guardRequests(async (req, res) => {
            securityHeaders(req, res);
            const url = requestUrl(req);
            if (url.pathname === "/healthz") return sendText(res, 200, "ok");
            if (url.pathname === "/readyz") {
              const problem = await unready(db!, redis);
              return sendText(res, problem ? 503 : 200, problem ?? "ready");
            }
            if (url.pathname === "/metrics") return serveMetrics(req, res, metrics, config.observability.metricsToken);
            if (url.pathname === "/graphql") {
              const refusal = bodyRefusal(req, config.limits.maxBodyBytes);
              if (refusal) return sendJsonError(res, refusal.status, refusal.message);
              // Whether CORS headers are sent depends on the Origin (CORS_ORIGINS): caches must keep them apart.
              res.setHeader("vary", "Origin");
              // The yoga instance is itself a node request listener (handleNodeRequestAndResponse hung on POST bodies here).
              return void (await yoga(req, res, { clientAddress: req.socket.remoteAddress ?? "unknown" }));
            }
            if (isSingleSignOnPath(url.pathname)) return serveSingleSignOn(services, req, res, url);
            if (isCalendarPath(url.pathname)) return serveCalendarFeed(services, req, res, url);
            return serveWeb(config.webDir, req, url.pathname, res);
          }, logHttp),
        ),
      );
      server.on(
        "upgrade",
        guardUpgrades((req, socket, head) => {
          const { pathname } = requestUrl(req);
          // Endpoints decode the path themselves; a malformed one is the caller's mistake (400), not theirs.
          decodePath(pathname);
          if (pathname === "/graphql") return graphqlWs.handleUpgrade(req, socket, head);
          if (pathname.startsWith("/collab/")) return collab.handleUpgrade(req, socket, head);
          refuseUpgrade(socket, 404, "No websocket endpoint here.");
        }, logHttp),
      );
      await new Promise<void>((resolve, reject) => {
        server!.once("error", reject);
        server!.listen(config.port, config.host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      const host = config.host.includes(":") ? `[${config.host}]` : config.host;
      listeningUrl = `http://${host}:${port}`;
      return {
        url: listeningUrl,
        port,
        db,
        services,
        fetch: (input, init) => Promise.resolve(yoga.fetch(new Request(input, init), { clientAddress: "in-process" })),
        demo,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  }

  async function stop() {
    // Live documents first: they flush pending edits to the database before it closes.
    for (const endpoint of endpoints) await endpoint.close();
    endpoints = [];
    // After the documents' last edits were flushed (they may still need projecting), before the database closes.
    await projection?.stop();
    projection = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
    // No request can enqueue a job now: running jobs (an email on its way to the relay) finish,
    // or are given back to be retried by another instance or the next start.
    await jobs?.stop();
    jobs = undefined;
    mailer?.close();
    mailer = undefined;
    // After everything that publishes (documents flushing, the projection) has stopped.
    await redis?.close();
    redis = undefined;
    if (db) {
      await db.close();
      db = undefined;
    }
  }

  return { start, stop, log };
}

/** Why this instance cannot serve right now, or null when it can. */
async function unready(db: Database, redis: RedisConnections | undefined): Promise<string | null> {
  if (!(await databaseAnswers(db))) return "database unavailable";
  if (redis && !(await redis.ready())) return "redis unavailable";
  return null;
}

function databaseAnswers(db: Database): Promise<boolean> {
  return db.sql.query("SELECT 1").then(
    () => true,
    () => false,
  );
}

/** GraphQL request bodies are small; a large one is a mistake or an attack. */
function bodyRefusal(req: http.IncomingMessage, maxBytes: number) {
  if (req.method !== "POST") return null;
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    return req.headers["transfer-encoding"] ? { status: 411, message: "Send a Content-Length header." } : null;
  }
  if (Number(declared) > maxBytes) return { status: 413, message: `Request body over the ${maxBytes}-byte limit.` };
  return null;
}

function sendText(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(body);
}

function sendJsonError(res: http.ServerResponse, status: number, message: string) {
  const code = status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST";
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
