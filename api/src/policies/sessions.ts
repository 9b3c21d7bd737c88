// Meetings and their agendas under the policy: loaded only for those who read the group's
// content (for anyone else they do not exist), changed only by those who manage the group.
import { forbidden, NotFoundError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import type { GroupKind, SessionStatus } from "../generated/prisma/enums.ts";
import type { Actor, Reader } from "./actor.ts";
import { groupAccess } from "./groups.ts";

const GROUP_FACTS = { select: { id: true, schoolId: true, kind: true, archivedAt: true } } as const;

type GroupFacts = { id: string; archivedAt: Date | null };

/** The session, if the actor reads its group's content; otherwise it does not exist for them. */
export async function loadReadableSession({ prisma, actor }: Reader, sessionId: string) {
  const session = await prisma.session.findUnique({ where: { id: sessionId }, include: { group: GROUP_FACTS } });
  if (!session || !groupAccess(actor, session.groupId).readContent) throw new NotFoundError("That session");
  return session;
}

/** The session, if the actor may run it (schedule, start, end, edit its agenda). */
export async function loadManagedSession(reader: Reader, sessionId: string) {
  const session = await loadReadableSession(reader, sessionId);
  assertManages(reader.actor, session.group);
  return session;
}

/** The agenda item, if the actor reads its group's content. */
export async function loadAgendaItem({ prisma, actor }: Reader, itemId: string) {
  const item = await prisma.agendaItem.findUnique({ where: { id: itemId }, include: { session: { include: { group: GROUP_FACTS } } } });
  if (!item || !groupAccess(actor, item.session.groupId).readContent) throw new NotFoundError("That agenda item");
  return item;
}

export function assertManages(actor: Actor, group: GroupFacts) {
  if (!groupAccess(actor, group.id).manage) throw forbidden("Only the group's members (peer groups) or facilitators and leaders (PLCs) can do this.");
  assertNotArchived(group);
}

export function assertWritesContent(actor: Actor, group: GroupFacts) {
  assertNotArchived(group);
  if (!groupAccess(actor, group.id).writeContent) throw forbidden();
}

function assertNotArchived(group: GroupFacts) {
  if (group.archivedAt) throw new RuleViolationError("This group is archived.", "ARCHIVED");
}

export function assertAgendaEditable(status: SessionStatus) {
  if (status === "DONE") throw new RuleViolationError("This meeting is over; its agenda is the record of what happened.", "INVALID_STATE");
}

export function assertPlcQuestionFits(kind: GroupKind, plcQuestion: number | null | undefined, path: string) {
  if (kind === "PEER" && plcQuestion != null) throw ValidationError.field(path, "PLC questions belong to PLC agendas; peer groups leave this empty.");
}
