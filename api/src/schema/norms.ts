// A group's norms: the working agreements it keeps, in order, and who has agreed to them.
// Norms are group content; those who manage the group write them, and each member accepts them.
import { z } from "zod";
import type { Context } from "../context.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { contentReadableGroupIds, groupAccess } from "../policies/groups.ts";
import { builder } from "./builder.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { forbidden, NotFoundError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import { GroupRef, loadKnownGroup, loadManagedGroup } from "./groups.ts";

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

// ───────────── helpers ─────────────

type Db = Prisma.TransactionClient;

async function loadManagedNorm(ctx: Context, normId: string) {
  const norm = await ctx.prisma.norm.findUnique({ where: { id: normId } });
  if (!norm || !groupAccess(ctx.actor, norm.groupId).readContent) throw new NotFoundError("That norm");
  const group = await loadManagedGroup(ctx, norm.groupId, { allowArchived: false });
  return { norm, group };
}

/** Norm edits in one group take turns, so positions stay 0..n-1 with no gaps or twins. */
async function lockGroup(tx: Db, groupId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Group" WHERE "id" = ${groupId}::uuid FOR UPDATE`;
}

function currentNorms(tx: Db, groupId: string) {
  return tx.norm.findMany({ where: { groupId }, select: { id: true, position: true }, orderBy: [{ position: "asc" }, { id: "asc" }] });
}

async function renumberNorms(tx: Db, ordered: { id: string; position: number }[]) {
  for (const [index, norm] of ordered.entries()) {
    if (norm.position !== index) await tx.norm.update({ where: { id: norm.id }, data: { position: index } });
  }
}

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

// ───────────── mutations ─────────────

builder.mutationFields((t) => ({
  addNorm: t.prismaField({
    type: "Norm",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: AddNormInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const group = await loadManagedGroup(ctx, input.groupId.id, { allowArchived: false });
      if (!groupAccess(ctx.actor, group.id).readContent) throw forbidden();
      const id = await ctx.prisma.$transaction(async (tx) => {
        await lockGroup(tx, group.id);
        const norms = await currentNorms(tx, group.id);
        const at = Math.min(input.position ?? norms.length, norms.length);
        const created = await tx.norm.create({ data: { groupId: group.id, position: at, text: input.text } });
        norms.splice(at, 0, created);
        await renumberNorms(tx, norms);
        return created.id;
      });
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
      const { norm } = await loadManagedNorm(ctx, input.normId.id);
      if (norm.text !== input.text) {
        await ctx.prisma.$transaction([
          ctx.prisma.normAcceptance.deleteMany({ where: { normId: norm.id } }),
          ctx.prisma.norm.update({ where: { id: norm.id }, data: { text: input.text } }),
        ]);
      }
      return ctx.prisma.norm.findUniqueOrThrow({ ...query, where: { id: norm.id } });
    },
  }),
  removeNorm: t.prismaField({
    type: "Group",
    description: "Remove a norm; the norms after it move up. Returns the group.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { normId: t.arg.globalID({ required: true, for: NormRef }) },
    resolve: async (query, _root, { normId }, ctx) => {
      const { norm, group } = await loadManagedNorm(ctx, normId.id);
      await ctx.prisma.$transaction(async (tx) => {
        await lockGroup(tx, group.id);
        await tx.norm.deleteMany({ where: { id: norm.id } });
        await renumberNorms(tx, await currentNorms(tx, group.id));
      });
      return ctx.prisma.group.findUniqueOrThrow({ ...query, where: { id: group.id } });
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
      const group = await loadManagedGroup(ctx, groupId.id, { allowArchived: false });
      if (!groupAccess(ctx.actor, group.id).readContent) throw forbidden();
      const wanted = normIds.map((g) => g.id);
      await ctx.prisma.$transaction(async (tx) => {
        await lockGroup(tx, group.id);
        const norms = await currentNorms(tx, group.id);
        const known = new Set(norms.map((n) => n.id));
        if (wanted.length !== known.size || new Set(wanted).size !== wanted.length || !wanted.every((id) => known.has(id))) {
          throw ValidationError.field("normIds", "List every norm of this group exactly once.");
        }
        const positions = new Map(norms.map((n) => [n.id, n.position]));
        await renumberNorms(tx, wanted.map((id) => ({ id, position: positions.get(id) ?? -1 })));
      });
      return ctx.prisma.group.findUniqueOrThrow({ ...query, where: { id: group.id } });
    },
  }),
  acceptNorms: t.prismaField({
    type: "Group",
    description: "The viewer, a member of the group, accepts all its current norms. Accepting again changes nothing.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }) },
    resolve: async (query, _root, { groupId }, ctx) => {
      const group = await loadKnownGroup(ctx, groupId.id);
      const actor = ctx.actor;
      if (actor.kind !== "user" || actor.groups.get(group.id)?.membership == null) throw forbidden("Only members of the group accept its norms.");
      if (group.archivedAt) throw new RuleViolationError("This group is archived.", "ARCHIVED");
      if (!groupAccess(actor, group.id).writeContent) throw forbidden();
      const norms = await ctx.prisma.norm.findMany({ where: { groupId: group.id }, select: { id: true } });
      await ctx.prisma.normAcceptance.createMany({ data: norms.map((n) => ({ normId: n.id, userId: actor.userId })), skipDuplicates: true });
      return ctx.prisma.group.findUniqueOrThrow({ ...query, where: { id: group.id } });
    },
  }),
}));
