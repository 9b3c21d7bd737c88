// The transactional outbox. A command that causes an email calls queueEmail(tx, …) inside its
// own transaction: the row commits with the change, or neither does. After the commit it calls
// `services.outbox.dispatch(queued)`, which enqueues the `email.send` job (outbox-jobs.ts). If
// the process dies between the commit and the enqueue, the scheduled `email.sweep` job finds the
// row still QUEUED with no job and enqueues it; so every committed email is sent or ends FAILED.
import { randomUUID } from "node:crypto";
import type { EmailKind, Prisma } from "../generated/prisma/client.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { Email } from "./compose.ts";

export type EmailDraft = Email & {
  kind: EmailKind;
  /** The recipient's account, when they have one: they can read it in the app (policies/emails.ts). */
  userId?: string | null;
  /** The school the email is about: its admins may read account emails (never notifications or digests). */
  schoolId?: string | null;
  /**
   * One row per key: queueing the same key again returns the existing row and sends nothing more
   * (e.g. `notification:<id>`). Default: a new random key, one email per call.
   */
  idempotencyKey?: string;
};

export type QueuedEmail = { id: string };

/** Writes the email in the caller's transaction. Call `outbox.dispatch` after the commit. */
export async function queueEmail(tx: Prisma.TransactionClient, draft: EmailDraft): Promise<QueuedEmail> {
  const idempotencyKey = draft.idempotencyKey ?? `${draft.kind.toLowerCase()}:${randomUUID()}`;
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    WITH inserted AS (
      INSERT INTO "EmailMessage" ("id", "idempotencyKey", "userId", "address", "schoolId", "kind", "subject", "text", "html")
      VALUES (${randomUUID()}::uuid, ${idempotencyKey}, ${draft.userId ?? null}::uuid, ${draft.to}, ${draft.schoolId ?? null}::uuid,
              ${draft.kind}::"EmailKind", ${draft.subject}, ${draft.text}, ${draft.html})
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING "id")
    SELECT "id" FROM inserted UNION ALL SELECT "id" FROM "EmailMessage" WHERE "idempotencyKey" = ${idempotencyKey} LIMIT 1`;
  return { id: row!.id };
}

/**
 * A new account takes the emails already sent to its address (the invitation it was made from,
 * the sign-up link): it proved it owns that mailbox, so they are its own to read in the app.
 */
export async function claimEmailsTo(tx: Prisma.TransactionClient, account: { id: string; email: string }): Promise<void> {
  await tx.emailMessage.updateMany({ where: { userId: null, address: account.email }, data: { userId: account.id } });
}

export type Outbox = {
  /** After the commit: enqueues the sending. Never throws (a failed enqueue is left to the sweeper). */
  dispatch(...queued: QueuedEmail[]): Promise<void>;
  /** queueEmail in a transaction of its own, then dispatch: for callers with no transaction of their own. */
  send(draft: EmailDraft): Promise<void>;
  /** Resolves once no email in the outbox is waiting for its first attempt or a retry (tests), or after `waitMs`. */
  settled(waitMs?: number): Promise<void>;
};

export function createOutbox({ prisma, jobs, warn }: { prisma: PrismaClient; jobs: JobQueue; warn(message: string): void }): Outbox {
  const outbox: Outbox = {
    async dispatch(...queued) {
      for (const { id } of queued) {
        try {
          // One send per row at a time ("stately" queue, keyed by the row).
          await jobs.enqueue("email.send", { emailId: id }, { singletonKey: id });
        } catch (error) {
          warn(`email ${id} stays queued for the sweeper: ${(error as Error).message}`);
        }
      }
    },
    async send(draft) {
      const queued = await prisma.$transaction((tx) => queueEmail(tx, draft));
      await outbox.dispatch(queued);
    },
    async settled(waitMs = 20_000) {
      const until = Date.now() + waitMs;
      while (Date.now() < until && (await prisma.emailMessage.count({ where: { status: "QUEUED" } })) > 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
  return outbox;
}
