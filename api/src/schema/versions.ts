// Named versions of a document: snapshots its readers can read and its writers can restore.
// Restoring is a forward change through the live document, so every open editor sees it at
// once, and it first saves what it replaces, so a restore can itself be undone.
import * as Y from "yjs";
import { z } from "zod";
import { actionItemsArray, richText } from "../collab/content/layout.ts";
import { documentAccess } from "../policies/documents.ts";
import { builder } from "./builder.ts";
import { contentOfState, DocumentContentRef } from "./document-content.ts";
import { assertDocumentAccess, DOCUMENT_FACTS, loadDocument } from "../policies/documents.ts";
import { DocumentRef } from "./documents.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { forbidden, NotFoundError } from "../domain/errors.ts";
import { actingUserId } from "../policies/actor.ts";

const NAME_MAX = 120;

// Every version load carries its document's access facts, so the policy needs no extra query.
const VERSION_DOCUMENT = { select: { id: true, ...DOCUMENT_FACTS, group: { select: { schoolId: true, archivedAt: true } } } } as const;

export const DocumentVersionRef = builder.prismaNode("DocumentVersion", {
  id: { field: "id" },
  nullable: true,
  // Select mode keeps the snapshot (bytea) out of lists; only `content` loads it.
  select: { id: true, document: VERSION_DOCUMENT },
  authScopes: (version, ctx) => documentAccess(ctx.actor, version.document) !== "none",
  fields: (t) => ({
    name: t.exposeString("name"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    createdBy: t.relation("createdBy"),
    document: t.relation("document"),
    content: t.field({
      type: DocumentContentRef,
      nullable: true,
      description: "The document's content as it was when this version was saved.",
      select: { state: true },
      resolve: (version, _args, ctx) =>
        contentOfState(ctx, version.state, { kind: version.document.kind, schoolId: version.document.group.schoolId }),
    }),
  }),
});

builder.prismaObjectFields("Document", (t) => ({
  versions: t.relatedConnection("versions", {
    cursor: "id",
    totalCount: true,
    description: "Named versions, newest first.",
    query: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
  }),
}));

const versionName = z.string().trim().min(1, "is required").max(NAME_MAX, `must be at most ${NAME_MAX} characters`);

/** "Before restoring <name>", shortened to fit the name limit. */
export function preRestoreName(name: string): string {
  const full = `Before restoring ${name}`;
  return full.length <= NAME_MAX ? full : `${full.slice(0, NAME_MAX - 1)}…`;
}

/** Replaces the target's rich text (and, for an action plan, its items) with copies of the source's. */
function restoreInto(target: Y.Doc, source: Y.Doc, actionPlan: boolean): void {
  const fragment = richText(target);
  fragment.delete(0, fragment.length);
  const nodes = richText(source).toArray().filter((node): node is Y.XmlElement | Y.XmlText => !(node instanceof Y.XmlHook));
  fragment.insert(0, nodes.map((node) => node.clone()));
  if (!actionPlan) return;
  const items = actionItemsArray(target);
  items.delete(0, items.length);
  items.insert(0, actionItemsArray(source).toArray().filter((item) => item instanceof Y.Map).map((item) => item.clone()));
}

builder.mutationFields((t) => ({
  createDocumentVersion: t.prismaField({
    type: "DocumentVersion",
    description: "Save the document's current content (live edits included) as a named version.",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: {
      documentId: t.arg.globalID({ required: true, for: DocumentRef }),
      name: t.arg.string({ required: true, validate: versionName }),
    },
    resolve: async (query, _root, args, ctx) => {
      const doc = await loadDocument(ctx, args.documentId.id, "write");
      const createdById = actingUserId(ctx.actor);
      if (!createdById) throw forbidden();
      const current = await ctx.services.documents.read(doc.id);
      const state = Y.encodeStateAsUpdate(current);
      current.destroy();
      return ctx.prisma.documentVersion.create({
        ...query,
        data: { documentId: doc.id, createdById, name: args.name.trim(), state: Buffer.from(state) },
      });
    },
  }),
  restoreDocumentVersion: t.prismaField({
    type: "Document",
    description:
      "Bring a version's content back as a new edit that everyone editing sees at once. What it replaces is saved first as the version \"Before restoring <name>\".",
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { versionId: t.arg.globalID({ required: true, for: DocumentVersionRef }) },
    resolve: async (query, _root, args, ctx) => {
      const version = await ctx.prisma.documentVersion.findUnique({
        where: { id: args.versionId.id },
        select: { name: true, state: true, document: VERSION_DOCUMENT },
      });
      if (!version) throw new NotFoundError("That version");
      assertDocumentAccess(ctx.actor, version.document, "write", "That version");
      const createdById = actingUserId(ctx.actor);
      if (!createdById) throw forbidden();
      const documentId = version.document.id;

      // The safety copy is stored before anything changes, so a failed restore still leaves it.
      const current = await ctx.services.documents.read(documentId);
      const backup = await ctx.prisma.documentVersion.create({
        data: { documentId, createdById, name: preRestoreName(version.name), state: Buffer.from(Y.encodeStateAsUpdate(current)) },
        select: { id: true },
      });
      current.destroy();

      const source = new Y.Doc();
      Y.applyUpdate(source, version.state);
      let replaced = null as Uint8Array | null;
      try {
        await ctx.services.documents.change(documentId, (doc) => {
          // Exactly what the restore replaces, including edits made since the copy above.
          replaced = Y.encodeStateAsUpdate(doc);
          restoreInto(doc, source, version.document.kind === "ACTION_PLAN");
        });
      } finally {
        source.destroy();
      }
      if (replaced) await ctx.prisma.documentVersion.update({ where: { id: backup.id }, data: { state: Buffer.from(replaced) }, select: { id: true } });
      return ctx.prisma.document.findUniqueOrThrow({ ...query, where: { id: documentId } });
    },
  }),
}));
