// Reset an agenda item's shared timer (paused, back to the item's full time): those who run the meeting.
import { changeAgendaTimer } from "./agenda-timer.ts";
import type { Caller } from "./run-command.ts";

/** Returns the id of the item's session. */
export function resetAgendaTimer(caller: Caller, agendaItemId: string): Promise<string> {
  return changeAgendaTimer(caller, agendaItemId, "reset");
}
