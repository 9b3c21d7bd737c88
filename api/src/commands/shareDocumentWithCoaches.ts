// Share a document with the school's coaches and admins (read only), or stop sharing it.
import type { Prisma } from "../generated/prisma/client.ts";
import { loadDocument } from "../policies/documents.ts";
import type { Caller, Selection } from "./run-command.ts";

/** Unsharing returns once coaches' open connections to the document were closed. */
export async function shareDocumentWithCoaches(
  caller: Caller,
  input: { documentId: string; shared: boolean },
  selection: Selection<Prisma.DocumentSelect, Prisma.DocumentInclude> = {},
) {
  const doc = await loadDocument(caller, input.documentId, "write");
  // Sharing again keeps the original moment it was first shared.
  const sharedWithCoachesAt = input.shared ? (doc.sharedWithCoachesAt ?? new Date()) : null;
  const updated = await caller.prisma.document.update({ ...selection, where: { id: doc.id }, data: { sharedWithCoachesAt } });
  if (!sharedWithCoachesAt) await caller.services.events.accessChanged({ documentIds: [doc.id] });
  return updated;
}
