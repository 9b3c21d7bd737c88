// Tells live subscribers that something happened. Called only once the ActivityEvent row's
// transaction has committed, so nobody hears of a change that was rolled back.
import type { ActivityMessage } from "../domain/activity.ts";
import type { ActivityEvent } from "../generated/prisma/client.ts";
import type { AppServices } from "./services.ts";

export function publishActivity(ctx: { services: Pick<AppServices, "events"> }, event: ActivityEvent): void {
  ctx.services.events.publish("activity", toActivityMessage(event));
}

/**
 * The row as a typed message. Rows are written only by recordActivity, whose input is the typed
 * Activity union, so a row's type, subject and payload agree with each other by construction.
 */
export function toActivityMessage(event: ActivityEvent): ActivityMessage {
  return {
    id: event.id,
    schoolId: event.schoolId,
    groupId: event.groupId,
    actorId: event.actorId,
    type: event.type,
    subjectId: event.subjectId,
    payload: event.payload,
    createdAt: event.createdAt.toISOString(),
  } as ActivityMessage;
}
