// SMART goals (a teacher's, a group's or the school's) and their check-ins.
import { z } from "zod";
import { actingUserId } from "../policies/actor.ts";
import { addGoalCheckIn } from "../commands/addGoalCheckIn.ts";
import { createGoal } from "../commands/createGoal.ts";
import { updateGoal } from "../commands/updateGoal.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { GoalVisibility, type GoalOwnerKind, type GoalStatus } from "../generated/prisma/enums.ts";
import { GOAL_FACTS_SELECT, goalAccess, readableGoalsWhere } from "../policies/goals.ts";
import { builder } from "./builder.ts";
import { GoalOwnerKindEnum, GoalStatusEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { GroupRef } from "./groups.ts";
import { SchoolRef } from "./schools.ts";
import { UserRef } from "./users.ts";

import { startOfTodayUtc } from "../domain/dates.ts";
import { GOAL_CHECK_IN_INTERVAL_DAYS, goalCheckInOverdue, goalNextCheckInBy, goalOverdue, goalProgress } from "../domain/goals.ts";

type Ctx = import("../context.ts").Context;

export const GoalVisibilityEnum = builder.enumType(GoalVisibility, {
  name: "GoalVisibility",
  description: "Who sees a teacher's own goal besides the teacher. The teacher chooses, goal by goal; new goals are ONLY_ME.",
  values: {
    ONLY_ME: { description: "Nobody else." },
    MY_COACH: { description: "The teacher's coaches (coaches assigned to them who lead the school)." },
    MY_GROUP: { description: "The members of one of the teacher's groups (`sharedWithGroupId`)." },
  },
});

const CHECK_INS_NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];
// Progress fields read only the newest check-in, in the statement that loads the goal.
const LATEST_CHECK_IN = { checkIns: { orderBy: CHECK_INS_NEWEST_FIRST, take: 1, select: { value: true, createdAt: true } } };

export const GoalRef = builder.prismaNode("Goal", {
  id: { field: "id" },
  nullable: true,
  authScopes: (goal, ctx) => goalAccess(ctx.actor, goal) !== "none",
  fields: (t) => ({
    ownerKind: t.expose("ownerKind", { type: GoalOwnerKindEnum }),
    ownerUser: t.relation("ownerUser", { nullable: true, description: "The teacher, for TEACHER goals." }),
    group: t.relation("group", { nullable: true, description: "The group, for GROUP goals." }),
    school: t.relation("school"),
    title: t.exposeString("title"),
    metric: t.exposeString("metric", { description: 'What is measured, e.g. "% of students proficient on unit 3".' }),
    baseline: t.exposeFloat("baseline"),
    target: t.exposeFloat("target"),
    dueDate: t.expose("dueDate", { type: "Date" }),
    status: t.expose("status", { type: GoalStatusEnum }),
    createdBy: t.relation("createdBy"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    latestValue: t.float({
      nullable: true,
      description: "The value of the newest check-in, or null before the first one.",
      select: LATEST_CHECK_IN,
      resolve: (goal) => goal.checkIns[0]?.value ?? null,
    }),
    progress: t.float({
      description: "0..1: how far the newest check-in has moved from baseline towards target (0 before any check-in).",
      select: { baseline: true, target: true, ...LATEST_CHECK_IN },
      resolve: (goal) => goalProgress(goal.baseline, goal.target, goal.checkIns[0]?.value ?? null),
    }),
    lastCheckInAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the newest check-in was recorded, or null before the first one.",
      select: LATEST_CHECK_IN,
      resolve: (goal) => goal.checkIns[0]?.createdAt ?? null,
    }),
    nextCheckInBy: t.field({
      type: "DateTime",
      description: `When the next check-in is expected: ${GOAL_CHECK_IN_INTERVAL_DAYS} days after the newest one (or after the goal was set, before the first).`,
      select: { createdAt: true, ...LATEST_CHECK_IN },
      resolve: (goal) => goalNextCheckInBy({ createdAt: goal.createdAt, lastCheckInAt: goal.checkIns[0]?.createdAt ?? null }),
    }),
    checkInOverdue: t.boolean({
      description: `True for an open goal (not MET or NOT_MET) whose newest check-in, or its creation before the first, is more than ${GOAL_CHECK_IN_INTERVAL_DAYS} days old.`,
      select: { status: true, createdAt: true, ...LATEST_CHECK_IN },
      resolve: (goal) => goalCheckInOverdue({ status: goal.status, createdAt: goal.createdAt, lastCheckInAt: goal.checkIns[0]?.createdAt ?? null }),
    }),
    overdue: t.boolean({
      description: "True for an open goal (not MET or NOT_MET) whose due date has passed (compared with today's UTC date).",
      select: { status: true, dueDate: true },
      resolve: (goal) => goalOverdue(goal),
    }),
    visibility: t.field({
      type: GoalVisibilityEnum,
      nullable: true,
      description: "For a teacher's own goal, who else sees it; null for group and school goals, whose readers follow the group or school.",
      resolve: (goal) => (goal.ownerKind === "TEACHER" ? goal.visibility : null),
    }),
    sharedWithGroup: t.relation("sharedWithGroup", {
      nullable: true,
      description: "For a MY_GROUP goal, the group whose members see it.",
    }),
    viewerCanEdit: t.boolean({ resolve: (goal, _a, ctx) => goalAccess(ctx.actor, goal) === "write" }),
    checkIns: t.relatedConnection("checkIns", {
      cursor: "id",
      totalCount: true,
      description: "Newest first.",
      query: { orderBy: CHECK_INS_NEWEST_FIRST },
    }),
  }),
});

export const GoalCheckInRef = builder.prismaNode("GoalCheckIn", {
  id: { field: "id" },
  nullable: true,
  // The goal's ownership facts travel with every check-in, so the policy can decide without a query.
  include: { goal: { select: GOAL_FACTS_SELECT } },
  authScopes: (checkIn, ctx) => goalAccess(ctx.actor, checkIn.goal) !== "none",
  fields: (t) => ({
    value: t.exposeFloat("value"),
    note: t.exposeString("note"),
    author: t.relation("author"),
    goal: t.relation("goal"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

type GoalFilters = {
  ownerKind?: GoalOwnerKind | null;
  status?: GoalStatus[] | null;
  dueBefore?: Date | null;
};

function goalFiltersWhere(args: GoalFilters): Prisma.GoalWhereInput {
  return {
    ...(args.ownerKind ? { ownerKind: args.ownerKind } : {}),
    ...(args.status?.length ? { status: { in: args.status } } : {}),
    ...(args.dueBefore ? { dueDate: { lt: args.dueBefore } } : {}),
  };
}

const GOAL_ORDER = [{ dueDate: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];

builder.prismaObjectFields("Group", (t) => ({
  goals: t.relatedConnection("goals", {
    cursor: "id",
    totalCount: true,
    description: "The group's own goals, soonest due first. Group content: members (and leaders, for PLCs) only.",
    args: {
      status: t.arg({ type: [GoalStatusEnum], required: false }),
      dueBefore: t.arg({ type: "Date", required: false }),
    },
    query: (args, ctx) => ({
      where: { AND: [readableGoalsWhere(ctx.actor), { ownerKind: "GROUP" as const }, goalFiltersWhere(args)] },
      orderBy: GOAL_ORDER,
    }),
  }),
}));

builder.queryFields((t) => ({
  goals: t.prismaConnection({
    type: "Goal",
    cursor: "id",
    description: "Every goal the viewer may read, soonest due first.",
    authScopes: { signedIn: true },
    args: {
      schoolId: t.arg.globalID({ required: false, for: SchoolRef }),
      ownerKind: t.arg({ type: GoalOwnerKindEnum, required: false }),
      status: t.arg({ type: [GoalStatusEnum], required: false }),
      groupId: t.arg.globalID({ required: false, for: GroupRef }),
      ownerId: t.arg.globalID({ required: false, for: UserRef, description: "Only this teacher's goals." }),
      dueBefore: t.arg({ type: "Date", required: false }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.goal.count({ where: rootGoalsWhere(ctx, args) }),
    resolve: (query, _root, args, ctx) => ctx.prisma.goal.findMany({ ...query, where: rootGoalsWhere(ctx, args), orderBy: GOAL_ORDER }),
  }),
  myGoals: t.prismaConnection({
    type: "Goal",
    cursor: "id",
    description: "The viewer's own teacher goals.",
    authScopes: { signedIn: true },
    args: { status: t.arg({ type: [GoalStatusEnum], required: false }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.goal.count({ where: myGoalsWhere(ctx, args) }),
    resolve: (query, _root, args, ctx) => ctx.prisma.goal.findMany({ ...query, where: myGoalsWhere(ctx, args), orderBy: GOAL_ORDER }),
  }),
}));

function rootGoalsWhere(
  ctx: Ctx,
  args: GoalFilters & { schoolId?: { id: string } | null; groupId?: { id: string } | null; ownerId?: { id: string } | null },
): Prisma.GoalWhereInput {
  return {
    AND: [
      readableGoalsWhere(ctx.actor),
      goalFiltersWhere(args),
      args.schoolId ? { schoolId: args.schoolId.id } : {},
      args.groupId ? { groupId: args.groupId.id } : {},
      args.ownerId ? { ownerUserId: args.ownerId.id } : {},
    ],
  };
}

function myGoalsWhere(ctx: Ctx, args: GoalFilters): Prisma.GoalWhereInput {
  const me = actingUserId(ctx.actor);
  if (!me) return { id: { in: [] } };
  return { AND: [readableGoalsWhere(ctx.actor), { ownerKind: "TEACHER", ownerUserId: me }, goalFiltersWhere(args)] };
}

// ───────────── mutations ─────────────

const title = z.string().trim().min(3, "must be at least 3 characters").max(200);
const metric = z.string().trim().min(2, "must be at least 2 characters").max(200);
const measure = z.number().finite();
const notInPast = z.date().refine((d) => d >= startOfTodayUtc(), "must not be in the past");

const CreateGoalInput = builder.inputType("CreateGoalInput", {
  // One schema for the whole input, so every problem is reported at once. Loose, so the
  // global ids pass through untouched.
  validate: z
    .looseObject({
      ownerKind: z.string(),
      groupId: z.unknown().optional(),
      title,
      metric,
      baseline: measure,
      target: measure,
      dueDate: notInPast,
      visibility: z.string().nullish(),
      sharedWithGroupId: z.unknown().optional(),
    })
    .superRefine((input, issues) => {
      if (input.baseline === input.target) issues.addIssue({ code: "custom", path: ["target"], message: "must differ from the baseline" });
      const hasGroup = input.groupId != null;
      if (input.ownerKind === "GROUP" && !hasGroup) issues.addIssue({ code: "custom", path: ["groupId"], message: "is required for a group goal" });
      if (input.ownerKind !== "GROUP" && hasGroup) issues.addIssue({ code: "custom", path: ["groupId"], message: "is only for group goals" });
      if (input.ownerKind !== "TEACHER" && input.visibility != null) {
        issues.addIssue({ code: "custom", path: ["visibility"], message: "is only for your own goals: a group or school goal is seen by its group or school" });
      }
      checkSharing(input.visibility, input.sharedWithGroupId, issues);
    }),
  fields: (f) => ({
    schoolId: f.globalID({ required: true, for: SchoolRef }),
    ownerKind: f.field({
      type: GoalOwnerKindEnum,
      required: true,
      description: "TEACHER goals belong to you; GROUP needs groupId; SCHOOL is for coaches and admins.",
    }),
    groupId: f.globalID({ required: false, for: GroupRef }),
    title: f.string({ required: true }),
    metric: f.string({ required: true }),
    baseline: f.float({ required: true }),
    target: f.float({ required: true }),
    dueDate: f.field({ type: "Date", required: true }),
    status: f.field({ type: GoalStatusEnum, required: false }),
    visibility: f.field({ type: GoalVisibilityEnum, required: false, description: "TEACHER goals only: who else sees it. Defaults to ONLY_ME." }),
    sharedWithGroupId: f.globalID({ required: false, for: GroupRef, description: "For MY_GROUP: one of your groups in this school." }),
  }),
});

const UpdateGoalInput = builder.inputType("UpdateGoalInput", {
  validate: z
    .looseObject({
      title: title.nullish(),
      metric: metric.nullish(),
      baseline: measure.nullish(),
      target: measure.nullish(),
      dueDate: notInPast.nullish(),
      visibility: z.string().nullish(),
      sharedWithGroupId: z.unknown().optional(),
    })
    .superRefine((input, issues) => {
      if (input.visibility != null) checkSharing(input.visibility, input.sharedWithGroupId, issues);
      else if (input.sharedWithGroupId != null) issues.addIssue({ code: "custom", path: ["sharedWithGroupId"], message: "goes with visibility MY_GROUP" });
    }),
  fields: (f) => ({
    goalId: f.globalID({ required: true, for: GoalRef }),
    title: f.string({ required: false }),
    metric: f.string({ required: false }),
    baseline: f.float({ required: false }),
    target: f.float({ required: false }),
    dueDate: f.field({ type: "Date", required: false }),
    status: f.field({ type: GoalStatusEnum, required: false }),
    visibility: f.field({ type: GoalVisibilityEnum, required: false, description: "Your own goals only: who else sees it." }),
    sharedWithGroupId: f.globalID({ required: false, for: GroupRef, description: "With visibility MY_GROUP: one of your groups in the goal's school." }),
  }),
});

/** MY_GROUP names the group; the other choices name none. */
function checkSharing(visibility: string | null | undefined, sharedWithGroupId: unknown, issues: z.RefinementCtx) {
  const hasGroup = sharedWithGroupId != null;
  if (visibility === "MY_GROUP" && !hasGroup)
    issues.addIssue({ code: "custom", path: ["sharedWithGroupId"], message: "is required to share a goal with your group" });
  if (visibility !== "MY_GROUP" && hasGroup) issues.addIssue({ code: "custom", path: ["sharedWithGroupId"], message: "goes with visibility MY_GROUP" });
}

// ───────────── mutations: parse → command → payload ─────────────

builder.mutationFields((t) => ({
  createGoal: t.prismaField({
    type: "Goal",
    description: "A TEACHER goal is the viewer's own; a GROUP goal needs write access to the group; a SCHOOL goal needs a coach or admin.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: CreateGoalInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      createGoal(
        ctx,
        { ...input, schoolId: input.schoolId.id, groupId: input.groupId?.id ?? null, sharedWithGroupId: input.sharedWithGroupId?.id ?? null },
        query,
      ),
  }),
  updateGoal: t.prismaField({
    type: "Goal",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: UpdateGoalInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      updateGoal(ctx, { ...input, goalId: input.goalId.id, sharedWithGroupId: input.sharedWithGroupId?.id ?? null }, query),
  }),
  addGoalCheckIn: t.prismaField({
    type: "GoalCheckIn",
    description: "Record where the metric stands now; optionally restate the goal's status in the same step.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: {
      goalId: t.arg.globalID({ required: true, for: GoalRef }),
      value: t.arg.float({ required: true, validate: measure }),
      note: t.arg.string({ required: false, validate: z.string().trim().max(2000).nullish() }),
      status: t.arg({ type: GoalStatusEnum, required: false }),
    },
    resolve: (query, _root, args, ctx) => addGoalCheckIn(ctx, { goalId: args.goalId.id, value: args.value, note: args.note, status: args.status }, query),
  }),
}));
