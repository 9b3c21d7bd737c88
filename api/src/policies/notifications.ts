// Who may receive, and still read, a notification. A notification holds ids only; whether its
// recipient may know of it is the subject's own policy (document, feedback, action item, meeting,
// coaching cycle, invitation), asked when it is written AND every time it is read, so one about a
// document you lost access to disappears, and the unread count drops with it. On top of the
// subjects' rules: leadership (a coach or admin who is not in a peer group) never hears of that
// group's content, not even of a document shared with coaches: peer work stays peer-owned.
import { distinctIds, rowsById } from "../db/rows-by-id.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { NotificationSubject } from "../domain/notifications.ts";
import { actionItemAccess, readableActionItemsWhere } from "./action-items.ts";
import { knownGroup, type Actor } from "./actor.ts";
import { cycleAccess, readableCyclesWhere, type CycleFacts } from "./coaching.ts";
import { DOCUMENT_FACTS, documentAccess, readableDocumentsWhere, type DocumentFacts } from "./documents.ts";
import { contentReadableGroupIds, groupAccess, groupIdsWhere } from "./groups.ts";
import { canReadInvitations, readableInvitationsWhere } from "./invitations.ts";

type Db = Prisma.TransactionClient;

/** What the policy needs to know of each subject a notification names (null: named but gone). */
export type NotificationSubjectFacts = {
  schoolId: string;
  groupId: string | null;
  document?: DocumentFacts | null;
  feedback?: { document: DocumentFacts } | null;
  actionItem?: { groupId: string } | null;
  session?: { groupId: string } | null;
  coachingCycle?: CycleFacts | null;
  invitation?: { schoolId: string } | null;
};

/**
 * Groups whose content may reach this person by notification: PLCs they read, and peer groups
 * only when they are in them (a leader knows every peer group of the school, but not its work).
 */
export function notifiableGroupIds(actor: Actor): string[] {
  return groupIdsWhere(actor, (access, group) => access.readContent && (group.kind === "PLC" || group.membership !== null));
}

function mayHearOfGroup(actor: Actor, groupId: string): boolean {
  const group = knownGroup(actor, groupId);
  if (!group || (group.kind === "PEER" && group.membership === null)) return false;
  return groupAccess(actor, groupId).readContent;
}

/** May `actor` (the recipient, as they are now) know of a notification about these subjects? Every subject named must pass. */
export function mayReadNotification(actor: Actor, facts: NotificationSubjectFacts): boolean {
  if (actor.kind !== "user" || !actor.schools.has(facts.schoolId)) return false;
  if (facts.groupId !== null && !mayHearOfGroup(actor, facts.groupId)) return false;
  if (facts.document !== undefined) {
    if (!facts.document || documentAccess(actor, facts.document) === "none" || !mayHearOfGroup(actor, facts.document.groupId)) return false;
  }
  if (facts.feedback !== undefined) {
    const doc = facts.feedback?.document;
    if (!doc || documentAccess(actor, doc) === "none" || !mayHearOfGroup(actor, doc.groupId)) return false;
  }
  if (facts.actionItem !== undefined) {
    if (!facts.actionItem || actionItemAccess(actor, facts.actionItem) === "none" || !mayHearOfGroup(actor, facts.actionItem.groupId)) return false;
  }
  if (facts.session !== undefined) {
    if (!facts.session || !mayHearOfGroup(actor, facts.session.groupId)) return false;
  }
  if (facts.coachingCycle !== undefined) {
    if (!facts.coachingCycle || cycleAccess(actor, facts.coachingCycle) === "none") return false;
  }
  if (facts.invitation !== undefined) {
    if (!facts.invitation || !canReadInvitations(actor, facts.invitation.schoolId)) return false;
  }
  return true;
}

/** Reads the facts of every subject `subject` names (a subject it does not name stays undefined). */
export async function loadSubjectFacts(db: Db, schoolId: string, subject: NotificationSubject): Promise<NotificationSubjectFacts> {
  return (await loadSubjectFactsOfMany(db, [{ schoolId, ...subject }]))[0]!;
}

/**
 * The facts of many notifications' subjects in one statement per kind of subject, whatever their
 * number (a page of the list, a digest): each returned in the order given.
 */
export async function loadSubjectFactsOfMany(db: Db, items: readonly (NotificationSubject & { schoolId: string })[]): Promise<NotificationSubjectFacts[]> {
  const [documents, feedback, actionItems, sessions, cycles, invitations] = await Promise.all([
    rowsById(
      distinctIds(items, (i) => i.documentId),
      (where) => db.document.findMany({ where, select: { id: true, ...DOCUMENT_FACTS } }),
    ),
    rowsById(
      distinctIds(items, (i) => i.feedbackId),
      (where) => db.feedback.findMany({ where, select: { id: true, document: { select: DOCUMENT_FACTS } } }),
    ),
    rowsById(
      distinctIds(items, (i) => i.actionItemId),
      (where) => db.actionItem.findMany({ where, select: { id: true, groupId: true } }),
    ),
    rowsById(
      distinctIds(items, (i) => i.sessionId),
      (where) => db.session.findMany({ where, select: { id: true, groupId: true } }),
    ),
    rowsById(
      distinctIds(items, (i) => i.coachingCycleId),
      (where) => db.coachingCycle.findMany({ where, select: { id: true, schoolId: true, coachId: true, teacherId: true } }),
    ),
    rowsById(
      distinctIds(items, (i) => i.invitationId),
      (where) => db.invitation.findMany({ where, select: { id: true, schoolId: true } }),
    ),
  ]);
  // A subject named but not found is null (gone); one not named stays undefined (not asked about).
  const factOf = <T>(id: string | null | undefined, rows: Map<string, T>) => (id ? (rows.get(id) ?? null) : undefined);
  return items.map((item) => ({
    schoolId: item.schoolId,
    groupId: item.groupId ?? null,
    document: factOf(item.documentId, documents),
    feedback: factOf(item.feedbackId, feedback),
    actionItem: factOf(item.actionItemId, actionItems),
    session: factOf(item.sessionId, sessions),
    coachingCycle: factOf(item.coachingCycleId, cycles),
    invitation: factOf(item.invitationId, invitations),
  }));
}

/**
 * Prisma filter matching exactly the notifications `mayReadNotification` lets the actor read:
 * their own, of a school they are in, every subject readable. Lists and counts use it, so a
 * notification hidden from a list is not counted either.
 */
export function readableNotificationsWhere(actor: Actor): Prisma.NotificationWhereInput {
  if (actor.kind !== "user") return { id: { in: [] } };
  const groups = notifiableGroupIds(actor);
  const documents = { AND: [readableDocumentsWhere(actor), { groupId: { in: groups } }] };
  const contentGroups = contentReadableGroupIds(actor).filter((id) => groups.includes(id));
  return {
    recipientId: actor.userId,
    schoolId: { in: [...actor.schools.keys()] },
    AND: [
      { OR: [{ groupId: null }, { groupId: { in: groups } }] },
      { OR: [{ documentId: null }, { document: documents }] },
      { OR: [{ feedbackId: null }, { feedback: { document: documents } }] },
      { OR: [{ actionItemId: null }, { actionItem: { AND: [readableActionItemsWhere(actor), { groupId: { in: groups } }] } }] },
      { OR: [{ sessionId: null }, { session: { groupId: { in: contentGroups } } }] },
      { OR: [{ coachingCycleId: null }, { coachingCycle: readableCyclesWhere(actor) }] },
      { OR: [{ invitationId: null }, { invitation: readableInvitationsWhere(actor) }] },
    ],
  };
}
