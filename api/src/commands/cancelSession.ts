// Call off a planned meeting: it and its agenda are deleted. What calendar feeds need of it stays
// for CANCELLED_MEETINGS_KEPT_DAYS, so subscribed calendars show it as cancelled.
import { CANCELLED_MEETINGS_KEPT_DAYS } from "../domain/calendar.ts";
import { RuleViolationError } from "../domain/errors.ts";
import { loadManagedSession } from "../policies/sessions.ts";
import { runCommand, type Caller } from "./run-command.ts";

/** Returns the deleted session's id. Conditional on PLANNED, so a meeting that just started is not deleted. */
export async function cancelSession(caller: Caller, sessionId: string): Promise<string> {
  const session = await loadManagedSession(caller, sessionId);
  await runCommand(caller, async ({ tx }) => {
    const { count } = await tx.session.deleteMany({ where: { id: session.id, status: "PLANNED" } });
    if (count === 0) throw new RuleViolationError("Only a meeting that has not started can be cancelled.", "INVALID_STATE");
    await tx.cancelledSession.create({
      data: {
        id: session.id,
        groupId: session.groupId,
        title: session.title,
        startsAt: session.startsAt,
        durationMinutes: session.durationMinutes,
        sequence: session.sequence + 1,
      },
    });
    // Feeds no longer show these; the group's cancellations are few, so tidying here is cheap.
    await tx.cancelledSession.deleteMany({
      where: { groupId: session.groupId, cancelledAt: { lt: new Date(Date.now() - CANCELLED_MEETINGS_KEPT_DAYS * 86_400_000) } },
    });
  });
  return session.id;
}
