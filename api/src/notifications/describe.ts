// What a notification says and where it leads, read now, through the policies: the in-app list,
// the email at once and the daily digest all show a notification through this, so none of them
// can carry what its recipient may no longer read. A notification whose subject they lost access
// to (or that is gone) describes as null: leave it out.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { loadUserActor } from "../auth/load-actor.ts";
import { distinctIds, rowsById } from "../db/rows-by-id.ts";
import type { Notification, PrismaClient } from "../generated/prisma/client.ts";
import type { Actor } from "../policies/actor.ts";
import { loadSubjectFactsOfMany, mayReadNotification } from "../policies/notifications.ts";
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
  return (await describeNotifications(db, [notification], viewer))[0]!;
}

/**
 * Describes many notifications at once (a page of the list, a digest) in a fixed number of
 * statements, however many there are: every subject, school and actor is read in one statement
 * per kind. Each description is null exactly when describeNotification's would be.
 */
export async function describeNotifications(
  db: PrismaClient,
  notifications: readonly Described[],
  viewer?: Actor,
): Promise<(NotificationDescription | null)[]> {
  if (notifications.length === 0) return [];
  const readers = new Map<string, Actor>();
  for (const recipientId of new Set(notifications.map((n) => n.recipientId))) {
    readers.set(recipientId, viewer ?? (await loadUserActor(db, recipientId, { authSessionId: null, apiToken: null })));
  }
  const [facts, details] = await Promise.all([loadSubjectFactsOfMany(db, notifications), loadDetails(db, notifications)]);
  return notifications.map((notification, i) => {
    const reader = readers.get(notification.recipientId)!;
    if (reader.kind !== "user" || reader.userId !== notification.recipientId) return null;
    if (!mayReadNotification(reader, facts[i]!)) return null;
    return describeOne(notification, reader, details);
  });
}

type Details = Awaited<ReturnType<typeof loadDetails>>;

/** What the sentences and paths name, for every notification given: one statement per kind of thing. */
async function loadDetails(db: PrismaClient, notifications: readonly Described[]) {
  const [schools, actors, feedback, documents, actionItems, sessions, cycles] = await Promise.all([
    rowsById(
      distinctIds(notifications, (n) => n.schoolId),
      (where) => db.school.findMany({ where, select: { id: true, timeZone: true } }),
    ),
    rowsById(
      distinctIds(notifications, (n) => n.actorId),
      (where) => db.user.findMany({ where, select: { id: true, name: true, schoolMemberships: { select: { schoolId: true } } } }),
    ),
    rowsById(
      distinctIds(notifications, (n) => n.feedbackId),
      (where) => db.feedback.findMany({ where, select: { id: true, parentId: true, document: { select: { id: true, title: true } } } }),
    ),
    rowsById(
      distinctIds(notifications, (n) => n.documentId),
      (where) => db.document.findMany({ where, select: { id: true, title: true } }),
    ),
    rowsById(
      distinctIds(notifications, (n) => n.actionItemId),
      (where) => db.actionItem.findMany({ where, select: { id: true, title: true, dueDate: true, documentId: true, itemKey: true, groupId: true } }),
    ),
    rowsById(
      distinctIds(notifications, (n) => n.sessionId),
      (where) => db.session.findMany({ where, select: { id: true, title: true, startsAt: true, group: { select: { name: true } } } }),
    ),
    rowsById(
      distinctIds(notifications, (n) => n.coachingCycleId),
      (where) =>
        db.coachingCycle.findMany({
          where,
          select: { id: true, coachId: true, nextCheckBackOn: true, coach: { select: { name: true } }, teacher: { select: { name: true } } },
        }),
    ),
  ]);
  return { schools, actors, feedback, documents, actionItems, sessions, cycles };
}

/** One notification's sentence and path, from what loadDetails read; null when its subject is gone. */
function describeOne(notification: Described, reader: Actor & { kind: "user" }, details: Details): NotificationDescription | null {
  const timeZone = details.schools.get(notification.schoolId)?.timeZone ?? "UTC";
  const who = actorName(reader, notification.actorId ? details.actors.get(notification.actorId) : undefined);

  switch (notification.kind) {
    case "FEEDBACK_ON_MY_DOCUMENT":
    case "REPLY_TO_MY_FEEDBACK":
    case "MENTIONED": {
      const feedback = notification.feedbackId ? (details.feedback.get(notification.feedbackId) ?? null) : null;
      const document = notification.documentId ? details.documents.get(notification.documentId) : feedback?.document;
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
      const item = notification.actionItemId ? details.actionItems.get(notification.actionItemId) : undefined;
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
      const session = notification.sessionId ? details.sessions.get(notification.sessionId) : undefined;
      if (!session) return null;
      return {
        sentence: `${session.group.name} meets on ${meetingTime(session.startsAt, timeZone)}: ${quoted(session.title)}`,
        path: `/sessions/${gid("Session", session.id)}`,
      };
    }
    case "CHECK_BACK_DUE": {
      const cycle = notification.coachingCycleId ? details.cycles.get(notification.coachingCycleId) : undefined;
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
function actorName(reader: Actor, user: { id: string; name: string; schoolMemberships: { schoolId: string }[] } | undefined): string {
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
