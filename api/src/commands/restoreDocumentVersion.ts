// Bring a version's content back. Restoring is a forward change through the live document, so
// every open editor sees it at once, and it first saves what it replaces, so a restore can
// itself be undone.
import * as Y from "yjs";
import { actionItemsArray, richText } from "../collab/content/layout.ts";
import { NotFoundError } from "../domain/errors.ts";
import { preRestoreName } from "../domain/versions.ts";
import { requireActingUser } from "../policies/actor.ts";
import { assertDocumentAccess, DOCUMENT_FACTS } from "../policies/documents.ts";
import type { Caller } from "./run-command.ts";

/** Returns the restored document's id. */
export async function restoreDocumentVersion(caller: Caller, versionId: string): Promise<string> {
  const version = await caller.prisma.documentVersion.findUnique({
    where: { id: versionId },
    select: { name: true, state: true, document: { select: { id: true, ...DOCUMENT_FACTS, group: { select: { schoolId: true, archivedAt: true } } } } },
  });
  if (!version) throw new NotFoundError("That version");
  assertDocumentAccess(caller.actor, version.document, "write", "That version");
  const createdById = requireActingUser(caller.actor);
  const documentId = version.document.id;

  // The safety copy is stored before anything changes, so a failed restore still leaves it.
  const current = await caller.services.documents.read(documentId);
  const backup = await caller.prisma.documentVersion.create({
    data: { documentId, createdById, name: preRestoreName(version.name), state: Buffer.from(Y.encodeStateAsUpdate(current)) },
    select: { id: true },
  });
  current.destroy();

  const source = new Y.Doc();
  Y.applyUpdate(source, version.state);
  let replaced = null as Uint8Array | null;
  try {
    await caller.services.documents.change(documentId, (doc) => {
      // Exactly what the restore replaces, including edits made since the copy above.
      replaced = Y.encodeStateAsUpdate(doc);
      restoreInto(doc, source, version.document.kind === "ACTION_PLAN");
    });
  } finally {
    source.destroy();
  }
  if (replaced) await caller.prisma.documentVersion.update({ where: { id: backup.id }, data: { state: Buffer.from(replaced) }, select: { id: true } });
  return documentId;
}

/** Replaces the target's rich text (and, for an action plan, its items) with copies of the source's. */
function restoreInto(target: Y.Doc, source: Y.Doc, actionPlan: boolean): void {
  const fragment = richText(target);
  fragment.delete(0, fragment.length);
  const nodes = richText(source)
    .toArray()
    .filter((node): node is Y.XmlElement | Y.XmlText => !(node instanceof Y.XmlHook));
  fragment.insert(
    0,
    nodes.map((node) => node.clone()),
  );
  if (!actionPlan) return;
  const items = actionItemsArray(target);
  items.delete(0, items.length);
  items.insert(
    0,
    actionItemsArray(source)
      .toArray()
      .filter((item) => item instanceof Y.Map)
      .map((item) => item.clone()),
  );
}
