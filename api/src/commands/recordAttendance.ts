// Mark a group member present, absent or excused at a meeting.
import { ValidationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AttendanceStatus } from "../generated/prisma/enums.ts";
import { actingUserId } from "../policies/actor.ts";
import { assertManages, assertWritesContent, loadReadableSession } from "../policies/sessions.ts";
import { recordMeetingActivity } from "./meeting-activity.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

/** Those who manage the group record anyone; members record themselves. */
export async function recordAttendance(
  caller: Caller,
  input: { sessionId: string; userId: string; status: AttendanceStatus },
  selection: Selection<Prisma.AttendanceSelect, Prisma.AttendanceInclude> = {},
) {
  const session = await loadReadableSession(caller, input.sessionId);
  if (input.userId === actingUserId(caller.actor)) assertWritesContent(caller.actor, session.group);
  else assertManages(caller.actor, session.group);
  const member = await caller.prisma.groupMember.findUnique({ where: { groupId_userId: { groupId: session.groupId, userId: input.userId } } });
  if (!member) throw ValidationError.field("userId", "Attendance is for members of the group.");
  return runCommand(caller, async ({ tx, record }) => {
    const row = await tx.attendance.upsert({
      ...selection,
      where: { sessionId_userId: { sessionId: session.id, userId: input.userId } },
      create: { sessionId: session.id, userId: input.userId, status: input.status },
      update: { status: input.status },
    });
    await recordMeetingActivity(caller, record, session, "ATTENDANCE_RECORDED");
    return row;
  });
}
