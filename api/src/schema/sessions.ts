// Meetings of a group: scheduled (PLANNED), run (LIVE), then DONE; each with an ordered agenda and
// an attendance list. Sessions are group content: only people who read the group's content see
// them, and only the people who manage the group schedule and run them.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import type { Context } from "../context.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { SessionStatus } from "../generated/prisma/enums.ts";
import { runCommand } from "../commands/run-command.ts";
import type { Actor } from "../policies/actor.ts";
import { contentReadableGroupIds, groupAccess, groupIdsWhere } from "../policies/groups.ts";
import { builder } from "./builder.ts";
import { AttendanceStatusEnum, SessionStatusEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { forbidden, NotFoundError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import { GroupRef, loadManagedGroup } from "./groups.ts";
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
      description: "Which of the four PLC questions (1–4) this item serves: what should students learn, how will we know, what if they don't, what if they already have.",
    }),
    addressed: t.exposeBoolean("addressed"),
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

// ───────────── loading with the policy ─────────────

type Db = Prisma.TransactionClient;
const GROUP_FACTS = { select: { id: true, schoolId: true, kind: true, archivedAt: true } } as const;

/** The session, if the actor reads its group's content; otherwise it does not exist for them. */
async function loadReadableSession(ctx: Context, sessionId: string) {
  const session = await ctx.prisma.session.findUnique({ where: { id: sessionId }, include: { group: GROUP_FACTS } });
  if (!session || !groupAccess(ctx.actor, session.groupId).readContent) throw new NotFoundError("That session");
  return session;
}

type GroupFacts = { id: string; archivedAt: Date | null };

function assertManages(ctx: Context, group: GroupFacts) {
  if (!groupAccess(ctx.actor, group.id).manage) throw forbidden("Only the group's members (peer groups) or facilitators and leaders (PLCs) can do this.");
  assertNotArchived(group);
}

function assertWritesContent(ctx: Context, group: GroupFacts) {
  assertNotArchived(group);
  if (!groupAccess(ctx.actor, group.id).writeContent) throw forbidden();
}

function assertNotArchived(group: GroupFacts) {
  if (group.archivedAt) throw new RuleViolationError("This group is archived.", "ARCHIVED");
}

async function loadManagedSession(ctx: Context, sessionId: string) {
  const session = await loadReadableSession(ctx, sessionId);
  assertManages(ctx, session.group);
  return session;
}

async function loadAgendaItem(ctx: Context, itemId: string) {
  const item = await ctx.prisma.agendaItem.findUnique({ where: { id: itemId }, include: { session: { include: { group: GROUP_FACTS } } } });
  if (!item || !groupAccess(ctx.actor, item.session.groupId).readContent) throw new NotFoundError("That agenda item");
  return item;
}

function assertAgendaEditable(status: SessionStatus) {
  if (status === "DONE") throw new RuleViolationError("This meeting is over; its agenda is the record of what happened.", "INVALID_STATE");
}

function assertPlcQuestionFits(kind: "PEER" | "PLC", plcQuestion: number | null | undefined, path: string) {
  if (kind === "PEER" && plcQuestion != null) throw ValidationError.field(path, "PLC questions belong to PLC agendas; peer groups leave this empty.");
}

/** Agenda edits on one session take turns, so positions stay 0..n-1 with no gaps or twins. */
async function lockSession(tx: Db, sessionId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Session" WHERE "id" = ${sessionId}::uuid FOR UPDATE`;
}

/** Writes positions 0..n-1 in the given order, touching only the rows that moved. */
async function renumberAgenda(tx: Db, ordered: { id: string; position: number }[]) {
  for (const [index, item] of ordered.entries()) {
    if (item.position !== index) await tx.agendaItem.update({ where: { id: item.id }, data: { position: index } });
  }
}

function currentAgenda(tx: Db, sessionId: string) {
  return tx.agendaItem.findMany({ where: { sessionId }, select: { id: true, position: true }, orderBy: [{ position: "asc" }, { id: "asc" }] });
}

/**
 * Starts or ends a meeting. Conditional on the current status, so two people pressing the
 * button at once move it once; the activity event is written in the same transaction.
 */
async function moveMeeting(
  ctx: Context,
  sessionId: string,
  step: { from: SessionStatus; to: SessionStatus; stamp: "startedAt" | "endedAt"; activity: "SESSION_STARTED" | "SESSION_ENDED"; refusal: string },
) {
  const session = await loadManagedSession(ctx, sessionId);
  await runCommand(ctx, async ({ tx, record }) => {
    const { count } = await tx.session.updateMany({
      where: { id: session.id, status: step.from },
      data: { status: step.to, [step.stamp]: new Date() },
    });
    if (count === 0) throw new RuleViolationError(step.refusal, "INVALID_STATE");
    await record({ schoolId: session.group.schoolId, groupId: session.groupId, actorId: actorId(ctx), type: step.activity, subjectId: session.id });
  });
}

function actorId(ctx: Context): string | null {
  return ctx.actor.kind === "user" ? ctx.actor.userId : null;
}

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
  }),
  validate: z.looseObject({
    title,
    durationMinutes: durationMinutes.nullish(),
    protocol,
    // Validated here rather than on AgendaItemDraftInput, so item and session problems come back together.
    agendaItems: z.array(z.looseObject({ title, minutes: itemMinutes.nullish(), plcQuestion: plcQuestion.nullish() })).max(50, "at most 50 agenda items").nullish(),
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
  }),
  validate: z.looseObject({ title: title.optional(), minutes: itemMinutes.optional(), plcQuestion: plcQuestion.nullish() }),
});

// ───────────── mutations ─────────────

builder.mutationFields((t) => ({
  scheduleSession: t.prismaField({
    type: "Session",
    description: "Plan a meeting, optionally with its agenda. Peer group members, or a PLC's facilitators and leaders.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: ScheduleSessionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const group = await loadManagedGroup(ctx, input.groupId.id, { allowArchived: false });
      // Managing alone is not enough: the new session is content the caller must be able to read.
      if (!groupAccess(ctx.actor, group.id).readContent) throw forbidden();
      const drafts = input.agendaItems ?? [];
      drafts.forEach((item, i) => assertPlcQuestionFits(group.kind, item.plcQuestion, `input.agendaItems.${i}.plcQuestion`));
      // One statement tree: the session and its agenda are written together or not at all.
      return ctx.prisma.session.create({
        ...query,
        data: {
          groupId: group.id,
          title: input.title,
          startsAt: input.startsAt,
          durationMinutes: input.durationMinutes ?? 45,
          protocol: input.protocol || null,
          agendaItems: {
            create: drafts.map((item, position) => ({ position, title: item.title, minutes: item.minutes ?? 10, plcQuestion: item.plcQuestion ?? null })),
          },
        },
      });
    },
  }),
  updateSession: t.prismaField({
    type: "Session",
    description: "Change a meeting's title, time, length or protocol, until it is over.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: UpdateSessionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const session = await loadManagedSession(ctx, input.sessionId.id);
      if (session.status === "DONE") throw new RuleViolationError("This meeting is over and can no longer be changed.", "INVALID_STATE");
      return ctx.prisma.session.update({
        ...query,
        where: { id: session.id },
        data: {
          ...(input.title != null ? { title: input.title } : {}),
          ...(input.startsAt ? { startsAt: input.startsAt } : {}),
          ...(input.durationMinutes != null ? { durationMinutes: input.durationMinutes } : {}),
          ...(input.protocol !== undefined ? { protocol: input.protocol || null } : {}),
        },
      });
    },
  }),
  cancelSession: t.field({
    type: "ID",
    description: "Call off a planned meeting: it and its agenda are deleted. Returns the deleted session's id.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { sessionId: t.arg.globalID({ required: true, for: SessionRef }) },
    resolve: async (_root, { sessionId }, ctx) => {
      const session = await loadManagedSession(ctx, sessionId.id);
      const { count } = await ctx.prisma.session.deleteMany({ where: { id: session.id, status: "PLANNED" } });
      if (count === 0) throw new RuleViolationError("Only a meeting that has not started can be cancelled.", "INVALID_STATE");
      return encodeGlobalID("Session", session.id);
    },
  }),
  startSession: t.prismaField({
    type: "Session",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { sessionId: t.arg.globalID({ required: true, for: SessionRef }) },
    resolve: async (query, _root, { sessionId }, ctx) => {
      await moveMeeting(ctx, sessionId.id, { from: "PLANNED", to: "LIVE", stamp: "startedAt", activity: "SESSION_STARTED", refusal: "Only a planned meeting can be started." });
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: sessionId.id } });
    },
  }),
  endSession: t.prismaField({
    type: "Session",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { sessionId: t.arg.globalID({ required: true, for: SessionRef }) },
    resolve: async (query, _root, { sessionId }, ctx) => {
      await moveMeeting(ctx, sessionId.id, { from: "LIVE", to: "DONE", stamp: "endedAt", activity: "SESSION_ENDED", refusal: "Only a live meeting can be ended." });
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: sessionId.id } });
    },
  }),

  addAgendaItem: t.prismaField({
    type: "AgendaItem",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: AddAgendaItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const session = await loadManagedSession(ctx, input.sessionId.id);
      assertAgendaEditable(session.status);
      assertPlcQuestionFits(session.group.kind, input.plcQuestion, "input.plcQuestion");
      const id = await ctx.prisma.$transaction(async (tx) => {
        await lockSession(tx, session.id);
        const agenda = await currentAgenda(tx, session.id);
        const at = Math.min(input.position ?? agenda.length, agenda.length);
        const created = await tx.agendaItem.create({
          data: { sessionId: session.id, position: at, title: input.title, minutes: input.minutes ?? 10, plcQuestion: input.plcQuestion ?? null },
        });
        agenda.splice(at, 0, created);
        await renumberAgenda(tx, agenda);
        return created.id;
      });
      return ctx.prisma.agendaItem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateAgendaItem: t.prismaField({
    type: "AgendaItem",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: UpdateAgendaItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const item = await loadAgendaItem(ctx, input.agendaItemId.id);
      assertManages(ctx, item.session.group);
      assertAgendaEditable(item.session.status);
      assertPlcQuestionFits(item.session.group.kind, input.plcQuestion, "input.plcQuestion");
      return ctx.prisma.agendaItem.update({
        ...query,
        where: { id: item.id },
        data: {
          ...(input.title != null ? { title: input.title } : {}),
          ...(input.minutes != null ? { minutes: input.minutes } : {}),
          ...(input.plcQuestion !== undefined ? { plcQuestion: input.plcQuestion } : {}),
        },
      });
    },
  }),
  removeAgendaItem: t.prismaField({
    type: "Session",
    description: "Remove an item; the items after it move up. Returns the session.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { agendaItemId: t.arg.globalID({ required: true, for: AgendaItemRef }) },
    resolve: async (query, _root, { agendaItemId }, ctx) => {
      const item = await loadAgendaItem(ctx, agendaItemId.id);
      assertManages(ctx, item.session.group);
      assertAgendaEditable(item.session.status);
      await ctx.prisma.$transaction(async (tx) => {
        await lockSession(tx, item.sessionId);
        await tx.agendaItem.deleteMany({ where: { id: item.id } });
        await renumberAgenda(tx, await currentAgenda(tx, item.sessionId));
      });
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: item.sessionId } });
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
      const session = await loadManagedSession(ctx, sessionId.id);
      assertAgendaEditable(session.status);
      const wanted = agendaItemIds.map((g) => g.id);
      await ctx.prisma.$transaction(async (tx) => {
        await lockSession(tx, session.id);
        const agenda = await currentAgenda(tx, session.id);
        const known = new Set(agenda.map((item) => item.id));
        if (wanted.length !== known.size || new Set(wanted).size !== wanted.length || !wanted.every((id) => known.has(id))) {
          throw ValidationError.field("agendaItemIds", "List every agenda item of this session exactly once.");
        }
        const positions = new Map(agenda.map((item) => [item.id, item.position]));
        await renumberAgenda(tx, wanted.map((id) => ({ id, position: positions.get(id) ?? -1 })));
      });
      return ctx.prisma.session.findUniqueOrThrow({ ...query, where: { id: session.id } });
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
    resolve: async (query, _root, { agendaItemId, addressed }, ctx) => {
      const item = await loadAgendaItem(ctx, agendaItemId.id);
      assertWritesContent(ctx, item.session.group);
      return ctx.prisma.agendaItem.update({ ...query, where: { id: item.id }, data: { addressed: addressed ?? true } });
    },
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
    resolve: async (query, _root, { sessionId, userId, status }, ctx) => {
      const session = await loadReadableSession(ctx, sessionId.id);
      if (userId.id === actorId(ctx)) assertWritesContent(ctx, session.group);
      else assertManages(ctx, session.group);
      const member = await ctx.prisma.groupMember.findUnique({ where: { groupId_userId: { groupId: session.groupId, userId: userId.id } } });
      if (!member) throw ValidationError.field("userId", "Attendance is for members of the group.");
      return ctx.prisma.attendance.upsert({
        ...query,
        where: { sessionId_userId: { sessionId: session.id, userId: userId.id } },
        create: { sessionId: session.id, userId: userId.id, status },
        update: { status },
      });
    },
  }),
}));
