// One way for a command to write: its transaction, the activity it records, and the access it
// takes away, announced in the right order. Activity is written inside the transaction (so the
// feed and the change commit or roll back together) and published only after the commit (so no
// subscriber hears of a change that was rolled back). Access changes are awaited before the
// command returns: the mutation answers only once no live connection keeps the access it removed.
import type { Activity, ActivityScope } from "../domain/activity.ts";
import type { AccessChanged } from "../events/bus.ts";
import type { ActivityEvent, Notification, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { collectNotifications, publishNotifications } from "../notifications/after-commit.ts";
import type { Reader } from "../policies/actor.ts";
import { publishActivity } from "./publishActivity.ts";
import { recordActivity } from "./recordActivity.ts";
import type { AppServices } from "./services.ts";

export type CommandDeps = { prisma: PrismaClient; services: Pick<AppServices, "events"> };

/** What every command is given first: who acts, the database, the services. A resolver's context is one. */
export type Caller = Reader & { services: AppServices };

/**
 * The fields a GraphQL resolver wants back (Pothos' `query`: a Prisma select or include), passed
 * through so a command returns its row in the one statement that wrote or read it.
 */
export type Selection<Select, Include> = { select?: Select; include?: Include };

/** What a command's transaction body is given. */
export type CommandTx = {
  tx: Prisma.TransactionClient;
  /** Writes the activity row now, in this transaction; it is published once the transaction commits. */
  record(activity: ActivityScope & Activity): Promise<void>;
  /** Someone's access shrinks with this change: re-checked after the commit, before the command returns. */
  accessChanged(change: AccessChanged): void;
};

export async function runCommand<T>(deps: CommandDeps, work: (scope: CommandTx) => Promise<T>): Promise<T> {
  const recorded: ActivityEvent[] = [];
  const accessChanges: AccessChanged[] = [];
  // Notifications written by notify(tx, …) inside the work, published with the activity.
  let notifications: Notification[] = [];
  const result = await deps.prisma.$transaction((tx) => {
    notifications = collectNotifications(tx);
    return work({
      tx,
      record: async (activity) => {
        recorded.push(await recordActivity(tx, activity));
      },
      accessChanged: (change) => {
        accessChanges.push(change);
      },
    });
  });
  // Access first: a member who left must not hear of the activity their leaving caused.
  for (const change of accessChanges) await deps.services.events.accessChanged(change);
  for (const event of recorded) publishActivity(deps, event);
  publishNotifications(deps.services.events, notifications);
  return result;
}
