// Add a norm to a group, at the end or at a position.
import { forbidden } from "../domain/errors.ts";
import { groupAccess, loadManagedGroup } from "../policies/groups.ts";
import { currentNorms, lockGroup, renumberNorms } from "./norm-order.ts";
import { runCommand, type Caller } from "./run-command.ts";

/** Returns the new norm's id. */
export async function addNorm(caller: Caller, input: { groupId: string; text: string; position?: number | null }): Promise<string> {
  const group = await loadManagedGroup(caller, input.groupId, { allowArchived: false });
  if (!groupAccess(caller.actor, group.id).readContent) throw forbidden();
  return runCommand(caller, async ({ tx }) => {
    await lockGroup(tx, group.id);
    const norms = await currentNorms(tx, group.id);
    const at = Math.min(input.position ?? norms.length, norms.length);
    const created = await tx.norm.create({ data: { groupId: group.id, position: at, text: input.text } });
    norms.splice(at, 0, created);
    await renumberNorms(tx, norms);
    return created.id;
  });
}
