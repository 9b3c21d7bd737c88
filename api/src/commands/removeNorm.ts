// Remove a norm; the norms after it move up.
import { loadManagedNorm } from "../policies/norms.ts";
import { currentNorms, lockGroup, renumberNorms } from "./norm-order.ts";
import { runCommand, type Caller } from "./run-command.ts";

/** Returns the id of the norm's group. */
export async function removeNorm(caller: Caller, normId: string): Promise<string> {
  const { norm, group } = await loadManagedNorm(caller, normId);
  await runCommand(caller, async ({ tx }) => {
    await lockGroup(tx, group.id);
    await tx.norm.deleteMany({ where: { id: norm.id } });
    await renumberNorms(tx, await currentNorms(tx, group.id));
  });
  return group.id;
}
