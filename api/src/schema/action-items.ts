// Action items: who does what by when, in a group. Group content, so the group's readers read
// them and its writers change them; leadership's overdue list covers PLCs only.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { GraphQLError } from "graphql";
import { z } from "zod";
import { createActionItem, deleteActionItem, updateActionItem } from "../action-plans/item-commands.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { ActionStatus } from "../generated/prisma/enums.ts";
import { actionItemAccess, overdueWatchGroupIds, readableActionItemsWhere } from "../policies/action-items.ts";
import { builder } from "./builder.ts";
import { ActionStatusEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { GroupRef } from "./groups.ts";
import { SchoolRef } from "./schools.ts";
import { UserRef } from "./users.ts";

import { daysFromToday, isOverdue, startOfTodayUtc } from "../domain/dates.ts";

type Ctx = import("../context.ts").Context;

const overdueWhere = (): Prisma.ActionItemWhereInput => ({ dueDate: { lt: startOfTodayUtc() }, status: { not: "DONE" } });

// Undated items go last: they are the ones nobody has committed to a date for yet.
const ACTION_ITEM_ORDER: Prisma.ActionItemOrderByWithRelationInput[] = [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }];

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
        description: 'Only items due from today through this many days ahead (7 for "this week"), 0–366.',
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

// ───────────── mutations (the work is in action-plans/item-commands.ts) ─────────────

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

builder.mutationFields((t) => ({
  createActionItem: t.prismaField({
    type: "ActionItem",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: CreateActionItemInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      createActionItem(
        ctx,
        {
          groupId: input.groupId.id,
          title: input.title,
          dueDate: input.dueDate ?? null,
          ownerIds: (input.ownerIds ?? []).map((owner) => owner.id),
          document: input.documentId ?? null,
        },
        query,
      ),
  }),
  updateActionItem: t.prismaField({
    type: "ActionItem",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { input: t.arg({ type: UpdateActionItemInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      updateActionItem(
        ctx,
        {
          actionItemId: input.actionItemId.id,
          title: input.title,
          dueDate: input.dueDate,
          status: input.status,
          ownerIds: input.ownerIds?.map((owner) => owner.id),
        },
        query,
      ),
  }),
  deleteActionItem: t.field({
    type: "ID",
    description: "Returns the deleted item's id.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { actionItemId: t.arg.globalID({ required: true, for: ActionItemRef }) },
    resolve: async (_root, { actionItemId }, ctx) => encodeGlobalID("ActionItem", await deleteActionItem(ctx, actionItemId.id)),
  }),
}));
