// The outbox's two jobs. `email.send` hands one row to the relay, at least once and, as far as a
// relay can tell, once: a row marked SENT is never sent again, and every attempt carries the
// same Message-ID (mailer.ts, messageIdFor). The one window left is a crash after the relay
// accepted and before SENT is written: the retry then sends the same message (same Message-ID)
// again. `email.sweep` re-enqueues rows that a crash between commit and enqueue left without a job.
import type { AppServices } from "../commands/services.ts";
import type { JobRun } from "../jobs/registry.ts";
import { messageIdFor } from "./mailer.ts";

/** A row this old, still QUEUED and with no job waiting or running, lost its job. */
const ORPHANED_AFTER = "1 minute";

export async function sendEmailJob(services: AppServices, { emailId }: { emailId: string }, run: JobRun): Promise<void> {
  const { prisma } = services.db;
  const row = await prisma.emailMessage.findUnique({ where: { id: emailId } });
  if (!row || row.status !== "QUEUED") return;
  const messageId = row.messageId ?? messageIdFor(row.idempotencyKey, services.config.mail.from);
  await prisma.emailMessage.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, messageId } });
  const email = { to: row.address, subject: row.subject, text: row.text, html: row.html, messageId };

  if (!services.mailer.sends) {
    services.mailer.keep(email);
    await prisma.emailMessage.updateMany({ where: { id: row.id, status: "QUEUED" }, data: { status: "KEPT_IN_OUTBOX" } });
    return;
  }
  try {
    await services.mailer.deliver(email);
  } catch (error) {
    const lastError = (error as Error).message.slice(0, 500);
    await prisma.emailMessage.updateMany({
      where: { id: row.id, status: "QUEUED" },
      data: { lastError, ...(run.isLastAttempt ? { status: "FAILED" } : {}) },
    });
    throw error;
  }
  await prisma.emailMessage.updateMany({ where: { id: row.id, status: "QUEUED" }, data: { status: "SENT", sentAt: new Date(), lastError: null } });
}

export async function sweepOutboxJob(services: AppServices): Promise<void> {
  const orphans = await services.db.prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT e."id" FROM "EmailMessage" e
      WHERE e."status" = 'QUEUED' AND e."createdAt" < now() - interval '${ORPHANED_AFTER}'
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j
                         WHERE j.name = 'email.send' AND j.singleton_key = e."id"::text AND j.state < 'completed')
      ORDER BY e."createdAt" LIMIT 500`,
  );
  if (orphans.length > 0) services.log.warn(`email sweep: ${orphans.length} queued email(s) had no job; sending them now`);
  await services.outbox.dispatch(...orphans);
}
