// Live documents: lesson plans, meeting notes, action plans and reflections. Their content is a
// Yjs document served over /collab; GraphQL serves what a list or a header needs, never the bytes.
import { z } from "zod";
import { createDocument } from "../commands/createDocument.ts";
import { deleteDocument } from "../commands/deleteDocument.ts";
import { renameDocument } from "../commands/renameDocument.ts";
import { shareDocumentWithCoaches } from "../commands/shareDocumentWithCoaches.ts";
import type { Context } from "../context.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { DocumentKind } from "../generated/prisma/enums.ts";
import { leadsSchool, type Actor } from "../policies/actor.ts";
import { canDeleteDocument, DOCUMENT_FACTS, documentAccess, readableDocumentsWhere } from "../policies/documents.ts";
import { groupAccess } from "../policies/groups.ts";
import { loadMentionDocument, MAX_MENTION_CANDIDATES, mentionCandidateIds } from "../notifications/mentions.ts";
import { builder } from "./builder.ts";
import { DocumentKindEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { GroupRef } from "./groups.ts";
import { SchoolRef } from "./schools.ts";
import { SessionRef } from "./sessions.ts";

/** The columns every access decision needs; selected with every document and every feedback row. */

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
    mentionCandidates: t.prismaField({
      type: ["User"],
      description:
        "People the viewer may @mention here: those a mention would reach (who can read the document; for a peer group's document, only its members, since leadership is never notified of peer work), whose name contains `query`, by name (never the viewer). Empty unless the viewer can write the document.",
      args: {
        query: t.arg.string({ required: false, validate: z.string().max(100).nullish() }),
        first: t.arg.int({
          required: false,
          defaultValue: 8,
          validate: z.number().int().min(1).max(MAX_MENTION_CANDIDATES, `at most ${MAX_MENTION_CANDIDATES}`).nullish(),
        }),
      },
      resolve: async (query, doc, args, ctx) => {
        // Only a writer can mention (in the editor or in feedback); the group's roster is metadata.
        if (ctx.actor.kind !== "user" || documentAccess(ctx.actor, doc) !== "write" || !groupAccess(ctx.actor, doc.groupId).metadata) return [];
        const mentionDoc = await loadMentionDocument(ctx.prisma, doc.id);
        if (!mentionDoc) return [];
        const ids = await mentionCandidateIds(ctx.prisma, mentionDoc, { query: args.query?.trim() ?? "", first: args.first ?? 8, askerId: ctx.actor.userId });
        const users = await ctx.prisma.user.findMany({ ...query, where: { id: { in: ids } } });
        const byId = new Map(users.map((u) => [u.id, u]));
        return ids.flatMap((id) => byId.get(id) ?? []);
      },
    }),
    viewerCanDelete: t.boolean({
      description: "May the viewer delete this document (deleteDocument): its creator, or the group's managers, while they can write it.",
      resolve: (doc, _a, ctx) => canDeleteDocument(ctx.actor, doc),
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

// ───────────── mutations: parse → command → payload ─────────────

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
            template: f.boolean({
              required: false,
              defaultValue: true,
              description: "Start from the kind's template (meeting notes follow the session's agenda). False: start empty.",
            }),
          }),
        }),
      }),
    },
    resolve: (query, _root, { input }, ctx) => createDocument(ctx, { ...input, groupId: input.groupId.id, sessionId: input.sessionId?.id ?? null }, query),
  }),
  renameDocument: t.prismaField({
    type: "Document",
    errors: { types: COMMON_ERRORS },
    args: {
      documentId: t.arg.globalID({ required: true, for: DocumentRef }),
      title: t.arg.string({ required: true, validate: title }),
    },
    resolve: (query, _root, args, ctx) => renameDocument(ctx, { documentId: args.documentId.id, title: args.title }, query),
  }),
  shareDocumentWithCoaches: t.prismaField({
    type: "Document",
    description: "Share a document with the school's coaches and admins (read only), or stop sharing it. For a reflection, only its author can.",
    errors: { types: COMMON_ERRORS },
    args: {
      documentId: t.arg.globalID({ required: true, for: DocumentRef }),
      shared: t.arg.boolean({ defaultValue: true }),
    },
    resolve: (query, _root, args, ctx) => shareDocumentWithCoaches(ctx, { documentId: args.documentId.id, shared: args.shared !== false }, query),
  }),
  deleteDocument: t.field({
    type: "Boolean",
    description: "Delete a document with its feedback and history. Its creator or the group's managers can.",
    errors: { types: COMMON_ERRORS },
    args: { documentId: t.arg.globalID({ required: true, for: DocumentRef }) },
    resolve: async (_root, args, ctx) => {
      await deleteDocument(ctx, args.documentId.id);
      return true;
    },
  }),
}));
