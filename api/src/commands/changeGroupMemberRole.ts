// Name a PLC's facilitator (or make a facilitator a plain member again). A peer group has no
// roles: everyone in it is an equal.
import { forbidden, RuleViolationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { GroupRole } from "../generated/prisma/enums.ts";
import { groupAccess, loadKnownGroupMember, loadManagedGroup } from "../policies/groups.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function changeGroupMemberRole(
  caller: Caller,
  input: { memberId: string; role: GroupRole },
  selection: Selection<Prisma.GroupMemberSelect, Prisma.GroupMemberInclude> = {},
) {
  const member = await loadKnownGroupMember(caller, input.memberId);
  const group = await loadManagedGroup(caller, member.groupId, { allowArchived: false });
  if (group.kind === "PEER") throw new RuleViolationError("Everyone in a peer group is an equal: a peer group has no facilitator.");
  if (!groupAccess(caller.actor, group.id).changeRoles) throw forbidden();
  return caller.prisma.groupMember.update({ ...selection, where: { id: member.id }, data: { role: input.role } });
}
