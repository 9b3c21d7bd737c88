// Schools (tenants) and their staff.
import { z } from "zod";
import { addSchoolMember } from "../commands/addSchoolMember.ts";
import { changeSchoolMemberRole } from "../commands/changeSchoolMemberRole.ts";
import { createSchool } from "../commands/createSchool.ts";
import { removeSchoolMember } from "../commands/removeSchoolMember.ts";
import { deactivateSchoolMember } from "../commands/deactivateSchoolMember.ts";
import { reactivateSchoolMember } from "../commands/reactivateSchoolMember.ts";
import { canReadSchool, canSeeSchoolMember, staffListWhere } from "../policies/schools.ts";
import { updateSchool } from "../commands/updateSchool.ts";
import { loadUserActor } from "../auth/load-actor.ts";
import { canonicalTimeZone, SCHOOL_LIMITS, tidyList } from "../domain/schools.ts";
import { holdsScope, schoolRole } from "../policies/actor.ts";
import { readableGroupsWhere } from "../policies/groups.ts";
import { builder } from "./builder.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { GroupKindEnum, SchoolRoleEnum } from "./enums.ts";

const SchoolMemberStatusEnum = builder.enumType("SchoolMemberStatus", {
  values: {
    ACTIVE: { description: "On the staff." },
    DEACTIVATED: { description: "Deactivated by an admin: cannot sign in to the school or read anything in it; what they wrote stays." },
  } as const,
});

export const SchoolRef = builder.prismaNode("School", {
  id: { field: "id" },
  nullable: true,
  // Its name, address and the viewer's role, under any scope: a token is narrowed to its school, and
  // a group or a goal names its school. The staff list below takes SCHOOL_READ.
  authScopes: (school, ctx) => schoolRole(ctx.actor, school.id) !== null,
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
    members: t.prismaConnection({
      type: "SchoolMember",
      cursor: "id",
      description:
        "The school's staff, by name (an API token needs SCHOOL_READ; without it the list is empty). Admins see everyone (deactivated people with status: DEACTIVATED) and may search by email address; everyone else on the staff sees the active members and searches by name.",
      args: {
        role: t.arg({ type: SchoolRoleEnum, required: false }),
        status: t.arg({
          type: SchoolMemberStatusEnum,
          defaultValue: "ACTIVE",
          description: "ACTIVE (the default) or DEACTIVATED, which only the school's admins are shown (anyone else finds no one).",
        }),
        search: t.arg.string({
          required: false,
          description: "Part of a name (or, for admins, of an email address); case-insensitive.",
          validate: z.string().max(100, "must be at most 100 characters"),
        }),
      },
      // The count answers to the same filter as the rows, so it tells no more than they show.
      totalCount: (school, args, ctx) => ctx.prisma.schoolMember.count({ where: staffListWhere(ctx.actor, school.id, args) }),
      resolve: (query, school, args, ctx) =>
        ctx.prisma.schoolMember.findMany({
          ...query,
          where: staffListWhere(ctx.actor, school.id, args),
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
  // A deactivated member is seen by the school's admins only: to the rest of the staff they left.
  authScopes: (member, ctx) => canSeeSchoolMember(ctx.actor, member),
  fields: (t) => ({
    role: t.expose("role", { type: SchoolRoleEnum }),
    joinedAt: t.expose("createdAt", { type: "DateTime" }),
    status: t.field({ type: SchoolMemberStatusEnum, resolve: (member) => (member.deactivatedAt ? "DEACTIVATED" : "ACTIVE") }),
    deactivatedAt: t.expose("deactivatedAt", { type: "DateTime", nullable: true }),
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
    description: "Give a member another role. Admins only; the school's last active admin stays an admin.",
    errors: { types: COMMON_ERRORS },
    args: {
      memberId: t.arg.globalID({ required: true, for: SchoolMemberRef }),
      role: t.arg({ type: SchoolRoleEnum, required: true }),
    },
    resolve: (query, _root, { memberId, role }, ctx) => changeSchoolMemberRole(ctx, { memberId: memberId.id, role }, query),
  }),
  deactivateSchoolMember: t.prismaField({
    type: "SchoolMember",
    description:
      "Deactivate a member (admins only, not yourself): they count as not a member anywhere in the school, cannot sign in to it, their sign-in sessions and their API tokens for the school are revoked, and their live documents and subscriptions end before this returns. What they wrote stays. Deactivating a deactivated member changes nothing.",
    errors: { types: COMMON_ERRORS },
    args: { memberId: t.arg.globalID({ required: true, for: SchoolMemberRef }) },
    resolve: (query, _root, { memberId }, ctx) => deactivateSchoolMember(ctx, memberId.id, query),
  }),
  reactivateSchoolMember: t.prismaField({
    type: "SchoolMember",
    description:
      "Reactivate a deactivated member (admins only), with the role and groups they had. Their revoked sessions and tokens stay revoked: they sign in again.",
    errors: { types: COMMON_ERRORS },
    args: { memberId: t.arg.globalID({ required: true, for: SchoolMemberRef }) },
    resolve: (query, _root, { memberId }, ctx) => reactivateSchoolMember(ctx, memberId.id, query),
  }),
  removeSchoolMember: t.field({
    description:
      "Take someone off the staff for good: their membership and their group memberships in the school are deleted (what they wrote stays). The web app deactivates instead, which can be undone.",
    type: "Boolean",
    errors: { types: COMMON_ERRORS },
    args: { memberId: t.arg.globalID({ required: true, for: SchoolMemberRef }) },
    resolve: async (_root, { memberId }, ctx) => {
      await removeSchoolMember(ctx, memberId.id);
      return true;
    },
  }),
}));
