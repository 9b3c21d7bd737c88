// Live activity over graphql-ws and SSE: feedback on a document or group, and what happens in a
// group. Authorized twice: on subscribe, and again for every event with the viewer reloaded,
// because access may have shrunk since (a membership ended, a document stopped being shared).
// An event never reaches someone who could not read its subject.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { GraphQLError } from "graphql";
import { Repeater } from "graphql-yoga";
import { credentialKey, reloadActors } from "../auth/load-actor.ts";
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
import type { PrismaClient } from "../generated/prisma/client.ts";
import { assertMayFollowDocument, assertMayFollowGroup, mayReceiveActivity } from "../policies/activity.ts";
import type { UserActor } from "../policies/actor.ts";
import { DOCUMENT_FACTS, type DocumentFacts } from "../policies/documents.ts";
import { builder } from "./builder.ts";
import { DocumentRef } from "./documents.ts";
import { forbidden, unauthenticated } from "../domain/errors.ts";
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
      description: "SESSION_STARTED / SESSION_ENDED: the meeting.",
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
 * The reads one event's checks share across this process' subscriptions: the document's facts,
 * read once, and the viewers, reloaded together: every subscription that checks the event in
 * the same turn of the event loop (all of them, unless one is still busy with an earlier event)
 * joins one batch, one statement (reloadActors) for all their credentials. 50 subscriptions
 * cost two statements per event, not 350. Each credential is reloaded as its own subscription
 * would have reloaded it, after the event happened; only a subscription still busy with earlier
 * events may use a reload made a little before it got to this one (access as of just after the
 * event, rather than as of its turn).
 *
 * Keyed by the event object itself, in a WeakMap: the bus hands the SAME object to every
 * subscription (yoga's pub/sub dispatches one event to all its listeners; over Redis a message
 * is parsed once per instance), so the entry lives exactly as long as some subscription still
 * has that event to check, and is collected with it. Nothing crosses apps: each app has its own
 * bus, so an event object, and the reads made for it with that app's database, belong to one app.
 */
type SharedChecks = {
  document?: Promise<DocumentFacts | null>;
  /** Per credential (credentialKey): its reloaded viewer, null once the credential ended. */
  viewers: Map<string, Promise<UserActor | null>>;
  /** The batch still gathering credentials, reloaded on the next turn of the event loop. */
  gathering: { actors: UserActor[]; reloaded: Promise<Map<string, UserActor | null>> } | null;
};
const checksByEvent = new WeakMap<ActivityMessage, SharedChecks>();

function sharedChecks(message: ActivityMessage): SharedChecks {
  let checks = checksByEvent.get(message);
  if (!checks) checksByEvent.set(message, (checks = { viewers: new Map(), gathering: null }));
  return checks;
}

function reloadedViewer(prisma: PrismaClient, checks: SharedChecks, subscriber: UserActor): Promise<UserActor | null> {
  const key = credentialKey(subscriber);
  let viewer = checks.viewers.get(key);
  if (viewer) return viewer;
  if (!checks.gathering) {
    const batch: NonNullable<SharedChecks["gathering"]> = {
      actors: [],
      reloaded: new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        checks.gathering = null;
        return reloadActors(prisma, batch.actors);
      }),
    };
    checks.gathering = batch;
  }
  const batch = checks.gathering;
  batch.actors.push(subscriber);
  viewer = batch.reloaded.then((viewers) => viewers.get(key) ?? null);
  checks.viewers.set(key, viewer);
  return viewer;
}

/** Stands in for an event when the subscriber's session or token ended: the stream says so, then completes. */
const CREDENTIAL_ENDED = Symbol("credential ended");
type StreamItem = ActivityMessage | typeof CREDENTIAL_ENDED;

/**
 * The bus's activity topic, narrowed to `matches` and re-authorized per event. Events are
 * checked one at a time, so they arrive in the order they happened. The subscription's context
 * takes the reloaded viewer, so the subject's own node rules judge it by today's access too.
 */
function activityStream(ctx: Context, matches: (message: ActivityMessage) => boolean): AsyncIterable<StreamItem> {
  const actor = ctx.actor;
  if (actor.kind !== "user") throw forbidden();
  const subscriber: UserActor = actor;

  async function verdict(message: ActivityMessage): Promise<"deliver" | "drop" | "ended"> {
    try {
      const checks = sharedChecks(message);
      const viewer = await reloadedViewer(ctx.prisma, checks, subscriber);
      if (!viewer) return "ended";
      const documentId = activityDocumentId(message);
      checks.document ??= documentId ? ctx.prisma.document.findUnique({ where: { id: documentId }, select: DOCUMENT_FACTS }) : Promise.resolve(null);
      const document = await checks.document;
      if (!mayReceiveActivity(viewer, message, document)) return "drop";
      ctx.actor = viewer;
      return "deliver";
    } catch (error) {
      // A check that could not be made is a refusal: drop the event, keep the stream.
      ctx.services.log.warn({ err: error, component: "subscriptions" }, "dropped an event whose access check failed");
      return "drop";
    }
  }

  return new Repeater<StreamItem>(async (push, stop) => {
    const source = ctx.services.events.subscribe("activity")[Symbol.asyncIterator]();
    void stop.then(() => source.return?.());
    for (let next = await source.next(); !next.done; next = await source.next()) {
      if (!matches(next.value)) continue;
      const decision = await verdict(next.value);
      if (decision === "deliver") await push(next.value);
      if (decision === "ended") {
        await push(CREDENTIAL_ENDED);
        break;
      }
    }
    stop();
  });
}

function notification(item: StreamItem): ActivityMessage {
  if (item === CREDENTIAL_ENDED) throw unauthenticated("Your session or token ended. Sign in again and subscribe anew.");
  return item;
}

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
    description: "Meetings started and ended, documents created, action items changed, members joining and leaving, insights shared (members only).",
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
