// Put a meeting's agenda in a given order.
import { ValidationError } from "../domain/errors.ts";
import { assertAgendaEditable, loadManagedSession } from "../policies/sessions.ts";
import { currentAgenda, lockSession, renumberAgenda } from "./agenda-order.ts";
import { recordMeetingActivity } from "./meeting-activity.ts";
import { runCommand, type Caller } from "./run-command.ts";

/** `agendaItemIds` must name every item of the session exactly once. */
export async function reorderAgendaItems(caller: Caller, input: { sessionId: string; agendaItemIds: string[] }): Promise<void> {
  const session = await loadManagedSession(caller, input.sessionId);
  assertAgendaEditable(session.status);
  const wanted = input.agendaItemIds;
  await runCommand(caller, async ({ tx, record }) => {
    await lockSession(tx, session.id);
    const agenda = await currentAgenda(tx, session.id);
    const known = new Set(agenda.map((item) => item.id));
    if (wanted.length !== known.size || new Set(wanted).size !== wanted.length || !wanted.every((id) => known.has(id))) {
      throw ValidationError.field("agendaItemIds", "List every agenda item of this session exactly once.");
    }
    const positions = new Map(agenda.map((item) => [item.id, item.position]));
    await renumberAgenda(
      tx,
      wanted.map((id) => ({ id, position: positions.get(id) ?? -1 })),
    );
    await recordMeetingActivity(caller, record, session, "AGENDA_CHANGED");
  });
}
