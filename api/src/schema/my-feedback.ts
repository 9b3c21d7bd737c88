// `feedbackOnMyDocuments`: the home page's "new feedback on my documents". Feedback (threads and
// replies) that other people gave on documents the viewer created, newest first — limited, through
// the document policy, to documents the viewer may still read (leaving a group ends it).
import type { Prisma } from "../generated/prisma/client.ts";
import type { Context } from "../context.ts";
import { readableDocumentsWhere } from "../policies/documents.ts";
import { builder } from "./builder.ts";

function feedbackOnMyDocumentsWhere(ctx: Context, args: { since?: Date | null }): Prisma.FeedbackWhereInput {
  if (ctx.actor.kind !== "user") return { id: { in: [] } };
  const viewerId = ctx.actor.userId;
  return {
    document: { AND: [{ creatorId: viewerId }, readableDocumentsWhere(ctx.actor)] },
    authorId: { not: viewerId },
    ...(args.since ? { createdAt: { gte: args.since } } : {}),
  };
}

builder.queryField("feedbackOnMyDocuments", (t) =>
  t.prismaConnection({
    type: "Feedback",
    cursor: "id",
    description: "Feedback others gave on documents you created (threads and replies), newest first. Only documents you can still read.",
    authScopes: { signedIn: true },
    args: { since: t.arg({ type: "DateTime", required: false, description: "Only feedback given at or after this time." }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.feedback.count({ where: feedbackOnMyDocumentsWhere(ctx, args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.feedback.findMany({ ...query, where: feedbackOnMyDocumentsWhere(ctx, args), orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
  }),
);
