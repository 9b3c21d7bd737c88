// A document's content over GraphQL, as plain text, Markdown and ProseMirror JSON, so an
// integrator can read a lesson plan without speaking Yjs (read by collab/content/reader.ts).
import { toMarkdown } from "../collab/content/markdown.ts";
import { toPlainText } from "../collab/content/plain-text.ts";
import { type ContentSource, contentOf, proseMirrorJson } from "../collab/content/reader.ts";
import { builder } from "./builder.ts";

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
        return await contentOf(ctx.prisma, ydoc, { kind: doc.kind, schoolId: doc.group.schoolId });
      } finally {
        ydoc.destroy();
      }
    },
  }),
}));
