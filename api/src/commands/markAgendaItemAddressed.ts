// Tick an agenda item off (or un-tick it): anyone who writes the group's content.
import type { Prisma } from "../generated/prisma/client.ts";
import { assertWritesContent, loadAgendaItem } from "../policies/sessions.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function markAgendaItemAddressed(
  caller: Caller,
  input: { agendaItemId: string; addressed: boolean },
  selection: Selection<Prisma.AgendaItemSelect, Prisma.AgendaItemInclude> = {},
) {
  const item = await loadAgendaItem(caller, input.agendaItemId);
  assertWritesContent(caller.actor, item.session.group);
  return caller.prisma.agendaItem.update({ ...selection, where: { id: item.id }, data: { addressed: input.addressed } });
}
