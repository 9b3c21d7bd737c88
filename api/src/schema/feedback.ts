// Feedback on documents: glows, grows, questions and notes, anchored to a passage, in threads of
// one level (a reply to a reply joins the thread). Whoever can read a document reads its
// feedback; only those who can write it add, answer or resolve feedback.
import { z } from "zod";
import { addFeedback } from "../commands/addFeedback.ts";
import { deleteFeedback } from "../commands/deleteFeedback.ts";
import { updateFeedback } from "../commands/updateFeedback.ts";
import { reopenFeedback } from "../commands/reopenFeedback.ts";
import { replyToFeedback } from "../commands/replyToFeedback.ts";
import { resolveFeedback } from "../commands/resolveFeedback.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { MAX_MENTIONS } from "../notifications/mentions.ts";
import { DOCUMENT_FACTS, documentAccess } from "../policies/documents.ts";
import { builder } from "./builder.ts";
import { DocumentRef } from "./documents.ts";
import { FeedbackKindEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { UserRef } from "./users.ts";

export const LIMITS = { body: 5000, anchorBytes: 4096, anchorQuote: 500 };

const mentionIds = z.array(z.unknown()).max(MAX_MENTIONS, `at most ${MAX_MENTIONS} people`).nullish();
const MENTION_IDS_DESCRIPTION =
  'People the body names with @ (as plain text, "@Name"): each who can read the document is notified (MENTIONED) once per feedback. Anyone else is ignored, never refused.';

export const FeedbackRef = builder.prismaNode("Feedback", {
  id: { field: "id" },
  nullable: true,
  // The document's access facts travel with every row (one joined load), so the policy decides without a query per row.
  include: { document: { select: DOCUMENT_FACTS } },
  authScopes: (feedback, ctx) => documentAccess(ctx.actor, feedback.document) !== "none",
  fields: (t) => ({
    kind: t.expose("kind", { type: FeedbackKindEnum }),
    body: t.exposeString("body"),
    anchor: t.expose("anchor", { type: "JSON", nullable: true, description: "Yjs relative position of the anchored range, as the client encoded it." }),
    anchorQuote: t.exposeString("anchorQuote", { nullable: true, description: "The anchored text when the feedback was given." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    resolvedAt: t.expose("resolvedAt", { type: "DateTime", nullable: true }),
    resolvedBy: t.relation("resolvedBy", { nullable: true }),
    author: t.relation("author"),
    document: t.relation("document"),
    parent: t.relation("parent", { nullable: true, description: "The thread this reply belongs to; null for a thread." }),
    replies: t.relatedConnection("replies", {
      cursor: "id",
      totalCount: true,
      query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    }),
  }),
});

const FeedbackStateEnum = builder.enumType("FeedbackState", {
  values: ["OPEN", "RESOLVED", "ALL"] as const,
});

function stateWhere(state: "OPEN" | "RESOLVED" | "ALL" | null | undefined): Prisma.FeedbackWhereInput {
  if (state === "OPEN") return { resolvedAt: null };
  if (state === "RESOLVED") return { resolvedAt: { not: null } };
  return {};
}

builder.prismaObjectFields("Document", (t) => ({
  feedback: t.relatedConnection("feedback", {
    cursor: "id",
    totalCount: true,
    description: "Feedback threads (replies are under each thread), oldest first.",
    args: {
      kinds: t.arg({ type: [FeedbackKindEnum], required: false }),
      state: t.arg({ type: FeedbackStateEnum, defaultValue: "ALL" }),
    },
    query: (args) => ({
      where: { parentId: null, ...(args.kinds?.length ? { kind: { in: args.kinds } } : {}), ...stateWhere(args.state) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  }),
  openFeedbackCount: t.relationCount("feedback", {
    description: "Open feedback threads.",
    where: { parentId: null, resolvedAt: null },
  }),
}));

const body = z.string().trim().min(1, "is required").max(LIMITS.body, `must be at most ${LIMITS.body} characters`);

const anchor = z
  .record(z.string(), z.unknown(), { error: "must be an object (a Yjs relative position)" })
  .nullish()
  .refine((value) => value == null || Buffer.byteLength(JSON.stringify(value)) <= LIMITS.anchorBytes, `must be at most ${LIMITS.anchorBytes / 1024} KB`);

// ───────────── mutations: parse → command → payload ─────────────

builder.mutationFields((t) => ({
  addFeedback: t.prismaField({
    type: "Feedback",
    description: "Give feedback on a document you can edit, optionally anchored to a passage.",
    errors: { types: COMMON_ERRORS },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("AddFeedbackInput", {
          // Loose: the parsed input replaces the original, and the id and kind must survive it.
          validate: z.looseObject({
            body,
            anchor,
            anchorQuote: z.string().max(LIMITS.anchorQuote, `must be at most ${LIMITS.anchorQuote} characters`).nullish(),
            mentionIds,
          }),
          fields: (f) => ({
            documentId: f.globalID({ required: true, for: DocumentRef }),
            kind: f.field({ type: FeedbackKindEnum, required: true }),
            body: f.string({ required: true }),
            anchor: f.field({ type: "JSON", required: false }),
            anchorQuote: f.string({ required: false }),
            mentionIds: f.globalIDList({ required: false, for: UserRef, description: MENTION_IDS_DESCRIPTION }),
          }),
        }),
      }),
    },
    resolve: (query, _root, { input }, ctx) =>
      addFeedback(ctx, { ...input, documentId: input.documentId.id, mentionIds: input.mentionIds?.map((m) => m.id) }, query),
  }),
  replyToFeedback: t.prismaField({
    type: "Feedback",
    description: "Answer a feedback thread. Replying to a reply adds to the same thread.",
    errors: { types: COMMON_ERRORS },
    args: {
      feedbackId: t.arg.globalID({ required: true, for: FeedbackRef }),
      body: t.arg.string({ required: true, validate: body }),
      mentionIds: t.arg.globalIDList({ required: false, for: UserRef, validate: mentionIds, description: MENTION_IDS_DESCRIPTION }),
    },
    resolve: (query, _root, args, ctx) =>
      replyToFeedback(ctx, { feedbackId: args.feedbackId.id, body: args.body, mentionIds: args.mentionIds?.map((m) => m.id) }, query),
  }),
  resolveFeedback: t.prismaField({
    type: "Feedback",
    errors: { types: COMMON_ERRORS },
    args: { feedbackId: t.arg.globalID({ required: true, for: FeedbackRef }) },
    resolve: (query, _root, args, ctx) => resolveFeedback(ctx, args.feedbackId.id, query),
  }),
  reopenFeedback: t.prismaField({
    type: "Feedback",
    errors: { types: COMMON_ERRORS },
    args: { feedbackId: t.arg.globalID({ required: true, for: FeedbackRef }) },
    resolve: (query, _root, args, ctx) => reopenFeedback(ctx, args.feedbackId.id, query),
  }),
  updateFeedback: t.prismaField({
    type: "Feedback",
    description: "Edit your own feedback or reply: its body, and a thread's kind (a reply has none). Only its author can.",
    errors: { types: COMMON_ERRORS },
    args: {
      feedbackId: t.arg.globalID({ required: true, for: FeedbackRef }),
      body: t.arg.string({ required: false, validate: body.nullish() }),
      kind: t.arg({ type: FeedbackKindEnum, required: false }),
      mentionIds: t.arg.globalIDList({ required: false, for: UserRef, validate: mentionIds, description: MENTION_IDS_DESCRIPTION }),
    },
    resolve: (query, _root, args, ctx) =>
      updateFeedback(ctx, { feedbackId: args.feedbackId.id, body: args.body, kind: args.kind, mentionIds: args.mentionIds?.map((m) => m.id) }, query),
  }),
  deleteFeedback: t.field({
    type: "Boolean",
    description: "Delete your own feedback or reply; a thread goes with its replies. Only its author can.",
    errors: { types: COMMON_ERRORS },
    args: { feedbackId: t.arg.globalID({ required: true, for: FeedbackRef }) },
    resolve: async (_root, args, ctx) => {
      await deleteFeedback(ctx, args.feedbackId.id);
      return true;
    },
  }),
}));
