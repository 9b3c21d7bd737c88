// Put a group's norms in a given order.
import { forbidden, ValidationError } from "../domain/errors.ts";
import { groupAccess, loadManagedGroup } from "../policies/groups.ts";
import { currentNorms, lockGroup, renumberNorms } from "./norm-order.ts";
import { runCommand, type Caller } from "./run-command.ts";

/** `normIds` must name every norm of the group exactly once. */
export async function reorderNorms(caller: Caller, input: { groupId: string; normIds: string[] }): Promise<void> {
  const group = await loadManagedGroup(caller, input.groupId, { allowArchived: false });
  if (!groupAccess(caller.actor, group.id).readContent) throw forbidden();
  const wanted = input.normIds;
  await runCommand(caller, async ({ tx }) => {
    await lockGroup(tx, group.id);
    const norms = await currentNorms(tx, group.id);
    const known = new Set(norms.map((n) => n.id));
    if (wanted.length !== known.size || new Set(wanted).size !== wanted.length || !wanted.every((id) => known.has(id))) {
      throw ValidationError.field("normIds", "List every norm of this group exactly once.");
    }
    const positions = new Map(norms.map((n) => [n.id, n.position]));
    await renumberNorms(
      tx,
      wanted.map((id) => ({ id, position: positions.get(id) ?? -1 })),
    );
  });
}
