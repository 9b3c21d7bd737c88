// Stop a calendar address: from now on it answers 404, like one that never existed.
import { NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { requireActingUser } from "../policies/actor.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export async function revokeCalendarFeed(caller: Caller, feedId: string, selection: Selection<Prisma.CalendarFeedSelect, Prisma.CalendarFeedInclude> = {}) {
  const userId = requireActingUser(caller.actor);
  return runCommand(caller, async ({ tx }) => {
    const feed = await tx.calendarFeed.findUnique({ where: { id: feedId } });
    // Someone else's feed is "not found": ids reveal nothing.
    if (!feed || feed.userId !== userId) throw new NotFoundError("That calendar link");
    return tx.calendarFeed.update({ ...selection, where: { id: feed.id }, data: { revokedAt: feed.revokedAt ?? new Date() } });
  });
}
