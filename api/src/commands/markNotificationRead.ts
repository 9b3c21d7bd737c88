// Marking one of your notifications read. One you may not read (someone else's, or about
// something you lost access to) is NOT_FOUND, exactly like one that does not exist.
import { NotFoundError } from "../domain/errors.ts";
import type { Notification, Prisma } from "../generated/prisma/client.ts";
import { publishNotificationChange } from "../notifications/after-commit.ts";
import { requireActingUser } from "../policies/actor.ts";
import { readableNotificationsWhere } from "../policies/notifications.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function markNotificationRead(
  caller: Caller,
  notificationId: string,
  selection: Selection<Prisma.NotificationSelect, Prisma.NotificationInclude> = {},
): Promise<Notification> {
  const userId = requireActingUser(caller.actor);
  const where = { AND: [{ id: notificationId }, readableNotificationsWhere(caller.actor)] };
  // Only an unread one changes: marking twice keeps the first time it was read.
  const { count } = await caller.prisma.notification.updateMany({ where: { ...where, readAt: null }, data: { readAt: new Date() } });
  const notification = await caller.prisma.notification.findFirst({ ...selection, where });
  if (!notification) throw new NotFoundError("That notification");
  // The unread count changed: the person's other tabs and devices hear of it.
  if (count > 0) publishNotificationChange(caller.services.events, userId, { change: "read" });
  return notification as Notification;
}
