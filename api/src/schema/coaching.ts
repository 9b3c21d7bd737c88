// Instructional coaching: who coaches whom (assignments, visible to the pair and the school's
// leaders), the coaching cycles a coach runs with one teacher (the pair only), the coach's
// private notes on a cycle (the coach only), and every teacher's support network for leaders.
import { z } from "zod";
import { addCoachingActionStep } from "../commands/addCoachingActionStep.ts";
import { addCoachingNote } from "../commands/addCoachingNote.ts";
import { addCoachingObservation } from "../commands/addCoachingObservation.ts";
import { advanceCoachingCycle } from "../commands/advanceCoachingCycle.ts";
import { assignCoach } from "../commands/assignCoach.ts";
import { endCoachingAssignment } from "../commands/endCoachingAssignment.ts";
import { startCoachingCycle } from "../commands/startCoachingCycle.ts";
import { updateCoachingAssignment } from "../commands/updateCoachingAssignment.ts";
import { setCoachingActionStepDone } from "../commands/setCoachingActionStepDone.ts";
import { updateCoachingCycle } from "../commands/updateCoachingCycle.ts";
import { CHECK_BACK_DUE_SOON_DAYS, COACHING_LIMITS } from "../domain/coaching.ts";
import { daysBetween, startOfTodayIn } from "../domain/dates.ts";
import type { Context } from "../context.ts";
import { CoachingStep, type SupportTier } from "../generated/prisma/enums.ts";
import {
  assignmentAccess,
  canReadCoachingNote,
  canReadObservation,
  canSeeSupportNetwork,
  cycleAccess,
  readableActionStepsWhere,
  readableAssignmentsWhere,
  readableCyclesWhere,
  readableNotesWhere,
  readableObservationsWhere,
} from "../policies/coaching.ts";
import { requireActingUser } from "../policies/actor.ts";
import { builder } from "./builder.ts";
import { CoachingPhaseEnum, SchoolRoleEnum, SupportTierEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { forbidden } from "../domain/errors.ts";
import { GroupRef } from "./groups.ts";
import { SchoolRef } from "./schools.ts";
import { UserRef } from "./users.ts";

const TIER_RANK: Record<SupportTier, number> = { NETWORK: 0, TARGETED: 1, INTENSIVE: 2 };

export const CoachingStepEnum = builder.enumType(CoachingStep, {
  name: "CoachingStep",
  description: "A cycle's steps in order: GOAL, PRE_CONFERENCE (Identify); OBSERVATION, REFLECTION (Learn); ACTION_STEP, CHECK_BACK (Improve).",
});

const CheckBackStatusEnum = builder.enumType("CheckBackStatus", {
  description: "Where the next progress check-back stands, by the school's calendar (its time zone).",
  values: {
    NONE: { description: "No check-back date is set (or no open cycle)." },
    SCHEDULED: { description: `More than ${CHECK_BACK_DUE_SOON_DAYS} days away.` },
    DUE_SOON: { description: `Today or within ${CHECK_BACK_DUE_SOON_DAYS} days.` },
    OVERDUE: { description: "The date has passed." },
  } as const,
});
type CheckBackStatus = "NONE" | "SCHEDULED" | "DUE_SOON" | "OVERDUE";

const CoachingGoalStatusEnum = builder.enumType("CoachingGoalStatus", {
  values: {
    NO_CYCLE: { description: "No coaching cycle yet." },
    IN_PROGRESS: { description: "A cycle is open: its goal is being worked on." },
    COMPLETED: { description: "The latest cycle is complete and none is open." },
  } as const,
});

export function checkBackStatus(nextCheckBackOn: Date | null, timeZone: string, now = new Date()): CheckBackStatus {
  if (!nextCheckBackOn) return "NONE";
  const days = daysBetween(startOfTodayIn(timeZone, now), nextCheckBackOn);
  return days < 0 ? "OVERDUE" : days <= CHECK_BACK_DUE_SOON_DAYS ? "DUE_SOON" : "SCHEDULED";
}

type SignalCycle = { lastContactAt: Date; nextCheckBackOn: Date | null; completedAt: Date | null; actionSteps: { id: string }[] };
type Signals = {
  lastContactAt: Date | null;
  daysSinceContact: number | null;
  nextCheckBackOn: Date | null;
  checkBack: CheckBackStatus;
  openActionSteps: number;
  goalStatus: "NO_CYCLE" | "IN_PROGRESS" | "COMPLETED";
};

function caseloadSignals(cycles: SignalCycle[], timeZone: string, now = new Date()): Signals {
  const open = cycles.filter((c) => c.completedAt === null);
  const lastContactAt = cycles.reduce<Date | null>((latest, c) => (latest === null || c.lastContactAt > latest ? c.lastContactAt : latest), null);
  const nextCheckBackOn = open.reduce<Date | null>(
    (soonest, c) => (c.nextCheckBackOn && (!soonest || c.nextCheckBackOn < soonest) ? c.nextCheckBackOn : soonest),
    null,
  );
  return {
    lastContactAt,
    daysSinceContact: lastContactAt ? daysBetween(startOfTodayIn(timeZone, lastContactAt), startOfTodayIn(timeZone, now)) : null,
    nextCheckBackOn,
    checkBack: checkBackStatus(nextCheckBackOn, timeZone, now),
    openActionSteps: open.reduce((sum, c) => sum + c.actionSteps.length, 0),
    goalStatus: open.length > 0 ? "IN_PROGRESS" : cycles.length > 0 ? "COMPLETED" : "NO_CYCLE",
  };
}

const CoachingSignalsRef = builder.objectRef<Signals>("CoachingSignals").implement({
  description:
    "Signs of need for one coached teacher, from the pair's cycles the viewer may read (so only the coach and the teacher see more than NO_CYCLE). Dates are in the school's time zone.",
  fields: (t) => ({
    lastContactAt: t.field({
      type: "DateTime",
      nullable: true,
      resolve: (s) => s.lastContactAt,
      description: "When the coach last worked with the teacher on a cycle.",
    }),
    daysSinceContact: t.int({ nullable: true, resolve: (s) => s.daysSinceContact, description: "Calendar days since then, in the school's time zone." }),
    nextCheckBackOn: t.field({ type: "Date", nullable: true, resolve: (s) => s.nextCheckBackOn, description: "The open cycle's next check-back date." }),
    checkBack: t.field({ type: CheckBackStatusEnum, resolve: (s) => s.checkBack }),
    openActionSteps: t.int({ resolve: (s) => s.openActionSteps, description: "Action steps not yet done in the open cycle." }),
    goalStatus: t.field({ type: CoachingGoalStatusEnum, resolve: (s) => s.goalStatus }),
  }),
});

const signalCycleSelect = {
  lastContactAt: true,
  nextCheckBackOn: true,
  completedAt: true,
  actionSteps: { where: { doneAt: null }, select: { id: true } },
} as const;

export const CoachingAssignmentRef = builder.prismaNode("CoachingAssignment", {
  id: { field: "id" },
  nullable: true,
  description: "A coach paired with a teacher, with the level of support the teacher gets.",
  authScopes: (assignment, ctx) => assignmentAccess(ctx.actor, assignment) !== "none",
  fields: (t) => ({
    coach: t.relation("coach"),
    teacher: t.relation("teacher"),
    school: t.relation("school"),
    tier: t.expose("tier", { type: SupportTierEnum }),
    focus: t.exposeString("focus"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    signals: t.field({
      type: CoachingSignalsRef,
      description: "Last contact, days since, next check-back, open action steps and goal status, from the cycles you may read.",
      select: (_args, ctx) => ({
        school: { select: { timeZone: true } },
        cycles: { where: readableCyclesWhere(ctx.actor), select: signalCycleSelect },
      }),
      resolve: (assignment) => caseloadSignals(assignment.cycles, assignment.school.timeZone),
    }),
    cycles: t.relatedConnection("cycles", {
      cursor: "id",
      totalCount: true,
      description: "The pair's coaching cycles. Only the coach and the teacher see them; other leaders get an empty list.",
      args: { active: t.arg.boolean({ required: false, description: "true: open cycles; false: completed ones." }) },
      query: (args, ctx) => ({
        where: { AND: [readableCyclesWhere(ctx.actor), activeWhere(args.active)] },
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      }),
    }),
  }),
});

export const CoachingCycleRef = builder.prismaNode("CoachingCycle", {
  id: { field: "id" },
  nullable: true,
  description:
    "A coaching cycle between one coach and one teacher (goal → pre-conference → observation → reflective conversation → action step → check-back, in the Identify, Learn and Improve stages). Only the two of them see it.",
  authScopes: (cycle, ctx) => cycleAccess(ctx.actor, cycle) !== "none",
  fields: (t) => ({
    coach: t.relation("coach"),
    teacher: t.relation("teacher"),
    assignment: t.relation("assignment", { nullable: true }),
    phase: t.expose("phase", { type: CoachingPhaseEnum, description: "The stage (Identify, Learn, Improve) of the current step." }),
    step: t.expose("step", { type: CoachingStepEnum }),
    goal: t.exposeString("goal"),
    lookFors: t.exposeStringList("lookFors", { description: "What the coach looks for when observing." }),
    nextCheckBackOn: t.expose("nextCheckBackOn", { type: "Date", nullable: true, description: "The next progress check-back, in the school's calendar." }),
    checkBack: t.field({
      type: CheckBackStatusEnum,
      select: { nextCheckBackOn: true, completedAt: true, school: { select: { timeZone: true } } },
      resolve: (cycle) => (cycle.completedAt ? "NONE" : checkBackStatus(cycle.nextCheckBackOn, cycle.school.timeZone)),
    }),
    lastContactAt: t.expose("lastContactAt", { type: "DateTime" }),
    observations: t.relatedConnection("observations", {
      cursor: "id",
      totalCount: true,
      description: "What the coach observed: all of them for the coach; for the teacher, only those marked for them.",
      query: (_args, ctx) => ({ where: readableObservationsWhere(ctx.actor), orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    }),
    actionSteps: t.relatedConnection("actionSteps", {
      cursor: "id",
      totalCount: true,
      description: "The teacher's action steps, oldest first. The coach and the teacher see them.",
      args: { done: t.arg.boolean({ required: false, description: "true: done ones; false: open ones." }) },
      query: (args, ctx) => ({
        where: { AND: [readableActionStepsWhere(ctx.actor), args.done === true ? { doneAt: { not: null } } : args.done === false ? { doneAt: null } : {}] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
    }),
    sharedNotes: t.exposeString("sharedNotes", { description: "Notes the coach and the teacher both see." }),
    startedAt: t.expose("startedAt", { type: "DateTime" }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    viewerIsCoach: t.boolean({ resolve: (cycle, _a, ctx) => ctx.actor.kind === "user" && ctx.actor.userId === cycle.coachId }),
    notes: t.relatedConnection("notes", {
      cursor: "id",
      totalCount: true,
      description: "The coach's private notes. Empty for everyone but the coach who wrote them.",
      query: (_args, ctx) => ({ where: readableNotesWhere(ctx.actor), orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    }),
  }),
});

export const CoachingNoteRef = builder.prismaNode("CoachingNote", {
  id: { field: "id" },
  nullable: true,
  description: "A coach's private working note on a cycle. Nobody else reads it: not the teacher, not an admin.",
  include: { cycle: { select: { schoolId: true, coachId: true, teacherId: true } } },
  authScopes: (note, ctx) => canReadCoachingNote(ctx.actor, note),
  fields: (t) => ({
    body: t.exposeString("body"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    cycle: t.relation("cycle"),
  }),
});

export const CoachingObservationRef = builder.prismaNode("CoachingObservation", {
  id: { field: "id" },
  nullable: true,
  description: "What a coach saw, against one of the cycle's look-fors. The teacher reads it only when it is for them; nobody else does.",
  include: { cycle: { select: { schoolId: true, coachId: true, teacherId: true } } },
  authScopes: (observation, ctx) => canReadObservation(ctx.actor, observation),
  fields: (t) => ({
    lookFor: t.exposeString("lookFor", { description: "The look-for it is recorded against; empty for a general observation." }),
    body: t.exposeString("body"),
    forTeacher: t.exposeBoolean("forTeacher", { description: "Whether the teacher reads it." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    cycle: t.relation("cycle"),
  }),
});

export const CoachingActionStepRef = builder.prismaNode("CoachingActionStep", {
  id: { field: "id" },
  nullable: true,
  description: "Something the teacher will try before the next check-back. The coach and the teacher see it; either ticks it done.",
  include: { cycle: { select: { schoolId: true, coachId: true, teacherId: true } } },
  authScopes: (step, ctx) => cycleAccess(ctx.actor, step.cycle) !== "none",
  fields: (t) => ({
    text: t.exposeString("text"),
    done: t.boolean({ resolve: (step) => step.doneAt !== null }),
    doneAt: t.expose("doneAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    cycle: t.relation("cycle"),
  }),
});

function activeWhere(active: boolean | null | undefined) {
  if (active === true) return { completedAt: null };
  if (active === false) return { completedAt: { not: null } };
  return {};
}

// ───────────── support network ─────────────

/** The teacher's memberships in groups that are still running; filtered to this school in resolvers. */
const liveMemberships = { where: { group: { archivedAt: null } }, orderBy: [{ group: { name: "asc" as const } }, { id: "asc" as const }] };

const SupportNetworkEntryRef = builder.prismaObject("SchoolMember", {
  variant: "SupportNetworkEntry",
  description: "One teacher of the school and the support around them: groups (by name and kind only) and coaching.",
  authScopes: (member, ctx) => canSeeSupportNetwork(ctx.actor, member.schoolId),
  fields: (t) => ({
    teacher: t.relation("user", { type: UserRef }),
    groups: t.field({
      type: [GroupRef],
      description: "The running groups they belong to. Metadata only: a peer group's content stays in the group.",
      select: (_args, _ctx, nested) => ({
        schoolId: true,
        user: { select: { groupMemberships: { ...liveMemberships, select: { group: nested(true) } } } },
      }),
      resolve: (entry) => entry.user.groupMemberships.map((m) => m.group).filter((g) => g.schoolId === entry.schoolId),
    }),
    groupCount: t.int({
      select: { schoolId: true, user: { select: { groupMemberships: { ...liveMemberships, select: { group: { select: { schoolId: true } } } } } } },
      resolve: (entry) => entry.user.groupMemberships.filter((m) => m.group.schoolId === entry.schoolId).length,
    }),
    assignments: t.field({
      type: [CoachingAssignmentRef],
      select: (_args, _ctx, nested) => ({
        schoolId: true,
        user: { select: { teacherAssignments: nested(true) } },
      }),
      resolve: (entry) =>
        entry.user.teacherAssignments
          .filter((a) => a.schoolId === entry.schoolId)
          .sort((a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier] || a.createdAt.getTime() - b.createdAt.getTime()),
    }),
    supportTier: t.field({
      type: SupportTierEnum,
      nullable: true,
      description: "The highest tier of their coaching assignments, or null when no coach is assigned.",
      select: { schoolId: true, user: { select: { teacherAssignments: { select: { schoolId: true, tier: true } } } } },
      resolve: (entry) => highestTier(entry.user.teacherAssignments.filter((a) => a.schoolId === entry.schoolId).map((a) => a.tier)),
    }),
    hasNetwork: t.boolean({
      description: "In at least one running group of the school, or assigned a coach.",
      select: {
        schoolId: true,
        user: {
          select: {
            groupMemberships: { ...liveMemberships, select: { group: { select: { schoolId: true } } } },
            teacherAssignments: { select: { schoolId: true, tier: true } },
          },
        },
      },
      resolve: (entry) =>
        entry.user.groupMemberships.some((m) => m.group.schoolId === entry.schoolId) ||
        entry.user.teacherAssignments.some((a) => a.schoolId === entry.schoolId),
    }),
  }),
});

type TierCount = { tier: SupportTier; count: number };

const TierCountRef = builder.objectRef<TierCount>("SupportTierCount").implement({
  description: "How many of a coach's teachers get this tier of support.",
  fields: (t) => ({
    tier: t.field({ type: SupportTierEnum, resolve: (row) => row.tier }),
    count: t.exposeInt("count"),
  }),
});

/** The coach's assignments in this school; a coach of several schools has a caseload in each. */
const caseloadSelect = { schoolId: true, user: { select: { coachAssignments: { select: { schoolId: true, tier: true } } } } } as const;

const CoachCaseloadRef = builder.prismaObject("SchoolMember", {
  variant: "CoachCaseload",
  description: "Someone the school's teachers can be assigned to (a coach or an admin), with how many they coach now, so leaders can balance caseloads.",
  authScopes: (member, ctx) => canSeeSupportNetwork(ctx.actor, member.schoolId),
  fields: (t) => ({
    coach: t.relation("user", { type: UserRef }),
    role: t.expose("role", { type: SchoolRoleEnum }),
    caseload: t.int({
      description: "How many of the school's teachers they coach.",
      select: caseloadSelect,
      resolve: (member) => member.user.coachAssignments.filter((a) => a.schoolId === member.schoolId).length,
    }),
    caseloadByTier: t.field({
      type: [TierCountRef],
      description: "Their caseload per tier, greatest need first; tiers with no teacher are left out.",
      select: caseloadSelect,
      resolve: (member) => {
        const tiers = member.user.coachAssignments.filter((a) => a.schoolId === member.schoolId).map((a) => a.tier);
        return (Object.keys(TIER_RANK) as SupportTier[])
          .sort((a, b) => TIER_RANK[b] - TIER_RANK[a])
          .map((tier) => ({ tier, count: tiers.filter((t) => t === tier).length }))
          .filter((row) => row.count > 0);
      },
    }),
  }),
});

function highestTier(tiers: SupportTier[]): SupportTier | null {
  return tiers.reduce<SupportTier | null>((best, tier) => (best === null || TIER_RANK[tier] > TIER_RANK[best] ? tier : best), null);
}

function networkedWhere(schoolId: string) {
  return {
    OR: [{ user: { groupMemberships: { some: { group: { schoolId, archivedAt: null } } } } }, { user: { teacherAssignments: { some: { schoolId } } } }],
  };
}

const SUPPORT_NETWORK_FORBIDDEN = "Only the school's coaches and admins see the support network.";

type SupportNetworkFilter = {
  schoolId: { id: string };
  hasNetwork?: boolean | null;
  coached?: boolean | null;
  tier?: SupportTier | null;
  coachId?: { id: string } | null;
};

function supportNetworkWhere({ schoolId: { id: schoolId }, hasNetwork, coached, tier, coachId }: SupportNetworkFilter) {
  const networked = networkedWhere(schoolId);
  const anyAssignment = { teacherAssignments: { some: { schoolId } } };
  // Tier and coach narrow the same assignment: "coached by Dana at the intensive tier".
  const matching =
    tier || coachId ? { teacherAssignments: { some: { schoolId, ...(tier ? { tier } : {}), ...(coachId ? { coachId: coachId.id } : {}) } } } : null;
  return {
    schoolId,
    role: "TEACHER" as const,
    // Deactivated teachers are not on the staff the support network covers.
    deactivatedAt: null,
    AND: [
      hasNetwork === true ? networked : hasNetwork === false ? { NOT: networked } : {},
      coached === true ? { user: anyAssignment } : coached === false ? { NOT: { user: anyAssignment } } : {},
      matching ? { user: matching } : {},
    ],
  };
}

/** Who may be assigned as a coach (assignCoach's rule): the school's coaches and admins. */
function coachesWhere(schoolId: string) {
  return { schoolId, role: { in: ["COACH" as const, "ADMIN" as const] } };
}

// ───────────── root fields ─────────────

const CoachingCycleRoleEnum = builder.enumType("CoachingCycleRole", {
  values: { COACH: { description: "Cycles I run as the coach." }, TEACHER: { description: "Cycles I am coached in." } } as const,
});

builder.queryFields((t) => ({
  coachingAssignments: t.prismaConnection({
    type: CoachingAssignmentRef,
    cursor: "id",
    description: "Coaching assignments of a school: all of them for coaches and admins, your own for teachers. Greatest need first.",
    authScopes: { signedIn: true },
    args: {
      schoolId: t.arg.globalID({ required: true, for: SchoolRef }),
      tier: t.arg({ type: SupportTierEnum, required: false }),
      coachId: t.arg.globalID({ required: false, for: UserRef }),
      teacherId: t.arg.globalID({ required: false, for: UserRef }),
    },
    totalCount: (_p, args, ctx) => ctx.prisma.coachingAssignment.count({ where: assignmentsWhere(ctx, args) }),
    resolve: (query, _p, args, ctx) =>
      ctx.prisma.coachingAssignment.findMany({
        ...query,
        where: assignmentsWhere(ctx, args),
        orderBy: [{ tier: "desc" }, { createdAt: "asc" }, { id: "asc" }],
      }),
  }),
  supportNetwork: t.prismaConnection({
    type: SupportNetworkEntryRef,
    cursor: "id",
    description: "For coaches and admins: one row per teacher of the school, with their groups and coaching support.",
    authScopes: { signedIn: true },
    args: {
      schoolId: t.arg.globalID({ required: true, for: SchoolRef }),
      hasNetwork: t.arg.boolean({ required: false, description: "false: only the teachers with no group and no coach." }),
      coached: t.arg.boolean({ required: false, description: "false: only the teachers with no coach (they may be in a group); true: only those with one." }),
      tier: t.arg({ type: SupportTierEnum, required: false, description: "Only the teachers with a coach at this tier." }),
      coachId: t.arg.globalID({ required: false, for: UserRef, description: "Only the teachers this coach is assigned to (with `tier`: at that tier)." }),
    },
    // The count answers to the same policy as the rows: it used to count any school's teachers for anyone.
    totalCount: (_p, args, ctx) => {
      if (!canSeeSupportNetwork(ctx.actor, args.schoolId.id)) throw forbidden(SUPPORT_NETWORK_FORBIDDEN);
      return ctx.prisma.schoolMember.count({ where: supportNetworkWhere(args) });
    },
    resolve: (query, _p, args, ctx) => {
      if (!canSeeSupportNetwork(ctx.actor, args.schoolId.id)) throw forbidden(SUPPORT_NETWORK_FORBIDDEN);
      return ctx.prisma.schoolMember.findMany({
        ...query,
        where: supportNetworkWhere(args),
        orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
      });
    },
  }),
  coachCaseloads: t.prismaConnection({
    type: CoachCaseloadRef,
    cursor: "id",
    description: "For coaches and admins: everyone teachers can be assigned to (the school's coaches, then its admins, by name), with their caseloads.",
    authScopes: { signedIn: true },
    args: { schoolId: t.arg.globalID({ required: true, for: SchoolRef }) },
    totalCount: (_p, args, ctx) => {
      if (!canSeeSupportNetwork(ctx.actor, args.schoolId.id)) throw forbidden(SUPPORT_NETWORK_FORBIDDEN);
      return ctx.prisma.schoolMember.count({ where: coachesWhere(args.schoolId.id) });
    },
    resolve: (query, _p, args, ctx) => {
      if (!canSeeSupportNetwork(ctx.actor, args.schoolId.id)) throw forbidden(SUPPORT_NETWORK_FORBIDDEN);
      return ctx.prisma.schoolMember.findMany({
        ...query,
        where: coachesWhere(args.schoolId.id),
        orderBy: [{ role: "asc" }, { user: { name: "asc" } }, { id: "asc" }],
      });
    },
  }),
  myCoachingCycles: t.prismaConnection({
    type: CoachingCycleRef,
    cursor: "id",
    description: "Coaching cycles you are in, as the coach or as the teacher.",
    authScopes: { signedIn: true },
    args: {
      as: t.arg({ type: CoachingCycleRoleEnum, required: false }),
      active: t.arg.boolean({ required: false, description: "true: open cycles; false: completed ones." }),
    },
    totalCount: (_p, args, ctx) => ctx.prisma.coachingCycle.count({ where: myCyclesWhere(ctx, args) }),
    resolve: (query, _p, args, ctx) =>
      ctx.prisma.coachingCycle.findMany({ ...query, where: myCyclesWhere(ctx, args), orderBy: [{ startedAt: "desc" }, { id: "desc" }] }),
  }),
}));

function assignmentsWhere(
  ctx: Context,
  args: { schoolId: { id: string }; tier?: SupportTier | null; coachId?: { id: string } | null; teacherId?: { id: string } | null },
) {
  return {
    AND: [readableAssignmentsWhere(ctx.actor)],
    schoolId: args.schoolId.id,
    ...(args.tier ? { tier: args.tier } : {}),
    ...(args.coachId ? { coachId: args.coachId.id } : {}),
    ...(args.teacherId ? { teacherId: args.teacherId.id } : {}),
  };
}

function myCyclesWhere(ctx: Context, args: { as?: "COACH" | "TEACHER" | null; active?: boolean | null }) {
  const me = requireActingUser(ctx.actor);
  return {
    AND: [readableCyclesWhere(ctx.actor), activeWhere(args.active)],
    ...(args.as === "COACH" ? { coachId: me } : args.as === "TEACHER" ? { teacherId: me } : {}),
  };
}

// ───────────── mutations ─────────────

const focus = z.string().trim().max(500, "must be at most 500 characters");
const goal = z.string().trim().min(2, "must be at least 2 characters").max(500, "must be at most 500 characters");

const AssignCoachInput = builder.inputType("AssignCoachInput", {
  fields: (f) => ({
    schoolId: f.globalID({ required: true, for: SchoolRef }),
    coachId: f.globalID({ required: true, for: UserRef }),
    teacherId: f.globalID({ required: true, for: UserRef }),
    tier: f.field({ type: SupportTierEnum, required: false, description: "Defaults to NETWORK." }),
    focus: f.string({ required: false, validate: focus }),
  }),
});

const UpdateAssignmentInput = builder.inputType("UpdateCoachingAssignmentInput", {
  fields: (f) => ({
    assignmentId: f.globalID({ required: true, for: CoachingAssignmentRef }),
    tier: f.field({ type: SupportTierEnum, required: false }),
    focus: f.string({ required: false, validate: focus }),
    coachId: f.globalID({
      required: false,
      for: UserRef,
      description: "Hand the teacher to another coach (a coach or admin of the school). The previous coach's cycles stay with them.",
    }),
  }),
});

const lookFors = z
  .array(z.string().max(COACHING_LIMITS.lookFor, `must be at most ${COACHING_LIMITS.lookFor} characters`))
  .max(COACHING_LIMITS.lookFors, `at most ${COACHING_LIMITS.lookFors} look-fors`);

const StartCycleInput = builder.inputType("StartCoachingCycleInput", {
  fields: (f) => ({
    schoolId: f.globalID({ required: true, for: SchoolRef }),
    teacherId: f.globalID({ required: true, for: UserRef, description: "A teacher assigned to you (or, with `assign`, one of the school's staff)." }),
    goal: f.string({ required: true, validate: goal }),
    lookFors: f.stringList({ required: false, validate: lookFors }),
    assign: f.boolean({
      required: false,
      description: "When the teacher is not assigned to you yet, become their coach first (as assignCoach would, at `tier`).",
    }),
    tier: f.field({ type: SupportTierEnum, required: false, description: "The tier of the assignment `assign` makes. Defaults to TARGETED." }),
  }),
});

const UpdateCycleInput = builder.inputType("UpdateCoachingCycleInput", {
  fields: (f) => ({
    cycleId: f.globalID({ required: true, for: CoachingCycleRef }),
    goal: f.string({ required: false, validate: goal }),
    sharedNotes: f.string({ required: false, validate: z.string().max(20_000, "must be at most 20000 characters") }),
    lookFors: f.stringList({ required: false, validate: lookFors }),
    nextCheckBackOn: f.field({ type: "Date", required: false, description: "Pass null to clear the check-back date." }),
  }),
});

const AddObservationInput = builder.inputType("AddCoachingObservationInput", {
  fields: (f) => ({
    cycleId: f.globalID({ required: true, for: CoachingCycleRef }),
    lookFor: f.string({ required: false, description: "One of the cycle's look-fors; leave out for a general observation." }),
    body: f.string({
      required: true,
      validate: z.string().trim().min(1, "must not be empty").max(COACHING_LIMITS.observation, `must be at most ${COACHING_LIMITS.observation} characters`),
    }),
    forTeacher: f.boolean({ required: false, description: "true: the teacher reads it too. Defaults to false (the coach only)." }),
  }),
});

const AddActionStepInput = builder.inputType("AddCoachingActionStepInput", {
  fields: (f) => ({
    cycleId: f.globalID({ required: true, for: CoachingCycleRef }),
    text: f.string({
      required: true,
      validate: z
        .string()
        .trim()
        .min(2, "must be at least 2 characters")
        .max(COACHING_LIMITS.actionStep, `must be at most ${COACHING_LIMITS.actionStep} characters`),
    }),
  }),
});

const AddNoteInput = builder.inputType("AddCoachingNoteInput", {
  fields: (f) => ({
    cycleId: f.globalID({ required: true, for: CoachingCycleRef }),
    body: f.string({ required: true, validate: z.string().trim().min(1, "must not be empty").max(10_000, "must be at most 10000 characters") }),
  }),
});

// ───────────── mutations: parse → command → payload ─────────────

builder.mutationFields((t) => ({
  assignCoach: t.prismaField({
    type: CoachingAssignmentRef,
    description: "Pair a coach (a COACH or ADMIN of the school) with a teacher. Coaches and admins only.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: AssignCoachInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      assignCoach(ctx, { ...input, schoolId: input.schoolId.id, coachId: input.coachId.id, teacherId: input.teacherId.id }, query),
  }),
  updateCoachingAssignment: t.prismaField({
    type: CoachingAssignmentRef,
    description: "Change a pairing's tier, focus or coach. Coaches and admins only.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: UpdateAssignmentInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      updateCoachingAssignment(ctx, { tier: input.tier, focus: input.focus, assignmentId: input.assignmentId.id, coachId: input.coachId?.id ?? null }, query),
  }),
  endCoachingAssignment: t.field({
    type: "Boolean",
    description: "End a pairing. Its cycles stay with the coach and the teacher.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { assignmentId: t.arg.globalID({ required: true, for: CoachingAssignmentRef }) },
    resolve: async (_root, { assignmentId }, ctx) => {
      await endCoachingAssignment(ctx, assignmentId.id);
      return true;
    },
  }),
  startCoachingCycle: t.prismaField({
    type: CoachingCycleRef,
    description: "Start a cycle with a teacher assigned to you. One open cycle per pair.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: StartCycleInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => startCoachingCycle(ctx, { ...input, schoolId: input.schoolId.id, teacherId: input.teacherId.id }, query),
  }),
  advanceCoachingCycle: t.prismaField({
    type: CoachingCycleRef,
    description:
      "Move a cycle on: to the next step; to a stage (`to`, forward only, at its first step); or to any step (`step`, back as well). Moving on from CHECK_BACK completes it.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: {
      cycleId: t.arg.globalID({ required: true, for: CoachingCycleRef }),
      to: t.arg({ type: CoachingPhaseEnum, required: false }),
      step: t.arg({ type: CoachingStepEnum, required: false }),
    },
    resolve: async (query, _root, { cycleId, to, step }, ctx) => {
      const id = await advanceCoachingCycle(ctx, { cycleId: cycleId.id, to, step });
      return ctx.prisma.coachingCycle.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateCoachingCycle: t.prismaField({
    type: CoachingCycleRef,
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: UpdateCycleInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => updateCoachingCycle(ctx, { ...input, cycleId: input.cycleId.id }, query),
  }),
  addCoachingObservation: t.prismaField({
    type: CoachingObservationRef,
    description: "Record an observation on a cycle, against one of its look-fors. Only the coach reads it, unless `forTeacher`.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: AddObservationInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => addCoachingObservation(ctx, { ...input, cycleId: input.cycleId.id }, query),
  }),
  addCoachingActionStep: t.prismaField({
    type: CoachingActionStepRef,
    description: "Give the teacher an action step on a cycle. The cycle's coach only.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: AddActionStepInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => addCoachingActionStep(ctx, { cycleId: input.cycleId.id, text: input.text }, query),
  }),
  setCoachingActionStepDone: t.prismaField({
    type: CoachingActionStepRef,
    description: "Tick an action step done, or open it again. The cycle's teacher or coach.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: {
      coachingActionStepId: t.arg.globalID({ required: true, for: CoachingActionStepRef }),
      done: t.arg.boolean({ required: true }),
    },
    resolve: (query, _root, { coachingActionStepId, done }, ctx) => setCoachingActionStepDone(ctx, { actionStepId: coachingActionStepId.id, done }, query),
  }),
  addCoachingNote: t.prismaField({
    type: CoachingNoteRef,
    description: "A private note on a cycle. Only you, its coach, will ever read it.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: AddNoteInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => addCoachingNote(ctx, { cycleId: input.cycleId.id, body: input.body }, query),
  }),
}));
