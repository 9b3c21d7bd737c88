// "Email at once": once a notification's transaction commits, a `notification.email` job is
// enqueued for it (app.ts hooks onNotificationsCommitted). The job composes the email when it
// runs, through describeNotification, so someone who lost access in between gets nothing; it
// writes the outbox row and sets emailedAt in one transaction (idempotency key
// `notification:<id>`), then hands the row to the outbox. A crash between the commit and the
// enqueue is repaired by `notification.email-sweep`.
import type { AppServices } from "../commands/services.ts";
import { composeEmail } from "../email/compose.ts";
import { queueEmail } from "../email/outbox.ts";
import type { Notification } from "../generated/prisma/client.ts";
import { deliveriesOf, NOTIFICATION_SETTINGS_PATH } from "./delivery.ts";
import { describeNotification } from "./describe.ts";

/** A notification this old with no email and no job lost its job (the process died after the commit). */
const ORPHANED_AFTER = "1 minute";
/** Older ones are left alone: pg-boss archives finished jobs after 12 hours, so the check below would stop seeing them. */
const SWEEP_WINDOW = "6 hours";

/** After the commit: one job per notification (stately per notification). Never throws: the sweep catches what fails here. */
export async function enqueueNotificationEmails(services: Pick<AppServices, "jobs" | "log">, notifications: readonly Pick<Notification, "id">[]) {
  for (const { id } of notifications) {
    try {
      await services.jobs.enqueue("notification.email", { notificationId: id }, { singletonKey: id });
    } catch (error) {
      services.log.warn(`notification ${id} waits for the email sweep: ${(error as Error).message}`);
    }
  }
}

export async function emailNotificationJob(services: AppServices, { notificationId }: { notificationId: string }): Promise<void> {
  const { prisma } = services.db;
  const notification = await prisma.notification.findUnique({
    where: { id: notificationId },
    include: { recipient: { select: { email: true } } },
  });
  if (!notification || notification.emailedAt) return;
  const delivery = await deliveriesOf(prisma, notification.recipientId);
  if (delivery(notification.kind) !== "EMAIL_AT_ONCE") return;
  const description = await describeNotification(prisma, notification);
  if (!description) return;

  const base = services.publicUrl();
  const email = composeEmail(notification.recipient.email, description.sentence, [
    `${description.sentence}.`,
    { link: `${base}${description.path}` },
    "You get an email at once for this kind of notification. To get it in a daily digest, only in Staffroom, or not at all:",
    { link: `${base}${NOTIFICATION_SETTINGS_PATH}` },
  ]);
  const queued = await prisma.$transaction(async (tx) => {
    // Only the run that marks it emails it (two runs at once: one of them sees count 0).
    const { count } = await tx.notification.updateMany({ where: { id: notification.id, emailedAt: null }, data: { emailedAt: new Date() } });
    if (count === 0) return null;
    return queueEmail(tx, {
      ...email,
      kind: "NOTIFICATION",
      userId: notification.recipientId,
      schoolId: notification.schoolId,
      idempotencyKey: `notification:${notification.id}`,
    });
  });
  if (queued) await services.outbox.dispatch(queued);
}

export async function sweepNotificationEmailsJob(services: AppServices): Promise<void> {
  const orphans = await services.db.prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT n."id" FROM "Notification" n
      WHERE n."emailedAt" IS NULL
        AND n."createdAt" < now() - interval '${ORPHANED_AFTER}' AND n."createdAt" > now() - interval '${SWEEP_WINDOW}'
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = 'notification.email' AND j.singleton_key = n."id"::text)
        AND COALESCE((SELECT p."delivery"::text FROM "NotificationPreference" p WHERE p."userId" = n."recipientId" AND p."kind" = n."kind"),
                     '') IN ('EMAIL_AT_ONCE', '')
      ORDER BY n."createdAt" LIMIT 500`,
  );
  // Those with no preference row may still default to another delivery: the job checks and does nothing for them.
  if (orphans.length > 0) services.log.info(`notification email sweep: ${orphans.length} notification(s) had no email job`);
  await enqueueNotificationEmails(services, orphans);
}
