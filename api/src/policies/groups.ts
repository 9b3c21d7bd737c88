// Groups: who may see a group, read and write its content, and manage it.
// Peer groups are equals: every member manages; leadership sees metadata only.
// PLCs are steered: facilitators and the school's coaches and admins manage.
import { holdsScope, knownGroup, leadsSchool, type Actor, type KnownGroup } from "./actor.ts";

export type GroupAccess = {
  /** Name, kind, focus, members, meeting cadence. */
  metadata: boolean;
  /** Sessions, agendas, norms, documents, feedback, action items, group goals. */
  readContent: boolean;
  writeContent: boolean;
  /** Membership, archiving, scheduling and running meetings. */
  manage: boolean;
};

const NO_ACCESS: GroupAccess = { metadata: false, readContent: false, writeContent: false, manage: false };

export function groupAccess(actor: Actor, groupId: string): GroupAccess {
  const group = knownGroup(actor, groupId);
  if (!group) return NO_ACCESS;
  const member = group.membership !== null;
  const leader = leadsSchool(actor, group.schoolId);
  const contentAllowed = member || (group.kind === "PLC" && leader);
  const manager = group.kind === "PEER" ? member : group.membership === "FACILITATOR" || leader;
  return {
    metadata: (member || leader) && holdsScope(actor, "GROUPS_READ"),
    readContent: contentAllowed && holdsScope(actor, "CONTENT_READ"),
    writeContent: contentAllowed && !group.archived && holdsScope(actor, "CONTENT_WRITE"),
    manage: manager && holdsScope(actor, "GROUPS_WRITE"),
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
