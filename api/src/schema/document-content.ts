// A document's content over GraphQL, as plain text, Markdown and ProseMirror JSON, so an
// integrator can read a lesson plan without speaking Yjs. Also the templates new documents start from.
import * as Y from "yjs";
import { toMarkdown } from "../collab/content/markdown.ts";
import { toPlainText } from "../collab/content/plain-text.ts";
import { readContent, type DocumentContentModel, type PMNode } from "../collab/content/prosemirror.ts";
import type { Context } from "../context.ts";
import type { DocumentKind } from "../generated/prisma/enums.ts";
import { builder } from "./builder.ts";
import { isUuid } from "../domain/ids.ts";

export type ContentSource = { model: DocumentContentModel; ownerNames: ReadonlyMap<string, string> };

export const DocumentContentRef = builder.objectRef<ContentSource>("DocumentContent").implement({
  description: "A document's content at one moment. An action plan's items follow its text: a task list in Markdown, one line each in plain text.",
  fields: (t) => ({
    text: t.string({
      description: "Plain text: blocks separated by a blank line, list items on their own lines.",
      resolve: (c) => toPlainText(c.model, (id) => c.ownerNames.get(id)),
    }),
    markdown: t.string({
      description: "CommonMark; an action plan's items as a task list with owners and due dates.",
      resolve: (c) => toMarkdown(c.model, (id) => c.ownerNames.get(id)),
    }),
    prosemirror: t.field({
      type: "JSON",
      description:
        "ProseMirror JSON with Tiptap StarterKit's node and mark names. An action plan's items follow as a bulletList whose listItems carry attrs { actionItemId, status, dueDate, owners } (owners: user ids).",
      resolve: (c) => proseMirrorJson(c.model, (id) => c.ownerNames.get(id)),
    }),
  }),
});

function proseMirrorJson(model: DocumentContentModel, ownerName: (id: string) => string | undefined): PMNode {
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
export async function contentOf(ctx: Context, ydoc: Y.Doc, doc: { kind: DocumentKind; schoolId: string }): Promise<ContentSource> {
  const model = readContent(ydoc, { actionPlan: doc.kind === "ACTION_PLAN" });
  const ownerIds = [...new Set((model.actionItems ?? []).flatMap((item) => item.owners))].filter(isUuid);
  const owners = ownerIds.length
    ? await ctx.prisma.user.findMany({
        where: { id: { in: ownerIds }, schoolMemberships: { some: { schoolId: doc.schoolId } } },
        select: { id: true, name: true },
      })
    : [];
  return { model, ownerNames: new Map(owners.map((u) => [u.id, u.name])) };
}

/** Content of a stored snapshot (a named version). */
export async function contentOfState(ctx: Context, state: Uint8Array, doc: { kind: DocumentKind; schoolId: string }): Promise<ContentSource> {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    return await contentOf(ctx, ydoc, doc);
  } finally {
    ydoc.destroy();
  }
}

builder.prismaObjectFields("Document", (t) => ({
  content: t.field({
    type: DocumentContentRef,
    nullable: true,
    description:
      "The current content, live edits included. Each document asked for costs one read of its live state (not batched): ask for content on a page of documents sparingly.",
    select: { kind: true, group: { select: { schoolId: true } } },
    resolve: async (doc, _args, ctx) => {
      const ydoc = await ctx.services.documents.read(doc.id);
      try {
        return await contentOf(ctx, ydoc, { kind: doc.kind, schoolId: doc.group.schoolId });
      } finally {
        ydoc.destroy();
      }
    },
  }),
}));
