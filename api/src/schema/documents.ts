// Live documents: lesson plans, meeting notes, action plans and reflections. Their content is a
// Yjs document served over /collab; GraphQL serves what a list or a header needs, never the bytes.
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client.ts";
import type { DocumentKind } from "../generated/prisma/enums.ts";
import { runCommand } from "../commands/run-command.ts";
import type { Context } from "../context.ts";
import { actingUserId, holdsScope, knownGroup, leadsSchool, type Actor } from "../policies/actor.ts";
import { documentAccess, readableDocumentsWhere, type DocumentAccess, type DocumentFacts } from "../policies/documents.ts";
import { groupAccess } from "../policies/groups.ts";
import { builder } from "./builder.ts";
import { applyDocumentTemplate } from "./document-content.ts";
import { DocumentKindEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { forbidden, NotFoundError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import { GroupRef, loadKnownGroup } from "./groups.ts";
import { SchoolRef } from "./schools.ts";
import { SessionRef } from "./sessions.ts";

/** The columns every access decision needs; selected with every document and every feedback row. */
export const DOCUMENT_FACTS = { groupId: true, kind: true, creatorId: true, sharedWithCoachesAt: true } as const;

const DocumentAccessEnum = builder.enumType("DocumentAccess", {
  values: {
    NONE: { value: "none" },
    READ: { value: "read", description: "Read the document and its feedback; no edits, no feedback." },
    WRITE: { value: "write" },
  } as const,
});

const DocumentOrderEnum = builder.enumType("DocumentOrder", {
  values: ["UPDATED_DESC", "TITLE_ASC", "CREATED_DESC"] as const,
});
type DocumentOrder = "UPDATED_DESC" | "TITLE_ASC" | "CREATED_DESC";

export const DocumentRef = builder.prismaNode("Document", {
  id: { field: "id" },
  nullable: true,
  // Select mode keeps the compacted Yjs state (bytea, possibly large) out of every load.
  select: { id: true, ...DOCUMENT_FACTS },
  authScopes: (doc, ctx) => documentAccess(ctx.actor, doc) !== "none",
  fields: (t) => ({
    kind: t.expose("kind", { type: DocumentKindEnum }),
    title: t.exposeString("title"),
    // The collab endpoint names documents by their database id, not the global id; a client
    // reads it here (behind the same policy as the document) instead of decoding global ids.
    collabRoom: t.exposeString("id", {
      description: "The room of this document's live content: connect y-websocket's WebsocketProvider to `/collab` with this room name.",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    sharedWithCoachesAt: t.expose("sharedWithCoachesAt", {
      type: "DateTime",
      nullable: true,
      description: "When the group (or, for a reflection, its author) shared this with the school's coaches and admins.",
    }),
    group: t.relation("group"),
    session: t.field({
      type: SessionRef,
      nullable: true,
      description: "The meeting this document belongs to, if the viewer can see that meeting (a coach reading a shared peer-group document cannot).",
      select: (_args, _ctx, nestedSelection) => ({ session: nestedSelection(true) }),
      resolve: (doc, _a, ctx) => (groupAccess(ctx.actor, doc.groupId).readContent ? doc.session : null),
    }),
    creator: t.relation("creator"),
    viewerAccess: t.field({
      type: DocumentAccessEnum,
      description: "What the viewer may do: READ for a coach reading a shared peer-group document, WRITE for its group.",
      resolve: (doc, _a, ctx) => documentAccess(ctx.actor, doc),
    }),
  }),
});

const documentListArgs = builder.args((t) => ({
  kind: t.field({ type: DocumentKindEnum, required: false }),
  search: t.string({ required: false, description: "Matches titles, ignoring case.", validate: z.string().max(200) }),
}));

const orderByArg = builder.args((t) => ({ orderBy: t.field({ type: DocumentOrderEnum, defaultValue: "UPDATED_DESC" }) }));

type ListFilter = { kind?: DocumentKind | null; search?: string | null; sessionId?: string | null };

/** Readable documents matching the filters. The policy's filter is always the first condition. */
export function documentsWhere(actor: Actor, filter: ListFilter, ...extra: Prisma.DocumentWhereInput[]): Prisma.DocumentWhereInput {
  const search = filter.search?.trim();
  return {
    AND: [
      readableDocumentsWhere(actor),
      ...(filter.kind ? [{ kind: filter.kind }] : []),
      ...(filter.sessionId ? [{ sessionId: filter.sessionId }] : []),
      ...(search ? [{ title: { contains: search, mode: "insensitive" as const } }] : []),
      ...extra,
    ],
  };
}

export function documentOrder(order: DocumentOrder | null | undefined): Prisma.DocumentOrderByWithRelationInput[] {
  switch (order) {
    case "TITLE_ASC":
      return [{ title: "asc" }, { id: "asc" }];
    case "CREATED_DESC":
      return [{ createdAt: "desc" }, { id: "asc" }];
    default:
      return [{ updatedAt: "desc" }, { id: "asc" }];
  }
}

builder.prismaObjectFields("Group", (t) => ({
  documents: t.relatedConnection("documents", {
    cursor: "id",
    totalCount: true,
    description: "The group's documents the viewer may read: for a coach, only those shared with coaches; reflections only their author's.",
    args: { ...documentListArgs, ...orderByArg, sessionId: t.arg.globalID({ required: false, for: SessionRef }) },
    query: (args, ctx) => ({
      where: documentsWhere(ctx.actor, { ...args, sessionId: args.sessionId?.id }),
      orderBy: documentOrder(args.orderBy),
    }),
  }),
}));

builder.prismaObjectFields("Session", (t) => ({
  documents: t.relatedConnection("documents", {
    cursor: "id",
    totalCount: true,
    description: "Documents of this meeting the viewer may read.",
    args: { ...documentListArgs, ...orderByArg },
    query: (args, ctx) => ({ where: documentsWhere(ctx.actor, args), orderBy: documentOrder(args.orderBy) }),
  }),
}));

function memberGroupIds(actor: Actor): string[] {
  return actor.kind === "user" ? [...actor.groups.values()].filter((g) => g.membership !== null).map((g) => g.id) : [];
}

function ledSchoolIds(actor: Actor): string[] {
  return actor.kind === "user" ? [...actor.schools.keys()].filter((id) => leadsSchool(actor, id)) : [];
}

builder.queryFields((t) => {
  const myDocumentsWhere = (ctx: Context, args: ListFilter) => documentsWhere(ctx.actor, args, { groupId: { in: memberGroupIds(ctx.actor) } });
  const sharedWhere = (ctx: Context, args: ListFilter & { schoolId?: { id: string } | null }) =>
    documentsWhere(ctx.actor, args, {
      sharedWithCoachesAt: { not: null },
      group: { schoolId: { in: ledSchoolIds(ctx.actor).filter((id) => !args.schoolId || id === args.schoolId.id) } },
    });
  return {
    myDocuments: t.prismaConnection({
      type: "Document",
      cursor: "id",
      description: "Documents across the viewer's own groups.",
      authScopes: { signedIn: true },
      args: { ...documentListArgs, ...orderByArg },
      totalCount: (_p, args, ctx) => ctx.prisma.document.count({ where: myDocumentsWhere(ctx, args) }),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.document.findMany({ ...query, where: myDocumentsWhere(ctx, args), orderBy: documentOrder(args.orderBy) }),
    }),
    documentsSharedWithCoaches: t.prismaConnection({
      type: "Document",
      cursor: "id",
      description: "For coaches and admins: documents groups have shared with them, most recently shared first.",
      authScopes: { signedIn: true },
      args: {
        ...documentListArgs,
        orderBy: t.arg({ type: DocumentOrderEnum, required: false, description: "Default: most recently shared first." }),
        schoolId: t.arg.globalID({ required: false, for: SchoolRef }),
      },
      totalCount: (_p, args, ctx) => ctx.prisma.document.count({ where: sharedWhere(ctx, args) }),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.document.findMany({
          ...query,
          where: sharedWhere(ctx, args),
          orderBy: args.orderBy ? documentOrder(args.orderBy) : [{ sharedWithCoachesAt: "desc" }, { id: "asc" }],
        }),
    }),
  };
});

// ───────────── writes ─────────────

type LoadedDocument = DocumentFacts & { id: string; group: { schoolId: string; archivedAt: Date | null } };

/**
 * The document, if the actor may read it (a stranger gets NOT_FOUND, never a hint), checked
 * against the access the caller needs.
 */
export async function loadDocument(ctx: Context, documentId: string, need: Exclude<DocumentAccess, "none">, what = "That document"): Promise<LoadedDocument> {
  const doc = await ctx.prisma.document.findUnique({
    where: { id: documentId },
    select: { id: true, ...DOCUMENT_FACTS, group: { select: { schoolId: true, archivedAt: true } } },
  });
  if (!doc) throw new NotFoundError(what);
  assertDocumentAccess(ctx.actor, doc, need, what);
  return doc;
}

export function assertDocumentAccess(actor: Actor, doc: DocumentFacts & { group: { archivedAt: Date | null } }, need: "read" | "write", what: string) {
  const access = documentAccess(actor, doc);
  if (access === "none") throw new NotFoundError(what);
  if (need === "write" && access !== "write") {
    // Someone who could write but for the archive deserves to hear why.
    if (doc.group.archivedAt && groupAccess(actor, doc.groupId).readContent && holdsScope(actor, "CONTENT_WRITE")) {
      throw new RuleViolationError("This group is archived.", "ARCHIVED");
    }
    throw forbidden("You can read this document but not change it.");
  }
}

const title = z.string().trim().min(1, "is required").max(200, "must be at most 200 characters");

builder.mutationFields((t) => ({
  createDocument: t.prismaField({
    type: "Document",
    description: "Start a document in a group. A reflection is private to you until you share it.",
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("CreateDocumentInput", {
          // Loose: the parsed input replaces the original, and the ids and kind must survive it.
          validate: z.looseObject({ title }),
          fields: (f) => ({
            groupId: f.globalID({ required: true, for: GroupRef }),
            kind: f.field({ type: DocumentKindEnum, required: true }),
            title: f.string({ required: true }),
            sessionId: f.globalID({ required: false, for: SessionRef, description: "A meeting of the same group." }),
            template: f.boolean({ required: false, defaultValue: true, description: "Start from the kind's template (meeting notes follow the session's agenda). False: start empty." }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const group = await loadKnownGroup(ctx, input.groupId.id);
      const access = groupAccess(ctx.actor, group.id);
      if (!access.writeContent) {
        if (group.archivedAt && access.readContent && holdsScope(ctx.actor, "CONTENT_WRITE")) throw new RuleViolationError("This group is archived.", "ARCHIVED");
        throw forbidden("Only the group's members (and, for a PLC, its leaders) can add documents.");
      }
      if (input.kind === "REFLECTION" && !knownGroup(ctx.actor, group.id)?.membership) throw forbidden("Reflections are written by the group's own members.");
      const sessionId = input.sessionId?.id ?? null;
      if (sessionId) {
        const session = await ctx.prisma.session.findUnique({ where: { id: sessionId }, select: { groupId: true } });
        if (session?.groupId !== group.id) throw ValidationError.field("input.sessionId", "must be a meeting of this group");
      }
      const creatorId = actingUserId(ctx.actor);
      if (!creatorId) throw forbidden();
      const doc = await runCommand(ctx, async ({ tx, record }) => {
        const doc = await tx.document.create({
          ...query,
          data: { groupId: group.id, sessionId, creatorId, kind: input.kind, title: input.title.trim() },
        });
        // The title is content: the activity log holds the kind only.
        await record({ schoolId: group.schoolId, groupId: group.id, actorId: creatorId, type: "DOCUMENT_CREATED", subjectId: doc.id, payload: { kind: input.kind } });
        return doc;
      });
      // After the commit: the template is a live-document edit, logged against the committed row.
      if (input.template !== false) await applyDocumentTemplate(ctx, { id: doc.id, kind: input.kind, title: input.title.trim(), sessionId });
      return doc;
    },
  }),
  renameDocument: t.prismaField({
    type: "Document",
    errors: { types: COMMON_ERRORS },
    args: {
      documentId: t.arg.globalID({ required: true, for: DocumentRef }),
      title: t.arg.string({ required: true, validate: title }),
    },
    resolve: async (query, _root, args, ctx) => {
      const doc = await loadDocument(ctx, args.documentId.id, "write");
      return ctx.prisma.document.update({ ...query, where: { id: doc.id }, data: { title: args.title.trim() } });
    },
  }),
  shareDocumentWithCoaches: t.prismaField({
    type: "Document",
    description: "Share a document with the school's coaches and admins (read only), or stop sharing it. For a reflection, only its author can.",
    errors: { types: COMMON_ERRORS },
    args: {
      documentId: t.arg.globalID({ required: true, for: DocumentRef }),
      shared: t.arg.boolean({ defaultValue: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const doc = await loadDocument(ctx, args.documentId.id, "write");
      // Sharing again keeps the original moment it was first shared.
      const sharedWithCoachesAt = args.shared === false ? null : (doc.sharedWithCoachesAt ?? new Date());
      const updated = await ctx.prisma.document.update({ ...query, where: { id: doc.id }, data: { sharedWithCoachesAt } });
      // Unsharing closes coaches' open connections to the document.
      if (!sharedWithCoachesAt) await ctx.services.events.accessChanged({ documentIds: [doc.id] });
      return updated;
    },
  }),
  deleteDocument: t.field({
    type: "Boolean",
    description: "Delete a document with its feedback and history. Its creator or the group's managers can.",
    errors: { types: COMMON_ERRORS },
    args: { documentId: t.arg.globalID({ required: true, for: DocumentRef }) },
    resolve: async (_root, args, ctx) => {
      const doc = await loadDocument(ctx, args.documentId.id, "write");
      const isCreator = actingUserId(ctx.actor) === doc.creatorId;
      if (!isCreator && !groupAccess(ctx.actor, doc.groupId).manage) throw forbidden("Only the document's creator or the group's managers can delete it.");
      await ctx.prisma.document.delete({ where: { id: doc.id } });
      await ctx.services.events.accessChanged({ documentIds: [doc.id] });
      return true;
    },
  }),
}));
