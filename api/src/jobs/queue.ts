// Background jobs on the app's own database with pg-boss: every instance runs workers, pg-boss's
// row locks (SKIP LOCKED) give each job to one of them, a failing job is retried with exponential
// backoff, and a job still "active" past its expiry (its process was SIGKILLed, or it hangs) is
// failed by pg-boss's maintenance and so retried. Scheduled jobs are inserted once per cron
// period across instances (pg-boss keeps the schedule and a singleton per minute in its tables).
//
// pg-boss keeps its tables in its own schema ("pgboss"), created and migrated by pg-boss itself,
// apart from prisma/migrations: the drift test and db/migrator.ts never see them.
import PgBoss from "pg-boss";
import type { Config } from "../config.ts";
import type { JobsConnection } from "../db/client.ts";
import type { Logger } from "../observability/logger.ts";
import type { JobDefinitions, JobName, JobPayloads } from "./registry.ts";

export type EnqueueOptions = {
  /** With a "stately" job: at most one such job waits, and one runs, at a time. */
  singletonKey?: string;
  /** Not before this moment. */
  startAfter?: Date;
};

export type JobQueue = {
  /** Adds a job (after your transaction committed: pg-boss writes on its own connection). Returns its id, or null when a singleton already waits. */
  enqueue<N extends JobName>(name: N, data: JobPayloads[N], options?: EnqueueOptions): Promise<string | null>;
  /** Starts this instance's workers and registers the schedules; call once, after the services exist. */
  work(definitions: JobDefinitions): Promise<void>;
  /** Stops taking jobs, lets running ones finish (up to `STOP_GRACE_MS`), then fails what is left so another instance retries it. */
  stop(): Promise<void>;
};

/**
 * Instances starting together on a new database create the same queues at once, and PostgreSQL
 * may pick one of them as a deadlock victim (pg-boss creates each queue's partition table). The
 * victim's work was rolled back whole, so doing it again is safe; a few tries after a short,
 * random pause let the other instance finish first.
 */
async function retryOnDeadlock(work: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== "40P01" || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

/** How long stopping waits for running jobs before giving them back. */
const STOP_GRACE_MS = 10_000;

export async function startJobQueue({ connection, config, log }: { connection: JobsConnection; config: Config["jobs"]; log: Logger }): Promise<JobQueue> {
  const boss = new PgBoss({
    ...connection,
    schema: "pgboss",
    // Fewer connections than the app's own pool: pg-boss polls, it does not hold them.
    ...("connectionString" in connection ? { max: 4 } : {}),
    maintenanceIntervalSeconds: config.maintenanceIntervalSeconds,
    // The cron check runs often enough that a period is never missed; pg-boss inserts a scheduled job once per minute across instances.
    cronMonitorIntervalSeconds: Math.min(30, Math.max(1, Math.round(config.pollIntervalMs / 1000))),
    cronWorkerIntervalSeconds: Math.min(45, Math.max(1, Math.round(config.pollIntervalMs / 1000))),
    // No monitor-states events: nothing reads them.
    monitorStateIntervalSeconds: 3600,
  });
  // pg-boss reports connection and maintenance problems as events; an unhandled 'error' event would end the process.
  boss.on("error", (error) => log.warn(`background jobs: ${error.message}`));
  await boss.start();

  const workerIds = new Map<JobName, string>();

  return {
    async enqueue(name, data, options = {}) {
      const id = await boss.send(name, data, {
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      });
      // A job for this instance starts now instead of at the next poll.
      const worker = workerIds.get(name);
      if (worker && !options.startAfter) boss.notifyWorker(worker);
      return id;
    },

    async work(definitions) {
      for (const [name, definition] of Object.entries(definitions) as [JobName, JobDefinitions[JobName]][]) {
        const queue = {
          name,
          policy: definition.policy ?? "standard",
          retryLimit: config.retryLimit,
          retryDelay: config.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: config.expireSeconds,
        } as const;
        // createQueue leaves an existing queue as it is: updateQueue applies today's retry and expiry settings.
        await retryOnDeadlock(async () => {
          await boss.createQueue(name, queue);
          await boss.updateQueue(name, queue);
          if (definition.schedule) await boss.schedule(name, definition.schedule.cron, {}, { tz: definition.schedule.tz });
          else await boss.unschedule(name);
        });
        const handler = definition.handler as (
          data: unknown,
          run: { id: string; retryCount: number; retryLimit: number; isLastAttempt: boolean },
        ) => Promise<void>;
        const id = await boss.work<unknown>(
          name,
          { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: config.pollIntervalMs / 1000 },
          async ([job]) => {
            if (!job) return;
            try {
              await handler(job.data, { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit, isLastAttempt: job.retryCount >= job.retryLimit });
            } catch (error) {
              log.warn(`background job ${name} failed (attempt ${job.retryCount + 1} of ${job.retryLimit + 1}): ${(error as Error).message}`);
              throw error;
            } finally {
              // A job was waiting, so more may be (thirty invitations sent at once): fetch again at
              // once. pg-boss would otherwise wait the whole poll interval after every job, and a
              // queue of thirty emails would take a minute to drain. An empty fetch waits as usual.
              const worker = workerIds.get(name);
              if (worker) boss.notifyWorker(worker);
            }
          },
        );
        workerIds.set(name, id);
      }
    },

    async stop() {
      // close: pg-boss ends the pool it opened (PostgreSQL); our PGlite is closed by db.close() afterwards.
      await boss.stop({ graceful: true, wait: true, timeout: STOP_GRACE_MS, close: true });
    },
  };
}
