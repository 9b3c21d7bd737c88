// Leave a group. Anyone in a group may leave it, whatever its size: nobody is kept in a group.
// When the last member of a peer group leaves, the group is archived: its work stays as it was,
// readable by no one (leaders never read a peer group's work), and leaders still see that it
// existed. A PLC is the school's: its leaders keep managing it when its last member leaves.
import { forbidden, NotFoundError } from "../domain/errors.ts";
import { groupAccess, loadKnownGroup } from "../policies/groups.ts";
import { requireActingUser } from "../policies/actor.ts";
import { runCommand, type Caller } from "./run-command.ts";

export type GroupLeft = { groupId: string; archived: boolean };

/**
 * Returns once the leaver's live connections no longer have the group's access (their open
 * documents close, their subscriptions stop): the access change is awaited.
 */
export async function leaveGroup(caller: Caller, input: { groupId: string }): Promise<GroupLeft> {
  const userId = requireActingUser(caller.actor);
  const group = await loadKnownGroup(caller, input.groupId);
  const membership = await caller.prisma.groupMember.findUnique({ where: { groupId_userId: { groupId: group.id, userId } } });
  if (!membership) throw new NotFoundError("Your membership of that group");
  if (!groupAccess(caller.actor, group.id).leave) throw forbidden();
  return runCommand(caller, async ({ tx, record, accessChanged }) => {
    await tx.groupMember.delete({ where: { id: membership.id } });
    const remaining = await tx.groupMember.count({ where: { groupId: group.id } });
    const archiveNow = group.kind === "PEER" && remaining === 0 && !group.archivedAt;
    if (archiveNow) await tx.group.update({ where: { id: group.id }, data: { archivedAt: new Date() } });
    accessChanged({ userIds: [userId] });
    await record({ schoolId: group.schoolId, groupId: group.id, actorId: userId, type: "MEMBER_LEFT", subjectId: userId });
    return { groupId: group.id, archived: archiveNow || group.archivedAt !== null };
  });
}
