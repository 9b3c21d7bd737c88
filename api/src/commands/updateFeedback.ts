// Its author edits feedback: the body, and for a thread (not a reply) its kind.
import { RuleViolationError, ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { FeedbackKind } from "../generated/prisma/enums.ts";
import { notifyFeedbackMentions } from "../notifications/mentions.ts";
import { requireActingUser } from "../policies/actor.ts";
import { loadOwnFeedback } from "../policies/feedback.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export type UpdateFeedback = {
  feedbackId: string;
  body?: string | null;
  kind?: FeedbackKind | null;
  /** Everyone the edited body names; only those it did not name before are notified. */
  mentionIds?: readonly string[] | null;
};

export async function updateFeedback(caller: Caller, input: UpdateFeedback, selection: Selection<Prisma.FeedbackSelect, Prisma.FeedbackInclude> = {}) {
  const feedback = await loadOwnFeedback(caller, input.feedbackId);
  if (input.body == null && input.kind == null) throw new ValidationError([{ path: "", message: "Give a new body or kind." }]);
  if (feedback.parentId && input.kind != null) throw new RuleViolationError("A reply has no kind of its own: only a thread's kind can change.");
  const actorId = requireActingUser(caller.actor);
  const doc = feedback.document;
  const kind = input.kind ?? feedback.kind;
  return runCommand(caller, async ({ tx, record }) => {
    const updated = await tx.feedback.update({
      ...selection,
      where: { id: feedback.id },
      data: { ...(input.body != null ? { body: input.body.trim() } : {}), kind },
    });
    // Kind only: the body is the group's content.
    await record({
      schoolId: doc.group.schoolId,
      groupId: doc.groupId,
      actorId,
      type: "FEEDBACK_EDITED",
      subjectId: feedback.id,
      payload: { kind, documentId: doc.id },
    });
    await notifyFeedbackMentions(tx, { document: doc, feedbackId: feedback.id, actorId, mentionIds: input.mentionIds });
    return updated;
  });
}
