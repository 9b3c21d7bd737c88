// A group's norms: the working agreements it keeps, in order, and who has agreed to them.
// Norms are group content; those who manage the group write them, and each member accepts them.
import { z } from "zod";
import { acceptNorms } from "../commands/acceptNorms.ts";
import type { Context } from "../context.ts";
import { addNorm } from "../commands/addNorm.ts";
import { removeNorm } from "../commands/removeNorm.ts";
import { reorderNorms } from "../commands/reorderNorms.ts";
import { updateNorm } from "../commands/updateNorm.ts";
import { contentReadableGroupIds, groupAccess } from "../policies/groups.ts";
import { builder } from "./builder.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { GroupRef } from "./groups.ts";

export const NormRef = builder.prismaNode("Norm", {
  id: { field: "id" },
  nullable: true,
  description: "One of a group's working agreements.",
  authScopes: (norm, ctx) => groupAccess(ctx.actor, norm.groupId).readContent,
  fields: (t) => ({
    text: t.exposeString("text"),
    position: t.exposeInt("position", { description: "0-based; a group's norm positions are always 0..n-1." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    group: t.relation("group"),
    acceptances: t.relatedConnection("acceptances", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: [{ acceptedAt: "asc" }, { id: "asc" }] },
    }),
    acceptedCount: t.relationCount("acceptances", { description: "How many people have accepted this norm (since its text last changed)." }),
    acceptedByViewer: t.boolean({
      select: (_args, ctx) => ({ acceptances: { where: { userId: { in: viewerIds(ctx) } }, select: { id: true } } }),
      resolve: (norm) => norm.acceptances.length > 0,
    }),
  }),
});

export const NormAcceptanceRef = builder.prismaNode("NormAcceptance", {
  id: { field: "id" },
  nullable: true,
  include: { norm: { select: { groupId: true } } },
  authScopes: (acceptance, ctx) => groupAccess(ctx.actor, acceptance.norm.groupId).readContent,
  fields: (t) => ({
    acceptedAt: t.expose("acceptedAt", { type: "DateTime" }),
    user: t.relation("user"),
    norm: t.relation("norm"),
  }),
});

function viewerIds(ctx: Context): string[] {
  return ctx.actor.kind === "user" ? [ctx.actor.userId] : [];
}

builder.prismaObjectFields("Group", (t) => ({
  norms: t.relatedConnection("norms", {
    cursor: "id",
    totalCount: true,
    description: "The group's norms in order. Empty for viewers who see the group but not its content.",
    query: (_args, ctx) => ({
      where: { groupId: { in: contentReadableGroupIds(ctx.actor) } },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    }),
  }),
  normsAcceptedByAll: t.boolean({
    nullable: true,
    description: "Whether every current member has accepted every norm; null for viewers who do not read the group's content.",
    select: {
      members: { select: { userId: true } },
      norms: { select: { acceptances: { select: { userId: true } } } },
    },
    resolve: (group, _args, ctx) => {
      if (!groupAccess(ctx.actor, group.id).readContent) return null;
      return group.norms.every((norm) => {
        const accepted = new Set(norm.acceptances.map((a) => a.userId));
        return group.members.every((m) => accepted.has(m.userId));
      });
    },
  }),
}));

const normText = z.string().trim().min(3, "at least 3 characters").max(500, "at most 500 characters");

const AddNormInput = builder.inputType("AddNormInput", {
  fields: (f) => ({
    groupId: f.globalID({ required: true, for: GroupRef }),
    text: f.string({ required: true }),
    position: f.int({ required: false, description: "Where to insert (0-based); defaults to the end." }),
  }),
  validate: z.looseObject({ text: normText, position: z.number().int().min(0, "can't be negative").nullish() }),
});

const UpdateNormInput = builder.inputType("UpdateNormInput", {
  fields: (f) => ({
    normId: f.globalID({ required: true, for: NormRef }),
    text: f.string({ required: true }),
  }),
  validate: z.looseObject({ text: normText }),
});

// ───────────── mutations: parse → command → payload ─────────────

builder.mutationFields((t) => ({
  addNorm: t.prismaField({
    type: "Norm",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: AddNormInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await addNorm(ctx, { ...input, groupId: input.groupId.id });
      return ctx.prisma.norm.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateNorm: t.prismaField({
    type: "Norm",
    description: "Reword a norm. Changing its words clears its acceptances: people agreed to the old words.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: UpdateNormInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await updateNorm(ctx, { normId: input.normId.id, text: input.text });
      return ctx.prisma.norm.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  removeNorm: t.prismaField({
    type: "Group",
    description: "Remove a norm; the norms after it move up. Returns the group.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { normId: t.arg.globalID({ required: true, for: NormRef }) },
    resolve: async (query, _root, { normId }, ctx) => {
      const groupId = await removeNorm(ctx, normId.id);
      return ctx.prisma.group.findUniqueOrThrow({ ...query, where: { id: groupId } });
    },
  }),
  reorderNorms: t.prismaField({
    type: "Group",
    description: "Put the norms in this order. The list must name every norm of the group exactly once.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: {
      groupId: t.arg.globalID({ required: true, for: GroupRef }),
      normIds: t.arg.globalIDList({ required: true, for: NormRef }),
    },
    resolve: async (query, _root, { groupId, normIds }, ctx) => {
      await reorderNorms(ctx, { groupId: groupId.id, normIds: normIds.map((g) => g.id) });
      return ctx.prisma.group.findUniqueOrThrow({ ...query, where: { id: groupId.id } });
    },
  }),
  acceptNorms: t.prismaField({
    type: "Group",
    description: "The viewer, a member of the group, accepts all its current norms. Accepting again changes nothing.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }) },
    resolve: async (query, _root, { groupId }, ctx) => {
      await acceptNorms(ctx, groupId.id);
      return ctx.prisma.group.findUniqueOrThrow({ ...query, where: { id: groupId.id } });
    },
  }),
}));
