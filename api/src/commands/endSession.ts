// End a live meeting: it is DONE, its agenda becomes the record, and the group hears of it.
import { moveMeeting } from "./move-meeting.ts";
import type { Caller } from "./run-command.ts";

export function endSession(caller: Caller, sessionId: string): Promise<void> {
  return moveMeeting(caller, sessionId, {
    from: "LIVE",
    to: "DONE",
    stamp: "endedAt",
    activity: "SESSION_ENDED",
    refusal: "Only a live meeting can be ended.",
  });
}
