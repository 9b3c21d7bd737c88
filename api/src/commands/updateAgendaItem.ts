// Change an agenda item's title, minutes, PLC question or presenter, until the meeting is over.
import type { Prisma } from "../generated/prisma/client.ts";
import { assertAgendaEditable, assertManages, assertPlcQuestionFits, loadAgendaItem } from "../policies/sessions.ts";
import { assertPresenterIsMember } from "./agenda-presenter.ts";
import { recordMeetingActivity } from "./meeting-activity.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

/** Absent fields stay as they are; a null plcQuestion or presenterId clears it. */
export type UpdateAgendaItem = {
  agendaItemId: string;
  title?: string | null;
  minutes?: number | null;
  plcQuestion?: number | null;
  presenterId?: string | null;
};

export async function updateAgendaItem(caller: Caller, input: UpdateAgendaItem, selection: Selection<Prisma.AgendaItemSelect, Prisma.AgendaItemInclude> = {}) {
  const item = await loadAgendaItem(caller, input.agendaItemId);
  assertManages(caller.actor, item.session.group);
  assertAgendaEditable(item.session.status);
  assertPlcQuestionFits(item.session.group.kind, input.plcQuestion, "input.plcQuestion");
  await assertPresenterIsMember(caller.prisma, item.session.groupId, [input.presenterId], () => "input.presenterId");
  return runCommand(caller, async ({ tx, record }) => {
    const updated = await tx.agendaItem.update({
      ...selection,
      where: { id: item.id },
      data: {
        ...(input.title != null ? { title: input.title } : {}),
        ...(input.minutes != null ? { minutes: input.minutes } : {}),
        ...(input.plcQuestion !== undefined ? { plcQuestion: input.plcQuestion } : {}),
        ...(input.presenterId !== undefined ? { presenterId: input.presenterId } : {}),
      },
    });
    await recordMeetingActivity(caller, record, item.session, "AGENDA_CHANGED");
    return updated;
  });
}
