// Remove an agenda item; the items after it move up.
import { assertAgendaEditable, assertManages, loadAgendaItem } from "../policies/sessions.ts";
import { currentAgenda, lockSession, renumberAgenda } from "./agenda-order.ts";
import { recordMeetingActivity } from "./meeting-activity.ts";
import { runCommand, type Caller } from "./run-command.ts";

/** Returns the id of the item's session. */
export async function removeAgendaItem(caller: Caller, agendaItemId: string): Promise<string> {
  const item = await loadAgendaItem(caller, agendaItemId);
  assertManages(caller.actor, item.session.group);
  assertAgendaEditable(item.session.status);
  await runCommand(caller, async ({ tx, record }) => {
    await lockSession(tx, item.sessionId);
    await tx.agendaItem.deleteMany({ where: { id: item.id } });
    await renumberAgenda(tx, await currentAgenda(tx, item.sessionId));
    await recordMeetingActivity(caller, record, item.session, "AGENDA_CHANGED");
  });
  return item.sessionId;
}
