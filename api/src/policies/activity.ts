// Who may hear of an activity event: the same rules as reading its subject. One function for
// every way an event reaches someone (GraphQL subscriptions today; collab and notifications are
// to use it too), so no path can be more generous than another.
import type { ActivityMessage } from "../domain/activity.ts";
import { forbidden } from "../domain/errors.ts";
import { actionItemAccess } from "./action-items.ts";
import { holdsScope, knownGroup, type Actor, type Reader } from "./actor.ts";
import { DOCUMENT_FACTS, documentAccess, type DocumentFacts } from "./documents.ts";
import { groupAccess } from "./groups.ts";

/**
 * May this viewer hear of this event? `document` is the facts of `activityDocumentId(event)`
 * (null when it has none or it is gone). Feedback and new documents go by document access (a
 * reflection stays with its author, a peer group's document reaches coaches only while shared),
 * insights by membership (leaders never learn who shared one), action items by their rule,
 * everything else by the group's content access. A new kind must be given its rule here: the
 * switch is exhaustive.
 */
export function mayReceiveActivity(viewer: Actor, event: ActivityMessage, document: DocumentFacts | null): boolean {
  const groupId = event.groupId;
  if (!groupId) return false;
  switch (event.type) {
    case "FEEDBACK_ADDED":
    case "FEEDBACK_REPLIED":
    case "FEEDBACK_RESOLVED":
    case "FEEDBACK_REOPENED":
    case "FEEDBACK_EDITED":
    case "FEEDBACK_DELETED":
    case "DOCUMENT_CREATED":
      return document !== null && document.groupId === groupId && documentAccess(viewer, document) !== "none";
    case "INSIGHT_SHARED":
      return !!knownGroup(viewer, groupId)?.membership && holdsScope(viewer, "INSIGHTS_READ");
    case "ACTION_ITEM_CHANGED":
      return actionItemAccess(viewer, { groupId }) !== "none";
    case "SESSION_STARTED":
    case "SESSION_ENDED":
    case "MEMBER_JOINED":
    case "MEMBER_LEFT":
      return groupAccess(viewer, groupId).readContent;
    // A meeting's agenda, attendance and timers: whoever may read the session (its group's content).
    case "AGENDA_CHANGED":
    case "ATTENDANCE_RECORDED":
    case "AGENDA_TIMER_CHANGED":
      return groupAccess(viewer, groupId).readContent;
    default:
      return unknownKind(event);
  }
}

function unknownKind(event: never): never {
  throw new Error(`No audience rule for activity ${(event as ActivityMessage).type}`);
}

/** Following a document's activity takes reading it. A missing document and an unreadable one are refused alike: ids reveal nothing. */
export async function assertMayFollowDocument({ prisma, actor }: Reader, documentId: string) {
  const doc = await prisma.document.findUnique({ where: { id: documentId }, select: DOCUMENT_FACTS });
  if (!doc || documentAccess(actor, doc) === "none") throw forbidden("You cannot follow this document.");
}

/** Following a group's activity takes reading its content. */
export function assertMayFollowGroup(actor: Actor, groupId: string) {
  if (!groupAccess(actor, groupId).readContent) throw forbidden("You cannot follow this group's activity.");
}
