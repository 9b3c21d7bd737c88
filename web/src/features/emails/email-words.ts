// Emails' kinds and statuses in words: nobody reads an enum.
import type { ResultOf } from "../../graphql/graphql.ts";
import type { EmailFieldsFragment } from "./email-queries.ts";

export type Email = ResultOf<typeof EmailFieldsFragment>;
export type EmailKind = Email["kind"];
type EmailStatus = Email["status"];

export const KIND_WORDS: Record<EmailKind, string> = {
  INVITATION: "Invitation",
  PASSWORD_RESET: "Password reset",
  ACCOUNT_NOTICE: "Account notice",
  SIGN_UP: "Sign-up confirmation",
  NOTIFICATION: "Notification",
  DIGEST: "Daily digest",
};

/** The kinds a school's outbox holds (the api's ACCOUNT_EMAIL_KINDS): the outbox's filter offers these. */
export const OUTBOX_KINDS: readonly EmailKind[] = ["INVITATION", "PASSWORD_RESET", "ACCOUNT_NOTICE"];

export const STATUS_WORDS: Record<EmailStatus, string> = {
  SENT: "Sent",
  QUEUED: "Waiting to be sent",
  KEPT_IN_OUTBOX: "Kept in the outbox: no mail server is set",
  FAILED: "Could not be sent",
};

export const STATUS_TONE: Record<EmailStatus, "neutral" | "accent" | "warn" | "danger"> = {
  SENT: "accent",
  QUEUED: "neutral",
  KEPT_IN_OUTBOX: "warn",
  FAILED: "danger",
};
