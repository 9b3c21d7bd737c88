// Change an agenda item's title, minutes or PLC question, until the meeting is over.
import type { Prisma } from "../generated/prisma/client.ts";
import { assertAgendaEditable, assertManages, assertPlcQuestionFits, loadAgendaItem } from "../policies/sessions.ts";
import type { Caller, Selection } from "./run-command.ts";

/** Absent fields stay as they are; a null plcQuestion clears it. */
export type UpdateAgendaItem = { agendaItemId: string; title?: string | null; minutes?: number | null; plcQuestion?: number | null };

export async function updateAgendaItem(caller: Caller, input: UpdateAgendaItem, selection: Selection<Prisma.AgendaItemSelect, Prisma.AgendaItemInclude> = {}) {
  const item = await loadAgendaItem(caller, input.agendaItemId);
  assertManages(caller.actor, item.session.group);
  assertAgendaEditable(item.session.status);
  assertPlcQuestionFits(item.session.group.kind, input.plcQuestion, "input.plcQuestion");
  return caller.prisma.agendaItem.update({
    ...selection,
    where: { id: item.id },
    data: {
      ...(input.title != null ? { title: input.title } : {}),
      ...(input.minutes != null ? { minutes: input.minutes } : {}),
      ...(input.plcQuestion !== undefined ? { plcQuestion: input.plcQuestion } : {}),
    },
  });
}
