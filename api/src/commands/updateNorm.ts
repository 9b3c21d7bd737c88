// Reword a norm. Changing its words clears its acceptances: people agreed to the old words.
import { loadManagedNorm } from "../policies/norms.ts";
import { runCommand, type Caller } from "./run-command.ts";

/** Returns the norm's id. */
export async function updateNorm(caller: Caller, input: { normId: string; text: string }): Promise<string> {
  const { norm } = await loadManagedNorm(caller, input.normId);
  if (norm.text !== input.text) {
    await runCommand(caller, async ({ tx }) => {
      await tx.normAcceptance.deleteMany({ where: { normId: norm.id } });
      await tx.norm.update({ where: { id: norm.id }, data: { text: input.text } });
    });
  }
  return norm.id;
}
