// What the activity feed and live subscriptions can say happened: one kind per event, each with
// the kind of thing its subject is and the ids it carries besides. Ids and kinds only, never
// peer-group content, so leadership's activity counts reveal nothing of what was said.
import type { DocumentKind, FeedbackKind } from "../generated/prisma/enums.ts";

export const ACTIVITY_TYPES = [
  "MEMBER_JOINED",
  "MEMBER_LEFT",
  "SESSION_STARTED",
  "SESSION_ENDED",
  "DOCUMENT_CREATED",
  "FEEDBACK_ADDED",
  "FEEDBACK_REPLIED",
  "FEEDBACK_RESOLVED",
  "FEEDBACK_REOPENED",
  "ACTION_ITEM_CHANGED",
  "INSIGHT_SHARED",
  "FEEDBACK_EDITED",
  "FEEDBACK_DELETED",
  "AGENDA_CHANGED",
  "ATTENDANCE_RECORDED",
  "AGENDA_TIMER_CHANGED",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Feedback events carry the document the feedback is on, so they can be routed and authorized by it. */
type OnDocument = { kind: FeedbackKind; documentId: string };

/** Per kind: what `subjectId` names (a node type) and what `payload` holds. */
type Kinds = {
  MEMBER_JOINED: { subject: "User"; payload: Record<string, never> };
  MEMBER_LEFT: { subject: "User"; payload: Record<string, never> };
  SESSION_STARTED: { subject: "Session"; payload: Record<string, never> };
  SESSION_ENDED: { subject: "Session"; payload: Record<string, never> };
  DOCUMENT_CREATED: { subject: "Document"; payload: { kind: DocumentKind } };
  FEEDBACK_ADDED: { subject: "Feedback"; payload: OnDocument };
  /** The subject is the reply; the thread is its parent. */
  FEEDBACK_REPLIED: { subject: "Feedback"; payload: OnDocument & { threadId: string } };
  FEEDBACK_RESOLVED: { subject: "Feedback"; payload: OnDocument };
  FEEDBACK_REOPENED: { subject: "Feedback"; payload: OnDocument };
  /** status: the item's new status, or "DELETED" (the subject id then names an item that is gone). */
  ACTION_ITEM_CHANGED: { subject: "ActionItem"; payload: { status: string } };
  INSIGHT_SHARED: { subject: "Insight"; payload: Record<string, never> };
  /** Its author changed the body (or a thread's kind): kind is the kind after the edit. */
  FEEDBACK_EDITED: { subject: "Feedback"; payload: OnDocument };
  /** The subject names feedback that is gone (a thread goes with its replies); threadId is set when it was a reply. */
  FEEDBACK_DELETED: { subject: "Feedback"; payload: OnDocument & { threadId: string | null } };
  /** A meeting's agenda: an item added, changed, removed, moved, ticked off or un-ticked. */
  AGENDA_CHANGED: { subject: "Session"; payload: Record<string, never> };
  ATTENDANCE_RECORDED: { subject: "Session"; payload: Record<string, never> };
  /** One of the meeting's agenda timers started, paused or reset. */
  AGENDA_TIMER_CHANGED: { subject: "Session"; payload: Record<string, never> };
};

export type ActivitySubjectType = Kinds[ActivityType]["subject"];

/** What each kind's subjectId names (checked against Kinds by the compiler). */
export const ACTIVITY_SUBJECT: { [K in ActivityType]: Kinds[K]["subject"] } = {
  MEMBER_JOINED: "User",
  MEMBER_LEFT: "User",
  SESSION_STARTED: "Session",
  SESSION_ENDED: "Session",
  DOCUMENT_CREATED: "Document",
  FEEDBACK_ADDED: "Feedback",
  FEEDBACK_REPLIED: "Feedback",
  FEEDBACK_RESOLVED: "Feedback",
  FEEDBACK_REOPENED: "Feedback",
  ACTION_ITEM_CHANGED: "ActionItem",
  INSIGHT_SHARED: "Insight",
  FEEDBACK_EDITED: "Feedback",
  FEEDBACK_DELETED: "Feedback",
  AGENDA_CHANGED: "Session",
  ATTENDANCE_RECORDED: "Session",
  AGENDA_TIMER_CHANGED: "Session",
};

/**
 * One thing that happened, as a command states it: the union of every kind with its subject's id
 * and its own payload. Kinds without a payload may leave it out.
 */
export type Activity = {
  [K in ActivityType]: { type: K; subjectId: string } & (Kinds[K]["payload"] extends Record<string, never>
    ? { payload?: Kinds[K]["payload"] }
    : { payload: Kinds[K]["payload"] });
}[ActivityType];

export type ActivityOf<K extends ActivityType> = Extract<Activity, { type: K }>;

/** Where it happened and who did it (null when no person did: the action-plan projection). */
export type ActivityScope = { schoolId: string; groupId: string | null; actorId: string | null };

/**
 * One recorded event, as published on the bus after its transaction committed. It mirrors the
 * row, whose subjectId column is nullable (a test's probe message carries none); every event a
 * command records has one.
 */
export type ActivityMessage = ActivityScope & { id: string; createdAt: string } & {
    [K in ActivityType]: { type: K; subjectId: string | null; payload: Kinds[K]["payload"] };
  }[ActivityType];

export const FEEDBACK_ACTIVITY: ReadonlySet<ActivityType> = new Set([
  "FEEDBACK_ADDED",
  "FEEDBACK_REPLIED",
  "FEEDBACK_RESOLVED",
  "FEEDBACK_REOPENED",
  "FEEDBACK_EDITED",
  "FEEDBACK_DELETED",
]);
export const GROUP_ACTIVITY: ReadonlySet<ActivityType> = new Set([
  "SESSION_STARTED",
  "SESSION_ENDED",
  "DOCUMENT_CREATED",
  "ACTION_ITEM_CHANGED",
  "MEMBER_JOINED",
  "MEMBER_LEFT",
  "INSIGHT_SHARED",
  "AGENDA_CHANGED",
  "ATTENDANCE_RECORDED",
  "AGENDA_TIMER_CHANGED",
]);

/** The document an event is about: the feedback's document, or the created document itself. */
export function activityDocumentId(message: ActivityMessage): string | null {
  switch (message.type) {
    case "FEEDBACK_ADDED":
    case "FEEDBACK_REPLIED":
    case "FEEDBACK_RESOLVED":
    case "FEEDBACK_REOPENED":
    case "FEEDBACK_EDITED":
    case "FEEDBACK_DELETED":
      return message.payload.documentId;
    case "DOCUMENT_CREATED":
      return message.subjectId;
    default:
      return null;
  }
}
