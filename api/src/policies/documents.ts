// Documents and the feedback on them. A peer group's documents stay in the group unless the
// group shares one with coaches; a reflection stays with its author unless shared.
import { forbidden, NotFoundError, RuleViolationError } from "../domain/errors.ts";
import type { DocumentKind } from "../generated/prisma/enums.ts";
import { holdsScope, knownGroup, leadsSchool, type Actor, type Reader } from "./actor.ts";
import { groupAccess, groupIdsWhere } from "./groups.ts";

export type DocumentFacts = {
  groupId: string;
  kind: DocumentKind;
  creatorId: string;
  sharedWithCoachesAt: Date | null;
};

export type DocumentAccess = "none" | "read" | "write";

export function documentAccess(actor: Actor, doc: DocumentFacts): DocumentAccess {
  const group = knownGroup(actor, doc.groupId);
  if (!group || actor.kind !== "user" || !holdsScope(actor, "CONTENT_READ")) return "none";
  const canWrite = holdsScope(actor, "CONTENT_WRITE") && !group.archived;
  const sharedWithLeaders = doc.sharedWithCoachesAt !== null && leadsSchool(actor, group.schoolId);

  if (doc.kind === "REFLECTION") {
    if (doc.creatorId === actor.userId && group.membership !== null) return canWrite ? "write" : "read";
    return sharedWithLeaders ? "read" : "none";
  }
  const access = groupAccess(actor, doc.groupId);
  if (access.readContent) return access.writeContent ? "write" : "read";
  return sharedWithLeaders ? "read" : "none";
}

/** Prisma filter matching exactly the documents `documentAccess` lets the actor read. */
export function readableDocumentsWhere(actor: Actor) {
  if (actor.kind !== "user" || !holdsScope(actor, "CONTENT_READ")) return { id: { in: [] as string[] } };
  const contentGroups = groupIdsWhere(actor, (a) => a.readContent);
  const memberGroups = groupIdsWhere(actor, (_a, g) => g.membership !== null);
  const ledGroups = groupIdsWhere(actor, (_a, g) => leadsSchool(actor, g.schoolId));
  return {
    OR: [
      { kind: { not: "REFLECTION" as const }, groupId: { in: contentGroups } },
      { kind: "REFLECTION" as const, creatorId: actor.userId, groupId: { in: memberGroups } },
      { sharedWithCoachesAt: { not: null }, groupId: { in: ledGroups } },
    ],
  };
}

/** Only people who can write a document may share it, add feedback to it, or resolve feedback. */
export function canShareDocument(actor: Actor, doc: DocumentFacts): boolean {
  return documentAccess(actor, doc) === "write";
}

/** Deleting a document (with its feedback and history): its creator or the group's managers, while they can write it. */
export function canDeleteDocument(actor: Actor, doc: DocumentFacts): boolean {
  if (documentAccess(actor, doc) !== "write") return false;
  return (actor.kind === "user" && actor.userId === doc.creatorId) || groupAccess(actor, doc.groupId).manage;
}

/** The columns documentAccess reads: select them with every document a policy decides on. */
export const DOCUMENT_FACTS = { groupId: true, kind: true, creatorId: true, sharedWithCoachesAt: true } as const;

export type LoadedDocument = DocumentFacts & { id: string; group: { schoolId: string; archivedAt: Date | null } };

/**
 * The document, if the actor may read it (a stranger gets NOT_FOUND, never a hint), checked
 * against the access the caller needs.
 */
export async function loadDocument(
  { prisma, actor }: Reader,
  documentId: string,
  need: Exclude<DocumentAccess, "none">,
  what = "That document",
): Promise<LoadedDocument> {
  const doc = await prisma.document.findUnique({
    where: { id: documentId },
    select: { id: true, ...DOCUMENT_FACTS, group: { select: { schoolId: true, archivedAt: true } } },
  });
  if (!doc) throw new NotFoundError(what);
  assertDocumentAccess(actor, doc, need, what);
  return doc;
}

export function assertDocumentAccess(actor: Actor, doc: DocumentFacts & { group: { archivedAt: Date | null } }, need: "read" | "write", what: string) {
  const access = documentAccess(actor, doc);
  if (access === "none") throw new NotFoundError(what);
  if (need === "write" && access !== "write") {
    // Someone who could write but for the archive deserves to hear why.
    if (doc.group.archivedAt && groupAccess(actor, doc.groupId).readContent && holdsScope(actor, "CONTENT_WRITE")) {
      throw new RuleViolationError("This group is archived.", "ARCHIVED");
    }
    throw forbidden("You can read this document but not change it.");
  }
}
