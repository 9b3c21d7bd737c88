// Writing a notification, inside the transaction of whatever caused it, so the two commit or roll
// back together. Idempotent through the dedupe key: a retried command or job writes nothing new.
import { DEFAULT_DELIVERY, type NotificationSubject } from "../domain/notifications.ts";
import type { Notification, Prisma } from "../generated/prisma/client.ts";
import type { NotificationKind } from "../generated/prisma/enums.ts";

export type NotificationInput = NotificationSubject & {
  recipientId: string;
  schoolId: string;
  kind: NotificationKind;
  actorId?: string | null;
  /** Same key, same recipient → the same notification (e.g. `reply:<feedbackId>`, `due-tomorrow:<itemId>:<day>`). */
  dedupeKey: string;
};

/**
 * Writes the notification unless its recipient turned this kind off, caused it themselves, or
 * already has it. Returns the new row, or null when nothing was written.
 */
export async function notify(tx: Prisma.TransactionClient, input: NotificationInput): Promise<Notification | null> {
  if (input.actorId && input.actorId === input.recipientId) return null;
  const preference = await tx.notificationPreference.findUnique({
    where: { userId_kind: { userId: input.recipientId, kind: input.kind } },
    select: { delivery: true },
  });
  if ((preference?.delivery ?? DEFAULT_DELIVERY[input.kind]) === "OFF") return null;
  const written = await tx.notification.createManyAndReturn({ data: [input], skipDuplicates: true });
  return written[0] ?? null;
}
