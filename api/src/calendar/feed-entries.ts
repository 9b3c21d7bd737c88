// What one calendar feed holds right now, read under the policy with its owner's access as it is
// at this fetch (calendarGroupIds & co. in policies/calendar-feeds.ts): the owner's meetings (or
// one group's), meetings cancelled lately, open action items with a due date that are theirs, and
// the check-backs of coaching cycles they coach or are coached in. Plain values, no ICS here.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { CANCELLED_MEETINGS_KEPT_DAYS, PAST_MEETINGS_KEPT_DAYS } from "../domain/calendar.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Actor } from "../policies/actor.ts";
import { calendarActionItemsWhere, calendarCheckBacksWhere, calendarGroupIds, type CalendarFeedFacts } from "../policies/calendar-feeds.ts";

export type MeetingEntry = {
  kind: "meeting";
  id: string;
  title: string;
  groupName: string;
  startsAt: Date;
  durationMinutes: number;
  sequence: number;
  updatedAt: Date;
  cancelled: boolean;
  /** In-app path to open it: the meeting, or the group once it is cancelled. */
  path: string;
};

export type ActionItemEntry = {
  kind: "action-item";
  id: string;
  title: string;
  groupName: string;
  /** A calendar date (UTC midnight). */
  dueDate: Date;
  createdAt: Date;
  updatedAt: Date;
  path: string;
};

export type CheckBackEntry = {
  kind: "check-back";
  cycleId: string;
  /** A calendar date (UTC midnight). */
  date: Date;
  goal: string;
  /** The other person of the pair, as the owner sees it: "with <name>". */
  withName: string;
  ownerIsCoach: boolean;
  path: string;
};

export type FeedEntry = MeetingEntry | ActionItemEntry | CheckBackEntry;

export type FeedContent = { title: string; timeZone: string; entries: FeedEntry[] };

const ids = { group: (id: string) => `/groups/${encodeURIComponent(encodeGlobalID("Group", id))}` };

export async function loadFeedContent(prisma: PrismaClient, owner: Actor, feed: CalendarFeedFacts, now = new Date()): Promise<FeedContent | null> {
  const groupIds = calendarGroupIds(owner, feed);
  if (feed.groupId !== null && groupIds.length === 0) return null;
  const school = await prisma.school.findUnique({ where: { id: feed.schoolId }, select: { name: true, timeZone: true } });
  if (!school) return null;
  const personal = feed.groupId === null;
  const [sessions, cancelled, items, cycles, group] = await Promise.all([
    prisma.session.findMany({
      where: { groupId: { in: groupIds }, startsAt: { gte: new Date(now.getTime() - PAST_MEETINGS_KEPT_DAYS * 86_400_000) } },
      select: { id: true, title: true, startsAt: true, durationMinutes: true, sequence: true, updatedAt: true, group: { select: { name: true } } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    }),
    prisma.cancelledSession.findMany({
      where: { groupId: { in: groupIds }, cancelledAt: { gte: new Date(now.getTime() - CANCELLED_MEETINGS_KEPT_DAYS * 86_400_000) } },
      select: {
        id: true,
        groupId: true,
        title: true,
        startsAt: true,
        durationMinutes: true,
        sequence: true,
        cancelledAt: true,
        group: { select: { name: true } },
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    }),
    personal
      ? prisma.actionItem.findMany({
          where: calendarActionItemsWhere(owner, feed),
          select: {
            id: true,
            title: true,
            dueDate: true,
            createdAt: true,
            updatedAt: true,
            groupId: true,
            documentId: true,
            group: { select: { name: true } },
          },
          orderBy: [{ dueDate: "asc" }, { id: "asc" }],
        })
      : [],
    personal
      ? prisma.coachingCycle.findMany({
          where: calendarCheckBacksWhere(owner, feed),
          select: { id: true, goal: true, nextCheckBackOn: true, coachId: true, coach: { select: { name: true } }, teacher: { select: { name: true } } },
          orderBy: [{ nextCheckBackOn: "asc" }, { id: "asc" }],
        })
      : [],
    feed.groupId ? prisma.group.findUnique({ where: { id: feed.groupId }, select: { name: true } }) : null,
  ]);
  const entries: FeedEntry[] = [
    ...sessions.map(
      (s): MeetingEntry => ({
        kind: "meeting",
        id: s.id,
        title: s.title,
        groupName: s.group.name,
        startsAt: s.startsAt,
        durationMinutes: s.durationMinutes,
        sequence: s.sequence,
        updatedAt: s.updatedAt,
        cancelled: false,
        path: `/sessions/${encodeURIComponent(encodeGlobalID("Session", s.id))}`,
      }),
    ),
    ...cancelled.map(
      (c): MeetingEntry => ({
        kind: "meeting",
        id: c.id,
        title: c.title,
        groupName: c.group.name,
        startsAt: c.startsAt,
        durationMinutes: c.durationMinutes,
        sequence: c.sequence,
        updatedAt: c.cancelledAt,
        cancelled: true,
        path: ids.group(c.groupId),
      }),
    ),
    ...items.flatMap((i): ActionItemEntry[] =>
      i.dueDate
        ? [
            {
              kind: "action-item",
              id: i.id,
              title: i.title,
              groupName: i.group.name,
              dueDate: i.dueDate,
              createdAt: i.createdAt,
              updatedAt: i.updatedAt,
              // The action plan's board holds the item; an item made outside a plan is on its group's page.
              path: i.documentId ? `/documents/${encodeURIComponent(encodeGlobalID("Document", i.documentId))}` : ids.group(i.groupId),
            },
          ]
        : [],
    ),
    ...cycles.flatMap((c): CheckBackEntry[] =>
      c.nextCheckBackOn
        ? [
            {
              kind: "check-back",
              cycleId: c.id,
              date: c.nextCheckBackOn,
              goal: c.goal,
              ownerIsCoach: c.coachId === feed.userId,
              withName: c.coachId === feed.userId ? c.teacher.name : c.coach.name,
              path: `/coaching/${encodeURIComponent(encodeGlobalID("CoachingCycle", c.id))}`,
            },
          ]
        : [],
    ),
  ];
  const title = group ? `${group.name} meetings (Staffroom)` : `Staffroom: ${school.name}`;
  return { title, timeZone: school.timeZone, entries };
}
