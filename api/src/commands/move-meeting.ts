// Starting and ending a meeting share one step: a conditional status change and its activity.
import { RuleViolationError } from "../domain/errors.ts";
import type { SessionStatus } from "../generated/prisma/enums.ts";
import { actingUserId } from "../policies/actor.ts";
import { loadManagedSession } from "../policies/sessions.ts";
import { runCommand, type Caller } from "./run-command.ts";

export type MeetingStep = {
  from: SessionStatus;
  to: SessionStatus;
  stamp: "startedAt" | "endedAt";
  activity: "SESSION_STARTED" | "SESSION_ENDED";
  refusal: string;
};

/**
 * Conditional on the current status, so two people pressing the button at once move it once;
 * the activity event is written in the same transaction.
 */
export async function moveMeeting(caller: Caller, sessionId: string, step: MeetingStep): Promise<void> {
  const session = await loadManagedSession(caller, sessionId);
  await runCommand(caller, async ({ tx, record }) => {
    const { count } = await tx.session.updateMany({
      where: { id: session.id, status: step.from },
      data: { status: step.to, [step.stamp]: new Date() },
    });
    if (count === 0) throw new RuleViolationError(step.refusal, "INVALID_STATE");
    await record({
      schoolId: session.group.schoolId,
      groupId: session.groupId,
      actorId: actingUserId(caller.actor),
      type: step.activity,
      subjectId: session.id,
    });
  });
}
