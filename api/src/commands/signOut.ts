// End the current session: its token stops working at once, and its live connections close.
import { forbidden } from "../domain/errors.ts";
import type { Caller } from "./run-command.ts";

export async function signOut(caller: Caller): Promise<void> {
  const actor = caller.actor;
  if (actor.kind !== "user" || !actor.authSessionId) throw forbidden();
  await caller.prisma.authSession.update({ where: { id: actor.authSessionId }, data: { revokedAt: new Date() } });
  await caller.services.events.accessChanged({ userIds: [actor.userId] });
}
