// Schools (tenants) and their staff.
import { z } from "zod";
import { addSchoolMember } from "../commands/addSchoolMember.ts";
import { changeSchoolMemberRole } from "../commands/changeSchoolMemberRole.ts";
import { createSchool } from "../commands/createSchool.ts";
import { removeSchoolMember } from "../commands/removeSchoolMember.ts";
import { updateSchool } from "../commands/updateSchool.ts";
import { loadUserActor } from "../auth/load-actor.ts";
import { canonicalTimeZone, SCHOOL_LIMITS, tidyList } from "../domain/schools.ts";
import { canReadSchool } from "../policies/schools.ts";
import { readableGroupsWhere } from "../policies/groups.ts";
import { builder } from "./builder.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { GroupKindEnum, SchoolRoleEnum } from "./enums.ts";

export const SchoolRef = builder.prismaNode("School", {
  id: { field: "id" },
  nullable: true,
  authScopes: (school, ctx) => canReadSchool(ctx.actor, school.id),
  fields: (t) => ({
    name: t.exposeString("name"),
    slug: t.exposeString("slug"),
    timeZone: t.exposeString("timeZone", { description: "The school's IANA time zone, e.g. America/Chicago." }),
    gradeLevels: t.exposeStringList("gradeLevels", { description: "The grade levels the school teaches, in the order its admins gave them." }),
    subjects: t.exposeStringList("subjects", { description: "The subjects the school teaches, in the order its admins gave them." }),
    viewerRole: t.field({
      type: SchoolRoleEnum,
      nullable: true,
      resolve: (school, _a, ctx) => (ctx.actor.kind === "user" ? (ctx.actor.schools.get(school.id) ?? null) : null),
    }),
    members: t.relatedConnection("members", {
      cursor: "id",
      totalCount: true,
      args: { role: t.arg({ type: SchoolRoleEnum, required: false }) },
      query: (args) => ({
        where: args.role ? { role: args.role } : {},
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
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case letters, digits and dashes")
  .max(60, "must be at most 60 characters");

// The settings a school is created with and its admins change (the same rules for both).
const schoolName = z
  .string()
  .trim()
  .min(SCHOOL_LIMITS.name.min, `must be at least ${SCHOOL_LIMITS.name.min} characters`)
  .max(SCHOOL_LIMITS.name.max, `must be at most ${SCHOOL_LIMITS.name.max} characters`);
const timeZone = z
  .string()
  .max(64, "must be a time zone such as America/Chicago")
  .refine((zone) => canonicalTimeZone(zone) !== null, "must be a time zone such as America/Chicago");
const list = (what: string, limit: { count: number; length: number }) =>
  z
    .array(z.string().max(limit.length, `each of the ${what} must be at most ${limit.length} characters`))
    .refine((values) => tidyList(values).length <= limit.count, `must be at most ${limit.count} ${what}`);
const gradeLevels = list("grade levels", SCHOOL_LIMITS.gradeLevels);
const subjects = list("subjects", SCHOOL_LIMITS.subjects);

/** Input as stored: the name trimmed, the time zone canonical, the lists tidied. */
function tidySettings<T extends { name?: string | null; timeZone?: string | null; gradeLevels?: string[] | null; subjects?: string[] | null }>(input: T) {
  return {
    ...(input.name != null ? { name: input.name.trim() } : {}),
    ...(input.timeZone != null ? { timeZone: canonicalTimeZone(input.timeZone)! } : {}),
    ...(input.gradeLevels != null ? { gradeLevels: tidyList(input.gradeLevels) } : {}),
    ...(input.subjects != null ? { subjects: tidyList(input.subjects) } : {}),
  };
}

builder.mutationFields((t) => ({
  createSchool: t.prismaField({
    type: "School",
    description: "Start a new school; you become its first admin.",
    authScopes: { session: true },
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateSchoolInput", {
          // One schema for the whole input, so every problem is reported at once.
          validate: z.object({
            name: schoolName,
            slug: slug.nullish(),
            timeZone: timeZone.nullish(),
            gradeLevels: gradeLevels.nullish(),
            subjects: subjects.nullish(),
          }),
          fields: (f) => ({
            name: f.string({ required: true }),
            slug: f.string({
              required: false,
              description: "The school's address (lower-case letters, digits, dashes). Without one, it is made from the name.",
            }),
            timeZone: f.string({ required: false, description: "An IANA time zone; UTC when not given." }),
            gradeLevels: f.stringList({ required: false }),
            subjects: f.stringList({ required: false }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const created = await createSchool(ctx, {
        name: input.name.trim(),
        slug: input.slug ? input.slug.trim().toLowerCase() : null,
        timeZone: "UTC",
        gradeLevels: [],
        subjects: [],
        ...tidySettings(input),
      });
      // The rest of this response is read by the school's new admin (the actor was loaded before it existed).
      const { actor } = ctx;
      if (actor.kind === "user") ctx.actor = await loadUserActor(ctx.prisma, actor.userId, { authSessionId: actor.authSessionId, apiToken: actor.apiToken });
      return ctx.prisma.school.findUniqueOrThrow({ ...query, where: { id: created.id } });
    },
  }),
  updateSchool: t.prismaField({
    type: "School",
    description: "Change a school's name, time zone, grade levels or subjects (those given). Admins only.",
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("UpdateSchoolInput", {
          // Loose: the validated input replaces the given one, and schoolId must come through.
          validate: z.looseObject({
            name: schoolName.nullish(),
            timeZone: timeZone.nullish(),
            gradeLevels: gradeLevels.nullish(),
            subjects: subjects.nullish(),
          }),
          fields: (f) => ({
            schoolId: f.globalID({ required: true, for: SchoolRef }),
            name: f.string({ required: false }),
            timeZone: f.string({ required: false }),
            gradeLevels: f.stringList({ required: false }),
            subjects: f.stringList({ required: false }),
          }),
        }),
      }),
    },
    resolve: (query, _root, { input }, ctx) => updateSchool(ctx, { schoolId: input.schoolId.id, ...tidySettings(input) }, query),
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
