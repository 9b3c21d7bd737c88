// Due dates, deadlines and check-back dates are calendar dates: stored as UTC midnights and
// compared with today's UTC midnight, so "overdue" means the same to every reader.

/** Today's date as a UTC midnight. */
export function startOfTodayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The date `days` after today (before it, when negative), as a UTC midnight. */
export function daysFromToday(days: number, now = new Date()): Date {
  return new Date(startOfTodayUtc(now).getTime() + days * 86_400_000);
}

/** Past its due date and not done. */
export function isOverdue(item: { dueDate: Date | null; status: string }, now = new Date()): boolean {
  return item.dueDate !== null && item.dueDate < startOfTodayUtc(now) && item.status !== "DONE";
}

/**
 * Today in a time zone (a school's), as a UTC midnight of that calendar date: what "today" means
 * for a check-back date the school keeps. An unknown zone falls back to UTC.
 */
export function startOfTodayIn(timeZone: string, now = new Date()): Date {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  } catch {
    return startOfTodayUtc(now);
  }
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part("year"), part("month") - 1, part("day")));
}

/** Whole calendar days from `from` to `to` (both UTC midnights); negative when `to` is earlier. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 86_400_000);
}

// Meetings happen at a wall-clock time in the school's time zone: a weekly 3:30 pm meeting stays
// at 3:30 pm across a change to or from daylight saving time.

export type MeetingInterval = "WEEKLY" | "FORTNIGHTLY" | "MONTHLY";

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number };

export function wallClockIn(timeZone: string, instant: Date): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
    second: part("second"),
    ms: instant.getUTCMilliseconds(),
  };
}

/** How far the zone is ahead of UTC at that instant, in ms. */
function offsetAt(timeZone: string, instant: Date): number {
  const w = wallClockIn(timeZone, instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms) - instant.getTime();
}

/** The instant a wall-clock time in the zone names (a time skipped by a clock change moves on by the change). */
export function fromWallClock(timeZone: string, w: WallClock): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  const first = asUtc - offsetAt(timeZone, new Date(asUtc));
  return new Date(asUtc - offsetAt(timeZone, new Date(first)));
}

/** The meeting `index` steps of `every` after `first`, at the same wall-clock time in the school's zone. */
export function nthMeeting(first: Date, timeZone: string, every: MeetingInterval, index: number): Date {
  const w = wallClockIn(timeZone, first);
  if (every === "MONTHLY") {
    // The same day of the month, or the month's last day when it is shorter (31 Jan → 28 Feb).
    const month = w.month - 1 + index;
    const lastDay = new Date(Date.UTC(w.year, month + 1, 0)).getUTCDate();
    const shifted = new Date(Date.UTC(w.year, month, Math.min(w.day, lastDay)));
    return fromWallClock(timeZone, { ...w, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
  }
  const days = index * (every === "WEEKLY" ? 7 : 14);
  const shifted = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return fromWallClock(timeZone, { ...w, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}
