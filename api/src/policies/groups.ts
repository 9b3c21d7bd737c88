// Groups: who may see a group, read and write its content, and manage it.
// Peer groups are self-organized equals: every member manages (name, focus, cadence, adding
// colleagues, archiving); leadership sees that the group exists and who is in it, never its work,
// and changes nothing in it. PLCs are steered: facilitators and the school's coaches and admins manage.
import { forbidden, NotFoundError, RuleViolationError, ValidationError } from "../domain/errors.ts";
import { holdsScope, knownGroup, leadsSchool, type Actor, type KnownGroup, type Reader } from "./actor.ts";

export type GroupAccess = {
  /** Name, kind, focus, members, meeting cadence. */
  metadata: boolean;
  /** Sessions, agendas, norms, documents, feedback, action items, group goals. */
  readContent: boolean;
  writeContent: boolean;
  /** Settings (name, focus, cadence), membership, archiving, scheduling and running meetings. */
  manage: boolean;
  /** Naming a PLC's facilitators: its managers; a peer group has no roles to give. */
  changeRoles: boolean;
  /** Leaving: anyone in the group, archived or not. */
  leave: boolean;
};

const NO_ACCESS: GroupAccess = { metadata: false, readContent: false, writeContent: false, manage: false, changeRoles: false, leave: false };

export function groupAccess(actor: Actor, groupId: string): GroupAccess {
  const group = knownGroup(actor, groupId);
  if (!group) return NO_ACCESS;
  const member = group.membership !== null;
  const leader = leadsSchool(actor, group.schoolId);
  const contentAllowed = member || (group.kind === "PLC" && leader);
  const manager = group.kind === "PEER" ? member : group.membership === "FACILITATOR" || leader;
  const manage = manager && holdsScope(actor, "GROUPS_WRITE");
  return {
    metadata: (member || leader) && holdsScope(actor, "GROUPS_READ"),
    readContent: contentAllowed && holdsScope(actor, "CONTENT_READ"),
    writeContent: contentAllowed && !group.archived && holdsScope(actor, "CONTENT_WRITE"),
    manage,
    changeRoles: manage && group.kind === "PLC",
    leave: member && holdsScope(actor, "GROUPS_WRITE"),
  };
}

/** May the actor create a group of this kind in this school? Teachers start peer groups; leaders start anything. */
export function canCreateGroup(actor: Actor, schoolId: string, kind: KnownGroup["kind"]): boolean {
  if (actor.kind !== "user" || !holdsScope(actor, "GROUPS_WRITE")) return false;
  const role = actor.schools.get(schoolId);
  if (!role) return false;
  return kind === "PEER" || role === "COACH" || role === "ADMIN";
}

/** Ids of the known groups for which `allowed` holds: the basis of every list filter. */
export function groupIdsWhere(actor: Actor, allowed: (access: GroupAccess, group: KnownGroup) => boolean): string[] {
  if (actor.kind !== "user") return [];
  const ids: string[] = [];
  for (const group of actor.groups.values()) if (allowed(groupAccess(actor, group.id), group)) ids.push(group.id);
  return ids;
}

export const readableGroupsWhere = (actor: Actor) => ({ id: { in: groupIdsWhere(actor, (a) => a.metadata) } });
export const contentReadableGroupIds = (actor: Actor) => groupIdsWhere(actor, (a) => a.readContent);

/** The group, if the actor may know it exists; a stranger gets NOT_FOUND, never a hint. */
export async function loadKnownGroup(reader: Reader, groupId: string) {
  const group = groupAccess(reader.actor, groupId).metadata ? await reader.prisma.group.findUnique({ where: { id: groupId } }) : null;
  if (!group) throw new NotFoundError("That group");
  return group;
}

export async function loadManagedGroup(reader: Reader, groupId: string, { allowArchived }: { allowArchived: boolean }) {
  const group = await loadKnownGroup(reader, groupId);
  if (!groupAccess(reader.actor, groupId).manage) throw forbidden("Only the group's members (peer groups) or facilitators and leaders (PLCs) can do this.");
  if (!allowArchived && group.archivedAt) throw new RuleViolationError("This group is archived.", "ARCHIVED");
  return group;
}

/** A membership of a group the actor may know; a stranger gets NOT_FOUND, as for a missing one. */
export async function loadKnownGroupMember(reader: Reader, memberId: string) {
  const member = await reader.prisma.groupMember.findUnique({ where: { id: memberId } });
  if (!member || !groupAccess(reader.actor, member.groupId).metadata) throw new NotFoundError("That group member");
  return member;
}

/** Everyone in a group must be on the school's staff (a deactivated member is not). */
export async function assertSchoolStaff(prisma: Reader["prisma"], schoolId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  const found = await prisma.schoolMember.count({ where: { schoolId, userId: { in: userIds }, deactivatedAt: null } });
  if (found !== new Set(userIds).size) throw ValidationError.field("input.members", "Everyone in a group must be on the school's staff.");
}
