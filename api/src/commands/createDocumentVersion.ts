// Save a document's current content (live edits included) as a named version.
import * as Y from "yjs";
import type { Prisma } from "../generated/prisma/client.ts";
import { requireActingUser } from "../policies/actor.ts";
import { loadDocument } from "../policies/documents.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function createDocumentVersion(
  caller: Caller,
  input: { documentId: string; name: string },
  selection: Selection<Prisma.DocumentVersionSelect, Prisma.DocumentVersionInclude> = {},
) {
  const doc = await loadDocument(caller, input.documentId, "write");
  const createdById = requireActingUser(caller.actor);
  const current = await caller.services.documents.read(doc.id);
  const state = Y.encodeStateAsUpdate(current);
  current.destroy();
  return caller.prisma.documentVersion.create({ ...selection, data: { documentId: doc.id, createdById, name: input.name.trim(), state: Buffer.from(state) } });
}
