// Action items: who does what by when, in a group. Group content, so the group's readers read
// them and its writers change them; leadership's overdue list covers PLCs only.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { GraphQLError } from "graphql";
import { z } from "zod";
import * as Y from "yjs";
import { actionItemsArray } from "../collab/content/layout.ts";
import { dateKey, findItemMap, lockActionPlan, newItemKey, newItemMap } from "../collab/action-plan-projection.ts";
import type { ActionItem, Prisma } from "../generated/prisma/client.ts";
import type { ActionStatus } from "../generated/prisma/enums.ts";
import { publishActivity } from "../commands/publishActivity.ts";
import { recordActivity } from "../commands/recordActivity.ts";
import { groupAccess } from "../policies/groups.ts";
import { actionItemAccess, overdueWatchGroupIds, readableActionItemsWhere } from "../policies/action-items.ts";
import { holdsScope } from "../policies/actor.ts";
import { builder } from "./builder.ts";
import { ActionStatusEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { forbidden, NotFoundError, RuleViolationError, ValidationError } from "./errors.ts";
import { GroupRef, loadKnownGroup } from "./groups.ts";
import { SchoolRef } from "./schools.ts";
import { UserRef } from "./users.ts";

type Ctx = import("../context.ts").Context;

/** Due dates are calendar dates, stored and compared as UTC midnights. */
function startOfTodayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function daysFromToday(days: number): Date {
  const today = startOfTodayUtc();
  return new Date(today.getTime() + days * 86_400_000);
}

export function isOverdue(item: { dueDate: Date | null; status: ActionStatus }): boolean {
  return item.dueDate !== null && item.dueDate < startOfTodayUtc() && item.status !== "DONE";
}

const overdueWhere = (): Prisma.ActionItemWhereInput => ({ dueDate: { lt: startOfTodayUtc() }, status: { not: "DONE" } });

// Undated items go last: they are the ones nobody has committed to a date for yet.
const ACTION_ITEM_ORDER: Prisma.ActionItemOrderByWithRelationInput[] = [
  { dueDate: { sort: "asc", nulls: "last" } },
  { createdAt: "asc" },
  { id: "asc" },
];

export const ActionItemRef = builder.prismaNode("ActionItem", {
  id: { field: "id" },
  nullable: true,
  authScopes: (item, ctx) => actionItemAccess(ctx.actor, item) !== "none",
  fields: (t) => ({
    title: t.exposeString("title"),
    dueDate: t.expose("dueDate", { type: "Date", nullable: true }),
    status: t.expose("status", { type: ActionStatusEnum }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    overdue: t.boolean({
      description: "Due before today and not done.",
      resolve: (item) => isOverdue(item),
    }),
    group: t.relation("group"),
    document: t.relation("document", { nullable: true, description: "The action plan the item belongs to, if any." }),
    owners: t.field({
      type: [UserRef],
      description: "Who has taken the item on.",
      // Loaded through the join rows in the statement that loads the item: no query per item.
      select: (_args, _ctx, nestedSelection) => ({
        owners: { orderBy: { user: { name: "asc" } }, select: { user: nestedSelection({ include: { schoolMemberships: { select: { schoolId: true } } } }) } },
      }),
      resolve: (item) => item.owners.map((o) => o.user),
    }),
    viewerCanEdit: t.boolean({ resolve: (item, _a, ctx) => actionItemAccess(ctx.actor, item) === "write" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

type ItemFilters = {
  status?: ActionStatus[] | null;
  ownerId?: { id: string } | null;
  overdue?: boolean | null;
  dueBefore?: Date | null;
  dueWithinDays?: number | null;
};

function itemFiltersWhere(args: ItemFilters): Prisma.ActionItemWhereInput {
  return {
    AND: [
      args.status?.length ? { status: { in: args.status } } : {},
      args.ownerId ? { owners: { some: { userId: args.ownerId.id } } } : {},
      args.overdue ? overdueWhere() : {},
      args.dueBefore ? { dueDate: { lt: args.dueBefore } } : {},
      args.dueWithinDays != null ? { dueDate: { gte: startOfTodayUtc(), lte: daysFromToday(args.dueWithinDays) } } : {},
    ],
  };
}

builder.prismaObjectFields("Group", (t) => ({
  actionItems: t.relatedConnection("actionItems", {
    cursor: "id",
    totalCount: true,
    description: "The group's action items, soonest due first, undated last.",
    args: {
      status: t.arg({ type: [ActionStatusEnum], required: false }),
      ownerId: t.arg.globalID({ required: false, for: UserRef }),
      overdue: t.arg.boolean({ required: false, description: "Only items due before today and not done." }),
      dueBefore: t.arg({ type: "Date", required: false }),
    },
    query: (args, ctx) => ({
      where: { AND: [readableActionItemsWhere(ctx.actor), itemFiltersWhere(args)] },
      orderBy: ACTION_ITEM_ORDER,
    }),
  }),
}));

builder.queryFields((t) => ({
  myActionItems: t.prismaConnection({
    type: "ActionItem",
    cursor: "id",
    description: "Action items the viewer owns, across their groups, soonest due first.",
    authScopes: { signedIn: true },
    args: {
      status: t.arg({ type: [ActionStatusEnum], required: false }),
      dueWithinDays: t.arg.int({
        required: false,
        description: "Only items due from today through this many days ahead (7 for \"this week\"), 0–366.",
      }),
      overdue: t.arg.boolean({ required: false }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.actionItem.count({ where: myItemsWhere(ctx, args) }),
    resolve: (query, _root, args, ctx) => ctx.prisma.actionItem.findMany({ ...query, where: myItemsWhere(ctx, args), orderBy: ACTION_ITEM_ORDER }),
  }),
  overdueActionItems: t.prismaConnection({
    type: "ActionItem",
    cursor: "id",
    description:
      "Overdue items across a school, for follow-up. Coaches and admins see PLCs' items; a peer group's items stay in the group and appear only to its members.",
    authScopes: { signedIn: true },
    args: { schoolId: t.arg.globalID({ required: true, for: SchoolRef }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.actionItem.count({ where: overdueInSchoolWhere(ctx, args.schoolId.id) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.actionItem.findMany({ ...query, where: overdueInSchoolWhere(ctx, args.schoolId.id), orderBy: ACTION_ITEM_ORDER }),
  }),
}));

function myItemsWhere(ctx: Ctx, args: ItemFilters): Prisma.ActionItemWhereInput {
  // Checked here, not with `validate`: a query field has no typed errors, and a validation
  // error thrown outside them would be masked.
  if (args.dueWithinDays != null && (args.dueWithinDays < 0 || args.dueWithinDays > 366)) {
    throw new GraphQLError("dueWithinDays must be between 0 and 366.", { extensions: { code: "BAD_USER_INPUT" } });
  }
  if (ctx.actor.kind !== "user") return { id: { in: [] } };
  return { AND: [readableActionItemsWhere(ctx.actor), { owners: { some: { userId: ctx.actor.userId } } }, itemFiltersWhere(args)] };
}

function overdueInSchoolWhere(ctx: Ctx, schoolId: string): Prisma.ActionItemWhereInput {
  return { AND: [{ groupId: { in: overdueWatchGroupIds(ctx.actor, schoolId) } }, overdueWhere()] };
}

// ───────────── mutations ─────────────

const title = z.string().trim().min(2, "must be at least 2 characters").max(300);
const ownerIds = z.array(z.unknown()).max(20, "at most 20 owners");

const CreateActionItemInput = builder.inputType("CreateActionItemInput", {
  validate: z.looseObject({ title, ownerIds: ownerIds.nullish() }),
  fields: (f) => ({
    groupId: f.globalID({ required: true, for: GroupRef }),
    title: f.string({ required: true }),
    dueDate: f.field({ type: "Date", required: false }),
    ownerIds: f.globalIDList({ required: false, for: UserRef, description: "Group members who take the item on." }),
    documentId: f.globalID({ required: false, description: "An ACTION_PLAN document of the same group." }),
  }),
});

const UpdateActionItemInput = builder.inputType("UpdateActionItemInput", {
  validate: z.looseObject({ title: title.nullish(), ownerIds: ownerIds.nullish() }),
  fields: (f) => ({
    actionItemId: f.globalID({ required: true, for: ActionItemRef }),
    title: f.string({ required: false }),
    dueDate: f.field({ type: "Date", required: false, description: "Pass null to clear the due date." }),
    status: f.field({ type: ActionStatusEnum, required: false }),
    ownerIds: f.globalIDList({ required: false, for: UserRef, description: "Replaces the owners; [] leaves the item unowned." }),
  }),
});

// An item that lives in an ACTION_PLAN document is changed in the document first (editors see it
// at once), then its row is written under the plan's lock so the mutation can return it. The
// projection's next run finds the row already equal and writes nothing.
builder.mutationFields((t) => ({
  createActionItem: t.prismaField({
    type: "ActionItem",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: CreateActionItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const group = await loadWritableGroup(ctx, input.groupId.id);
      const owners = unique((input.ownerIds ?? []).map((o) => o.id));
      const issues = [...(await ownerIssues(ctx, group.id, owners))];
      let documentId: string | null = null;
      if (input.documentId) {
        const doc =
          input.documentId.typename === "Document"
            ? await ctx.prisma.document.findUnique({ where: { id: input.documentId.id }, select: { id: true, groupId: true, kind: true } })
            : null;
        if (!doc || doc.groupId !== group.id || doc.kind !== "ACTION_PLAN") {
          issues.push({ path: "input.documentId", message: "must be an action plan of this group" });
        } else documentId = doc.id;
      }
      if (issues.length) throw new ValidationError(issues);
      const actorId = actingUserId(ctx);
      const title = input.title.trim();
      const dueDate = input.dueDate ?? null;
      const placement = documentId ? { documentId, itemKey: newItemKey() } : null;
      if (placement) {
        const fields = { id: placement.itemKey, title, owners, dueDate: dateKey(dueDate), status: "OPEN" as const };
        await ctx.services.documents.change(placement.documentId, (doc) => actionItemsArray(doc).push([newItemMap(fields)]));
      }
      const [item, event] = await ctx.prisma.$transaction(async (tx) => {
        if (placement) {
          await lockActionPlan(tx, placement.documentId);
          // The projection may have run between the edit and the lock: its row is this item.
          const projected = await tx.actionItem.findUnique({ ...query, where: { documentId_itemKey: placement } });
          if (projected) return [projected, null] as const;
        }
        const item = await tx.actionItem.create({
          ...query,
          data: {
            groupId: group.id,
            documentId,
            itemKey: placement?.itemKey ?? null,
            title,
            dueDate,
            owners: { create: owners.map((userId) => ({ userId })) },
          },
        });
        const event = await recordActivity(tx, { schoolId: group.schoolId, groupId: group.id, actorId, type: "ACTION_ITEM_CHANGED", subjectId: item.id, payload: { status: item.status } });
        return [item, event] as const;
      });
      if (event) publishActivity(ctx, event);
      return item;
    },
  }),
  updateActionItem: t.prismaField({
    type: "ActionItem",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: UpdateActionItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { item, group } = await loadWritableItem(ctx, input.actionItemId.id);
      const owners = input.ownerIds ? unique(input.ownerIds.map((o) => o.id)) : null;
      const issues = owners ? await ownerIssues(ctx, group.id, owners) : [];
      if (issues.length) throw new ValidationError(issues);
      const title = input.title ? input.title.trim() : undefined;
      const itemKey = item.documentId ? await applyUpdateToPlan(ctx, item, { title, dueDate: input.dueDate, status: input.status ?? undefined, owners }) : null;
      const actorId = actingUserId(ctx);
      const [updated, event] = await ctx.prisma.$transaction(async (tx) => {
        let current = item;
        if (item.documentId) {
          await lockActionPlan(tx, item.documentId);
          const fresh = await tx.actionItem.findUnique({ where: { id: item.id } });
          if (!fresh) throw new NotFoundError("That action item");
          current = fresh;
        }
        const status = input.status ?? current.status;
        // completedAt marks the moment it became DONE: kept while it stays DONE, cleared when reopened.
        const completedAt = status !== "DONE" ? null : current.status === "DONE" ? current.completedAt : new Date();
        if (owners) {
          await tx.actionItemOwner.deleteMany({ where: { actionItemId: item.id } });
          await tx.actionItemOwner.createMany({ data: owners.map((userId) => ({ actionItemId: item.id, userId })) });
        }
        const updated = await tx.actionItem.update({
          ...query,
          where: { id: item.id },
          data: {
            ...(title ? { title } : {}),
            ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
            ...(itemKey ? { itemKey } : {}),
            status,
            completedAt,
          },
        });
        const event = await recordActivity(tx, { schoolId: group.schoolId, groupId: group.id, actorId, type: "ACTION_ITEM_CHANGED", subjectId: item.id, payload: { status } });
        return [updated, event] as const;
      });
      publishActivity(ctx, event);
      return updated;
    },
  }),
  deleteActionItem: t.field({
    type: "ID",
    description: "Returns the deleted item's id.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { actionItemId: t.arg.globalID({ required: true, for: ActionItemRef }) },
    resolve: async (_root, { actionItemId }, ctx) => {
      const { item, group } = await loadWritableItem(ctx, actionItemId.id);
      const { documentId, itemKey } = item;
      if (documentId && itemKey) await ctx.services.documents.change(documentId, (doc) => removeItemMaps(doc, itemKey));
      const actorId = actingUserId(ctx);
      const event = await ctx.prisma.$transaction(async (tx) => {
        if (documentId) await lockActionPlan(tx, documentId);
        const { count } = await tx.actionItem.deleteMany({ where: { id: item.id } });
        // Zero: the projection saw the edit first and recorded the deletion itself.
        if (count === 0) return null;
        return recordActivity(tx, { schoolId: group.schoolId, groupId: group.id, actorId, type: "ACTION_ITEM_CHANGED", subjectId: item.id, payload: { status: "DELETED" } });
      });
      if (event) publishActivity(ctx, event);
      return encodeGlobalID("ActionItem", item.id);
    },
  }),
}));

type ItemChange = { title: string | undefined; dueDate: Date | null | undefined; status: ActionStatus | undefined; owners: string[] | null };

/**
 * Applies an update to the item's map in its action plan and returns the item's key there. An
 * item the document does not hold (never placed there, or removed by an editor a moment ago) is
 * put back with its current fields plus the change: the explicit edit wins.
 */
async function applyUpdateToPlan(ctx: Ctx, item: ActionItem, change: ItemChange): Promise<string> {
  const documentId = item.documentId!;
  const itemKey = item.itemKey ?? newItemKey();
  const currentOwners = change.owners ?? (await ctx.prisma.actionItemOwner.findMany({ where: { actionItemId: item.id }, select: { userId: true } })).map((o) => o.userId);
  await ctx.services.documents.change(documentId, (doc) => {
    const map = item.itemKey ? findItemMap(doc, item.itemKey) : undefined;
    if (!map) {
      actionItemsArray(doc).push([
        newItemMap({
          id: itemKey,
          title: change.title ?? item.title,
          owners: currentOwners,
          dueDate: dateKey(change.dueDate !== undefined ? change.dueDate : item.dueDate),
          status: change.status ?? item.status,
        }),
      ]);
      return;
    }
    const setIfChanged = (field: string, value: unknown) => {
      if (JSON.stringify(map.get(field)) !== JSON.stringify(value)) map.set(field, value);
    };
    if (change.title !== undefined) setIfChanged("title", change.title);
    if (change.dueDate !== undefined) setIfChanged("dueDate", dateKey(change.dueDate));
    if (change.status !== undefined) setIfChanged("status", change.status);
    if (change.owners) setIfChanged("owners", change.owners);
  });
  return itemKey;
}

function removeItemMaps(doc: Y.Doc, itemKey: string) {
  const array = actionItemsArray(doc);
  for (let i = array.length - 1; i >= 0; i--) {
    const entry = array.get(i);
    if (entry instanceof Y.Map && entry.get("id") === itemKey) array.delete(i, 1);
  }
}

function actingUserId(ctx: Ctx): string | null {
  return ctx.actor.kind === "user" ? ctx.actor.userId : null;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** A group the actor may add content to: unknown is NOT_FOUND, known but not theirs FORBIDDEN. */
async function loadWritableGroup(ctx: Ctx, groupId: string) {
  const group = await loadKnownGroup(ctx, groupId);
  const access = groupAccess(ctx.actor, group.id);
  if (access.writeContent) return group;
  if (group.archivedAt && access.readContent && holdsScope(ctx.actor, "CONTENT_WRITE")) {
    throw new RuleViolationError("This group is archived.", "ARCHIVED");
  }
  throw forbidden("Only the group's members (and, for PLCs, coaches and admins) can change its action items.");
}

/** An item the actor may change; one they cannot read is NOT_FOUND, never a hint that it exists. */
async function loadWritableItem(ctx: Ctx, itemId: string) {
  const item = await ctx.prisma.actionItem.findUnique({ where: { id: itemId } });
  if (!item || actionItemAccess(ctx.actor, item) === "none") throw new NotFoundError("That action item");
  const group = await loadWritableGroup(ctx, item.groupId);
  return { item, group };
}

async function ownerIssues(ctx: Ctx, groupId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  const members = await ctx.prisma.groupMember.count({ where: { groupId, userId: { in: userIds } } });
  return members === userIds.length ? [] : [{ path: "input.ownerIds", message: "Owners must be members of the group." }];
}
