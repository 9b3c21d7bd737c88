// Reminders: what a scheduled job calls (once per period across instances) with the current time.
// "Today" and "tomorrow" are each school's own calendar days (its time zone): a reminder about
// tomorrow reaches a Chicago school when it is still today in Chicago. Idempotent: every dedupe
// key names the day it is about, so running again the same day (another instance, a retry)
// writes nothing new, and a due date moved to another day reminds again.
import { daysBetween, fromWallClock, startOfTodayIn } from "../domain/dates.ts";
import type { EventBus } from "../events/bus.ts";
import type { Notification, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { transactionNotifying } from "./after-commit.ts";
import { notify } from "./notify.ts";

/** Overdue items are reminded of once (per due date); only those due within this many days, so a first run does not dig up old ones. */
export const OVERDUE_LOOKBACK_DAYS = 7;

const DAY_MS = 86_400_000;
const dayKey = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Writes the reminders due at `now` for every school: ACTION_ITEM_DUE_TOMORROW and
 * ACTION_ITEM_OVERDUE to the owners of open items, MEETING_TOMORROW to the members of a group
 * with a planned meeting tomorrow, CHECK_BACK_DUE to the coach and teacher of an open cycle
 * whose check-back is today or tomorrow. Returns what it wrote (published to each recipient's
 * channel after its school's transaction commits, when `events` is given).
 */
export async function produceReminders(db: PrismaClient, now: Date, events?: Pick<EventBus, "publish">): Promise<Notification[]> {
  const schools = await db.school.findMany({ select: { id: true, timeZone: true } });
  const written: Notification[] = [];
  for (const school of schools) {
    written.push(...(await transactionNotifying(db, events, (tx) => remindSchool(tx, school, now))));
  }
  return written;
}

async function remindSchool(tx: Prisma.TransactionClient, school: { id: string; timeZone: string }, now: Date): Promise<Notification[]> {
  const today = startOfTodayIn(school.timeZone, now);
  const tomorrow = new Date(today.getTime() + DAY_MS);
  const written: Notification[] = [];
  const keep = (n: Notification | null) => {
    if (n) written.push(n);
  };
  const liveGroups = { schoolId: school.id, archivedAt: null };

  const dueSoon = await tx.actionItem.findMany({
    where: {
      group: liveGroups,
      status: { not: "DONE" },
      dueDate: { gte: new Date(today.getTime() - OVERDUE_LOOKBACK_DAYS * DAY_MS), lte: tomorrow },
    },
    select: { id: true, groupId: true, dueDate: true, owners: { select: { userId: true } } },
  });
  for (const item of dueSoon) {
    const due = item.dueDate!;
    const days = daysBetween(today, due);
    // Due today: neither tomorrow nor overdue yet (the day-before reminder covered it).
    if (days === 0) continue;
    const kind = days === 1 ? "ACTION_ITEM_DUE_TOMORROW" : "ACTION_ITEM_OVERDUE";
    for (const { userId } of item.owners) {
      keep(
        await notify(tx, {
          kind,
          recipientId: userId,
          schoolId: school.id,
          groupId: item.groupId,
          actionItemId: item.id,
          dedupeKey: `${days === 1 ? "due-tomorrow" : "overdue"}:${item.id}:${dayKey(due)}`,
        }),
      );
    }
  }

  const tomorrowStarts = wallClockMidnight(school.timeZone, tomorrow);
  const dayAfterStarts = wallClockMidnight(school.timeZone, new Date(tomorrow.getTime() + DAY_MS));
  const meetings = await tx.session.findMany({
    where: { group: liveGroups, status: "PLANNED", startsAt: { gte: tomorrowStarts, lt: dayAfterStarts } },
    select: { id: true, groupId: true, group: { select: { members: { select: { userId: true } } } } },
  });
  for (const meeting of meetings) {
    for (const { userId } of meeting.group.members) {
      keep(
        await notify(tx, {
          kind: "MEETING_TOMORROW",
          recipientId: userId,
          schoolId: school.id,
          groupId: meeting.groupId,
          sessionId: meeting.id,
          dedupeKey: `meeting-tomorrow:${meeting.id}:${dayKey(tomorrow)}`,
        }),
      );
    }
  }

  const cycles = await tx.coachingCycle.findMany({
    where: { schoolId: school.id, completedAt: null, nextCheckBackOn: { gte: today, lte: tomorrow } },
    select: { id: true, coachId: true, teacherId: true, nextCheckBackOn: true },
  });
  for (const cycle of cycles) {
    for (const recipientId of [cycle.coachId, cycle.teacherId]) {
      keep(
        await notify(tx, {
          kind: "CHECK_BACK_DUE",
          recipientId,
          schoolId: school.id,
          coachingCycleId: cycle.id,
          dedupeKey: `check-back:${cycle.id}:${dayKey(cycle.nextCheckBackOn!)}`,
        }),
      );
    }
  }
  return written;
}

/** The instant a calendar date (a UTC midnight) begins in the zone. */
function wallClockMidnight(timeZone: string, date: Date): Date {
  const w = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 0, minute: 0, second: 0, ms: 0 };
  try {
    return fromWallClock(timeZone, w);
  } catch {
    return fromWallClock("UTC", w);
  }
}
