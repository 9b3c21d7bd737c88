// Make a secret calendar address: your own feed for a school, or one of your groups' meetings.
// Making a new one for the same feed revokes the old address (that is how a leaked link is
// replaced). The secret is returned once; only its hash is kept.
import { newLinkToken } from "../auth/secrets.ts";
import { calendarFeedPath } from "../domain/calendar.ts";
import { NotFoundError } from "../domain/errors.ts";
import { requireActingUser } from "../policies/actor.ts";
import { mayHoldCalendarFeed, type CalendarFeedFacts } from "../policies/calendar-feeds.ts";
import { loadKnownGroup } from "../policies/groups.ts";
import { runCommand, type Caller } from "./run-command.ts";

export type CreateCalendarFeed = { schoolId: string | null; groupId: string | null };

export async function createCalendarFeed(caller: Caller, input: CreateCalendarFeed): Promise<{ url: string; feedId: string }> {
  const userId = requireActingUser(caller.actor);
  const facts = await feedFacts(caller, userId, input);
  if (!mayHoldCalendarFeed(caller.actor, facts)) {
    // Someone who knows the group but is not in it (a leader) may not follow its meetings.
    throw facts.groupId ? new NotFoundError("That group's calendar") : new NotFoundError("That school");
  }
  const { token, hash } = newLinkToken("calendar");
  const feedId = await runCommand(caller, async ({ tx }) => {
    // One live address per feed: two clicks at once must not leave two working links.
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId}::uuid FOR UPDATE`;
    await tx.calendarFeed.updateMany({
      where: { userId, schoolId: facts.schoolId, groupId: facts.groupId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.calendarFeed.create({ data: { ...facts, tokenHash: hash }, select: { id: true } });
    return created.id;
  });
  return { url: new URL(calendarFeedPath(token), caller.services.publicUrl()).toString(), feedId };
}

async function feedFacts(caller: Caller, userId: string, input: CreateCalendarFeed): Promise<CalendarFeedFacts> {
  if (input.groupId) {
    const group = await loadKnownGroup(caller, input.groupId);
    return { userId, schoolId: group.schoolId, groupId: group.id };
  }
  return { userId, schoolId: input.schoolId ?? "", groupId: null };
}
