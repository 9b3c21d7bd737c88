// Give a document a new title: anyone who may write it.
import type { Prisma } from "../generated/prisma/client.ts";
import { loadDocument } from "../policies/documents.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function renameDocument(
  caller: Caller,
  input: { documentId: string; title: string },
  selection: Selection<Prisma.DocumentSelect, Prisma.DocumentInclude> = {},
) {
  const doc = await loadDocument(caller, input.documentId, "write");
  return caller.prisma.document.update({ ...selection, where: { id: doc.id }, data: { title: input.title.trim() } });
}
