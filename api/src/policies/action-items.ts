// Action items are group content: whoever reads a group's content reads its action items, and
// whoever writes it changes them. Leadership never sees a peer group's items, not even as
// "overdue" counts: that is what keeps peer accountability peer-owned.
import type { Actor } from "./actor.ts";
import { groupAccess, groupIdsWhere } from "./groups.ts";

export type ActionItemFacts = { groupId: string };

export function actionItemAccess(actor: Actor, item: ActionItemFacts): "none" | "read" | "write" {
  const access = groupAccess(actor, item.groupId);
  if (!access.readContent) return "none";
  return access.writeContent ? "write" : "read";
}

/** Prisma filter matching exactly the action items `actionItemAccess` lets the actor read. */
export function readableActionItemsWhere(actor: Actor) {
  return { groupId: { in: groupIdsWhere(actor, (a) => a.readContent) } };
}

/**
 * The groups whose overdue items the school-wide follow-up list shows. Content access already
 * gives leaders PLCs but not peer groups; the kind check states the rule where it is used, so a
 * change to group access cannot quietly widen what leadership's list reveals.
 */
export function overdueWatchGroupIds(actor: Actor, schoolId: string): string[] {
  return groupIdsWhere(actor, (a, g) => a.readContent && g.schoolId === schoolId && (g.kind === "PLC" || g.membership !== null));
}
