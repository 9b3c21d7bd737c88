// Feedback goes with its document: whoever reads the document reads its feedback; only those
// who write it add, answer or resolve feedback.
import { NotFoundError } from "../domain/errors.ts";
import type { Reader } from "./actor.ts";
import { assertDocumentAccess, DOCUMENT_FACTS } from "./documents.ts";

/** The feedback with its document's facts, if the actor may read (or write) the document. */
export async function loadFeedback({ prisma, actor }: Reader, feedbackId: string, need: "read" | "write") {
  const feedback = await prisma.feedback.findUnique({
    where: { id: feedbackId },
    select: {
      id: true,
      kind: true,
      parentId: true,
      resolvedAt: true,
      document: { select: { id: true, ...DOCUMENT_FACTS, group: { select: { schoolId: true, archivedAt: true } } } },
    },
  });
  if (!feedback) throw new NotFoundError("That feedback");
  assertDocumentAccess(actor, feedback.document, need, "That feedback");
  return feedback;
}
