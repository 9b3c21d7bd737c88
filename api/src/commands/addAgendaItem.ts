// Add an item to a meeting's agenda, at the end or at a position.
import { assertAgendaEditable, assertPlcQuestionFits, loadManagedSession } from "../policies/sessions.ts";
import { currentAgenda, lockSession, renumberAgenda } from "./agenda-order.ts";
import { assertPresenterIsMember } from "./agenda-presenter.ts";
import { recordMeetingActivity } from "./meeting-activity.ts";
import { runCommand, type Caller } from "./run-command.ts";
import { DEFAULT_AGENDA_ITEM_MINUTES } from "./scheduleSession.ts";

export type AddAgendaItem = {
  sessionId: string;
  title: string;
  minutes?: number | null;
  plcQuestion?: number | null;
  presenterId?: string | null;
  position?: number | null;
};

/** Returns the new item's id; the items from its position on move down. */
export async function addAgendaItem(caller: Caller, input: AddAgendaItem): Promise<string> {
  const session = await loadManagedSession(caller, input.sessionId);
  assertAgendaEditable(session.status);
  assertPlcQuestionFits(session.group.kind, input.plcQuestion, "input.plcQuestion");
  await assertPresenterIsMember(caller.prisma, session.groupId, [input.presenterId], () => "input.presenterId");
  return runCommand(caller, async ({ tx, record }) => {
    await lockSession(tx, session.id);
    const agenda = await currentAgenda(tx, session.id);
    const at = Math.min(input.position ?? agenda.length, agenda.length);
    const created = await tx.agendaItem.create({
      data: {
        sessionId: session.id,
        position: at,
        title: input.title,
        minutes: input.minutes ?? DEFAULT_AGENDA_ITEM_MINUTES,
        plcQuestion: input.plcQuestion ?? null,
        presenterId: input.presenterId ?? null,
      },
    });
    agenda.splice(at, 0, created);
    await renumberAgenda(tx, agenda);
    await recordMeetingActivity(caller, record, session, "AGENDA_CHANGED");
    return created.id;
  });
}
