// What the activity feed and live subscriptions can say happened.
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
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
