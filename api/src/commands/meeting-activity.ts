// What changes in a running meeting (its agenda, attendance, timers) is told to everyone viewing
// it: one activity event about the session, ids only.
import { actingUserId } from "../policies/actor.ts";
import type { Caller, CommandTx } from "./run-command.ts";

type MeetingKind = "AGENDA_CHANGED" | "ATTENDANCE_RECORDED" | "AGENDA_TIMER_CHANGED";

export function recordMeetingActivity(
  caller: Caller,
  record: CommandTx["record"],
  session: { id: string; groupId: string; group: { schoolId: string } },
  type: MeetingKind,
) {
  return record({ schoolId: session.group.schoolId, groupId: session.groupId, actorId: actingUserId(caller.actor), type, subjectId: session.id });
}
