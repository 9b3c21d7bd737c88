// @mentions: who may be mentioned on a document (the people a mention would reach: those who can
// read it and may hear of it, as the notifications policy judges each of them), and the MENTIONED
// notifications a feedback body or a live document's new mention nodes cause. A mention of
// someone it cannot reach is ignored, never refused: a refusal would tell the writer whether that
// person exists or what they may see, and the writer's own text is not at fault.
import { loadUserActor } from "../auth/load-actor.ts";
import type { AddedMention } from "../collab/content/mentions.ts";
import { isUuid } from "../domain/ids.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { DOCUMENT_FACTS, type DocumentFacts } from "../policies/documents.ts";
import { mayReadNotification } from "../policies/notifications.ts";
import type { EventBus } from "../events/bus.ts";
import { transactionNotifying } from "./after-commit.ts";
import { notify } from "./notify.ts";

/** A feedback body names at most this many people; more ids are refused by the input's validation. */
export const MAX_MENTIONS = 20;
/** At most this many suggestions per request. */
export const MAX_MENTION_CANDIDATES = 20;

export type MentionDocument = DocumentFacts & { id: string; group: { schoolId: string; kind: "PEER" | "PLC" | string } };

const MENTION_DOCUMENT = { id: true, ...DOCUMENT_FACTS, group: { select: { schoolId: true, kind: true } } } as const;

export function loadMentionDocument(db: Prisma.TransactionClient, documentId: string): Promise<MentionDocument | null> {
  return db.document.findUnique({ where: { id: documentId }, select: MENTION_DOCUMENT });
}

/**
 * Of these people, those a mention on the document would reach now: who may read it and hear of
 * it, asked as a signed-in session would be (every scope) through the notifications policy, so a
 * deactivated person, someone outside the group, or a leader of a peer group's document (shared
 * with coaches or not: peer work never notifies leadership) drops out. Suggesting and notifying
 * ask this one question, so nobody is offered whom a mention would not reach.
 */
export async function mentionableAmong(db: Prisma.TransactionClient, doc: MentionDocument, userIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(userIds)].filter(isUuid);
  const mentionable: string[] = [];
  // One at a time: inside a transaction the statements share one connection anyway.
  for (const userId of unique) {
    const actor = await loadUserActor(db, userId, { authSessionId: null, apiToken: null });
    if (mayReadNotification(actor, { schoolId: doc.group.schoolId, groupId: doc.groupId, document: doc })) mentionable.push(userId);
  }
  return mentionable;
}

/**
 * People to suggest after "@": those a mention would reach whose name contains `query`, by name,
 * without the asker. The pool is the group's members plus, for a PLC, the school's leaders (the
 * only group whose content leadership hears of); the policy then decides each.
 */
export async function mentionCandidateIds(
  db: PrismaClient,
  doc: MentionDocument,
  options: { query: string; first: number; askerId: string },
): Promise<string[]> {
  const leadersMayHear = doc.group.kind === "PLC";
  const pool = await db.user.findMany({
    where: {
      id: { not: options.askerId },
      ...(options.query ? { name: { contains: options.query, mode: "insensitive" as const } } : {}),
      schoolMemberships: { some: { schoolId: doc.group.schoolId, deactivatedAt: null } },
      OR: [
        { groupMemberships: { some: { groupId: doc.groupId } } },
        ...(leadersMayHear
          ? [{ schoolMemberships: { some: { schoolId: doc.group.schoolId, deactivatedAt: null, role: { in: ["COACH" as const, "ADMIN" as const] } } } }]
          : []),
      ],
    },
    select: { id: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    // Enough for any group and its school's leaders; the policy below only ever removes.
    take: 200,
  });
  const mentionable = new Set(
    await mentionableAmong(
      db,
      doc,
      pool.map((u) => u.id),
    ),
  );
  return pool
    .map((u) => u.id)
    .filter((id) => mentionable.has(id))
    .slice(0, options.first);
}

/**
 * MENTIONED for each person a feedback (or reply) names whom a mention reaches, inside the
 * command's transaction. One per person per feedback: editing it to name someone new notifies
 * only them.
 */
export async function notifyFeedbackMentions(
  tx: Prisma.TransactionClient,
  input: { document: { id: string }; feedbackId: string; actorId: string; mentionIds: readonly string[] | null | undefined },
): Promise<void> {
  if (!input.mentionIds?.length) return;
  const doc = await loadMentionDocument(tx, input.document.id);
  if (!doc) return;
  for (const recipientId of await mentionableAmong(tx, doc, input.mentionIds.slice(0, MAX_MENTIONS))) {
    await notify(tx, {
      recipientId,
      schoolId: doc.group.schoolId,
      kind: "MENTIONED",
      actorId: input.actorId,
      groupId: doc.groupId,
      documentId: doc.id,
      feedbackId: input.feedbackId,
      dedupeKey: `mention:feedback:${input.feedbackId}`,
    });
  }
}

/**
 * MENTIONED for each person newly named in a live document whom a mention reaches. The dedupe key is
 * the mention node's Yjs id, which never changes: the same node seen again (a replay, another
 * instance, a retry) notifies no one twice.
 */
export async function notifyDocumentMentions(
  prisma: PrismaClient,
  input: { documentId: string; actorId: string; mentions: readonly AddedMention[] },
  events?: Pick<EventBus, "publish">,
): Promise<number> {
  const doc = await loadMentionDocument(prisma, input.documentId);
  if (!doc) return 0;
  // Several new nodes naming one person in one edit (a pasted paragraph) notify them once.
  const firstPerPerson = new Map<string, AddedMention>();
  for (const mention of input.mentions) if (!firstPerPerson.has(mention.userId)) firstPerPerson.set(mention.userId, mention);
  // Published to each recipient's live channel (the bell) once the transaction commits.
  return transactionNotifying(prisma, events, async (tx) => {
    let written = 0;
    for (const recipientId of await mentionableAmong(tx, doc, [...firstPerPerson.keys()])) {
      const made = await notify(tx, {
        recipientId,
        schoolId: doc.group.schoolId,
        kind: "MENTIONED",
        actorId: input.actorId,
        groupId: doc.groupId,
        documentId: doc.id,
        dedupeKey: `mention:document:${doc.id}:${firstPerPerson.get(recipientId)!.nodeKey}`,
      });
      if (made) written++;
    }
    return written;
  });
}

/**
 * Writes the notifications for live documents' new mentions in the background, one document's
 * edits in the order they were applied (a failure is logged; the edit itself is already stored).
 */
export function documentMentionNotifier(prisma: PrismaClient, events: Pick<EventBus, "publish">, log: (message: string) => void) {
  const queues = new Map<string, Promise<void>>();
  return {
    mentionsAdded(documentId: string, actorId: string, mentions: readonly AddedMention[]): void {
      const previous = queues.get(documentId) ?? Promise.resolve();
      const next = previous
        .then(() => notifyDocumentMentions(prisma, { documentId, actorId, mentions }, events))
        .then(
          () => undefined,
          (error) => log(`mention notifications for ${documentId} failed: ${(error as Error).message}`),
        );
      queues.set(documentId, next);
      void next.finally(() => {
        if (queues.get(documentId) === next) queues.delete(documentId);
      });
    },
    /** Resolves once every notification noticed so far is written (server shutdown). */
    async idle(): Promise<void> {
      while (queues.size > 0) await Promise.all(queues.values());
    },
  };
}
