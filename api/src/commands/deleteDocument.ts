// Delete a document with its feedback and history: its creator or the group's managers.
import { forbidden } from "../domain/errors.ts";
import { actingUserId } from "../policies/actor.ts";
import { canDeleteDocument, loadDocument } from "../policies/documents.ts";
import type { Caller } from "./run-command.ts";

/** Returns once every open connection to the document was closed. */
export async function deleteDocument(caller: Caller, documentId: string): Promise<void> {
  const doc = await loadDocument(caller, documentId, "write");
  if (!canDeleteDocument(caller.actor, doc)) throw forbidden("Only the document's creator or the group's managers can delete it.");
  await caller.prisma.document.delete({ where: { id: doc.id } });
  // Open editors are closed with the reason "deleted" and who deleted it, not as a lost access.
  await caller.services.events.accessChanged({ documentIds: [doc.id], reason: "deleted", byUserId: actingUserId(caller.actor) ?? undefined });
}
