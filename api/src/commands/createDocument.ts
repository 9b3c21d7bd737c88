// Start a document in a group, from its kind's template unless asked for an empty one.
import { forbidden, RuleViolationError, ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { DocumentKind } from "../generated/prisma/enums.ts";
import { holdsScope, knownGroup, requireActingUser } from "../policies/actor.ts";
import { groupAccess, loadKnownGroup } from "../policies/groups.ts";
import { applyDocumentTemplate } from "./apply-document-template.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export type CreateDocument = { groupId: string; kind: DocumentKind; title: string; sessionId?: string | null; template?: boolean | null };

/** A reflection is private to its author until they share it. */
export async function createDocument(caller: Caller, input: CreateDocument, selection: Selection<Prisma.DocumentSelect, Prisma.DocumentInclude> = {}) {
  const { actor } = caller;
  const group = await loadKnownGroup(caller, input.groupId);
  const access = groupAccess(actor, group.id);
  if (!access.writeContent) {
    if (group.archivedAt && access.readContent && holdsScope(actor, "CONTENT_WRITE")) throw new RuleViolationError("This group is archived.", "ARCHIVED");
    throw forbidden("Only the group's members (and, for a PLC, its leaders) can add documents.");
  }
  if (input.kind === "REFLECTION" && !knownGroup(actor, group.id)?.membership) throw forbidden("Reflections are written by the group's own members.");
  const sessionId = input.sessionId ?? null;
  if (sessionId) {
    const session = await caller.prisma.session.findUnique({ where: { id: sessionId }, select: { groupId: true } });
    if (session?.groupId !== group.id) throw ValidationError.field("input.sessionId", "must be a meeting of this group");
  }
  const creatorId = requireActingUser(actor);
  const title = input.title.trim();
  const doc = await runCommand(caller, async ({ tx, record }) => {
    const doc = await tx.document.create({ ...selection, data: { groupId: group.id, sessionId, creatorId, kind: input.kind, title } });
    // The title is content: the activity log holds the kind only.
    await record({
      schoolId: group.schoolId,
      groupId: group.id,
      actorId: creatorId,
      type: "DOCUMENT_CREATED",
      subjectId: doc.id,
      payload: { kind: input.kind },
    });
    return doc;
  });
  // After the commit: the template is a live-document edit, logged against the committed row.
  if (input.template !== false) await applyDocumentTemplate(caller, { id: doc.id, kind: input.kind, title, sessionId });
  return doc;
}
