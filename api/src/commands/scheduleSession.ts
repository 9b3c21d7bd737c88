// Plan a meeting, optionally with its agenda (its own items, or a template's), optionally
// repeating: the same meeting every week, fortnight or month at the same time of day in the
// school's time zone, all planned in one transaction.
import { findAgendaTemplate } from "../domain/agenda-templates.ts";
import { type MeetingInterval, nthMeeting } from "../domain/dates.ts";
import { forbidden, ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { groupAccess, loadManagedGroup } from "../policies/groups.ts";
import { assertPlcQuestionFits } from "../policies/sessions.ts";
import { assertPresenterIsMember } from "./agenda-presenter.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export type AgendaItemDraft = { title: string; minutes?: number | null; plcQuestion?: number | null; presenterId?: string | null };

export type ScheduleSession = {
  groupId: string;
  title: string;
  startsAt: Date;
  durationMinutes?: number | null;
  protocol?: string | null;
  agendaItems?: AgendaItemDraft[] | null;
  /** A template's id (agendaTemplates): its items become the agenda when agendaItems is not given. */
  templateId?: string | null;
  /** `times` meetings in all (the first included), `every` week, fortnight or month. */
  repeat?: { every: MeetingInterval; times: number } | null;
};

export const DEFAULT_MEETING_MINUTES = 45;
export const DEFAULT_AGENDA_ITEM_MINUTES = 10;

/** Returns the first meeting; the repeats follow it in the group's sessions. */
export async function scheduleSession(caller: Caller, input: ScheduleSession, selection: Selection<Prisma.SessionSelect, Prisma.SessionInclude> = {}) {
  const group = await loadManagedGroup(caller, input.groupId, { allowArchived: false });
  // Managing alone is not enough: the new session is content the caller must be able to read.
  if (!groupAccess(caller.actor, group.id).readContent) throw forbidden();
  const drafts = agendaDrafts(input, group.kind);
  drafts.forEach((item, i) => {
    assertPlcQuestionFits(group.kind, item.plcQuestion, `input.agendaItems.${i}.plcQuestion`);
  });
  await assertPresenterIsMember(
    caller.prisma,
    group.id,
    drafts.map((item) => item.presenterId),
    (i) => `input.agendaItems.${i}.presenterId`,
  );
  const times = input.repeat?.times ?? 1;
  const school = times > 1 ? await caller.prisma.school.findUniqueOrThrow({ where: { id: group.schoolId }, select: { timeZone: true } }) : null;
  const startsAt = Array.from({ length: times }, (_, index) =>
    index === 0 || !input.repeat || !school ? input.startsAt : nthMeeting(input.startsAt, school.timeZone, input.repeat.every, index),
  );
  const data = (at: Date) => ({
    groupId: group.id,
    title: input.title,
    startsAt: at,
    durationMinutes: input.durationMinutes ?? DEFAULT_MEETING_MINUTES,
    protocol: input.protocol || null,
    agendaItems: {
      create: drafts.map((item, position) => ({
        position,
        title: item.title,
        minutes: item.minutes ?? DEFAULT_AGENDA_ITEM_MINUTES,
        plcQuestion: item.plcQuestion ?? null,
        presenterId: item.presenterId ?? null,
      })),
    },
  });
  // The meetings and their agendas are written together or not at all.
  return runCommand(caller, async ({ tx }) => {
    const first = await tx.session.create({ ...selection, data: data(startsAt[0]!) });
    for (const at of startsAt.slice(1)) await tx.session.create({ data: data(at), select: { id: true } });
    return first;
  });
}

function agendaDrafts(input: ScheduleSession, kind: "PEER" | "PLC"): AgendaItemDraft[] {
  if (input.agendaItems?.length || !input.templateId) return input.agendaItems ?? [];
  const template = findAgendaTemplate(input.templateId);
  if (!template || template.kind !== kind) throw ValidationError.field("input.templateId", "There is no such agenda template for this kind of group.");
  return template.items;
}
