// Meetings are planned in the school's time zone, whatever the browser's: a date and a time typed
// into a form name a wall-clock time there, and a meeting's time is shown there too.

type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

function wallClockIn(timeZone: string, instant: Date): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute") };
}

function offsetAt(timeZone: string, instant: Date): number {
  const w = wallClockIn(timeZone, instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(instant.getTime() / 60_000) * 60_000;
}

/** "2026-10-29" + "15:30" in America/Chicago → the ISO instant; null when either is not filled in. */
export function zonedToIso(date: string, time: string, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})/.exec(time);
  if (!d || !t) return null;
  const asUtc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  const first = asUtc - offsetAt(timeZone, new Date(asUtc));
  return new Date(asUtc - offsetAt(timeZone, new Date(first))).toISOString();
}

/** An instant as the date and time inputs show it in the zone: { date: "2026-10-29", time: "15:30" }. */
export function isoToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const w = wallClockIn(timeZone, new Date(iso));
  const two = (n: number) => String(n).padStart(2, "0");
  return { date: `${w.year}-${two(w.month)}-${two(w.day)}`, time: `${two(w.hour)}:${two(w.minute)}` };
}

/** "Thu, 29 Oct, 15:30" in the zone. */
export function formatInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone, weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }).format(
    new Date(iso),
  );
}

/** "America/Chicago" → "Chicago time"; "UTC" stays. */
export function zoneName(timeZone: string): string {
  if (timeZone === "UTC") return "UTC";
  return `${(timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ")} time`;
}
