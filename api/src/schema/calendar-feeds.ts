// Calendar feeds: secret ICS addresses for calendar apps (served by calendar-http.ts). The list
// never holds a secret: the address is returned once, by createCalendarFeed. Making a feed again
// gives a new address and stops the old one; revokeCalendarFeed stops it outright.
import { createCalendarFeed } from "../commands/createCalendarFeed.ts";
import { revokeCalendarFeed } from "../commands/revokeCalendarFeed.ts";
import { ValidationError } from "../domain/errors.ts";
import { requireActingUser } from "../policies/actor.ts";
import { builder } from "./builder.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { GroupRef } from "./groups.ts";
import { SchoolRef } from "./schools.ts";

const CalendarFeedKindEnum = builder.enumType("CalendarFeedKind", {
  values: {
    PERSONAL: { description: "Your meetings, coaching check-backs and open action items with a due date, for one school." },
    GROUP: { description: "One group's meetings." },
  } as const,
});

export const CalendarFeedRef = builder.prismaNode("CalendarFeed", {
  id: { field: "id" },
  nullable: true,
  description: "A calendar address you made. Its secret is shown only when it is made.",
  // Only its owner, signed in (not through an API token): a feed is a credential of its own.
  authScopes: (feed, ctx) => ctx.actor.kind === "user" && ctx.actor.userId === feed.userId && ctx.actor.authSessionId !== null,
  fields: (t) => ({
    kind: t.field({ type: CalendarFeedKindEnum, resolve: (feed) => (feed.groupId ? "GROUP" : "PERSONAL") }),
    school: t.relation("school"),
    group: t.relation("group", { nullable: true, description: "The group of a GROUP feed, while you may still see it." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lastFetchedAt: t.expose("lastFetchedAt", {
      type: "DateTime",
      nullable: true,
      description: "When a calendar last fetched it (to the minute), or null if none has yet.",
    }),
  }),
});

const CreatedCalendarFeed = builder.objectRef<{ url: string; feedId: string }>("CreatedCalendarFeed").implement({
  fields: (t) => ({
    url: t.exposeString("url", {
      description: "The secret address to give a calendar app. Shown once: Staffroom keeps only its hash. Anyone who has it reads the calendar.",
    }),
    calendarFeed: t.prismaField({
      type: "CalendarFeed",
      resolve: (query, created, _a, ctx) => ctx.prisma.calendarFeed.findUniqueOrThrow({ ...query, where: { id: created.feedId } }),
    }),
  }),
});

builder.queryFields((t) => ({
  myCalendarFeeds: t.prismaField({
    type: ["CalendarFeed"],
    description: "Your calendar addresses that still work, newest first (without their secrets).",
    authScopes: { session: true },
    args: {
      schoolId: t.arg.globalID({ required: false, for: SchoolRef, description: "Only feeds for this school." }),
      groupId: t.arg.globalID({ required: false, for: GroupRef, description: "Only this group's feed." }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.calendarFeed.findMany({
        ...query,
        where: {
          userId: requireActingUser(ctx.actor),
          revokedAt: null,
          ...(args.schoolId ? { schoolId: args.schoolId.id } : {}),
          ...(args.groupId ? { groupId: args.groupId.id } : {}),
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 100,
      }),
  }),
}));

builder.mutationFields((t) => ({
  createCalendarFeed: t.field({
    type: CreatedCalendarFeed,
    description:
      "A secret calendar address: with groupId, that group's meetings (you must be in the group); otherwise, with schoolId, your own calendar there " +
      "(your groups' meetings, coaching check-backs, your open action items with a due date). Making one again stops the previous address of the same feed. " +
      "Signed-in people only (not with an API token).",
    authScopes: { session: true },
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateCalendarFeedInput", {
          fields: (f) => ({
            schoolId: f.globalID({ required: false, for: SchoolRef, description: "For your personal feed: the school whose calendar it is." }),
            groupId: f.globalID({ required: false, for: GroupRef, description: "For a group's feed: the group." }),
          }),
        }),
      }),
    },
    resolve: (_root, { input }, ctx) => {
      if (Boolean(input.schoolId) === Boolean(input.groupId)) {
        throw ValidationError.field("input", "Give either a schoolId (your personal calendar) or a groupId (a group's meetings), not both.");
      }
      return createCalendarFeed(ctx, { schoolId: input.schoolId?.id ?? null, groupId: input.groupId?.id ?? null });
    },
  }),
  revokeCalendarFeed: t.prismaField({
    type: "CalendarFeed",
    description: "Stop a calendar address: calendars using it get nothing from then on.",
    authScopes: { session: true },
    errors: { types: COMMON_ERRORS },
    args: { calendarFeedId: t.arg.globalID({ required: true, for: CalendarFeedRef }) },
    resolve: (query, _root, { calendarFeedId }, ctx) => revokeCalendarFeed(ctx, calendarFeedId.id, query),
  }),
}));
