// Notifications written inside a transaction are announced only after it commits, like activity:
// nobody is told of a notification that was rolled back. `notify(tx, input)` keeps its shape for
// every caller; the transaction it writes in is the key under which its rows wait here.
import type { NotificationMessage } from "../domain/notifications.ts";
import type { EventBus } from "../events/bus.ts";
import type { Notification, Prisma } from "../generated/prisma/client.ts";

const waiting = new WeakMap<object, Notification[]>();
/** Per event bus (one per app instance): what else happens to committed notifications (app.ts: their emails). */
const committedListeners = new WeakMap<object, (notifications: readonly Notification[]) => void>();

/**
 * Every caller that publishes notifications hands over its app's event bus, so the bus is the key
 * under which the app says what else follows a commit: enqueueing the `notification.email` jobs.
 */
export function onNotificationsCommitted(events: object, listener: (notifications: readonly Notification[]) => void): void {
  committedListeners.set(events, listener);
}

/** Starts collecting what `notify` writes in `tx`; returns the list it fills. */
export function collectNotifications(tx: Prisma.TransactionClient): Notification[] {
  const list: Notification[] = [];
  waiting.set(tx, list);
  return list;
}

/** Called by notify for each row it wrote: kept for publishing when the transaction is being watched. */
export function noteNotificationWritten(tx: Prisma.TransactionClient, notification: Notification): void {
  waiting.get(tx)?.push(notification);
}

/** Tells each recipient's channel. Call only after the commit. */
export function publishNotifications(events: Pick<EventBus, "publish">, notifications: readonly Notification[]): void {
  for (const n of notifications) publishNotificationChange(events, n.recipientId, { change: "created", notificationId: n.id });
  if (notifications.length > 0) committedListeners.get(events)?.(notifications);
}

export function publishNotificationChange(events: Pick<EventBus, "publish">, recipientId: string, message: NotificationMessage): void {
  events.publish("notification", recipientId, message);
}

/**
 * A transaction whose notifications are published once it commits: for writers that do not go
 * through runCommand (accepting an invitation, the action-plan projection, reminders).
 */
export async function transactionNotifying<T>(
  prisma: { $transaction<R>(work: (tx: Prisma.TransactionClient) => Promise<R>): Promise<R> },
  events: Pick<EventBus, "publish"> | undefined,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  let written: Notification[] = [];
  const result = await prisma.$transaction((tx) => {
    written = collectNotifications(tx);
    return work(tx);
  });
  if (events) publishNotifications(events, written);
  return result;
}
