// Feedback goes with its document: whoever reads the document reads its feedback; only those
// who write it add, answer or resolve feedback.
import { forbidden, NotFoundError } from "../domain/errors.ts";
import { actingUserId, type Reader } from "./actor.ts";
import { assertDocumentAccess, DOCUMENT_FACTS } from "./documents.ts";

/** The feedback with its document's facts, if the actor may read (or write) the document. */
export async function loadFeedback({ prisma, actor }: Reader, feedbackId: string, need: "read" | "write") {
  const feedback = await prisma.feedback.findUnique({
    where: { id: feedbackId },
    select: {
      id: true,
      kind: true,
      parentId: true,
      authorId: true,
      resolvedAt: true,
      document: { select: { id: true, ...DOCUMENT_FACTS, group: { select: { schoolId: true, archivedAt: true } } } },
    },
  });
  if (!feedback) throw new NotFoundError("That feedback");
  assertDocumentAccess(actor, feedback.document, need, "That feedback");
  return feedback;
}

/**
 * Feedback its author may change (edit or delete): they must still be able to write the
 * document. Someone who cannot read the document gets NOT_FOUND; a reader or writer who is not
 * the author is refused (they can see the feedback, so refusing reveals nothing).
 */
export async function loadOwnFeedback(reader: Reader, feedbackId: string) {
  const feedback = await loadFeedback(reader, feedbackId, "write");
  if (feedback.authorId !== actingUserId(reader.actor)) throw forbidden("Only its author can edit or delete feedback.");
  return feedback;
}
