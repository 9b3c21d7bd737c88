// Its author deletes feedback. A thread goes with its replies (threads are one level deep, and a
// reply has no meaning without what it answers); the web app says so before it asks.
import { requireActingUser } from "../policies/actor.ts";
import { loadOwnFeedback } from "../policies/feedback.ts";
import { runCommand, type Caller } from "./run-command.ts";

export async function deleteFeedback(caller: Caller, feedbackId: string): Promise<void> {
  const feedback = await loadOwnFeedback(caller, feedbackId);
  const actorId = requireActingUser(caller.actor);
  const doc = feedback.document;
  await runCommand(caller, async ({ tx, record }) => {
    // Replies cascade with their thread (the foreign key's ON DELETE CASCADE).
    await tx.feedback.delete({ where: { id: feedback.id } });
    await record({
      schoolId: doc.group.schoolId,
      groupId: doc.groupId,
      actorId,
      type: "FEEDBACK_DELETED",
      subjectId: feedback.id,
      payload: { kind: feedback.kind, documentId: doc.id, threadId: feedback.parentId },
    });
  });
}
