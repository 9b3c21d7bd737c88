// What notifies whom when something happens: called by the commands, inside their transactions.
// Each producer names the recipients and the subject (ids only); notify() decides whether each
// recipient may and wants to hear of it.
import type { Prisma } from "../generated/prisma/client.ts";
import { notify } from "./notify.ts";

type Tx = Prisma.TransactionClient;
type DocumentPlace = { id: string; groupId: string; creatorId: string; schoolId: string };

/** New feedback (a thread) on a document: its creator hears of it. */
export async function notifyFeedbackOnDocument(tx: Tx, input: { feedbackId: string; document: DocumentPlace; actorId: string }) {
  const { document } = input;
  await notify(tx, {
    kind: "FEEDBACK_ON_MY_DOCUMENT",
    recipientId: document.creatorId,
    schoolId: document.schoolId,
    actorId: input.actorId,
    groupId: document.groupId,
    documentId: document.id,
    feedbackId: input.feedbackId,
    dedupeKey: `feedback:${input.feedbackId}`,
  });
}

/** A reply in a thread: the thread's author and everyone who replied before hear of it. */
export async function notifyReplyToFeedback(tx: Tx, input: { replyId: string; threadId: string; document: DocumentPlace; actorId: string }) {
  const thread = await tx.feedback.findUnique({ where: { id: input.threadId }, select: { authorId: true } });
  const earlier = await tx.feedback.findMany({ where: { parentId: input.threadId, id: { not: input.replyId } }, select: { authorId: true } });
  const recipients = new Set([...(thread ? [thread.authorId] : []), ...earlier.map((r) => r.authorId)]);
  for (const recipientId of recipients) {
    await notify(tx, {
      kind: "REPLY_TO_MY_FEEDBACK",
      recipientId,
      schoolId: input.document.schoolId,
      actorId: input.actorId,
      groupId: input.document.groupId,
      documentId: input.document.id,
      // The reply itself: the link opens its thread.
      feedbackId: input.replyId,
      dedupeKey: `reply:${input.replyId}`,
    });
  }
}

/**
 * People who became owners of an action item. Once per item and person: being taken off and put
 * back on the same item is not news twice. `actorId` is null when the change came from the live
 * document (the projection does not know who typed it).
 */
export async function notifyActionItemAssigned(
  tx: Tx,
  input: { actionItemId: string; groupId: string; schoolId: string; ownerIds: readonly string[]; actorId: string | null },
) {
  for (const recipientId of new Set(input.ownerIds)) {
    await notify(tx, {
      kind: "ACTION_ITEM_ASSIGNED",
      recipientId,
      schoolId: input.schoolId,
      actorId: input.actorId,
      groupId: input.groupId,
      actionItemId: input.actionItemId,
      dedupeKey: `assigned:${input.actionItemId}`,
    });
  }
}

/** An invitation accepted: whoever sent it, if they still administer the school; else the school's admins. */
export async function notifyInvitationAccepted(tx: Tx, input: { invitation: { id: string; schoolId: string; invitedById: string | null }; userId: string }) {
  const { invitation } = input;
  const admins = await tx.schoolMember.findMany({
    where: { schoolId: invitation.schoolId, role: "ADMIN", deactivatedAt: null, userId: { not: input.userId } },
    select: { userId: true },
  });
  const inviterIsAdmin = admins.some((a) => a.userId === invitation.invitedById);
  const recipients = inviterIsAdmin ? [invitation.invitedById!] : admins.map((a) => a.userId);
  for (const recipientId of recipients) {
    await notify(tx, {
      kind: "INVITATION_ACCEPTED",
      recipientId,
      schoolId: invitation.schoolId,
      actorId: input.userId,
      invitationId: invitation.id,
      dedupeKey: `invitation-accepted:${invitation.id}`,
    });
  }
}
