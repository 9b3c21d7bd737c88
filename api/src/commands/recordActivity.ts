// One ActivityEvent row per thing that happened. The payload holds ids and kinds only, never
// peer-group content, so leadership's activity counts reveal nothing of what was said.
import type { ActivityType } from "../domain/activity.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

export { ACTIVITY_TYPES, type ActivityType } from "../domain/activity.ts";

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Writes the row inside the caller's transaction and returns it. Hand it to publishActivity only
 * after that transaction commits, so no subscriber hears of a change that was rolled back.
 */
export async function recordActivity(
  prisma: Db,
  event: { schoolId: string; groupId?: string | null; actorId: string | null; type: ActivityType; subjectId?: string | null; payload?: Record<string, string | number | boolean | null> },
) {
  return prisma.activityEvent.create({
    data: {
      schoolId: event.schoolId,
      groupId: event.groupId ?? null,
      actorId: event.actorId,
      type: event.type,
      subjectId: event.subjectId ?? null,
      payload: event.payload ?? {},
    },
  });
}
