// Calendar feeds: a secret address serving a person's own calendar (for one school) or one
// group's meetings. Who may hold one is decided when it is made AND at every fetch, from the
// owner's access at that moment: a feed never shows what its owner could not read right then.
// Meetings come only from groups the owner is IN: a coach or admin who may read a PLC they do not
// belong to, or who leads a school with peer groups, gets none of those groups' meetings or items.
import type { Actor } from "./actor.ts";
import { knownGroup } from "./actor.ts";
import { groupAccess, groupIdsWhere } from "./groups.ts";
import { readableActionItemsWhere } from "./action-items.ts";
import { readableCyclesWhere } from "./coaching.ts";

export type CalendarFeedFacts = { userId: string; schoolId: string; groupId: string | null };

/** The owner themselves, on the school's staff, and (for a group feed) in the group and reading its content. */
export function mayHoldCalendarFeed(actor: Actor, feed: CalendarFeedFacts): boolean {
  if (actor.kind !== "user" || actor.userId !== feed.userId || !actor.schools.has(feed.schoolId)) return false;
  if (feed.groupId === null) return true;
  const group = knownGroup(actor, feed.groupId);
  return group !== null && group.schoolId === feed.schoolId && group.membership !== null && groupAccess(actor, group.id).readContent;
}

/** The groups whose meetings the feed shows: the owner's own groups of the feed's school (or its one group). */
export function calendarGroupIds(owner: Actor, feed: CalendarFeedFacts): string[] {
  if (!mayHoldCalendarFeed(owner, feed)) return [];
  return groupIdsWhere(
    owner,
    (access, group) =>
      access.readContent && group.membership !== null && group.schoolId === feed.schoolId && (feed.groupId === null || group.id === feed.groupId),
  );
}

/** Prisma filter for the action items a personal feed shows: open, due, the owner's, in groups they read. */
export function calendarActionItemsWhere(owner: Actor, feed: CalendarFeedFacts) {
  const groupIds = feed.groupId === null ? calendarGroupIds(owner, feed) : [];
  return {
    AND: [readableActionItemsWhere(owner), { groupId: { in: groupIds } }],
    status: { not: "DONE" as const },
    dueDate: { not: null },
    owners: { some: { userId: feed.userId } },
  };
}

/** Prisma filter for the coaching cycles whose check-backs a personal feed shows: open ones the owner coaches or is coached in. */
export function calendarCheckBacksWhere(owner: Actor, feed: CalendarFeedFacts) {
  const allowed = feed.groupId === null && mayHoldCalendarFeed(owner, feed);
  return {
    AND: [readableCyclesWhere(owner), { schoolId: allowed ? feed.schoolId : { in: [] as string[] } }],
    OR: [{ coachId: feed.userId }, { teacherId: feed.userId }],
    completedAt: null,
    nextCheckBackOn: { not: null },
  };
}
