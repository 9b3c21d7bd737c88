// Add a template's items to a meeting's agenda (after any it has), in one step.
import { findAgendaTemplate } from "../domain/agenda-templates.ts";
import { ValidationError } from "../domain/errors.ts";
import { assertAgendaEditable, loadManagedSession } from "../policies/sessions.ts";
import { currentAgenda, lockSession } from "./agenda-order.ts";
import { recordMeetingActivity } from "./meeting-activity.ts";
import { runCommand, type Caller } from "./run-command.ts";

export async function applyAgendaTemplate(caller: Caller, input: { sessionId: string; templateId: string }): Promise<void> {
  const session = await loadManagedSession(caller, input.sessionId);
  assertAgendaEditable(session.status);
  const template = findAgendaTemplate(input.templateId);
  if (!template || template.kind !== session.group.kind) throw ValidationError.field("templateId", "There is no such agenda template for this kind of group.");
  await runCommand(caller, async ({ tx, record }) => {
    await lockSession(tx, session.id);
    const after = (await currentAgenda(tx, session.id)).length;
    await tx.agendaItem.createMany({
      data: template.items.map((item, index) => ({
        sessionId: session.id,
        position: after + index,
        title: item.title,
        minutes: item.minutes,
        plcQuestion: item.plcQuestion,
      })),
    });
    await recordMeetingActivity(caller, record, session, "AGENDA_CHANGED");
  });
}
