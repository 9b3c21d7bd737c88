// One person's live notifications: their channel on the event bus (in-process, or Redis with
// several instances), each message re-authorized with the subscriber reloaded, as
// events/activity-stream.ts does for activity (both are events/guarded-stream.ts streams). A new
// notification is delivered only if its recipient may read it now; every message carries the
// unread count as it is now, so a notification marked read in another tab, or hidden by lost
// access, updates the bell too.
import { credentialKey, reloadActors } from "../auth/load-actor.ts";
import { forbidden } from "../domain/errors.ts";
import type { NotificationMessage } from "../domain/notifications.ts";
import type { Subscriber } from "../events/activity-stream.ts";
import { type Guarded, guardedStream, unlessCredentialEnded, type Verdict } from "../events/guarded-stream.ts";
import type { Notification } from "../generated/prisma/client.ts";
import type { UserActor } from "../policies/actor.ts";
import { readableNotificationsWhere } from "../policies/notifications.ts";

export type NotificationEvent = { notification: Notification | null; unreadCount: number };

export function notificationStream(ctx: Subscriber): AsyncIterable<Guarded<NotificationEvent>> {
  const actor = ctx.actor;
  if (actor.kind !== "user") throw forbidden();
  const subscriber: UserActor = actor;

  async function judge(message: NotificationMessage): Promise<Verdict<NotificationEvent>> {
    try {
      const viewer = (await reloadActors(ctx.services.db, [subscriber])).get(credentialKey(subscriber));
      if (!viewer) return "ended";
      const readable = readableNotificationsWhere(viewer);
      let notification: Notification | null = null;
      if (message.change === "created") {
        notification = await ctx.prisma.notification.findFirst({ where: { AND: [{ id: message.notificationId }, readable] } });
        if (!notification) return "drop";
      }
      ctx.actor = viewer;
      const unreadCount = await ctx.prisma.notification.count({ where: { AND: [readable, { readAt: null }] } });
      return { deliver: { notification, unreadCount } };
    } catch (error) {
      // A check that could not be made is a refusal: drop the message, keep the stream.
      ctx.services.log.warn({ err: error, component: "subscriptions" }, "dropped a notification whose access check failed");
      return "drop";
    }
  }

  return guardedStream(ctx, subscriber, () => ctx.services.events.subscribe("notification", subscriber.userId)[Symbol.asyncIterator](), judge);
}

export function notificationEvent(item: Guarded<NotificationEvent>): NotificationEvent {
  return unlessCredentialEnded(item);
}
