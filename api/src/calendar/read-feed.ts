// Answering a fetch of /calendar/<token>.ics: the feed's ICS, or null for "no such calendar".
// An unknown, malformed, over-long or revoked token costs the same work (one hash, one indexed
// lookup) and gets the same null, so neither the answer nor its timing tells them apart. A
// well-formed live token is then re-checked against its owner's access at this moment.
import { hashToken } from "../auth/secrets.ts";
import { loadUserActor } from "../auth/load-actor.ts";
import { CALENDAR_TOKEN_SHAPE } from "../domain/calendar.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { mayHoldCalendarFeed } from "../policies/calendar-feeds.ts";
import { loadFeedContent } from "./feed-entries.ts";
import { feedToIcs } from "./ics.ts";

/** Well-formed but never issued (issued tokens are random); looked up in place of a malformed one. */
const DECOY_TOKEN = `src_${"0".repeat(43)}`;

/** Recording every fetch would be a write per calendar poll; once a minute says "in use" as well. */
const FETCH_STAMP_EVERY_MS = 60_000;

export async function readCalendarFeed(prisma: PrismaClient, candidate: string, publicUrl: string, now = new Date()): Promise<string | null> {
  // The shape test stops at the first character past a token's length, however long the input.
  const wellFormed = CALENDAR_TOKEN_SHAPE.test(candidate);
  const feed = await prisma.calendarFeed.findUnique({ where: { tokenHash: hashToken(wellFormed ? candidate : DECOY_TOKEN) } });
  if (!wellFormed || !feed || feed.revokedAt) return null;
  const owner = await loadUserActor(prisma, feed.userId, { authSessionId: null, apiToken: null });
  if (!mayHoldCalendarFeed(owner, feed)) return null;
  const content = await loadFeedContent(prisma, owner, feed, now);
  if (!content) return null;
  if (!feed.lastFetchedAt || now.getTime() - feed.lastFetchedAt.getTime() >= FETCH_STAMP_EVERY_MS) {
    await prisma.calendarFeed.update({ where: { id: feed.id }, data: { lastFetchedAt: now } });
  }
  return feedToIcs(content, publicUrl, now);
}
