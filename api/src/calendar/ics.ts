// A feed's entries as an iCalendar document, written by ical-generator (never by hand), with the
// school's VTIMEZONE from @touch4it/ical-timezones. Meetings are timed events in the school's
// zone; action items and check-backs are all-day events on their date. UIDs are stable
// (`session-<id>@<host>`), SEQUENCE and LAST-MODIFIED grow with each change, so calendars replace
// their copy; a cancelled meeting is STATUS:CANCELLED under the same UID.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalCalendar, ICalEventStatus } from "ical-generator";
import type { FeedContent, FeedEntry } from "./feed-entries.ts";
import { SchoolTime } from "./school-time.ts";

/** A hint to calendars on how often to look again (most have their own floor, often hours). */
const REFRESH_SECONDS = 60 * 60;

export function feedToIcs(content: FeedContent, publicUrl: string, now = new Date()): string {
  const base = new URL(publicUrl);
  const host = base.hostname;
  // A zone the generator does not know gets UTC times rather than a TZID nobody can resolve.
  const timeZone = getVtimezoneComponent(content.timeZone) ? content.timeZone : null;
  const calendar = new ICalCalendar({
    name: content.title,
    prodId: { company: "Staffroom", product: "Staffroom", language: "EN" },
    ttl: REFRESH_SECONDS,
    // No calendar-wide zone: DTSTAMP and LAST-MODIFIED stay in UTC, as RFC 5545 wants; each timed
    // event names the school's zone, and the generator adds its VTIMEZONE once.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  const link = (path: string) => new URL(path, base).toString();
  for (const entry of content.entries) addEntry(calendar, entry, { host, timeZone, link, now });
  return calendar.toString();
}

type Context = { host: string; timeZone: string | null; link: (path: string) => string; now: Date };

function addEntry(calendar: ICalCalendar, entry: FeedEntry, ctx: Context) {
  switch (entry.kind) {
    case "meeting": {
      const end = new Date(entry.startsAt.getTime() + entry.durationMinutes * 60_000);
      const url = ctx.link(entry.path);
      calendar.createEvent({
        id: `session-${entry.id}@${ctx.host}`,
        start: ctx.timeZone ? new SchoolTime(entry.startsAt, ctx.timeZone) : entry.startsAt,
        end: ctx.timeZone ? new SchoolTime(end, ctx.timeZone) : end,
        timezone: ctx.timeZone,
        summary: entry.cancelled ? `Cancelled: ${entry.title} (${entry.groupName})` : `${entry.title} (${entry.groupName})`,
        description: entry.cancelled ? `This ${entry.groupName} meeting was cancelled.\n${url}` : `A ${entry.groupName} meeting. Agenda and notes: ${url}`,
        url,
        sequence: entry.sequence,
        stamp: ctx.now,
        lastModified: entry.updatedAt,
        status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
      return;
    }
    case "action-item": {
      const url = ctx.link(entry.path);
      calendar.createEvent({
        id: `action-item-${entry.id}@${ctx.host}`,
        start: entry.dueDate,
        allDay: true,
        summary: `Due: ${entry.title}`,
        description: `Your action item in ${entry.groupName}, due today. Open it: ${url}`,
        url,
        // The item has no change counter; seconds since it was made grow with every change.
        sequence: Math.max(0, Math.floor((entry.updatedAt.getTime() - entry.createdAt.getTime()) / 1000)),
        stamp: ctx.now,
        lastModified: entry.updatedAt,
      });
      return;
    }
    case "check-back": {
      const url = ctx.link(entry.path);
      const date = entry.date.toISOString().slice(0, 10).replaceAll("-", "");
      calendar.createEvent({
        // A check-back moved to another date is another appointment: the old one leaves the feed.
        id: `check-back-${entry.cycleId}-${date}@${ctx.host}`,
        start: entry.date,
        allDay: true,
        summary: entry.ownerIsCoach ? `Coaching check-back with ${entry.withName}` : `Check-back with your coach ${entry.withName}`,
        description: `Goal: ${entry.goal}\nThe coaching cycle: ${url}`,
        url,
        stamp: ctx.now,
      });
      return;
    }
  }
}
