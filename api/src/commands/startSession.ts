// Start a planned meeting: it goes LIVE, and the group hears of it.
import { moveMeeting } from "./move-meeting.ts";
import type { Caller } from "./run-command.ts";

export function startSession(caller: Caller, sessionId: string): Promise<void> {
  return moveMeeting(caller, sessionId, {
    from: "PLANNED",
    to: "LIVE",
    stamp: "startedAt",
    activity: "SESSION_STARTED",
    refusal: "Only a planned meeting can be started.",
  });
}
