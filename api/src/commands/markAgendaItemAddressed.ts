// Tick an agenda item off (or un-tick it): anyone who writes the group's content.
import type { Prisma } from "../generated/prisma/client.ts";
import { assertWritesContent, loadAgendaItem } from "../policies/sessions.ts";
import { recordMeetingActivity } from "./meeting-activity.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export async function markAgendaItemAddressed(
  caller: Caller,
  input: { agendaItemId: string; addressed: boolean },
  selection: Selection<Prisma.AgendaItemSelect, Prisma.AgendaItemInclude> = {},
) {
  const item = await loadAgendaItem(caller, input.agendaItemId);
  assertWritesContent(caller.actor, item.session.group);
  return runCommand(caller, async ({ tx, record }) => {
    const updated = await tx.agendaItem.update({ ...selection, where: { id: item.id }, data: { addressed: input.addressed } });
    await recordMeetingActivity(caller, record, item.session, "AGENDA_CHANGED");
    return updated;
  });
}
