// Schools (tenants) and their staff.
import { z } from "zod";
import { addSchoolMember } from "../commands/addSchoolMember.ts";
import { changeSchoolMemberRole } from "../commands/changeSchoolMemberRole.ts";
import { createSchool } from "../commands/createSchool.ts";
import { removeSchoolMember } from "../commands/removeSchoolMember.ts";
import { holdsScope, schoolRole } from "../policies/actor.ts";
import { canReadSchool } from "../policies/schools.ts";
import { readableGroupsWhere } from "../policies/groups.ts";
import { builder } from "./builder.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { GroupKindEnum, SchoolRoleEnum } from "./enums.ts";

export const SchoolRef = builder.prismaNode("School", {
  id: { field: "id" },
  nullable: true,
  // Its name, address and the viewer's role, under any scope: a token is narrowed to its school, and
  // a group or a goal names its school. The staff list below takes SCHOOL_READ.
  authScopes: (school, ctx) => schoolRole(ctx.actor, school.id) !== null,
  fields: (t) => ({
    name: t.exposeString("name"),
    slug: t.exposeString("slug"),
    viewerRole: t.field({
      type: SchoolRoleEnum,
      nullable: true,
      resolve: (school, _a, ctx) => (ctx.actor.kind === "user" ? (ctx.actor.schools.get(school.id) ?? null) : null),
    }),
    members: t.relatedConnection("members", {
      cursor: "id",
      totalCount: true,
      description: "The school's staff and their roles (an API token needs SCHOOL_READ; without it the list is empty).",
      args: { role: t.arg({ type: SchoolRoleEnum, required: false }) },
      query: (args, ctx) => ({
        where: { ...(args.role ? { role: args.role } : {}), ...(holdsScope(ctx.actor, "SCHOOL_READ") ? {} : { id: { in: [] } }) },
        orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
      }),
    }),
    groups: t.relatedConnection("groups", {
      cursor: "id",
      totalCount: true,
      description: "Every group of the school the viewer may see: their own, and for coaches and admins all of them (metadata only for peer groups).",
      args: {
        kind: t.arg({ type: GroupKindEnum, required: false }),
        includeArchived: t.arg.boolean({ defaultValue: false }),
      },
      query: (args, ctx) => ({
        where: {
          ...readableGroupsWhere(ctx.actor),
          ...(args.kind ? { kind: args.kind } : {}),
          ...(args.includeArchived ? {} : { archivedAt: null }),
        },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),
    }),
  }),
});

export const SchoolMemberRef = builder.prismaNode("SchoolMember", {
  id: { field: "id" },
  nullable: true,
  authScopes: (member, ctx) => canReadSchool(ctx.actor, member.schoolId),
  fields: (t) => ({
    role: t.expose("role", { type: SchoolRoleEnum }),
    joinedAt: t.expose("createdAt", { type: "DateTime" }),
    user: t.relation("user"),
    school: t.relation("school"),
  }),
});

builder.queryFields((t) => ({
  mySchools: t.prismaConnection({
    type: "School",
    cursor: "id",
    authScopes: { signedIn: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.school.findMany({
        ...query,
        where: { id: { in: ctx.actor.kind === "user" ? [...ctx.actor.schools.keys()] : [] } },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),
  }),
}));

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case letters, digits and dashes")
  .max(60);

builder.mutationFields((t) => ({
  createSchool: t.field({
    type: SchoolRef,
    description: "Start a new school; you become its first admin.",
    authScopes: { session: true },
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateSchoolInput", {
          fields: (f) => ({
            name: f.string({ required: true, validate: z.string().trim().min(2).max(120) }),
            slug: f.string({ required: true, validate: slug }),
          }),
        }),
      }),
    },
    resolve: (_root, { input }, ctx) => createSchool(ctx, { name: input.name.trim(), slug: input.slug.trim().toLowerCase() }),
  }),
  addSchoolMember: t.prismaField({
    type: "SchoolMember",
    description: "Add an existing account to the school by email, with a role. Admins only.",
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("AddSchoolMemberInput", {
          fields: (f) => ({
            schoolId: f.globalID({ required: true, for: SchoolRef }),
            email: f.string({ required: true, validate: z.string().trim().email().max(254) }),
            role: f.field({ type: SchoolRoleEnum, required: true }),
          }),
        }),
      }),
    },
    resolve: (query, _root, { input }, ctx) => addSchoolMember(ctx, { ...input, schoolId: input.schoolId.id }, query),
  }),
  changeSchoolMemberRole: t.prismaField({
    type: "SchoolMember",
    errors: { types: COMMON_ERRORS },
    args: {
      memberId: t.arg.globalID({ required: true, for: SchoolMemberRef }),
      role: t.arg({ type: SchoolRoleEnum, required: true }),
    },
    resolve: (query, _root, { memberId, role }, ctx) => changeSchoolMemberRole(ctx, { memberId: memberId.id, role }, query),
  }),
  removeSchoolMember: t.field({
    type: "Boolean",
    errors: { types: COMMON_ERRORS },
    args: { memberId: t.arg.globalID({ required: true, for: SchoolMemberRef }) },
    resolve: async (_root, { memberId }, ctx) => {
      await removeSchoolMember(ctx, memberId.id);
      return true;
    },
  }),
}));
