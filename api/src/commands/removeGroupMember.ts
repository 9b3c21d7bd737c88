// Take someone out of a group: a manager removes them (or they leave, which is leaveGroup).
import { NotFoundError } from "../domain/errors.ts";
import { actingUserId } from "../policies/actor.ts";
import { loadManagedGroup } from "../policies/groups.ts";
import { leaveGroup } from "./leaveGroup.ts";
import { runCommand, type Caller } from "./run-command.ts";

/**
 * Returns once the removed member's live connections no longer have the group's access (their
 * open documents close, their subscriptions stop): the access change is awaited.
 */
export async function removeGroupMember(caller: Caller, input: { groupId: string; userId: string }): Promise<void> {
  // Removing yourself is leaving, with leaving's rules (allowed to anyone in the group).
  if (actingUserId(caller.actor) === input.userId) {
    await leaveGroup(caller, { groupId: input.groupId });
    return;
  }
  const group = await loadManagedGroup(caller, input.groupId, { allowArchived: true });
  const membership = await caller.prisma.groupMember.findUnique({ where: { groupId_userId: { groupId: group.id, userId: input.userId } } });
  if (!membership) throw new NotFoundError("That group member");
  await runCommand(caller, async ({ tx, record, accessChanged }) => {
    await tx.groupMember.delete({ where: { id: membership.id } });
    accessChanged({ userIds: [input.userId] });
    await record({ schoolId: group.schoolId, groupId: group.id, actorId: actingUserId(caller.actor), type: "MEMBER_LEFT", subjectId: input.userId });
  });
}
