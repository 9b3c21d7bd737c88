// Call off a planned meeting: it and its agenda are deleted.
import { RuleViolationError } from "../domain/errors.ts";
import { loadManagedSession } from "../policies/sessions.ts";
import type { Caller } from "./run-command.ts";

/** Returns the deleted session's id. Conditional on PLANNED, so a meeting that just started is not deleted. */
export async function cancelSession(caller: Caller, sessionId: string): Promise<string> {
  const session = await loadManagedSession(caller, sessionId);
  const { count } = await caller.prisma.session.deleteMany({ where: { id: session.id, status: "PLANNED" } });
  if (count === 0) throw new RuleViolationError("Only a meeting that has not started can be cancelled.", "INVALID_STATE");
  return session.id;
}
