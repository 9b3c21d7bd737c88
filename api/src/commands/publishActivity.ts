// Tells live subscribers that something happened. Called only once the ActivityEvent row's
// transaction has committed, so nobody hears of a change that was rolled back.
import type { ActivityMessage } from "../events/bus.ts";
import type { ActivityEvent } from "../generated/prisma/client.ts";
import type { ActivityType } from "../domain/activity.ts";
import type { AppServices } from "./services.ts";

export function publishActivity(ctx: { services: Pick<AppServices, "events"> }, event: ActivityEvent): void {
  ctx.services.events.publish("activity", toActivityMessage(event));
}

/** Ids and kinds only: the row's payload is content-free by construction (see recordActivity). */
export function toActivityMessage(event: ActivityEvent): ActivityMessage {
  const payload = event.payload && typeof event.payload === "object" && !Array.isArray(event.payload) ? (event.payload as Record<string, unknown>) : {};
  return {
    id: event.id,
    schoolId: event.schoolId,
    groupId: event.groupId,
    actorId: event.actorId,
    type: event.type as ActivityType,
    subjectId: event.subjectId,
    payload,
    createdAt: event.createdAt.toISOString(),
  };
}
