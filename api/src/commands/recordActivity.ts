// One ActivityEvent row per thing that happened, written inside the command's transaction. The
// payload holds ids and kinds only (domain/activity.ts), never peer-group content, so
// leadership's activity counts reveal nothing of what was said.
import type { Activity, ActivityScope } from "../domain/activity.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Writes the row inside the caller's transaction and returns it. Hand it to publishActivity only
 * after that transaction commits, so no subscriber hears of a change that was rolled back
 * (runCommand does both).
 */
export async function recordActivity(prisma: Db, event: Omit<ActivityScope, "groupId"> & { groupId?: string | null } & Activity) {
  return prisma.activityEvent.create({
    data: {
      schoolId: event.schoolId,
      groupId: event.groupId ?? null,
      actorId: event.actorId,
      type: event.type,
      subjectId: event.subjectId,
      payload: event.payload ?? {},
    },
  });
}
