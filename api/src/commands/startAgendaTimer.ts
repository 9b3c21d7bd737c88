// Start an agenda item's shared timer (the meeting's other timers pause): those who run the meeting.
import { changeAgendaTimer } from "./agenda-timer.ts";
import type { Caller } from "./run-command.ts";

/** Returns the id of the item's session. */
export function startAgendaTimer(caller: Caller, agendaItemId: string): Promise<string> {
  return changeAgendaTimer(caller, agendaItemId, "start");
}
