// Answer a feedback thread. A reply to a reply joins the same thread (threads are one level deep).
import type { Prisma } from "../generated/prisma/client.ts";
import { notifyFeedbackMentions } from "../notifications/mentions.ts";
import { requireActingUser } from "../policies/actor.ts";
import { notifyReplyToFeedback } from "../notifications/producers.ts";
import { loadFeedback } from "../policies/feedback.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export async function replyToFeedback(
  caller: Caller,
  input: { feedbackId: string; body: string; mentionIds?: readonly string[] | null },
  selection: Selection<Prisma.FeedbackSelect, Prisma.FeedbackInclude> = {},
) {
  const parent = await loadFeedback(caller, input.feedbackId, "write");
  const actorId = requireActingUser(caller.actor);
  const doc = parent.document;
  const threadId = parent.parentId ?? parent.id;
  return runCommand(caller, async ({ tx, record }) => {
    const reply = await tx.feedback.create({
      ...selection,
      data: { documentId: doc.id, authorId: actorId, parentId: threadId, kind: "NOTE", body: input.body.trim() },
    });
    await record({
      schoolId: doc.group.schoolId,
      groupId: doc.groupId,
      actorId,
      type: "FEEDBACK_REPLIED",
      subjectId: reply.id,
      payload: { kind: "NOTE", documentId: doc.id, threadId },
    });
    await notifyFeedbackMentions(tx, { document: doc, feedbackId: reply.id, actorId, mentionIds: input.mentionIds });
    await notifyReplyToFeedback(tx, { replyId: reply.id, threadId, document: { ...doc, schoolId: doc.group.schoolId }, actorId });
    return reply;
  });
}
