// Writing a notification, inside the transaction of whatever caused it, so the two commit or roll
// back together. Idempotent through the dedupe key: a retried command or job writes nothing new.
// Trust gate: the recipient, loaded as they are at this moment, must be able to read every
// subject the notification names (policies/notifications.ts); if not, they get nothing.
import { loadUserActor } from "../auth/load-actor.ts";
import { DEFAULT_DELIVERY, type NotificationSubject } from "../domain/notifications.ts";
import type { Notification, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { NotificationKind } from "../generated/prisma/enums.ts";
import { loadSubjectFacts, mayReadNotification } from "../policies/notifications.ts";
import { noteNotificationWritten } from "./after-commit.ts";

export type NotificationInput = NotificationSubject & {
  recipientId: string;
  schoolId: string;
  kind: NotificationKind;
  actorId?: string | null;
  /** Same key, same recipient → the same notification (e.g. `reply:<feedbackId>`, `due-tomorrow:<itemId>:<day>`). */
  dedupeKey: string;
};

/**
 * Writes the notification unless its recipient turned this kind off, caused it themselves,
 * already has it, or may not read what it is about. Returns the new row, or null when nothing
 * was written. Inside runCommand (or transactionNotifying) the row is published to the
 * recipient's live channel once the transaction commits.
 */
export async function notify(tx: Prisma.TransactionClient, input: NotificationInput): Promise<Notification | null> {
  if (input.actorId && input.actorId === input.recipientId) return null;
  const preference = await tx.notificationPreference.findUnique({
    where: { userId_kind: { userId: input.recipientId, kind: input.kind } },
    select: { delivery: true },
  });
  if ((preference?.delivery ?? DEFAULT_DELIVERY[input.kind]) === "OFF") return null;
  // The person as such (a session's view: every scope), not any one token of theirs.
  const recipient = await loadUserActor(tx as PrismaClient, input.recipientId, { authSessionId: null, apiToken: null });
  if (!mayReadNotification(recipient, await loadSubjectFacts(tx, input.schoolId, input))) return null;
  const written = await tx.notification.createManyAndReturn({ data: [input], skipDuplicates: true });
  const row = written[0] ?? null;
  if (row) noteNotificationWritten(tx, row);
  return row;
}
