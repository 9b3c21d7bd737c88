// Feedback on documents: glows, grows, questions and notes, anchored to a passage, in threads of
// one level (a reply to a reply joins the thread). Whoever can read a document reads its
// feedback; only those who can write it add, answer or resolve feedback.
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client.ts";
import { runCommand } from "../commands/run-command.ts";
import type { Context } from "../context.ts";
import { documentAccess } from "../policies/documents.ts";
import { builder } from "./builder.ts";
import { assertDocumentAccess, DOCUMENT_FACTS, loadDocument } from "../policies/documents.ts";
import { DocumentRef } from "./documents.ts";
import { FeedbackKindEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { forbidden, NotFoundError, RuleViolationError } from "../domain/errors.ts";
import { requireActingUser } from "../policies/actor.ts";

export const LIMITS = { body: 5000, anchorBytes: 4096, anchorQuote: 500 };

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

/** The feedback with its document's facts, if the actor may read it. */
async function loadFeedback(ctx: Context, feedbackId: string, need: "read" | "write") {
  const feedback = await ctx.prisma.feedback.findUnique({
    where: { id: feedbackId },
    select: {
      id: true,
      kind: true,
      parentId: true,
      resolvedAt: true,
      document: { select: { id: true, ...DOCUMENT_FACTS, group: { select: { schoolId: true, archivedAt: true } } } },
    },
  });
  if (!feedback) throw new NotFoundError("That feedback");
  assertDocumentAccess(ctx.actor, feedback.document, need, "That feedback");
  return feedback;
}

/** Sets or clears a thread's resolution and records it; the state must actually change. */
async function setResolved(ctx: Context, query: { include?: Prisma.FeedbackInclude; select?: Prisma.FeedbackSelect }, feedbackId: string, resolved: boolean) {
  const feedback = await loadFeedback(ctx, feedbackId, "write");
  if (feedback.parentId) throw new RuleViolationError("Replies are resolved with their thread: resolve or reopen the thread itself.");
  if (resolved === (feedback.resolvedAt !== null)) {
    throw new RuleViolationError(resolved ? "This feedback is already resolved." : "This feedback is already open.", "INVALID_STATE");
  }
  const actorId = requireActingUser(ctx.actor);
  const type = resolved ? "FEEDBACK_RESOLVED" : "FEEDBACK_REOPENED";
  return runCommand(ctx, async ({ tx, record }) => {
    // The condition on resolvedAt makes two people resolving at once one change, not two.
    const changed = await tx.feedback.updateMany({
      where: { id: feedback.id, resolvedAt: resolved ? null : { not: null } },
      data: resolved ? { resolvedAt: new Date(), resolvedById: actorId } : { resolvedAt: null, resolvedById: null },
    });
    if (changed.count === 0) throw new RuleViolationError(resolved ? "This feedback is already resolved." : "This feedback is already open.", "INVALID_STATE");
    const doc = feedback.document;
    await record({ schoolId: doc.group.schoolId, groupId: doc.groupId, actorId, type, subjectId: feedback.id, payload: { kind: feedback.kind, documentId: doc.id } });
    return tx.feedback.findUniqueOrThrow({ ...query, where: { id: feedback.id } });
  });
}

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
          }),
          fields: (f) => ({
            documentId: f.globalID({ required: true, for: DocumentRef }),
            kind: f.field({ type: FeedbackKindEnum, required: true }),
            body: f.string({ required: true }),
            anchor: f.field({ type: "JSON", required: false }),
            anchorQuote: f.string({ required: false }),
          }),
        }),
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const doc = await loadDocument(ctx, input.documentId.id, "write");
      const actorId = requireActingUser(ctx.actor);
      return runCommand(ctx, async ({ tx, record }) => {
        const feedback = await tx.feedback.create({
          ...query,
          data: {
            documentId: doc.id,
            authorId: actorId,
            kind: input.kind,
            body: input.body.trim(),
            anchor: (input.anchor ?? undefined) as Prisma.InputJsonValue | undefined,
            anchorQuote: input.anchorQuote ?? null,
          },
        });
        // Kind only: the body is the group's content.
        await record({ schoolId: doc.group.schoolId, groupId: doc.groupId, actorId, type: "FEEDBACK_ADDED", subjectId: feedback.id, payload: { kind: input.kind, documentId: doc.id } });
        return feedback;
      });
    },
  }),
  replyToFeedback: t.prismaField({
    type: "Feedback",
    description: "Answer a feedback thread. Replying to a reply adds to the same thread.",
    errors: { types: COMMON_ERRORS },
    args: {
      feedbackId: t.arg.globalID({ required: true, for: FeedbackRef }),
      body: t.arg.string({ required: true, validate: body }),
    },
    resolve: async (query, _root, args, ctx) => {
      const parent = await loadFeedback(ctx, args.feedbackId.id, "write");
      const actorId = requireActingUser(ctx.actor);
      const doc = parent.document;
      return runCommand(ctx, async ({ tx, record }) => {
        const reply = await tx.feedback.create({
          ...query,
          data: { documentId: doc.id, authorId: actorId, parentId: parent.parentId ?? parent.id, kind: "NOTE", body: args.body.trim() },
        });
        const threadId = parent.parentId ?? parent.id;
        await record({ schoolId: doc.group.schoolId, groupId: doc.groupId, actorId, type: "FEEDBACK_REPLIED", subjectId: reply.id, payload: { kind: "NOTE", documentId: doc.id, threadId } });
        return reply;
      });
    },
  }),
  resolveFeedback: t.prismaField({
    type: "Feedback",
    errors: { types: COMMON_ERRORS },
    args: { feedbackId: t.arg.globalID({ required: true, for: FeedbackRef }) },
    resolve: (query, _root, args, ctx) => setResolved(ctx, query, args.feedbackId.id, true),
  }),
  reopenFeedback: t.prismaField({
    type: "Feedback",
    errors: { types: COMMON_ERRORS },
    args: { feedbackId: t.arg.globalID({ required: true, for: FeedbackRef }) },
    resolve: (query, _root, args, ctx) => setResolved(ctx, query, args.feedbackId.id, false),
  }),
}));
