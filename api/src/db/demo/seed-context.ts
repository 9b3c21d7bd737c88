// What the demo files share while seeding: the transaction, the clock, the ids made so far,
// and the activity log that is written in one go at the end.
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { ActivityType } from "../../domain/activity.ts";

export type Tx = Prisma.TransactionClient;

export type ActivityRow = {
  groupId?: string | null;
  actorId: string | null;
  type: ActivityType;
  subjectId?: string | null;
  payload?: Record<string, string | number | boolean | null>;
  at: Date;
};

export type SeedContext = {
  tx: Tx;
  schoolId: string;
  /** Demo person key → user id. */
  people: Record<string, string>;
  clock: DemoClock;
  activity: ActivityRow[];
};

/** Ids are made here rather than by the database, so related rows can go in with createMany. */
export const newId = (): string => randomUUID();

export function person(ctx: SeedContext, key: string): string {
  const id = ctx.people[key];
  if (!id) throw new Error(`The demo school has no person "${key}".`);
  return id;
}

const DAY_MS = 86_400_000;

/**
 * Every demo date is relative to the moment of seeding, so the school always looks current:
 * last week's meeting is last week, and an overdue action item is overdue today.
 */
export type DemoClock = {
  now: Date;
  /** A timestamp `days` from now (negative: in the past), optionally at a time of day (UTC). */
  at(days: number, hour?: number, minute?: number): Date;
  /** A calendar date `days` from today, for @db.Date columns. */
  date(days: number): Date;
};

export function demoClock(now = new Date()): DemoClock {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    now,
    at(days, hour, minute = 0) {
      if (hour === undefined) return new Date(now.getTime() + days * DAY_MS);
      return new Date(today + days * DAY_MS + (hour * 60 + minute) * 60_000);
    },
    date: (days) => new Date(today + days * DAY_MS),
  };
}
