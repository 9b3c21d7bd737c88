// Give feedback on a document you can edit, optionally anchored to a passage.
import type { Prisma } from "../generated/prisma/client.ts";
import type { FeedbackKind } from "../generated/prisma/enums.ts";
import { notifyFeedbackMentions } from "../notifications/mentions.ts";
import { requireActingUser } from "../policies/actor.ts";
import { notifyFeedbackOnDocument } from "../notifications/producers.ts";
import { loadDocument } from "../policies/documents.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export type AddFeedback = {
  documentId: string;
  kind: FeedbackKind;
  body: string;
  /** A Yjs relative position, as the editor sent it (size-limited by the input's validation). */
  anchor?: unknown;
  anchorQuote?: string | null;
  /** People the body names with "@" (user ids); those who cannot read the document are ignored. */
  mentionIds?: readonly string[] | null;
};

export async function addFeedback(caller: Caller, input: AddFeedback, selection: Selection<Prisma.FeedbackSelect, Prisma.FeedbackInclude> = {}) {
  const doc = await loadDocument(caller, input.documentId, "write");
  const actorId = requireActingUser(caller.actor);
  return runCommand(caller, async ({ tx, record }) => {
    const feedback = await tx.feedback.create({
      ...selection,
      data: {
        documentId: doc.id,
        authorId: actorId,
        kind: input.kind,
        body: input.body.trim(),
        anchor: (input.anchor ?? undefined) as Prisma.InputJsonValue | undefined,
        anchorQuote: input.anchorQuote ?? null,
      },
    });
    // Kind only: the body is the group's content.
    await record({
      schoolId: doc.group.schoolId,
      groupId: doc.groupId,
      actorId,
      type: "FEEDBACK_ADDED",
      subjectId: feedback.id,
      payload: { kind: input.kind, documentId: doc.id },
    });
    await notifyFeedbackMentions(tx, { document: doc, feedbackId: feedback.id, actorId, mentionIds: input.mentionIds });
    await notifyFeedbackOnDocument(tx, { feedbackId: feedback.id, document: { ...doc, schoolId: doc.group.schoolId }, actorId });
    return feedback;
  });
}
