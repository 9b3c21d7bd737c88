// Choosing how one kind of notification reaches you: in the app, also by email at once, also in
// the daily digest, or not at all. Your own choice only; it applies from the next notification.
import { DEFAULT_DELIVERY } from "../domain/notifications.ts";
import type { NotificationDelivery, NotificationKind } from "../generated/prisma/enums.ts";
import { requireActingUser } from "../policies/actor.ts";
import type { Caller } from "./run-command.ts";

export type NotificationPreferenceView = { kind: NotificationKind; delivery: NotificationDelivery; isDefault: boolean };

export async function setNotificationPreference(
  caller: Caller,
  input: { kind: NotificationKind; delivery: NotificationDelivery },
): Promise<NotificationPreferenceView> {
  const userId = requireActingUser(caller.actor);
  await caller.prisma.notificationPreference.upsert({
    where: { userId_kind: { userId, kind: input.kind } },
    create: { userId, kind: input.kind, delivery: input.delivery },
    update: { delivery: input.delivery },
  });
  return { kind: input.kind, delivery: input.delivery, isDefault: false };
}

/** Every kind with the person's delivery for it: their choice, else the kind's default. */
export async function notificationPreferences(caller: Pick<Caller, "prisma">, userId: string): Promise<NotificationPreferenceView[]> {
  const chosen = new Map(
    (await caller.prisma.notificationPreference.findMany({ where: { userId }, select: { kind: true, delivery: true } })).map((p) => [p.kind, p.delivery]),
  );
  return (Object.keys(DEFAULT_DELIVERY) as NotificationKind[]).map((kind) => ({
    kind,
    delivery: chosen.get(kind) ?? DEFAULT_DELIVERY[kind],
    isDefault: !chosen.has(kind),
  }));
}
