// Take someone out of a group: they leave it themselves, or a manager removes them.
import { NotFoundError, RuleViolationError } from "../domain/errors.ts";
import { PEER_GROUP_LIMITS } from "../domain/groups.ts";
import { actingUserId } from "../policies/actor.ts";
import { loadKnownGroup, loadManagedGroup } from "../policies/groups.ts";
import { runCommand, type Caller } from "./run-command.ts";

/**
 * Returns once the removed member's live connections no longer have the group's access (their
 * open documents close, their subscriptions stop): the access change is awaited.
 */
export async function removeGroupMember(caller: Caller, input: { groupId: string; userId: string }): Promise<void> {
  const leaving = actingUserId(caller.actor) === input.userId;
  // Anyone may leave a group; removing someone else takes a manager.
  const group = leaving ? await loadKnownGroup(caller, input.groupId) : await loadManagedGroup(caller, input.groupId, { allowArchived: true });
  const membership = await caller.prisma.groupMember.findUnique({ where: { groupId_userId: { groupId: group.id, userId: input.userId } } });
  if (!membership) throw new NotFoundError("That group member");
  const size = await caller.prisma.groupMember.count({ where: { groupId: group.id } });
  if (group.kind === "PEER" && !group.archivedAt && size <= PEER_GROUP_LIMITS.min) {
    throw new RuleViolationError(`A peer group needs at least ${PEER_GROUP_LIMITS.min} members; archive it instead.`);
  }
  await runCommand(caller, async ({ tx, record, accessChanged }) => {
    await tx.groupMember.delete({ where: { id: membership.id } });
    accessChanged({ userIds: [input.userId] });
    await record({ schoolId: group.schoolId, groupId: group.id, actorId: actingUserId(caller.actor), type: "MEMBER_LEFT", subjectId: input.userId });
  });
}
