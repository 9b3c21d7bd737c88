// Calendar feeds' rules that are plain values: where a feed lives, what its secret looks like,
// and how long a cancelled meeting stays in feeds.

/** Feeds are served at /calendar/<token>.ics. */
export const CALENDAR_PATH_PREFIX = "/calendar/";
export const CALENDAR_FILE_SUFFIX = ".ics";

/** A feed's secret exactly as auth/secrets.ts makes it: "src_" and 32 random bytes in base64url. */
export const CALENDAR_TOKEN_SHAPE = /^src_[A-Za-z0-9_-]{43}$/;

/**
 * A cancelled meeting stays in feeds, as STATUS:CANCELLED, for this many days after it was
 * called off: long enough for every calendar (most refresh within a day) to strike it out
 * rather than silently drop it, short enough that feeds do not fill with them.
 */
export const CANCELLED_MEETINGS_KEPT_DAYS = 30;

/** Meetings that started longer ago than this are left out: a feed stays small however old the group. */
export const PAST_MEETINGS_KEPT_DAYS = 180;

export function calendarFeedPath(token: string): string {
  return `${CALENDAR_PATH_PREFIX}${token}${CALENDAR_FILE_SUFFIX}`;
}
