// The kinds of notification and how each reaches a person who has not chosen otherwise.
// Conversations addressed to you (a reply, a mention, an item handed to you) come by email at
// once, as Google Docs does; reminders and news about your documents wait for the daily digest.
import type { NotificationDelivery, NotificationKind } from "../generated/prisma/enums.ts";

export const DEFAULT_DELIVERY: Record<NotificationKind, NotificationDelivery> = {
  FEEDBACK_ON_MY_DOCUMENT: "DAILY_DIGEST",
  REPLY_TO_MY_FEEDBACK: "EMAIL_AT_ONCE",
  MENTIONED: "EMAIL_AT_ONCE",
  ACTION_ITEM_ASSIGNED: "EMAIL_AT_ONCE",
  ACTION_ITEM_DUE_TOMORROW: "DAILY_DIGEST",
  ACTION_ITEM_OVERDUE: "DAILY_DIGEST",
  MEETING_TOMORROW: "DAILY_DIGEST",
  CHECK_BACK_DUE: "DAILY_DIGEST",
  INVITATION_ACCEPTED: "IN_APP",
};

/** What a notification is about: ids only. `groupId` is set whenever the subject is a group's content. */
export type NotificationSubject = {
  groupId?: string | null;
  documentId?: string | null;
  feedbackId?: string | null;
  actionItemId?: string | null;
  sessionId?: string | null;
  coachingCycleId?: string | null;
  invitationId?: string | null;
};

/**
 * What a person's notification channel carries: ids only, re-read through the policies by each
 * subscription. "created": a new notification for them; "read": their unread count changed
 * (marked read in another tab or device).
 */
export type NotificationMessage = { change: "created"; notificationId: string } | { change: "read" };

/** The hour of the day (in the school's time zone) from which each person's daily digest goes out. */
export const DIGEST_HOUR = 7;
