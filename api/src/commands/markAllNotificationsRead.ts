// Marking all your notifications read. Only those you may read now are marked and counted: the
// number says nothing about notifications hidden from you. With `seenUpTo` (the newest one the
// list showed), one that arrived while you were reading stays unread: "all" means all you saw.
import { requireActingUser } from "../policies/actor.ts";
import { readableNotificationsWhere } from "../policies/notifications.ts";
import { publishNotificationChange } from "../notifications/after-commit.ts";
import type { Caller } from "./run-command.ts";

/** Returns how many were unread. */
export async function markAllNotificationsRead(caller: Caller, seenUpTo?: Date | null): Promise<number> {
  const userId = requireActingUser(caller.actor);
  const { count } = await caller.prisma.notification.updateMany({
    where: { AND: [readableNotificationsWhere(caller.actor), { readAt: null }, seenUpTo ? { createdAt: { lte: seenUpTo } } : {}] },
    data: { readAt: new Date() },
  });
  if (count > 0) publishNotificationChange(caller.services.events, userId, { change: "read" });
  return count;
}
