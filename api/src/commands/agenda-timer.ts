// An agenda item's shared timer lives on the server: when it last started (null while paused)
// and the seconds it ran before that. Every screen computes the same countdown from these. One
// runs at a time in a meeting (the group talks about one item at a time): starting one pauses the
// others. Timer changes on one session take turns (its row lock).
import type { Prisma } from "../generated/prisma/client.ts";
import { assertAgendaEditable, assertManages, loadAgendaItem } from "../policies/sessions.ts";
import { lockSession } from "./agenda-order.ts";
import { recordMeetingActivity } from "./meeting-activity.ts";
import { runCommand, type Caller } from "./run-command.ts";

type Tx = Prisma.TransactionClient;
export type TimerStep = "start" | "pause" | "reset";

/**
 * Whole seconds a run lasted. A run of any length counts at least one: a timer started and paused
 * within half a second has still been started, and every screen must show it paused, not untouched.
 */
function elapsedSeconds(startedAt: Date, now: Date): number {
  return Math.max(1, Math.round((now.getTime() - startedAt.getTime()) / 1000));
}

async function pauseRunning(tx: Tx, where: Prisma.AgendaItemWhereInput, now: Date) {
  const running = await tx.agendaItem.findMany({
    where: { ...where, timerStartedAt: { not: null } },
    select: { id: true, timerStartedAt: true, timerUsedSeconds: true },
  });
  for (const item of running) {
    await tx.agendaItem.update({
      where: { id: item.id },
      data: { timerStartedAt: null, timerUsedSeconds: item.timerUsedSeconds + elapsedSeconds(item.timerStartedAt!, now) },
    });
  }
}

/** Starts, pauses or resets the item's timer; returns the id of its session. Those who run the meeting. */
export async function changeAgendaTimer(caller: Caller, agendaItemId: string, step: TimerStep): Promise<string> {
  const item = await loadAgendaItem(caller, agendaItemId);
  assertManages(caller.actor, item.session.group);
  assertAgendaEditable(item.session.status);
  await runCommand(caller, async ({ tx, record }) => {
    await lockSession(tx, item.sessionId);
    const now = new Date();
    if (step === "start") {
      await pauseRunning(tx, { sessionId: item.sessionId, id: { not: item.id } }, now);
      await tx.agendaItem.updateMany({ where: { id: item.id, timerStartedAt: null }, data: { timerStartedAt: now } });
    } else if (step === "pause") {
      await pauseRunning(tx, { id: item.id }, now);
    } else {
      await tx.agendaItem.update({ where: { id: item.id }, data: { timerStartedAt: null, timerUsedSeconds: 0 } });
    }
    await recordMeetingActivity(caller, record, item.session, "AGENDA_TIMER_CHANGED");
  });
  return item.sessionId;
}
