// In-app notifications: the viewer's list (newest first), unread count and per-kind delivery
// choices, marking read, and a live `notifications` subscription. A notification holds ids only;
// what it says (`sentence`) and where it leads (`path`) are read through the policies when asked
// (notifications/describe.ts), and a notification whose subject the viewer may no longer read is
// neither listed nor counted (policies/notifications.ts).
import DataLoader from "dataloader";
import { markAllNotificationsRead } from "../commands/markAllNotificationsRead.ts";
import { markNotificationRead } from "../commands/markNotificationRead.ts";
import { notificationPreferences, setNotificationPreference, type NotificationPreferenceView } from "../commands/setNotificationPreference.ts";
import type { Context } from "../context.ts";
import { unauthenticated } from "../domain/errors.ts";
import type { Notification, Prisma } from "../generated/prisma/client.ts";
import { NotificationDelivery, NotificationKind } from "../generated/prisma/enums.ts";
import { describeNotifications, type NotificationDescription } from "../notifications/describe.ts";
import { notificationEvent, notificationStream, type NotificationEvent } from "../notifications/stream.ts";
import { groupAccess } from "../policies/groups.ts";
import { readableNotificationsWhere } from "../policies/notifications.ts";
import { canSeeUser } from "../policies/schools.ts";
import { builder } from "./builder.ts";
import { COMMON_ERRORS } from "./error-types.ts";

export const NotificationKindEnum = builder.enumType(NotificationKind, {
  name: "NotificationKind",
  description: "What a notification is about.",
});
export const NotificationDeliveryEnum = builder.enumType(NotificationDelivery, {
  name: "NotificationDelivery",
  description: "How a kind of notification reaches you: in the app only, also by email at once, also in the daily digest email, or not at all.",
});

/**
 * One description per notification row (`sentence` and `path` share it), and one batch per page:
 * the rows a list resolves in the same tick are described together, in a fixed number of
 * statements (describeNotifications). The loader keeps no cache of its own: a subscription's
 * context lives as long as its socket, and a WeakMap lets each row's description go with the row.
 */
const describers = new WeakMap<Context, DataLoader<Notification, NotificationDescription | null>>();
const descriptions = new WeakMap<Notification, Promise<NotificationDescription | null>>();
function described(n: Notification, ctx: Context) {
  let description = descriptions.get(n);
  if (!description) {
    let describer = describers.get(ctx);
    if (!describer) {
      describer = new DataLoader((rows: readonly Notification[]) => describeNotifications(ctx.prisma, rows, ctx.actor), { cache: false });
      describers.set(ctx, describer);
    }
    description = describer.load(n);
    descriptions.set(n, description);
  }
  return description;
}

function viewerWhere(ctx: Context, userId: string): Prisma.NotificationWhereInput {
  return { AND: [readableNotificationsWhere(ctx.actor), { recipientId: userId }] };
}

export const NotificationRef = builder.prismaNode("Notification", {
  id: { field: "id" },
  nullable: true,
  // node(id:) finds only a notification its viewer may read: someone else's, or one about what
  // they lost access to, is null exactly as a missing one.
  findUnique: (id, ctx) => ({ id, AND: [readableNotificationsWhere(ctx.actor)] }),
  authScopes: (n, ctx) => ctx.actor.kind === "user" && n.recipientId === ctx.actor.userId,
  fields: (t) => ({
    kind: t.expose("kind", { type: NotificationKindEnum }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    readAt: t.expose("readAt", { type: "DateTime", nullable: true }),
    sentence: t.string({
      description: "What happened, in one short sentence, as you may read it now.",
      resolve: async (n, _args, ctx) => (await described(n, ctx))?.sentence ?? "This is no longer available to you.",
    }),
    path: t.string({
      description: "The web app's path that opens the thing: the feedback's passage, the action item's card, the meeting, the coaching cycle.",
      resolve: async (n, _args, ctx) => (await described(n, ctx))?.path ?? "/",
    }),
    actor: t.prismaField({
      type: "User",
      nullable: true,
      description: "Who caused it; null for reminders, and for someone who no longer shares a school with you.",
      resolve: async (query, n, _args, ctx) => {
        if (!n.actorId) return null;
        const user = await ctx.prisma.user.findUnique({ ...query, where: { id: n.actorId }, include: { schoolMemberships: { select: { schoolId: true } } } });
        return user && canSeeUser(ctx.actor, { id: user.id, schoolIds: user.schoolMemberships.map((m) => m.schoolId) }) ? user : null;
      },
    }),
    group: t.prismaField({
      type: "Group",
      nullable: true,
      description: "The group it is about, when there is one you may see.",
      resolve: (query, n, _args, ctx) =>
        n.groupId && groupAccess(ctx.actor, n.groupId).metadata ? ctx.prisma.group.findUnique({ ...query, where: { id: n.groupId } }) : null,
    }),
  }),
});

const NotificationPreferenceRef = builder.objectRef<NotificationPreferenceView>("NotificationPreference").implement({
  description: "How one kind of notification reaches you.",
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, resolve: (p) => p.kind }),
    delivery: t.field({ type: NotificationDeliveryEnum, resolve: (p) => p.delivery }),
    isDefault: t.exposeBoolean("isDefault", { description: "True while you have not chosen: the kind's default applies." }),
  }),
});

const NotificationEventRef = builder.objectRef<NotificationEvent>("NotificationEvent").implement({
  description: "A new notification for you, or a change to your unread count (marked read elsewhere).",
  fields: (t) => ({
    notification: t.field({
      type: NotificationRef,
      nullable: true,
      description: "The new notification; null when only the unread count changed.",
      resolve: (e) => e.notification,
    }),
    unreadCount: t.exposeInt("unreadCount", { description: "Your unread notifications now." }),
  }),
});

/** Only the person themselves: someone else's notifications do not exist for the caller. */
const isViewer = (user: { id: string }, ctx: Context) => ctx.actor.kind === "user" && ctx.actor.userId === user.id;

builder.prismaObjectFields("User", (t) => ({
  notifications: t.prismaConnection({
    type: "Notification",
    cursor: "id",
    description: "Your notifications, newest first (only on the viewer). Only those about what you may read now.",
    authScopes: (user, _args, ctx) => isViewer(user, ctx),
    args: { unreadOnly: t.arg.boolean({ defaultValue: false }) },
    totalCount: (user, args, ctx) => ctx.prisma.notification.count({ where: { AND: [viewerWhere(ctx, user.id), args.unreadOnly ? { readAt: null } : {}] } }),
    resolve: (query, user, args, ctx) =>
      ctx.prisma.notification.findMany({
        ...query,
        where: { AND: [viewerWhere(ctx, user.id), args.unreadOnly ? { readAt: null } : {}] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      }),
  }),
  unreadNotificationCount: t.int({
    description: "How many of your notifications are unread (only on the viewer); counts exactly what `notifications(unreadOnly: true)` lists.",
    authScopes: (user, _args, ctx) => isViewer(user, ctx),
    resolve: (user, _args, ctx) => ctx.prisma.notification.count({ where: { AND: [viewerWhere(ctx, user.id), { readAt: null }] } }),
  }),
  notificationPreferences: t.field({
    type: [NotificationPreferenceRef],
    description: "Every kind of notification with how it reaches you (only on the viewer): your choice, else its default.",
    authScopes: (user, _args, ctx) => isViewer(user, ctx),
    resolve: (user, _args, ctx) => notificationPreferences(ctx, user.id),
  }),
}));

builder.mutationFields((t) => ({
  markNotificationRead: t.prismaField({
    type: "Notification",
    description: "Marks one of your notifications read (again: keeps the first time).",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { notificationId: t.arg.globalID({ required: true, for: NotificationRef }) },
    resolve: (query, _root, args, ctx) => markNotificationRead(ctx, args.notificationId.id, query),
  }),
  markAllNotificationsRead: t.int({
    description: "Marks all your notifications read; returns how many were unread.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: {
      seenUpTo: t.arg({
        type: "DateTime",
        required: false,
        description: "Only those created at or before this moment (the newest you were shown), so one that arrives as you click stays unread.",
      }),
    },
    resolve: (_root, args, ctx) => markAllNotificationsRead(ctx, args.seenUpTo),
  }),
  setNotificationPreference: t.field({
    type: NotificationPreferenceRef,
    description: "Chooses how one kind of notification reaches you.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: {
      kind: t.arg({ type: NotificationKindEnum, required: true }),
      delivery: t.arg({ type: NotificationDeliveryEnum, required: true }),
    },
    resolve: (_root, args, ctx) => setNotificationPreference(ctx, { kind: args.kind, delivery: args.delivery }),
  }),
}));

builder.subscriptionField("notifications", (t) =>
  t.field({
    type: NotificationEventRef,
    description: "Your new notifications as they arrive, and your unread count whenever it changes. Re-checked per event against what you may read now.",
    authScopes: { signedIn: true },
    subscribe: (_root, _args, ctx) => {
      if (ctx.actor.kind !== "user") throw unauthenticated();
      return notificationStream(ctx);
    },
    resolve: notificationEvent,
  }),
);
