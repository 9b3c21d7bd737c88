// Rules of goals that are plain values.
import { startOfTodayUtc } from "./dates.ts";

/** Share of the way from baseline to target, clamped to 0..1; works for goals that go down too. */
export function goalProgress(baseline: number, target: number, latest: number | null): number {
  if (latest === null || target === baseline) return 0;
  return Math.min(1, Math.max(0, (latest - baseline) / (target - baseline)));
}

/** A goal still being worked on expects a check-in at least this often. */
export const GOAL_CHECK_IN_INTERVAL_DAYS = 14;

/** MET and NOT_MET close a goal: it is no longer due, nor waiting for a check-in. */
export function goalIsOpen(status: string): boolean {
  return status !== "MET" && status !== "NOT_MET";
}

/**
 * An open goal whose newest check-in (or, before the first, its creation) is more than
 * GOAL_CHECK_IN_INTERVAL_DAYS old.
 */
export function goalCheckInOverdue(goal: { status: string; createdAt: Date; lastCheckInAt: Date | null }, now = new Date()): boolean {
  const since = goal.lastCheckInAt ?? goal.createdAt;
  return goalIsOpen(goal.status) && now.getTime() - since.getTime() > GOAL_CHECK_IN_INTERVAL_DAYS * 86_400_000;
}

/** The date the next check-in is expected: GOAL_CHECK_IN_INTERVAL_DAYS after the newest (or the goal's creation). */
export function goalNextCheckInBy(goal: { createdAt: Date; lastCheckInAt: Date | null }): Date {
  return new Date((goal.lastCheckInAt ?? goal.createdAt).getTime() + GOAL_CHECK_IN_INTERVAL_DAYS * 86_400_000);
}

/** Open and past its due date (a calendar date, compared with today's UTC midnight). */
export function goalOverdue(goal: { status: string; dueDate: Date }, now = new Date()): boolean {
  return goalIsOpen(goal.status) && goal.dueDate < startOfTodayUtc(now);
}
