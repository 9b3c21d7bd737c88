// Dates as people read them. The api sends DateTime as ISO timestamps and Date as "YYYY-MM-DD"
// (a calendar day, no time zone), so a Date is formatted as that day wherever the browser is.
import { describeError, type ShowableError } from "./states.tsx";

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });

/** "Fri, 14 Mar 2025" for a Date scalar ("2025-03-14"). */
export function formatDay(date: string): string {
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dayFormat.format(parsed);
}

/** "Fri, 14 Mar, 15:30" for a DateTime scalar, in the browser's time zone. */
export function formatDateTime(dateTime: string): string {
  const parsed = new Date(dateTime);
  return Number.isNaN(parsed.getTime()) ? dateTime : dateTimeFormat.format(parsed);
}

/** Today as a Date scalar in the browser's time zone. */
export function todayIso(): string {
  return localDayIso(new Date());
}

/** A moment's calendar day as a Date scalar ("YYYY-MM-DD"), in the browser's time zone. */
export function localDayIso(moment: Date): string {
  return `${moment.getFullYear()}-${String(moment.getMonth() + 1).padStart(2, "0")}-${String(moment.getDate()).padStart(2, "0")}`;
}

/** A due date before today, for something still open. */
export function isOverdue(dueDate: string | null | undefined, status?: string | null): boolean {
  if (!dueDate || status === "DONE") return false;
  return dueDate.slice(0, 10) < todayIso();
}

/** "LESSON_PLAN" → "Lesson plan". */
export function humanize(constant: string): string {
  const words = constant.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The api's field messages are phrases ("must be at most 80 characters"); a person reads a sentence. */
export function asSentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** What went wrong, as the sentences a person reads: the messages only, never a code (FORBIDDEN, HTTP 401). */
export function errorSentences(error: ShowableError): string {
  return describeError(error)
    .map((detail) => asSentence(detail.message))
    .join(" ");
}
