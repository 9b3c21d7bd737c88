// A member accepts all their group's current norms. Accepting again changes nothing.
import { forbidden, RuleViolationError } from "../domain/errors.ts";
import { groupAccess, loadKnownGroup } from "../policies/groups.ts";
import type { Caller } from "./run-command.ts";

export async function acceptNorms(caller: Caller, groupId: string): Promise<void> {
  const group = await loadKnownGroup(caller, groupId);
  const actor = caller.actor;
  if (actor.kind !== "user" || actor.groups.get(group.id)?.membership == null) throw forbidden("Only members of the group accept its norms.");
  if (group.archivedAt) throw new RuleViolationError("This group is archived.", "ARCHIVED");
  if (!groupAccess(actor, group.id).writeContent) throw forbidden();
  const norms = await caller.prisma.norm.findMany({ where: { groupId: group.id }, select: { id: true } });
  await caller.prisma.normAcceptance.createMany({ data: norms.map((n) => ({ normId: n.id, userId: actor.userId })), skipDuplicates: true });
}
