// Delete a document with its feedback and history: its creator or the group's managers.
import { forbidden } from "../domain/errors.ts";
import { actingUserId } from "../policies/actor.ts";
import { loadDocument } from "../policies/documents.ts";
import { groupAccess } from "../policies/groups.ts";
import type { Caller } from "./run-command.ts";

/** Returns once every open connection to the document was closed. */
export async function deleteDocument(caller: Caller, documentId: string): Promise<void> {
  const doc = await loadDocument(caller, documentId, "write");
  const isCreator = actingUserId(caller.actor) === doc.creatorId;
  if (!isCreator && !groupAccess(caller.actor, doc.groupId).manage) throw forbidden("Only the document's creator or the group's managers can delete it.");
  await caller.prisma.document.delete({ where: { id: doc.id } });
  await caller.services.events.accessChanged({ documentIds: [doc.id] });
}
