// Change a meeting's title, time, length or protocol, until it is over.
import { RuleViolationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { loadManagedSession } from "../policies/sessions.ts";
import type { Caller, Selection } from "./run-command.ts";

/** Absent fields stay as they are; a null protocol clears it. */
export type UpdateSession = { sessionId: string; title?: string | null; startsAt?: Date | null; durationMinutes?: number | null; protocol?: string | null };

export async function updateSession(caller: Caller, input: UpdateSession, selection: Selection<Prisma.SessionSelect, Prisma.SessionInclude> = {}) {
  const session = await loadManagedSession(caller, input.sessionId);
  if (session.status === "DONE") throw new RuleViolationError("This meeting is over and can no longer be changed.", "INVALID_STATE");
  return caller.prisma.session.update({
    ...selection,
    where: { id: session.id },
    data: {
      ...(input.title != null ? { title: input.title } : {}),
      ...(input.startsAt ? { startsAt: input.startsAt } : {}),
      ...(input.durationMinutes != null ? { durationMinutes: input.durationMinutes } : {}),
      ...(input.protocol !== undefined ? { protocol: input.protocol || null } : {}),
      // Calendars replace their copy of an event only when its sequence grows.
      sequence: { increment: 1 },
    },
  });
}
