// Plan a meeting, optionally with its agenda.
import type { Prisma } from "../generated/prisma/client.ts";
import { forbidden } from "../domain/errors.ts";
import { groupAccess, loadManagedGroup } from "../policies/groups.ts";
import { assertPlcQuestionFits } from "../policies/sessions.ts";
import type { Caller, Selection } from "./run-command.ts";

export type AgendaItemDraft = { title: string; minutes?: number | null; plcQuestion?: number | null };

export type ScheduleSession = {
  groupId: string;
  title: string;
  startsAt: Date;
  durationMinutes?: number | null;
  protocol?: string | null;
  agendaItems?: AgendaItemDraft[] | null;
};

export const DEFAULT_MEETING_MINUTES = 45;
export const DEFAULT_AGENDA_ITEM_MINUTES = 10;

export async function scheduleSession(caller: Caller, input: ScheduleSession, selection: Selection<Prisma.SessionSelect, Prisma.SessionInclude> = {}) {
  const group = await loadManagedGroup(caller, input.groupId, { allowArchived: false });
  // Managing alone is not enough: the new session is content the caller must be able to read.
  if (!groupAccess(caller.actor, group.id).readContent) throw forbidden();
  const drafts = input.agendaItems ?? [];
  drafts.forEach((item, i) => {
    assertPlcQuestionFits(group.kind, item.plcQuestion, `input.agendaItems.${i}.plcQuestion`);
  });
  // One statement tree: the session and its agenda are written together or not at all.
  return caller.prisma.session.create({
    ...selection,
    data: {
      groupId: group.id,
      title: input.title,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes ?? DEFAULT_MEETING_MINUTES,
      protocol: input.protocol || null,
      agendaItems: {
        create: drafts.map((item, position) => ({
          position,
          title: item.title,
          minutes: item.minutes ?? DEFAULT_AGENDA_ITEM_MINUTES,
          plcQuestion: item.plcQuestion ?? null,
        })),
      },
    },
  });
}
