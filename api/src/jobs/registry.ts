// Every background job by name: the data it carries and how it is run. A job is added here, with
// its handler, and enqueued anywhere through `services.jobs.enqueue(name, data)` (typed by this map).
//
// Data holds ids only, never content: it sits in the pgboss tables and the handler reloads (and
// re-authorizes) what it needs when it runs.
import type { AppServices } from "../commands/services.ts";
import { sendEmailJob, sweepOutboxJob } from "../email/outbox-jobs.ts";
import { sendDailyDigests } from "../notifications/digest.ts";
import { emailNotificationJob, sweepNotificationEmailsJob } from "../notifications/email-at-once.ts";
import { produceReminders } from "../notifications/reminders.ts";

export type JobPayloads = {
  /** Hands one outbox row to the relay (idempotent: a sent row is never sent again). */
  "email.send": { emailId: string };
  /** Re-enqueues outbox rows that a crash between commit and enqueue left without a job. */
  "email.sweep": Record<string, never>;
  /** Emails one notification whose recipient wants this kind at once (composed when it runs, through the policies). */
  "notification.email": { notificationId: string };
  /** Enqueues `notification.email` for notifications a crash between commit and enqueue left without a job. */
  "notification.email-sweep": Record<string, never>;
  /** Sends the daily digests of the schools whose local time passed the digest hour. */
  "notification.digest": Record<string, never>;
  /** Writes the reminders due now (due tomorrow, overdue, meeting tomorrow, check-back due). */
  "notification.reminders": Record<string, never>;
};

export type JobName = keyof JobPayloads;

/** What a handler learns about its run besides the data. */
export type JobRun = { id: string; retryCount: number; retryLimit: number; isLastAttempt: boolean };

export type JobDefinition<N extends JobName> = {
  /** Throwing fails this attempt: it is retried with backoff until the retry limit. */
  handler(data: JobPayloads[N], run: JobRun): Promise<void>;
  /**
   * "stately" keeps at most one job per singletonKey waiting and one running (e.g. one send per
   * outbox row at a time); "standard" queues every job.
   */
  policy?: "standard" | "stately";
  /** Runs once per cron period across all instances (pg-boss `schedule`), in the time zone `tz`. */
  schedule?: { cron: string; tz: string };
};

export type JobDefinitions = { [N in JobName]: JobDefinition<N> };

export function jobDefinitions(services: AppServices): JobDefinitions {
  return {
    "email.send": { policy: "stately", handler: (data, run) => sendEmailJob(services, data, run) },
    "email.sweep": { schedule: { cron: "* * * * *", tz: "UTC" }, handler: () => sweepOutboxJob(services) },
    "notification.email": { policy: "stately", handler: (data) => emailNotificationJob(services, data) },
    "notification.email-sweep": { schedule: { cron: "*/5 * * * *", tz: "UTC" }, handler: () => sweepNotificationEmailsJob(services) },
    // Every quarter hour: each school's digest leaves within 15 minutes of its local DIGEST_HOUR (half-hour zones included).
    "notification.digest": {
      schedule: { cron: "*/15 * * * *", tz: "UTC" },
      handler: async () => {
        await sendDailyDigests(services, new Date());
      },
    },
    // Hourly, a few minutes past: each school's reminders for its day are written soon after its local midnight,
    // hours before its digest; reruns write nothing new (reminders.ts).
    "notification.reminders": {
      schedule: { cron: "5 * * * *", tz: "UTC" },
      handler: async () => {
        await produceReminders(services.db.prisma, new Date(), services.events);
      },
    },
  };
}
