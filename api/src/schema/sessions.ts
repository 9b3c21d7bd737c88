// Meetings of a group: scheduled (PLANNED), run (LIVE), then DONE; each with an ordered agenda and
// an attendance list. Sessions are group content: only people who read the group's content see
// them, and only the people who manage the group schedule and run them.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { addAgendaItem } from "../commands/addAgendaItem.ts";
import { applyAgendaTemplate } from "../commands/applyAgendaTemplate.ts";
import { cancelSession } from "../commands/cancelSession.ts";
import { endSession } from "../commands/endSession.ts";
import { markAgendaItemAddressed } from "../commands/markAgendaItemAddressed.ts";
import { pauseAgendaTimer } from "../commands/pauseAgendaTimer.ts";
import { recordAttendance } from "../commands/recordAttendance.ts";
import { removeAgendaItem } from "../commands/removeAgendaItem.ts";
import { reorderAgendaItems } from "../commands/reorderAgendaItems.ts";
import { resetAgendaTimer } from "../commands/resetAgendaTimer.ts";
import { type AgendaItemDraft, scheduleSession } from "../commands/scheduleSession.ts";
import { startAgendaTimer } from "../commands/startAgendaTimer.ts";
import { startSession } from "../commands/startSession.ts";
import { updateAgendaItem } from "../commands/updateAgendaItem.ts";
import { updateSession } from "../commands/updateSession.ts";
import { type AgendaTemplate, type AgendaTemplateItem, agendaTemplatesFor } from "../domain/agenda-templates.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Actor } from "../policies/actor.ts";
import { contentReadableGroupIds, groupAccess, groupIdsWhere } from "../policies/groups.ts";
import { builder } from "./builder.ts";
import { AttendanceStatusEnum, GroupKindEnum, SessionStatusEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { GroupRef } from "./groups.ts";
import { UserRef } from "./users.ts";

const MINUTE_MS = 60_000;

export const SessionRef = builder.prismaNode("Session", {
  id: { field: "id" },
  nullable: true,
  description: "A meeting of a group.",
  authScopes: (session, ctx) => groupAccess(ctx.actor, session.groupId).readContent,
  fields: (t) => ({
    title: t.exposeString("title"),
    startsAt: t.expose("startsAt", { type: "DateTime" }),
    durationMinutes: t.exposeInt("durationMinutes"),
    endsAt: t.field({
      type: "DateTime",
      description: "When the meeting is planned to end: startsAt plus durationMinutes.",
      resolve: (session) => new Date(session.startsAt.getTime() + session.durationMinutes * MINUTE_MS),
    }),
    status: t.expose("status", { type: SessionStatusEnum }),
    protocol: t.exposeString("protocol", { nullable: true, description: "The discussion protocol the group follows, e.g. Tuning Protocol." }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    endedAt: t.expose("endedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    group: t.relation("group"),
    plannedMinutes: t.int({
      description: "Sum of the agenda items' minutes, to compare with durationMinutes.",
      select: { agendaItems: { select: { minutes: true } } },
      resolve: (session) => session.agendaItems.reduce((sum, item) => sum + item.minutes, 0),
    }),
    agendaItems: t.relatedConnection("agendaItems", {
      cursor: "id",
      totalCount: true,
      args: { addressed: t.arg.boolean({ required: false, description: "Only items (not) yet addressed." }) },
      query: (args) => ({
        where: args.addressed == null ? {} : { addressed: args.addressed },
        orderBy: [{ position: "asc" }, { id: "asc" }],
      }),
    }),
    attendance: t.relatedConnection("attendance", {
      cursor: "id",
      totalCount: true,
      args: { status: t.arg({ type: AttendanceStatusEnum, required: false }) },
      query: (args) => ({
        where: args.status ? { status: args.status } : {},
        orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
      }),
    }),
  }),
});

export const AgendaItemRef = builder.prismaNode("AgendaItem", {
  id: { field: "id" },
  nullable: true,
  // The group id travels with every item load, so the policy can decide without another query.
  include: { session: { select: { groupId: true } } },
  authScopes: (item, ctx) => groupAccess(ctx.actor, item.session.groupId).readContent,
  fields: (t) => ({
    position: t.exposeInt("position", { description: "0-based; an agenda's positions are always 0..n-1." }),
    title: t.exposeString("title"),
    minutes: t.exposeInt("minutes"),
    plcQuestion: t.exposeInt("plcQuestion", {
      nullable: true,
      description:
        "Which of the four PLC questions (1–4) this item serves: what should students learn, how will we know, what if they don't, what if they already have.",
    }),
    addressed: t.exposeBoolean("addressed"),
    presenter: t.relation("presenter", { nullable: true, description: "The group member who leads this item, if anyone does." }),
    timerStartedAt: t.expose("timerStartedAt", {
      type: "DateTime",
      nullable: true,
      description:
        "The shared timer: when it was last started, or null while it is paused (or was never started). Time left = minutes × 60 − timerUsedSeconds − (now − timerStartedAt); take now from serverTime.",
    }),
    timerUsedSeconds: t.exposeInt("timerUsedSeconds", { description: "Seconds the timer had run before its last start (all of them, while paused)." }),
    session: t.relation("session"),
  }),
});

export const AttendanceRef = builder.prismaNode("Attendance", {
  id: { field: "id" },
  nullable: true,
  include: { session: { select: { groupId: true } } },
  authScopes: (row, ctx) => groupAccess(ctx.actor, row.session.groupId).readContent,
  fields: (t) => ({
    status: t.expose("status", { type: AttendanceStatusEnum }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    user: t.relation("user"),
    session: t.relation("session"),
  }),
});

const AgendaTemplateItemRef = builder.objectRef<AgendaTemplateItem>("AgendaTemplateItem").implement({
  fields: (t) => ({
    title: t.exposeString("title"),
    minutes: t.exposeInt("minutes"),
    plcQuestion: t.exposeInt("plcQuestion", { nullable: true }),
  }),
});

const AgendaTemplateRef = builder.objectRef<AgendaTemplate>("AgendaTemplate").implement({
  description: "A ready-made agenda: scheduleSession's templateId, or applyAgendaTemplate on a meeting.",
  fields: (t) => ({
    id: t.exposeString("id", { description: "Stable: pass it as templateId." }),
    kind: t.field({ type: GroupKindEnum, resolve: (template) => template.kind }),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    items: t.field({ type: [AgendaTemplateItemRef], resolve: (template) => template.items }),
  }),
});

const MeetingIntervalEnum = builder.enumType("MeetingInterval", { values: ["WEEKLY", "FORTNIGHTLY", "MONTHLY"] as const });

const SessionOrderEnum = builder.enumType("SessionOrder", {
  values: { STARTS_AT_ASC: { value: "asc" }, STARTS_AT_DESC: { value: "desc" } } as const,
});

/** Not over yet: still to start, or running now. */
function upcomingWhere(now: Date): Prisma.SessionWhereInput {
  return { status: { not: "DONE" }, OR: [{ startsAt: { gte: now } }, { status: "LIVE" }] };
}

builder.prismaObjectFields("Group", (t) => ({
  sessions: t.relatedConnection("sessions", {
    cursor: "id",
    totalCount: true,
    description: "The group's meetings. Empty for viewers who see the group but not its content.",
    args: {
      status: t.arg({ type: [SessionStatusEnum], required: false }),
      from: t.arg({ type: "DateTime", required: false, description: "Only meetings starting at or after this time." }),
      to: t.arg({ type: "DateTime", required: false, description: "Only meetings starting before this time." }),
      upcoming: t.arg.boolean({ required: false, description: "Only meetings not yet over (planned from now on, or live)." }),
      order: t.arg({ type: SessionOrderEnum, defaultValue: "asc" }),
    },
    query: (args, ctx) => {
      const filters: Prisma.SessionWhereInput[] = [{ groupId: { in: contentReadableGroupIds(ctx.actor) } }];
      if (args.status?.length) filters.push({ status: { in: args.status } });
      if (args.from) filters.push({ startsAt: { gte: args.from } });
      if (args.to) filters.push({ startsAt: { lt: args.to } });
      if (args.upcoming) filters.push(upcomingWhere(new Date()));
      const direction = args.order ?? "asc";
      return { where: { AND: filters }, orderBy: [{ startsAt: direction }, { id: direction }] };
    },
  }),
}));

function myUpcomingWhere(actor: Actor): Prisma.SessionWhereInput {
  const groupIds = groupIdsWhere(actor, (access, group) => access.readContent && group.membership !== null && !group.archived);
  return { AND: [{ groupId: { in: groupIds } }, upcomingWhere(new Date())] };
}

builder.queryFields((t) => ({
  agendaTemplates: t.field({
    type: [AgendaTemplateRef],
    description:
      "The ready-made agendas for a kind of group: PLC (the four PLC questions, data review, action planning) or PEER (problem of practice, lesson study).",
    args: { kind: t.arg({ type: GroupKindEnum, required: true }) },
    resolve: (_root, { kind }) => agendaTemplatesFor(kind),
  }),
  serverTime: t.field({
    type: "DateTime",
    description: "The server's clock now: compare with your own to show shared agenda timers exactly as others see them.",
    resolve: () => new Date(),
  }),
  myUpcomingSessions: t.prismaConnection({
    type: "Session",
    cursor: "id",
    description: "Meetings of the viewer's own groups that are live or still to come, soonest first.",
    authScopes: { signedIn: true },
    totalCount: (_parent, _args, ctx) => ctx.prisma.session.count({ where: myUpcomingWhere(ctx.actor) }),
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.session.findMany({ ...query, where: myUpcomingWhere(ctx.actor), orderBy: [{ startsAt: "asc" }, { id: "asc" }] }),
  }),
}));

// ───────────── inputs ─────────────

const title = z.string().trim().min(1, "can't be empty").max(200);
const durationMinutes = z.number().int().min(5, "at least 5 minutes").max(600, "at most 10 hours");
const itemMinutes = z.number().int().min(1, "at least 1 minute").max(240, "at most 4 hours");
const plcQuestion = z.number().int().min(1, "PLC questions are numbered 1–4").max(4, "PLC questions are numbered 1–4");
const protocol = z.string().trim().max(200).nullish();

const AgendaItemDraftInput = builder.inputType("AgendaItemDraftInput", {
  fields: (f) => ({
    title: f.string({ required: true }),
    minutes: f.int({ required: false, description: "Defaults to 10." }),
    plcQuestion: f.int({ required: false, description: "PLCs only: 1–4." }),
    presenterId: f.globalID({ required: false, for: UserRef, description: "A member of the group." }),
  }),
});

const SessionRepeatInput = builder.inputType("SessionRepeatInput", {
  fields: (f) => ({
    every: f.field({ type: MeetingIntervalEnum, required: true }),
    times: f.int({ required: true, description: "How many meetings in all, the first included (2–26)." }),
  }),
});

const ScheduleSessionInput = builder.inputType("ScheduleSessionInput", {
  fields: (f) => ({
    groupId: f.globalID({ required: true, for: GroupRef }),
    title: f.string({ required: true }),
    startsAt: f.field({ type: "DateTime", required: true }),
    durationMinutes: f.int({ required: false, description: "Defaults to 45." }),
    protocol: f.string({ required: false }),
    agendaItems: f.field({ type: [AgendaItemDraftInput], required: false }),
    templateId: f.string({ required: false, description: "An agenda template's id (agendaTemplates); used when agendaItems is not given." }),
    repeat: f.field({
      type: SessionRepeatInput,
      required: false,
      description: "Plan the same meeting again every week, fortnight or month, at the same time of day in the school's time zone.",
    }),
  }),
  validate: z.looseObject({
    title,
    durationMinutes: durationMinutes.nullish(),
    protocol,
    // Validated here rather than on AgendaItemDraftInput, so item and session problems come back together.
    agendaItems: z
      .array(z.looseObject({ title, minutes: itemMinutes.nullish(), plcQuestion: plcQuestion.nullish() }))
      .max(50, "at most 50 agenda items")
      .nullish(),
    templateId: z.string().max(100).nullish(),
    repeat: z.looseObject({ times: z.number().int().min(2, "at least 2 meetings").max(26, "at most 26 meetings") }).nullish(),
  }),
});

const UpdateSessionInput = builder.inputType("UpdateSessionInput", {
  fields: (f) => ({
    sessionId: f.globalID({ required: true, for: SessionRef }),
    title: f.string({ required: false }),
    startsAt: f.field({ type: "DateTime", required: false }),
    durationMinutes: f.int({ required: false }),
    protocol: f.string({ required: false, description: "null clears it." }),
  }),
  validate: z.looseObject({ title: title.optional(), startsAt: z.date().optional(), durationMinutes: durationMinutes.optional(), protocol }),
});

const AddAgendaItemInput = builder.inputType("AddAgendaItemInput", {
  fields: (f) => ({
    sessionId: f.globalID({ required: true, for: SessionRef }),
    title: f.string({ required: true }),
    minutes: f.int({ required: false, description: "Defaults to 10." }),
    plcQuestion: f.int({ required: false, description: "PLCs only: 1–4." }),
    position: f.int({ required: false, description: "Where to insert (0-based); defaults to the end." }),
    presenterId: f.globalID({ required: false, for: UserRef, description: "A member of the group." }),
  }),
  validate: z.looseObject({
    title,
    minutes: itemMinutes.nullish(),
    plcQuestion: plcQuestion.nullish(),
    position: z.number().int().min(0, "can't be negative").nullish(),
  }),
});

const UpdateAgendaItemInput = builder.inputType("UpdateAgendaItemInput", {
  fields: (f) => ({
    agendaItemId: f.globalID({ required: true, for: AgendaItemRef }),
    title: f.string({ required: false }),
    minutes: f.int({ required: false }),
    plcQuestion: f.int({ required: false, description: "null clears it." }),
    presenterId: f.globalID({ required: false, for: UserRef, description: "A member of the group; null clears it." }),
  }),
  validate: z.looseObject({ title: title.optional(), minutes: itemMinutes.optional(), plcQuestion: plcQuestion.nullish() }),
});

// ───────────── mutations: parse → command → payload ─────────────

builder.mutationFields((t) => ({
  scheduleSession: t.prismaField({
    type: "Session",
    description: "Plan a meeting, optionally with its agenda. Peer group members, or a PLC's facilitators and leaders.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: ScheduleSessionInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => scheduleSession(ctx, { ...input, groupId: input.groupId.id, agendaItems: input.agendaItems?.map(draft) }, query),
  }),
  updateSession: t.prismaField({
    type: "Session",
    description: "Change a meeting's title, time, length or protocol, until it is over.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: UpdateSessionInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => updateSession(ctx, { ...input, sessionId: input.sessionId.id }, query),
  }),
  cancelSession: t.field({
    type: "ID",
    description: "Call off a planned meeting: it and its agenda are deleted. Returns the deleted session's id.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { sessionId: t.arg.globalID({ required: true, for: SessionRef }) },
    resolve: async (_root, { sessionId }, ctx) => encodeGlobalID("Session", await cancelSession(ctx, sessionId.id)),
  }),
  startSession: t.prismaField({
    type: "Session",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { sessionId: t.arg.globalID({ required: true, for: SessionRef }) },
    resolve: async (query, _root, { sessionId }, ctx) => {
      await startSession(ctx, sessionId.id);
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: sessionId.id } });
    },
  }),
  endSession: t.prismaField({
    type: "Session",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { sessionId: t.arg.globalID({ required: true, for: SessionRef }) },
    resolve: async (query, _root, { sessionId }, ctx) => {
      await endSession(ctx, sessionId.id);
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: sessionId.id } });
    },
  }),

  addAgendaItem: t.prismaField({
    type: "AgendaItem",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: AddAgendaItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await addAgendaItem(ctx, { ...input, sessionId: input.sessionId.id, presenterId: input.presenterId?.id ?? null });
      return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateAgendaItem: t.prismaField({
    type: "AgendaItem",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: UpdateAgendaItemInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      updateAgendaItem(
        ctx,
        { ...input, agendaItemId: input.agendaItemId.id, presenterId: input.presenterId === undefined ? undefined : (input.presenterId?.id ?? null) },
        query,
      ),
  }),
  removeAgendaItem: t.prismaField({
    type: "Session",
    description: "Remove an item; the items after it move up. Returns the session.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { agendaItemId: t.arg.globalID({ required: true, for: AgendaItemRef }) },
    resolve: async (query, _root, { agendaItemId }, ctx) => {
      const sessionId = await removeAgendaItem(ctx, agendaItemId.id);
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: sessionId } });
    },
  }),
  reorderAgendaItems: t.prismaField({
    type: "Session",
    description: "Put the agenda in this order. The list must name every item of the session exactly once.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: {
      sessionId: t.arg.globalID({ required: true, for: SessionRef }),
      agendaItemIds: t.arg.globalIDList({ required: true, for: AgendaItemRef }),
    },
    resolve: async (query, _root, { sessionId, agendaItemIds }, ctx) => {
      await reorderAgendaItems(ctx, { sessionId: sessionId.id, agendaItemIds: agendaItemIds.map((g) => g.id) });
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: sessionId.id } });
    },
  }),
  applyAgendaTemplate: t.prismaField({
    type: "Session",
    description: "Add an agenda template's items after the meeting's own (agendaTemplates lists them). Returns the session.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { sessionId: t.arg.globalID({ required: true, for: SessionRef }), templateId: t.arg.string({ required: true }) },
    resolve: async (query, _root, { sessionId, templateId }, ctx) => {
      await applyAgendaTemplate(ctx, { sessionId: sessionId.id, templateId });
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: sessionId.id } });
    },
  }),
  startAgendaTimer: t.prismaField({
    type: "Session",
    description: "Start an agenda item's shared timer; the meeting's other timers pause. Those who run the meeting. Returns the session.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { agendaItemId: t.arg.globalID({ required: true, for: AgendaItemRef }) },
    resolve: async (query, _root, { agendaItemId }, ctx) => {
      const sessionId = await startAgendaTimer(ctx, agendaItemId.id);
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: sessionId } });
    },
  }),
  pauseAgendaTimer: t.prismaField({
    type: "Session",
    description: "Pause an agenda item's shared timer. Those who run the meeting. Returns the session.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { agendaItemId: t.arg.globalID({ required: true, for: AgendaItemRef }) },
    resolve: async (query, _root, { agendaItemId }, ctx) => {
      const sessionId = await pauseAgendaTimer(ctx, agendaItemId.id);
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: sessionId } });
    },
  }),
  resetAgendaTimer: t.prismaField({
    type: "Session",
    description: "Stop an agenda item's shared timer and give it its full time again. Those who run the meeting. Returns the session.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { agendaItemId: t.arg.globalID({ required: true, for: AgendaItemRef }) },
    resolve: async (query, _root, { agendaItemId }, ctx) => {
      const sessionId = await resetAgendaTimer(ctx, agendaItemId.id);
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: sessionId } });
    },
  }),
  markAgendaItemAddressed: t.prismaField({
    type: "AgendaItem",
    description: "Tick an agenda item off (or un-tick it). Anyone who writes the group's content.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: {
      agendaItemId: t.arg.globalID({ required: true, for: AgendaItemRef }),
      addressed: t.arg.boolean({ defaultValue: true }),
    },
    resolve: (query, _root, { agendaItemId, addressed }, ctx) =>
      markAgendaItemAddressed(ctx, { agendaItemId: agendaItemId.id, addressed: addressed ?? true }, query),
  }),

  recordAttendance: t.prismaField({
    type: "Attendance",
    description: "Mark a group member present, absent or excused. Those who manage the group record anyone; members record themselves.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: {
      sessionId: t.arg.globalID({ required: true, for: SessionRef }),
      userId: t.arg.globalID({ required: true, for: UserRef }),
      status: t.arg({ type: AttendanceStatusEnum, required: true }),
    },
    resolve: (query, _root, { sessionId, userId, status }, ctx) => recordAttendance(ctx, { sessionId: sessionId.id, userId: userId.id, status }, query),
  }),
}));

function draft(item: { title: string; minutes?: number | null; plcQuestion?: number | null; presenterId?: { id: string } | null }): AgendaItemDraft {
  return { ...item, presenterId: item.presenterId?.id ?? null };
}
