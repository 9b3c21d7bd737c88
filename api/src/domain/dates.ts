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
