// Add someone from the school's staff to a group; the group hears of it.
import { ConflictError, RuleViolationError } from "../domain/errors.ts";
import { PEER_GROUP_LIMITS, PEER_GROUP_SIZE_RULE } from "../domain/groups.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { GroupRole } from "../generated/prisma/enums.ts";
import { actingUserId } from "../policies/actor.ts";
import { assertSchoolStaff, loadManagedGroup } from "../policies/groups.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export type AddGroupMember = { groupId: string; userId: string; role?: GroupRole | null };

export async function addGroupMember(caller: Caller, input: AddGroupMember, selection: Selection<Prisma.GroupMemberSelect, Prisma.GroupMemberInclude> = {}) {
  const group = await loadManagedGroup(caller, input.groupId, { allowArchived: false });
  const userId = input.userId;
  await assertSchoolStaff(caller.prisma, group.schoolId, [userId]);
  if (await caller.prisma.groupMember.findUnique({ where: { groupId_userId: { groupId: group.id, userId } } })) {
    throw new ConflictError("That person is already in the group.");
  }
  const size = await caller.prisma.groupMember.count({ where: { groupId: group.id } });
  if (group.kind === "PEER" && size >= PEER_GROUP_LIMITS.max) {
    throw new RuleViolationError(`${PEER_GROUP_SIZE_RULE} This one already has ${size}: start another group instead.`);
  }
  // The membership and its activity commit together.
  return runCommand(caller, async ({ tx, record }) => {
    const created = await tx.groupMember.create({
      ...selection,
      data: { groupId: group.id, userId, role: group.kind === "PEER" ? "MEMBER" : (input.role ?? "MEMBER") },
    });
    await record({ schoolId: group.schoolId, groupId: group.id, actorId: actingUserId(caller.actor), type: "MEMBER_JOINED", subjectId: userId });
    return created;
  });
}
