// Named versions of a document: snapshots its readers can read and its writers can restore
// (commands/restoreDocumentVersion.ts).
import { z } from "zod";
import { createDocumentVersion } from "../commands/createDocumentVersion.ts";
import { restoreDocumentVersion } from "../commands/restoreDocumentVersion.ts";
import { VERSION_NAME_MAX } from "../domain/versions.ts";
import { DOCUMENT_FACTS, documentAccess } from "../policies/documents.ts";
import { builder } from "./builder.ts";
import { contentOfState } from "../collab/content/reader.ts";
import { DocumentContentRef } from "./document-content.ts";
import { DocumentRef } from "./documents.ts";
import { COMMON_ERRORS } from "./error-types.ts";

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
      resolve: (version, _args, ctx) => contentOfState(ctx.prisma, version.state, { kind: version.document.kind, schoolId: version.document.group.schoolId }),
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

const versionName = z.string().trim().min(1, "is required").max(VERSION_NAME_MAX, `must be at most ${VERSION_NAME_MAX} characters`);

// ───────────── mutations: parse → command → payload ─────────────

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
    resolve: (query, _root, args, ctx) => createDocumentVersion(ctx, { documentId: args.documentId.id, name: args.name }, query),
  }),
  restoreDocumentVersion: t.prismaField({
    type: "Document",
    description:
      'Bring a version\'s content back as a new edit that everyone editing sees at once. What it replaces is saved first as the version "Before restoring <name>".',
    authScopes: { signedIn: true },
    errors: { types: COMMON_ERRORS },
    args: { versionId: t.arg.globalID({ required: true, for: DocumentVersionRef }) },
    resolve: async (query, _root, args, ctx) => {
      const documentId = await restoreDocumentVersion(ctx, args.versionId.id);
      return ctx.prisma.document.findUniqueOrThrow({ ...query, where: { id: documentId } });
    },
  }),
}));
