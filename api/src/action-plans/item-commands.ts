// Creating, changing and deleting action items. An item that lives in an ACTION_PLAN document is
// changed in the document first (editors see it at once), then its row is written under the
// plan's lock so the mutation can return it. The projection's next run finds the row already
// equal and writes nothing.
import {
  actionItemsArray,
  findItemMap,
  newItemMap,
  removeItemMaps,
  setItemField,
  type ActionItemField,
  type ActionItemFields,
} from "@staffroom/action-plan-layout";
import { type Caller, runCommand } from "../commands/run-command.ts";
import type { ActionItem, Prisma } from "../generated/prisma/client.ts";
import type { ActionStatus } from "../generated/prisma/enums.ts";
import { actionItemAccess } from "../policies/action-items.ts";
import { actingUserId, holdsScope } from "../policies/actor.ts";
import { groupAccess, loadKnownGroup } from "../policies/groups.ts";
import { forbidden, NotFoundError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import { notifyActionItemAssigned } from "../notifications/producers.ts";
import { dateKey, lockActionPlan, newItemKey } from "./projection.ts";

/** The selection GraphQL asks for (Pothos' `query`), passed through to the row's read. */
export type ItemQuery = { include?: Prisma.ActionItemInclude; select?: Prisma.ActionItemSelect };

export type CreateItemInput = {
  groupId: string;
  title: string;
  dueDate: Date | null;
  ownerIds: string[];
  /** A global id's parts: only a Document may be named here. */
  document: { typename: string; id: string } | null;
};

export async function createActionItem(ctx: Caller, input: CreateItemInput, query: ItemQuery): Promise<ActionItem> {
  const group = await loadWritableGroup(ctx, input.groupId);
  const owners = unique(input.ownerIds);
  const issues = [...(await ownerIssues(ctx, group.id, owners))];
  let documentId: string | null = null;
  if (input.document) {
    const doc =
      input.document.typename === "Document"
        ? await ctx.prisma.document.findUnique({ where: { id: input.document.id }, select: { id: true, groupId: true, kind: true } })
        : null;
    if (!doc || doc.groupId !== group.id || doc.kind !== "ACTION_PLAN") {
      issues.push({ path: "input.documentId", message: "must be an action plan of this group" });
    } else documentId = doc.id;
  }
  if (issues.length) throw new ValidationError(issues);
  const actorId = actingUserId(ctx.actor);
  const title = input.title.trim();
  const dueDate = input.dueDate;
  const placement = documentId ? { documentId, itemKey: newItemKey() } : null;
  if (placement) {
    const fields = { id: placement.itemKey, title, owners, dueDate: dateKey(dueDate), status: "OPEN" as const };
    await ctx.services.documents.change(placement.documentId, (doc) => actionItemsArray(doc).push([newItemMap(fields)]));
  }
  return runCommand(ctx, async ({ tx, record }) => {
    if (placement) {
      await lockActionPlan(tx, placement.documentId);
      // The projection may have run between the edit and the lock: its row is this item, and
      // the projection recorded its activity.
      const projected = await tx.actionItem.findUnique({ ...query, where: { documentId_itemKey: placement } });
      if (projected) {
        // The projection does not know who made the item; the dedupe key makes this a no-op if it already told the owners.
        await notifyActionItemAssigned(tx, { actionItemId: projected.id, groupId: group.id, schoolId: group.schoolId, ownerIds: owners, actorId });
        return projected;
      }
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
    await record({
      schoolId: group.schoolId,
      groupId: group.id,
      actorId,
      type: "ACTION_ITEM_CHANGED",
      subjectId: item.id,
      payload: { status: item.status },
    });
    await notifyActionItemAssigned(tx, { actionItemId: item.id, groupId: group.id, schoolId: group.schoolId, ownerIds: owners, actorId });
    return item;
  });
}

export type UpdateItemInput = {
  actionItemId: string;
  title?: string | null;
  /** undefined leaves the due date; null clears it. */
  dueDate?: Date | null;
  status?: ActionStatus | null;
  /** Replaces the owners when given; [] leaves the item unowned. */
  ownerIds?: string[] | null;
};

export async function updateActionItem(ctx: Caller, input: UpdateItemInput, query: ItemQuery): Promise<ActionItem> {
  const { item, group } = await loadWritableItem(ctx, input.actionItemId);
  const owners = input.ownerIds ? unique(input.ownerIds) : null;
  const issues = owners ? await ownerIssues(ctx, group.id, owners) : [];
  if (issues.length) throw new ValidationError(issues);
  const title = input.title ? input.title.trim() : undefined;
  const itemKey = item.documentId ? await applyUpdateToPlan(ctx, item, { title, dueDate: input.dueDate, status: input.status ?? undefined, owners }) : null;
  const actorId = actingUserId(ctx.actor);
  return runCommand(ctx, async ({ tx, record }) => {
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
      const before = new Set((await tx.actionItemOwner.findMany({ where: { actionItemId: item.id }, select: { userId: true } })).map((o) => o.userId));
      const added = owners.filter((userId) => !before.has(userId));
      await notifyActionItemAssigned(tx, { actionItemId: item.id, groupId: group.id, schoolId: group.schoolId, ownerIds: added, actorId });
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
    await record({
      schoolId: group.schoolId,
      groupId: group.id,
      actorId,
      type: "ACTION_ITEM_CHANGED",
      subjectId: item.id,
      payload: { status },
    });
    return updated;
  });
}

/** Returns the deleted item's id. */
export async function deleteActionItem(ctx: Caller, actionItemId: string): Promise<string> {
  const { item, group } = await loadWritableItem(ctx, actionItemId);
  const { documentId, itemKey } = item;
  if (documentId && itemKey) await ctx.services.documents.change(documentId, (doc) => removeItemMaps(doc, itemKey));
  const actorId = actingUserId(ctx.actor);
  await runCommand(ctx, async ({ tx, record }) => {
    if (documentId) await lockActionPlan(tx, documentId);
    const { count } = await tx.actionItem.deleteMany({ where: { id: item.id } });
    // Zero: the projection saw the edit first and recorded the deletion itself.
    if (count === 0) return;
    await record({
      schoolId: group.schoolId,
      groupId: group.id,
      actorId,
      type: "ACTION_ITEM_CHANGED",
      subjectId: item.id,
      payload: { status: "DELETED" },
    });
  });
  return item.id;
}

type ItemChange = { title: string | undefined; dueDate: Date | null | undefined; status: ActionStatus | undefined; owners: string[] | null };

/**
 * Applies an update to the item's map in its action plan and returns the item's key there. An
 * item the document does not hold (never placed there, or removed by an editor a moment ago) is
 * put back with its current fields plus the change: the explicit edit wins.
 */
async function applyUpdateToPlan(ctx: Caller, item: ActionItem, change: ItemChange): Promise<string> {
  const documentId = item.documentId!;
  const itemKey = item.itemKey ?? newItemKey();
  const currentOwners =
    change.owners ?? (await ctx.prisma.actionItemOwner.findMany({ where: { actionItemId: item.id }, select: { userId: true } })).map((o) => o.userId);
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
    const setIfChanged = <F extends ActionItemField>(field: F, value: ActionItemFields[F]) => {
      if (JSON.stringify(map.get(field)) !== JSON.stringify(value)) setItemField(map, field, value);
    };
    if (change.title !== undefined) setIfChanged("title", change.title);
    if (change.dueDate !== undefined) setIfChanged("dueDate", dateKey(change.dueDate));
    if (change.status !== undefined) setIfChanged("status", change.status);
    if (change.owners) setIfChanged("owners", change.owners);
  });
  return itemKey;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** A group the actor may add content to: unknown is NOT_FOUND, known but not theirs FORBIDDEN. */
async function loadWritableGroup(ctx: Caller, groupId: string) {
  const group = await loadKnownGroup(ctx, groupId);
  const access = groupAccess(ctx.actor, group.id);
  if (access.writeContent) return group;
  if (group.archivedAt && access.readContent && holdsScope(ctx.actor, "CONTENT_WRITE")) {
    throw new RuleViolationError("This group is archived.", "ARCHIVED");
  }
  throw forbidden("Only the group's members (and, for PLCs, coaches and admins) can change its action items.");
}

/** An item the actor may change; one they cannot read is NOT_FOUND, never a hint that it exists. */
async function loadWritableItem(ctx: Caller, itemId: string) {
  const item = await ctx.prisma.actionItem.findUnique({ where: { id: itemId } });
  if (!item || actionItemAccess(ctx.actor, item) === "none") throw new NotFoundError("That action item");
  const group = await loadWritableGroup(ctx, item.groupId);
  return { item, group };
}

async function ownerIssues(ctx: Caller, groupId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  const members = await ctx.prisma.groupMember.count({ where: { groupId, userId: { in: userIds } } });
  return members === userIds.length ? [] : [{ path: "input.ownerIds", message: "Owners must be members of the group." }];
}
