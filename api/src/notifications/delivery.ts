// How each kind of notification reaches a person right now: their own choice, else the default.
// Read when an email is composed, not when the notification was written, so changing a
// preference also governs what is already waiting.
import { DEFAULT_DELIVERY } from "../domain/notifications.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { NotificationDelivery, NotificationKind } from "../generated/prisma/enums.ts";

type Reads = Pick<Prisma.TransactionClient, "notificationPreference">;

export async function deliveriesOf(db: Reads, userId: string): Promise<(kind: NotificationKind) => NotificationDelivery> {
  const chosen = await db.notificationPreference.findMany({ where: { userId }, select: { kind: true, delivery: true } });
  const byKind = new Map(chosen.map((p) => [p.kind, p.delivery]));
  return (kind) => byKind.get(kind) ?? DEFAULT_DELIVERY[kind];
}

/** The web app's page where people choose how each kind reaches them (web/src/app/paths.ts). */
export const NOTIFICATION_SETTINGS_PATH = "/settings/notifications";
