// Resolving and reopening a thread share one step: a conditional change and its activity.
import { RuleViolationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { requireActingUser } from "../policies/actor.ts";
import { loadFeedback } from "../policies/feedback.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

/** Sets or clears a thread's resolution and records it; the state must actually change. */
export async function setFeedbackResolved(
  caller: Caller,
  feedbackId: string,
  resolved: boolean,
  selection: Selection<Prisma.FeedbackSelect, Prisma.FeedbackInclude>,
) {
  const feedback = await loadFeedback(caller, feedbackId, "write");
  if (feedback.parentId) throw new RuleViolationError("Replies are resolved with their thread: resolve or reopen the thread itself.");
  const refusal = resolved ? "This feedback is already resolved." : "This feedback is already open.";
  if (resolved === (feedback.resolvedAt !== null)) throw new RuleViolationError(refusal, "INVALID_STATE");
  const actorId = requireActingUser(caller.actor);
  return runCommand(caller, async ({ tx, record }) => {
    // The condition on resolvedAt makes two people resolving at once one change, not two.
    const changed = await tx.feedback.updateMany({
      where: { id: feedback.id, resolvedAt: resolved ? null : { not: null } },
      data: resolved ? { resolvedAt: new Date(), resolvedById: actorId } : { resolvedAt: null, resolvedById: null },
    });
    if (changed.count === 0) throw new RuleViolationError(refusal, "INVALID_STATE");
    const doc = feedback.document;
    const type = resolved ? "FEEDBACK_RESOLVED" : "FEEDBACK_REOPENED";
    await record({
      schoolId: doc.group.schoolId,
      groupId: doc.groupId,
      actorId,
      type,
      subjectId: feedback.id,
      payload: { kind: feedback.kind, documentId: doc.id },
    });
    return tx.feedback.findUniqueOrThrow({ ...selection, where: { id: feedback.id } });
  });
}
