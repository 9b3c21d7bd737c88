// What a notification says and where it leads, read now, through the policies: the in-app list,
// the email at once and the daily digest all show a notification through this, so none of them
// can carry what its recipient may no longer read. A notification whose subject they lost access
// to (or that is gone) describes as null: leave it out.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { loadUserActor } from "../auth/load-actor.ts";
import type { Notification, PrismaClient } from "../generated/prisma/client.ts";
import type { Actor } from "../policies/actor.ts";
import { loadSubjectFacts, mayReadNotification } from "../policies/notifications.ts";
import { canSeeUser } from "../policies/schools.ts";

export type NotificationDescription = {
  /** One short, specific sentence, e.g. Ben Carter replied to your feedback on “Fractions lesson”. */
  sentence: string;
  /** The web app's path that opens the thing (relative to PUBLIC_URL). */
  path: string;
};

type Described = Pick<
  Notification,
  "recipientId" | "schoolId" | "kind" | "actorId" | "groupId" | "documentId" | "feedbackId" | "actionItemId" | "sessionId" | "coachingCycleId" | "invitationId"
>;

const gid = (typename: string, id: string) => encodeURIComponent(encodeGlobalID(typename, id));

/**
 * Describes `notification` for its recipient as they are now. `viewer` is the recipient as the
 * caller already loaded them (a request's actor, an API token's narrower view included); without
 * it the recipient is loaded as a person. Null when the viewer is not the recipient, or may no
 * longer read what it is about.
 */
export async function describeNotification(db: PrismaClient, notification: Described, viewer?: Actor): Promise<NotificationDescription | null> {
  const reader = viewer ?? (await loadUserActor(db, notification.recipientId, { authSessionId: null, apiToken: null }));
  if (reader.kind !== "user" || reader.userId !== notification.recipientId) return null;
  if (!mayReadNotification(reader, await loadSubjectFacts(db, notification.schoolId, notification))) return null;
  const school = await db.school.findUnique({ where: { id: notification.schoolId }, select: { timeZone: true } });
  const timeZone = school?.timeZone ?? "UTC";
  const who = await actorName(db, reader, notification.actorId);

  switch (notification.kind) {
    case "FEEDBACK_ON_MY_DOCUMENT":
    case "REPLY_TO_MY_FEEDBACK":
    case "MENTIONED": {
      const feedback = notification.feedbackId
        ? await db.feedback.findUnique({ where: { id: notification.feedbackId }, select: { id: true, parentId: true, documentId: true } })
        : null;
      const documentId = notification.documentId ?? feedback?.documentId ?? null;
      const document = documentId ? await db.document.findUnique({ where: { id: documentId }, select: { id: true, title: true } }) : null;
      if (!document) return null;
      const thread = feedback ? (feedback.parentId ?? feedback.id) : null;
      const path = `/documents/${gid("Document", document.id)}${thread ? `?feedback=${gid("Feedback", thread)}` : ""}`;
      const title = quoted(document.title);
      if (notification.kind === "FEEDBACK_ON_MY_DOCUMENT") return { sentence: `${who} left feedback on ${title}`, path };
      if (notification.kind === "REPLY_TO_MY_FEEDBACK") return { sentence: `${who} replied to your feedback on ${title}`, path };
      return { sentence: feedback ? `${who} mentioned you in feedback on ${title}` : `${who} mentioned you in ${title}`, path };
    }
    case "ACTION_ITEM_ASSIGNED":
    case "ACTION_ITEM_DUE_TOMORROW":
    case "ACTION_ITEM_OVERDUE": {
      const item = notification.actionItemId
        ? await db.actionItem.findUnique({
            where: { id: notification.actionItemId },
            select: { id: true, title: true, dueDate: true, documentId: true, itemKey: true, groupId: true },
          })
        : null;
      if (!item) return null;
      // An action plan's card is named by its key in the live document (the board's data-item-id).
      const path =
        item.documentId && item.itemKey
          ? `/documents/${gid("Document", item.documentId)}?item=${encodeURIComponent(item.itemKey)}`
          : `/groups/${gid("Group", item.groupId)}?item=${gid("ActionItem", item.id)}`;
      const title = quoted(item.title);
      const due = item.dueDate ? calendarDate(item.dueDate) : null;
      if (notification.kind === "ACTION_ITEM_ASSIGNED")
        return { sentence: notification.actorId ? `${who} made you an owner of ${title}` : `You are now an owner of ${title}`, path };
      if (notification.kind === "ACTION_ITEM_DUE_TOMORROW") return { sentence: `Your action item ${title} is due ${due ? `on ${due}` : "soon"}`, path };
      return { sentence: `Your action item ${title} is overdue${due ? ` (it was due on ${due})` : ""}`, path };
    }
    case "MEETING_TOMORROW": {
      const session = notification.sessionId
        ? await db.session.findUnique({
            where: { id: notification.sessionId },
            select: { id: true, title: true, startsAt: true, group: { select: { name: true } } },
          })
        : null;
      if (!session) return null;
      return {
        sentence: `${session.group.name} meets on ${meetingTime(session.startsAt, timeZone)}: ${quoted(session.title)}`,
        path: `/sessions/${gid("Session", session.id)}`,
      };
    }
    case "CHECK_BACK_DUE": {
      const cycle = notification.coachingCycleId
        ? await db.coachingCycle.findUnique({
            where: { id: notification.coachingCycleId },
            select: { id: true, coachId: true, nextCheckBackOn: true, coach: { select: { name: true } }, teacher: { select: { name: true } } },
          })
        : null;
      if (!cycle) return null;
      const other = reader.userId === cycle.coachId ? cycle.teacher.name : `your coach ${cycle.coach.name}`;
      const on = cycle.nextCheckBackOn ? ` on ${calendarDate(cycle.nextCheckBackOn)}` : "";
      return { sentence: `A coaching check-back with ${other} is due${on}`, path: `/coaching/${gid("CoachingCycle", cycle.id)}` };
    }
    case "INVITATION_ACCEPTED":
      return { sentence: `${who} accepted your invitation and joined the school`, path: "/school/people" };
    default:
      return unknownKind(notification.kind);
  }
}

function unknownKind(kind: never): never {
  throw new Error(`No description for notification kind ${String(kind)}`);
}

/** The person who caused it, by name when the reader may see them; someone who left the school stays anonymous. */
async function actorName(db: PrismaClient, reader: Actor, actorId: string | null): Promise<string> {
  if (!actorId) return "Someone";
  const user = await db.user.findUnique({ where: { id: actorId }, select: { id: true, name: true, schoolMemberships: { select: { schoolId: true } } } });
  if (!user || !canSeeUser(reader, { id: user.id, schoolIds: user.schoolMemberships.map((m) => m.schoolId) })) return "Someone";
  return user.name;
}

function quoted(text: string): string {
  const short = text.length > 80 ? `${text.slice(0, 79)}…` : text;
  return `“${short}”`;
}

/** A calendar date (a UTC midnight), as the date it names: "Tuesday, December 8". */
function calendarDate(date: Date): string {
  return new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" }).format(date);
}

/** An instant in the school's time zone: "Tuesday, December 8 at 3:30 PM". */
function meetingTime(instant: Date, timeZone: string): string {
  try {
    const day = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", timeZone }).format(instant);
    const time = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone }).format(instant);
    return `${day} at ${time}`;
  } catch {
    return meetingTime(instant, "UTC");
  }
}
