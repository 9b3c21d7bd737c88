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
