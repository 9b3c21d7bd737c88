// What a reader gets from a document's Yjs state: the content model (ProseMirror JSON, plus an
// action plan's items) with its owners' names, and the ProseMirror JSON an integrator reads,
// the action plan's items appended as a list. GraphQL's Document.content and
// DocumentVersion.content both read through here.
import * as Y from "yjs";
import type { DocumentKind, PrismaClient } from "../../generated/prisma/client.ts";
import { isUuid } from "../../domain/ids.ts";
import { readContent, type DocumentContentModel, type PMNode } from "./prosemirror.ts";

export type ContentSource = { model: DocumentContentModel; ownerNames: ReadonlyMap<string, string> };

export function proseMirrorJson(model: DocumentContentModel, ownerName: (id: string) => string | undefined): PMNode {
  if (!model.actionItems?.length) return model.doc;
  const items: PMNode = {
    type: "bulletList",
    content: model.actionItems.map((item) => {
      const owners = item.owners.map(ownerName).filter(Boolean).join(", ");
      const details = [owners, item.dueDate ? `due ${item.dueDate}` : "", item.status === "BLOCKED" ? "blocked" : item.status === "DONE" ? "done" : ""]
        .filter(Boolean)
        .join(" · ");
      return {
        type: "listItem",
        attrs: { actionItemId: item.id, status: item.status, dueDate: item.dueDate, owners: item.owners },
        content: [{ type: "paragraph", content: [{ type: "text", text: details ? `${item.title} — ${details}` : item.title }] }],
      };
    }),
  };
  return { ...model.doc, content: [...(model.doc.content ?? []), items] };
}

/**
 * What a reader gets from a Y.Doc. An action plan names its owners: only people on the school's
 * staff, so an id some client typed into the document can never reveal a stranger's name.
 */
export async function contentOf(prisma: PrismaClient, ydoc: Y.Doc, doc: { kind: DocumentKind; schoolId: string }): Promise<ContentSource> {
  const model = readContent(ydoc, { actionPlan: doc.kind === "ACTION_PLAN" });
  const ownerIds = [...new Set((model.actionItems ?? []).flatMap((item) => item.owners))].filter(isUuid);
  const owners = ownerIds.length
    ? await prisma.user.findMany({
        where: { id: { in: ownerIds }, schoolMemberships: { some: { schoolId: doc.schoolId } } },
        select: { id: true, name: true },
      })
    : [];
  return { model, ownerNames: new Map(owners.map((u) => [u.id, u.name])) };
}

/** Content of a stored snapshot (a named version). */
export async function contentOfState(prisma: PrismaClient, state: Uint8Array, doc: { kind: DocumentKind; schoolId: string }): Promise<ContentSource> {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    return await contentOf(prisma, ydoc, doc);
  } finally {
    ydoc.destroy();
  }
}
