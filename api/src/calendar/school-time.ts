// An instant as ical-generator should write it in the school's time zone. Given a native Date and
// a TZID, ical-generator writes the Date's wall clock in the *server's* zone; given a Luxon-style
// date-time (its ICalLuxonDateTimeStub), it asks that value for the wall clock in the event's
// zone. This is that value, built on Intl (which the meeting schedule already uses), so the feed's
// "15:30;TZID=America/Chicago" is the school's 15:30 whatever zone the server runs in.
import type { ICalLuxonDateTimeStub } from "ical-generator";
import { wallClockIn } from "../domain/dates.ts";

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

export class SchoolTime implements ICalLuxonDateTimeStub {
  readonly zone: { type: string };

  constructor(
    private readonly instant: Date,
    private readonly timeZone: string,
  ) {
    this.zone = { type: "iana" };
  }

  get isValid(): boolean {
    return !Number.isNaN(this.instant.getTime());
  }

  setZone(zone?: string): SchoolTime {
    return new SchoolTime(this.instant, zone ?? this.timeZone);
  }

  /** Only the two layouts ical-generator asks for; anything else is a mistake to hear of at once. */
  toFormat(layout: string): string {
    const w = wallClockIn(this.timeZone, this.instant);
    if (layout === "yyyyLLdd") return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}`;
    if (layout === "HHmmss") return `${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
    throw new Error(`SchoolTime cannot format "${layout}"`);
  }

  toJSDate(): Date {
    return new Date(this.instant);
  }

  toJSON(): string {
    return this.instant.toISOString();
  }
}
