// Live activity over graphql-ws and SSE: feedback on a document or group, and what happens in a
// group. Authorized twice: on subscribe (here), and again for every event with the viewer
// reloaded (events/activity-stream.ts), because access may have shrunk since. An event never
// reaches someone who could not read its subject.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { GraphQLError } from "graphql";
import type { Context } from "../context.ts";
import {
  ACTIVITY_SUBJECT,
  ACTIVITY_TYPES,
  activityDocumentId,
  FEEDBACK_ACTIVITY,
  GROUP_ACTIVITY,
  type ActivityMessage,
  type ActivitySubjectType,
} from "../domain/activity.ts";
import { unauthenticated } from "../domain/errors.ts";
import { activityStream, notification } from "../events/activity-stream.ts";
import { assertMayFollowDocument, assertMayFollowGroup } from "../policies/activity.ts";
import { builder } from "./builder.ts";
import { DocumentRef } from "./documents.ts";
import { GroupRef } from "./groups.ts";

const ActivityTypeEnum = builder.enumType("ActivityType", { values: ACTIVITY_TYPES });

/** The subject's id when it is of this kind, else null (so each typed field resolves for its own events only). */
function subjectOf(message: ActivityMessage, typename: ActivitySubjectType): string | null {
  return ACTIVITY_SUBJECT[message.type] === typename ? message.subjectId : null;
}

const ActivityNotificationRef = builder.objectRef<ActivityMessage>("ActivityNotification").implement({
  description: "Something that happened, as ids and kinds: query the subject for what you may read of it.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The activity event's id; the same event is never delivered twice to one subscription." }),
    type: t.field({ type: ActivityTypeEnum, resolve: (m) => m.type }),
    occurredAt: t.field({ type: "DateTime", resolve: (m) => new Date(m.createdAt) }),
    subjectId: t.id({
      nullable: true,
      description: "Global id of the thing the event is about, even when it no longer exists (a deleted action item).",
      resolve: (m) => (m.subjectId ? encodeGlobalID(ACTIVITY_SUBJECT[m.type], m.subjectId) : null),
    }),
    actor: t.prismaField({
      type: "User",
      nullable: true,
      description: "Who did it; null when no person did, or when they no longer share a school with you (left it, or their account is gone).",
      resolve: (query, m, _args, ctx) => (m.actorId ? ctx.prisma.user.findUnique({ ...query, where: { id: m.actorId } }) : null),
    }),
    group: t.prismaField({
      type: "Group",
      nullable: true,
      description: "The group it happened in.",
      resolve: (query, m, _args, ctx) => (m.groupId ? ctx.prisma.group.findUnique({ ...query, where: { id: m.groupId } }) : null),
    }),
    feedback: t.prismaField({
      type: "Feedback",
      nullable: true,
      description: "FEEDBACK_*: the feedback (for FEEDBACK_REPLIED, the reply).",
      resolve: (query, m, _args, ctx) => {
        const id = subjectOf(m, "Feedback");
        return id ? ctx.prisma.feedback.findUnique({ ...query, where: { id } }) : null;
      },
    }),
    document: t.prismaField({
      type: "Document",
      nullable: true,
      description: "DOCUMENT_CREATED: the new document; FEEDBACK_*: the document the feedback is on.",
      resolve: (query, m, _args, ctx) => {
        const id = activityDocumentId(m);
        return id ? ctx.prisma.document.findUnique({ ...query, where: { id } }) : null;
      },
    }),
    session: t.prismaField({
      type: "Session",
      nullable: true,
      description: "SESSION_STARTED / SESSION_ENDED, AGENDA_CHANGED / ATTENDANCE_RECORDED / AGENDA_TIMER_CHANGED: the meeting.",
      resolve: (query, m, _args, ctx) => {
        const id = subjectOf(m, "Session");
        return id ? ctx.prisma.session.findUnique({ ...query, where: { id } }) : null;
      },
    }),
    actionItem: t.prismaField({
      type: "ActionItem",
      nullable: true,
      description: "ACTION_ITEM_CHANGED: the item, or null when it was deleted (see subjectId).",
      resolve: (query, m, _args, ctx) => {
        const id = subjectOf(m, "ActionItem");
        return id ? ctx.prisma.actionItem.findUnique({ ...query, where: { id } }) : null;
      },
    }),
    member: t.prismaField({
      type: "User",
      nullable: true,
      description: "MEMBER_JOINED / MEMBER_LEFT: who joined or left.",
      resolve: (query, m, _args, ctx) => {
        const id = subjectOf(m, "User");
        return id ? ctx.prisma.user.findUnique({ ...query, where: { id } }) : null;
      },
    }),
    insight: t.prismaField({
      type: "Insight",
      nullable: true,
      description: "INSIGHT_SHARED: the insight (delivered to the group's own members only).",
      resolve: (query, m, _args, ctx) => {
        const id = subjectOf(m, "Insight");
        return id ? ctx.prisma.insight.findUnique({ ...query, where: { id } }) : null;
      },
    }),
  }),
});

/**
 * Field authScopes are checked per event unless the builder sets scopeAuth.authorizeOnSubscribe,
 * so the sign-in is checked here too: anonymous callers learn UNAUTHENTICATED, not FORBIDDEN.
 */
function requireSignIn(ctx: Context) {
  if (ctx.actor.kind !== "user") throw unauthenticated();
}

/** Shaped like a masked ValidationError, thrown as a GraphQLError because a subscription has no typed-error result. */
function exactlyOneTarget() {
  const issues = [{ path: "documentId", message: "give exactly one of documentId and groupId" }];
  return new GraphQLError("documentId: give exactly one of documentId and groupId", { extensions: { code: "VALIDATION_FAILED", issues } });
}

builder.subscriptionType({});

builder.subscriptionFields((t) => ({
  feedbackActivity: t.field({
    type: ActivityNotificationRef,
    description:
      "Feedback added, replied to, resolved or reopened on one document, or on any document of a group you can read. Give exactly one of documentId and groupId.",
    authScopes: { signedIn: true },
    args: {
      documentId: t.arg.globalID({ required: false, for: DocumentRef }),
      groupId: t.arg.globalID({ required: false, for: GroupRef }),
    },
    subscribe: async (_root, args, ctx) => {
      const documentId = args.documentId?.id ?? null;
      const groupId = args.groupId?.id ?? null;
      requireSignIn(ctx);
      if ((documentId === null) === (groupId === null)) throw exactlyOneTarget();
      if (documentId) await assertMayFollowDocument(ctx, documentId);
      if (groupId) assertMayFollowGroup(ctx.actor, groupId);
      return activityStream(ctx, (m) => FEEDBACK_ACTIVITY.has(m.type) && (documentId ? activityDocumentId(m) === documentId : m.groupId === groupId));
    },
    resolve: notification,
  }),
  groupActivity: t.field({
    type: ActivityNotificationRef,
    description:
      "Meetings started and ended, their agendas, attendance and timers changed, documents created, action items changed, members joining and leaving, insights shared (members only).",
    authScopes: { signedIn: true },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }) },
    subscribe: (_root, args, ctx) => {
      requireSignIn(ctx);
      assertMayFollowGroup(ctx.actor, args.groupId.id);
      return activityStream(ctx, (m) => GROUP_ACTIVITY.has(m.type) && m.groupId === args.groupId.id);
    },
    resolve: notification,
  }),
}));
