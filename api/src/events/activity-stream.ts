// One subscription's stream of activity: the bus's activity topic, narrowed to what the
// subscription asked for and re-authorized per event with the subscriber reloaded (access may
// have shrunk since they subscribed: a membership ended, a document stopped being shared). An
// event never reaches someone who could not read its subject; when the subscriber's session or
// token ends, the stream says so and completes. GraphQL's subscription fields are its adapters.
import type { Logger } from "pino";
import { type AppDatabase, credentialKey, reloadActors } from "../auth/load-actor.ts";
import { type ActivityMessage, activityDocumentId } from "../domain/activity.ts";
import { forbidden } from "../domain/errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { mayReceiveActivity } from "../policies/activity.ts";
import type { Actor, UserActor } from "../policies/actor.ts";
import { DOCUMENT_FACTS, type DocumentFacts } from "../policies/documents.ts";
import type { EventBus } from "./bus.ts";
import { type Guarded, guardedStream, unlessCredentialEnded } from "./guarded-stream.ts";

/**
 * What a stream needs of the subscription's context. `actor` is replaced by the reloaded viewer
 * before each event is delivered, so the subject's own field rules judge it by today's access.
 */
export type Subscriber = {
  actor: Actor;
  prisma: PrismaClient;
  services: { events: EventBus; log: Logger; db: AppDatabase };
  credentialWatchedByConnection?: boolean;
};

/**
 * The reads one event's checks share across this process' subscriptions: the document's facts,
 * read once, and the viewers, reloaded together: every subscription that checks the event in
 * the same turn of the event loop (all of them, unless one is still busy with an earlier event)
 * joins one batch, one statement (reloadActors) for all their credentials. 50 subscriptions
 * cost two statements per event, not 350. Each credential is reloaded as its own subscription
 * would have reloaded it, after the event happened; only a subscription still busy with earlier
 * events may use a reload made a little before it got to this one (access as of just after the
 * event, rather than as of its turn).
 *
 * Keyed by the event object itself, in a WeakMap: the bus hands the SAME object to every
 * subscription (yoga's pub/sub dispatches one event to all its listeners; over Redis a message
 * is parsed once per instance), so the entry lives exactly as long as some subscription still
 * has that event to check, and is collected with it. Nothing crosses apps: each app has its own
 * bus, so an event object, and the reads made for it with that app's database, belong to one app.
 */
type SharedChecks = {
  document?: Promise<DocumentFacts | null>;
  /** Per credential (credentialKey): its reloaded viewer, null once the credential ended. */
  viewers: Map<string, Promise<UserActor | null>>;
  /** The batch still gathering credentials, reloaded on the next turn of the event loop. */
  gathering: { actors: UserActor[]; reloaded: Promise<Map<string, UserActor | null>> } | null;
};
const checksByEvent = new WeakMap<ActivityMessage, SharedChecks>();

function sharedChecks(message: ActivityMessage): SharedChecks {
  let checks = checksByEvent.get(message);
  if (!checks) {
    checks = { viewers: new Map(), gathering: null };
    checksByEvent.set(message, checks);
  }
  return checks;
}

function reloadedViewer(db: AppDatabase, checks: SharedChecks, subscriber: UserActor): Promise<UserActor | null> {
  const key = credentialKey(subscriber);
  let viewer = checks.viewers.get(key);
  if (viewer) return viewer;
  if (!checks.gathering) {
    const batch: NonNullable<SharedChecks["gathering"]> = {
      actors: [],
      reloaded: new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        checks.gathering = null;
        return reloadActors(db, batch.actors);
      }),
    };
    checks.gathering = batch;
  }
  const batch = checks.gathering;
  batch.actors.push(subscriber);
  viewer = batch.reloaded.then((viewers) => viewers.get(key) ?? null);
  checks.viewers.set(key, viewer);
  return viewer;
}

/**
 * The bus's activity topic, narrowed to `matches` and re-authorized per event. Events are
 * checked one at a time, so they arrive in the order they happened. The subscription's context
 * takes the reloaded viewer, so the subject's own node rules judge it by today's access too.
 */
export function activityStream(ctx: Subscriber, matches: (message: ActivityMessage) => boolean): AsyncIterable<Guarded<ActivityMessage>> {
  const actor = ctx.actor;
  if (actor.kind !== "user") throw forbidden();
  const subscriber: UserActor = actor;

  async function verdict(message: ActivityMessage): Promise<"deliver" | "drop" | "ended"> {
    try {
      const checks = sharedChecks(message);
      const viewer = await reloadedViewer(ctx.services.db, checks, subscriber);
      if (!viewer) return "ended";
      const documentId = activityDocumentId(message);
      checks.document ??= documentId ? ctx.prisma.document.findUnique({ where: { id: documentId }, select: DOCUMENT_FACTS }) : Promise.resolve(null);
      const document = await checks.document;
      if (!mayReceiveActivity(viewer, message, document)) return "drop";
      ctx.actor = viewer;
      return "deliver";
    } catch (error) {
      // A check that could not be made is a refusal: drop the event, keep the stream.
      ctx.services.log.warn({ err: error, component: "subscriptions" }, "dropped an event whose access check failed");
      return "drop";
    }
  }

  return guardedStream(
    ctx,
    subscriber,
    () => ctx.services.events.subscribe("activity")[Symbol.asyncIterator](),
    async (message: ActivityMessage) => {
      if (!matches(message)) return "drop";
      const decision = await verdict(message);
      return decision === "deliver" ? { deliver: message } : decision;
    },
  );
}

export function notification(item: Guarded<ActivityMessage>): ActivityMessage {
  return unlessCredentialEnded(item);
}
