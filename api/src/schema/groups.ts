// Groups: peer coaching groups (equals, 2–6 members) and PLCs (facilitated, steered by leaders).
import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { canCreateGroup, groupAccess, loadKnownGroup, loadManagedGroup, readableGroupsWhere } from "../policies/groups.ts";
import { publishActivity } from "../commands/publishActivity.ts";
import { recordActivity } from "../commands/recordActivity.ts";
import { builder } from "./builder.ts";
import { GroupKindEnum, GroupRoleEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { ConflictError, forbidden, NotFoundError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import { SchoolRef } from "./schools.ts";
import { UserRef } from "./users.ts";
import { actingUserId } from "../policies/actor.ts";

/** Peer groups hold 2–6 members; 3–5 is the sweet spot, so outside it we warn but allow. */
export const PEER_GROUP_LIMITS = { min: 2, max: 6, sweetSpot: { min: 3, max: 5 } };

export const GroupRef = builder.prismaNode("Group", {
  id: { field: "id" },
  nullable: true,
  authScopes: (group, ctx) => groupAccess(ctx.actor, group.id).metadata,
  fields: (t) => ({
    kind: t.expose("kind", { type: GroupKindEnum }),
    name: t.exposeString("name"),
    focus: t.exposeString("focus"),
    gradeLevel: t.exposeString("gradeLevel", { nullable: true }),
    subject: t.exposeString("subject", { nullable: true }),
    meetingCadence: t.exposeString("meetingCadence", { nullable: true }),
    archivedAt: t.expose("archivedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    school: t.relation("school"),
    members: t.relatedConnection("members", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: [{ role: "desc" }, { joinedAt: "asc" }, { id: "asc" }] },
    }),
    sizeWarning: t.string({
      nullable: true,
      description: "For peer groups outside the 3–5 sweet spot, a friendly note; otherwise null.",
      select: { kind: true, _count: { select: { members: true } } },
      resolve: (group) => peerGroupSizeWarning(group.kind, group._count.members),
    }),
    viewerRole: t.field({
      type: GroupRoleEnum,
      nullable: true,
      description: "The viewer's role in the group, or null when they are not a member.",
      resolve: (group, _a, ctx) => (ctx.actor.kind === "user" ? (ctx.actor.groups.get(group.id)?.membership ?? null) : null),
    }),
    viewerCan: t.field({
      type: builder.objectRef<{ readContent: boolean; writeContent: boolean; manage: boolean }>("GroupPermissions").implement({
        fields: (p) => ({
          readContent: p.exposeBoolean("readContent"),
          writeContent: p.exposeBoolean("writeContent"),
          manage: p.exposeBoolean("manage"),
        }),
      }),
      resolve: (group, _a, ctx) => groupAccess(ctx.actor, group.id),
    }),
  }),
});

export const GroupMemberRef = builder.prismaNode("GroupMember", {
  id: { field: "id" },
  nullable: true,
  authScopes: (member, ctx) => groupAccess(ctx.actor, member.groupId).metadata,
  fields: (t) => ({
    role: t.expose("role", { type: GroupRoleEnum }),
    joinedAt: t.expose("joinedAt", { type: "DateTime" }),
    user: t.relation("user"),
    group: t.relation("group"),
  }),
});

export function peerGroupSizeWarning(kind: string, size: number): string | null {
  if (kind !== "PEER") return null;
  const { min, max } = PEER_GROUP_LIMITS.sweetSpot;
  if (size < min) return `Peer groups work best with ${min}–${max} teachers; this one has ${size}.`;
  if (size > max) return `Peer groups work best with ${min}–${max} teachers; this one has ${size}. Consider splitting it.`;
  return null;
}

builder.queryFields((t) => ({
  myGroups: t.prismaConnection({
    type: "Group",
    cursor: "id",
    totalCount: (_parent, args, ctx) => ctx.prisma.group.count({ where: myGroupsWhere(ctx.actor, args.kind, args.includeArchived) }),
    authScopes: { signedIn: true },
    args: { kind: t.arg({ type: GroupKindEnum, required: false }), includeArchived: t.arg.boolean({ defaultValue: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.group.findMany({ ...query, where: myGroupsWhere(ctx.actor, args.kind, args.includeArchived), orderBy: [{ name: "asc" }, { id: "asc" }] }),
  }),
}));

function myGroupsWhere(actor: import("../policies/actor.ts").Actor, kind?: "PEER" | "PLC" | null, includeArchived?: boolean | null) {
  const ids = actor.kind === "user" ? [...actor.groups.values()].filter((g) => g.membership).map((g) => g.id) : [];
  return {
    AND: [readableGroupsWhere(actor), { id: { in: ids } }],
    ...(kind ? { kind } : {}),
    ...(includeArchived ? {} : { archivedAt: null }),
  };
}

const name = z.string().trim().min(2, "must be at least 2 characters").max(120);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

const MemberInput = builder.inputType("GroupMemberInput", {
  fields: (f) => ({
    userId: f.globalID({ required: true, for: UserRef }),
    role: f.field({ type: GroupRoleEnum, required: false, description: "PLCs only; peer group members are all MEMBER." }),
  }),
});

builder.mutationFields((t) => ({
  createGroup: t.prismaField({
    type: "Group",
    description: "Start a peer group (you join it) or a PLC (coaches and admins).",
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateGroupInput", {
          fields: (f) => ({
            schoolId: f.globalID({ required: true, for: SchoolRef }),
            kind: f.field({ type: GroupKindEnum, required: true }),
            name: f.string({ required: true, validate: name }),
            focus: f.string({ required: false, validate: optionalText(500) }),
            gradeLevel: f.string({ required: false, validate: optionalText(40) }),
            subject: f.string({ required: false, validate: optionalText(80) }),
            meetingCadence: f.string({ required: false, validate: optionalText(120) }),
            members: f.field({ type: [MemberInput], required: false, validate: z.array(z.any()).max(60) }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const actor = ctx.actor;
      const schoolId = input.schoolId.id;
      if (actor.kind !== "user" || !canCreateGroup(actor, schoolId, input.kind)) throw forbidden();
      const requested = new Map<string, "MEMBER" | "FACILITATOR">();
      for (const m of input.members ?? []) requested.set(m.userId.id, input.kind === "PEER" ? "MEMBER" : (m.role ?? "MEMBER"));
      // A teacher who starts a peer group is in it; a leader starting one is only its convener.
      const creatorRole = actor.schools.get(schoolId);
      if (input.kind === "PEER" && creatorRole === "TEACHER") requested.set(actor.userId, "MEMBER");
      if (input.kind === "PEER" && (requested.size < PEER_GROUP_LIMITS.min || requested.size > PEER_GROUP_LIMITS.max)) {
        throw ValidationError.field("input.members", `A peer group has ${PEER_GROUP_LIMITS.min}–${PEER_GROUP_LIMITS.max} members; this one would have ${requested.size}.`);
      }
      await assertSchoolMembers(ctx.prisma, schoolId, [...requested.keys()]);
      const group = await ctx.prisma.group.create({
        ...query,
        data: {
          schoolId,
          kind: input.kind,
          name: input.name.trim(),
          focus: input.focus?.trim() ?? "",
          gradeLevel: input.kind === "PLC" ? (input.gradeLevel?.trim() ?? null) : null,
          subject: input.kind === "PLC" ? (input.subject?.trim() ?? null) : null,
          meetingCadence: input.meetingCadence?.trim() ?? null,
          members: { create: [...requested].map(([userId, role]) => ({ userId, role })) },
        },
      });
      return group;
    },
  }),
  updateGroup: t.prismaField({
    type: "Group",
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("UpdateGroupInput", {
          fields: (f) => ({
            groupId: f.globalID({ required: true, for: GroupRef }),
            name: f.string({ required: false, validate: name }),
            focus: f.string({ required: false, validate: optionalText(500) }),
            gradeLevel: f.string({ required: false, validate: optionalText(40) }),
            subject: f.string({ required: false, validate: optionalText(80) }),
            meetingCadence: f.string({ required: false, validate: optionalText(120) }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const group = await loadManagedGroup(ctx, input.groupId.id, { allowArchived: false });
      return ctx.prisma.group.update({
        ...query,
        where: { id: group.id },
        data: {
          ...(input.name ? { name: input.name.trim() } : {}),
          ...(input.focus != null ? { focus: input.focus.trim() } : {}),
          ...(input.meetingCadence !== undefined ? { meetingCadence: input.meetingCadence?.trim() ?? null } : {}),
          ...(group.kind === "PLC" && input.gradeLevel !== undefined ? { gradeLevel: input.gradeLevel?.trim() ?? null } : {}),
          ...(group.kind === "PLC" && input.subject !== undefined ? { subject: input.subject?.trim() ?? null } : {}),
        },
      });
    },
  }),
  addGroupMember: t.prismaField({
    type: "GroupMember",
    errors: { types: COMMON_ERRORS },
    args: {
      groupId: t.arg.globalID({ required: true, for: GroupRef }),
      member: t.arg({ type: MemberInput, required: true }),
    },
    resolve: async (query, _root, { groupId, member }, ctx) => {
      const group = await loadManagedGroup(ctx, groupId.id, { allowArchived: false });
      const userId = member.userId.id;
      await assertSchoolMembers(ctx.prisma, group.schoolId, [userId]);
      const size = await ctx.prisma.groupMember.count({ where: { groupId: group.id } });
      if (group.kind === "PEER" && size >= PEER_GROUP_LIMITS.max) {
        throw new RuleViolationError(`A peer group has at most ${PEER_GROUP_LIMITS.max} members.`);
      }
      if (await ctx.prisma.groupMember.findUnique({ where: { groupId_userId: { groupId: group.id, userId } } })) {
        throw new ConflictError("That person is already in the group.");
      }
      const created = await ctx.prisma.groupMember.create({
        ...query,
        data: { groupId: group.id, userId, role: group.kind === "PEER" ? "MEMBER" : (member.role ?? "MEMBER") },
      });
      publishActivity(ctx, await recordActivity(ctx.prisma, { schoolId: group.schoolId, groupId: group.id, actorId: actingUserId(ctx.actor), type: "MEMBER_JOINED", subjectId: userId }));
      return created;
    },
  }),
  removeGroupMember: t.field({
    type: "Boolean",
    errors: { types: COMMON_ERRORS },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }), userId: t.arg.globalID({ required: true, for: UserRef }) },
    resolve: async (_root, { groupId, userId }, ctx) => {
      const leaving = ctx.actor.kind === "user" && ctx.actor.userId === userId.id;
      // Anyone may leave a group; removing someone else takes a manager.
      const group = leaving ? await loadKnownGroup(ctx, groupId.id) : await loadManagedGroup(ctx, groupId.id, { allowArchived: true });
      const membership = await ctx.prisma.groupMember.findUnique({ where: { groupId_userId: { groupId: group.id, userId: userId.id } } });
      if (!membership) throw new NotFoundError("That group member");
      const size = await ctx.prisma.groupMember.count({ where: { groupId: group.id } });
      if (group.kind === "PEER" && !group.archivedAt && size <= PEER_GROUP_LIMITS.min) {
        throw new RuleViolationError(`A peer group needs at least ${PEER_GROUP_LIMITS.min} members; archive it instead.`);
      }
      await ctx.prisma.groupMember.delete({ where: { id: membership.id } });
      await ctx.services.events.accessChanged({ userIds: [userId.id] });
      publishActivity(ctx, await recordActivity(ctx.prisma, { schoolId: group.schoolId, groupId: group.id, actorId: actingUserId(ctx.actor), type: "MEMBER_LEFT", subjectId: userId.id }));
      return true;
    },
  }),
  archiveGroup: t.prismaField({
    type: "Group",
    errors: { types: COMMON_ERRORS },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }), archived: t.arg.boolean({ defaultValue: true }) },
    resolve: async (query, _root, { groupId, archived }, ctx) => {
      const group = await loadManagedGroup(ctx, groupId.id, { allowArchived: true });
      const updated = await ctx.prisma.group.update({ ...query, where: { id: group.id }, data: { archivedAt: archived === false ? null : (group.archivedAt ?? new Date()) } });
      // An archived group's documents become read-only for everyone editing them now.
      await ctx.services.events.accessChanged({ groupIds: [group.id] });
      return updated;
    },
  }),
}));

type Ctx = import("../context.ts").Context;

// Kept here for schema/action-items.ts until action plans move; new code imports policies/groups.ts.
export { loadKnownGroup, loadManagedGroup } from "../policies/groups.ts";

async function assertSchoolMembers(prisma: PrismaClient, schoolId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  const found = await prisma.schoolMember.count({ where: { schoolId, userId: { in: userIds } } });
  if (found !== new Set(userIds).size) throw ValidationError.field("input.members", "Everyone in a group must be on the school's staff.");
}
