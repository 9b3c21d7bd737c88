// Groups: peer coaching groups (self-organized equals, 3–6 members) and PLCs (facilitated, steered by leaders).
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { addGroupMember } from "../commands/addGroupMember.ts";
import { archiveGroup } from "../commands/archiveGroup.ts";
import { changeGroupMemberRole } from "../commands/changeGroupMemberRole.ts";
import { createGroup } from "../commands/createGroup.ts";
import { leaveGroup, type GroupLeft } from "../commands/leaveGroup.ts";
import { removeGroupMember } from "../commands/removeGroupMember.ts";
import { unarchiveGroup } from "../commands/unarchiveGroup.ts";
import { updateGroup } from "../commands/updateGroup.ts";
import { peerGroupSizeWarning } from "../domain/groups.ts";
import { groupAccess, readableGroupsWhere } from "../policies/groups.ts";
import { builder } from "./builder.ts";
import { GroupKindEnum, GroupRoleEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { SchoolRef } from "./schools.ts";
import { UserRef } from "./users.ts";

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
      type: builder
        .objectRef<{ readContent: boolean; writeContent: boolean; manage: boolean; changeRoles: boolean; leave: boolean }>("GroupPermissions")
        .implement({
          fields: (p) => ({
            readContent: p.exposeBoolean("readContent"),
            writeContent: p.exposeBoolean("writeContent"),
            manage: p.exposeBoolean("manage", {
              description: "Change the group's settings and members, archive it, schedule and run its meetings.",
            }),
            changeRoles: p.exposeBoolean("changeRoles", { description: "Name the facilitators (PLCs only: a peer group has no roles)." }),
            leave: p.exposeBoolean("leave", { description: "Leave the group (anyone in it)." }),
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
    resolve: (query, _root, { input }, ctx) =>
      createGroup(ctx, { ...input, schoolId: input.schoolId.id, members: input.members?.map((m) => ({ userId: m.userId.id, role: m.role })) }, query),
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
    resolve: (query, _root, { input }, ctx) => updateGroup(ctx, { ...input, groupId: input.groupId.id }, query),
  }),
  addGroupMember: t.prismaField({
    type: "GroupMember",
    errors: { types: COMMON_ERRORS },
    args: {
      groupId: t.arg.globalID({ required: true, for: GroupRef }),
      member: t.arg({ type: MemberInput, required: true }),
    },
    resolve: (query, _root, { groupId, member }, ctx) => addGroupMember(ctx, { groupId: groupId.id, userId: member.userId.id, role: member.role }, query),
  }),
  removeGroupMember: t.field({
    type: "Boolean",
    errors: { types: COMMON_ERRORS },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }), userId: t.arg.globalID({ required: true, for: UserRef }) },
    resolve: async (_root, { groupId, userId }, ctx) => {
      await removeGroupMember(ctx, { groupId: groupId.id, userId: userId.id });
      return true;
    },
  }),
  leaveGroup: t.field({
    type: GroupLeftRef,
    description: "Leave a group. When the last member of a peer group leaves, the group is archived.",
    errors: { types: COMMON_ERRORS },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }) },
    resolve: (_root, { groupId }, ctx) => leaveGroup(ctx, { groupId: groupId.id }),
  }),
  changeGroupMemberRole: t.prismaField({
    type: "GroupMember",
    description: "Make a PLC member its facilitator, or a facilitator a member again (PLC managers). Peer groups have no roles.",
    errors: { types: COMMON_ERRORS },
    args: {
      memberId: t.arg.globalID({ required: true, for: GroupMemberRef }),
      role: t.arg({ type: GroupRoleEnum, required: true }),
    },
    resolve: (query, _root, { memberId, role }, ctx) => changeGroupMemberRole(ctx, { memberId: memberId.id, role }, query),
  }),
  archiveGroup: t.prismaField({
    type: "Group",
    description: "Archive a group: its work becomes read-only; unarchiveGroup brings it back.",
    errors: { types: COMMON_ERRORS },
    args: {
      groupId: t.arg.globalID({ required: true, for: GroupRef }),
      archived: t.arg.boolean({ defaultValue: true, deprecationReason: "Use unarchiveGroup to bring a group back." }),
    },
    resolve: (query, _root, { groupId, archived }, ctx) =>
      archived === false ? unarchiveGroup(ctx, { groupId: groupId.id }, query) : archiveGroup(ctx, { groupId: groupId.id }, query),
  }),
  unarchiveGroup: t.prismaField({
    type: "Group",
    description: "Bring an archived group back: its work can be changed again.",
    errors: { types: COMMON_ERRORS },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }) },
    resolve: (query, _root, { groupId }, ctx) => unarchiveGroup(ctx, { groupId: groupId.id }, query),
  }),
}));

const GroupLeftRef = builder.objectRef<GroupLeft>("GroupLeft").implement({
  description: "You left the group.",
  fields: (t) => ({
    groupId: t.id({ resolve: (left) => encodeGlobalID("Group", left.groupId) }),
    archived: t.exposeBoolean("archived", { description: "The group is archived (you were the last member of a peer group, or it already was)." }),
  }),
});
