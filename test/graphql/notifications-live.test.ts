// The `notifications` subscription with the real graphql-ws client: a new notification reaches its
// recipient (and only them) after the commit, marking read elsewhere updates the count, and a
// notification about something the subscriber lost access to is not delivered.
import type { Client } from "graphql-ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { AddFeedback, dataOf, RemoveGroupMember, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { act, subscribeWs, wsClient, type Stream } from "../support/subscriptions.ts";

const NOTIFICATIONS_SUB = graphql(`
  subscription LiveNotifications {
    notifications {
      unreadCount
      notification { id kind sentence path }
    }
  }
`);
const MARK_ALL = graphql(`
  mutation LiveMarkAll { markAllNotificationsRead { __typename ... on MutationMarkAllNotificationsReadSuccess { data } } }
`);

let app: TestApp;
let fx: SchoolFixture;
const clients: Client[] = [];

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "live-notifications");
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
afterAll(() => app?.close());

/**
 * Subscribes `userId` and waits until the server listens: an unread-count message on their
 * channel is sent every 20 ms until one comes back (it changes nothing; the stream reports the
 * count as it is). Returns the stream with those readiness answers skipped.
 */
async function live(who: keyof SchoolFixture["people"]): Promise<Stream> {
  const client = wsClient(app, fx.people[who].token);
  clients.push(client);
  const stream = subscribeWs(client, "notifications", NOTIFICATIONS_SUB);
  const timer = setInterval(() => app.services.events.publish("notification", fx.people[who].id, { change: "read" }), 20);
  try {
    const deadline = Date.now() + 5000;
    while (stream.results.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  } finally {
    clearInterval(timer);
  }
  expect(stream.results.length, "the subscription went live").toBeGreaterThan(0);
  return stream;
}

/** The next event carrying a notification: readiness answers still in flight (count only) come first, in order, and are skipped. */
async function nextNotification(stream: Stream) {
  for (;;) {
    const event = await stream.next("a notification");
    if (event.notification) return event;
  }
}

describe("notifications subscription", () => {
  it("delivers a new notification to its recipient with the unread count, and nothing to anyone else", async () => {
    const ana = await live("peerMember");
    const colleague = await live("peerMember3");
    const doc = await fx.newDocument({ title: "Fractions lesson" });
    await act(app, fx.people.peerMember2.token, AddFeedback, { input: { documentId: doc.gid, kind: "GLOW", body: "Lovely hook." } });

    const event = await nextNotification(ana);
    expect(event).toMatchObject({
      unreadCount: 1,
      notification: { kind: "FEEDBACK_ON_MY_DOCUMENT", sentence: `${fx.people.peerMember2.name} left feedback on “Fractions lesson”` },
    });
    expect(event.notification.path).toContain(encodeURIComponent(doc.gid));

    // Marked read in another tab: the count drops here too.
    succeeded(dataOf(await app.gql(MARK_ALL, {}, fx.people.peerMember.token)).markAllNotificationsRead);
    expect(await ana.next("the count change")).toEqual({ unreadCount: 0, notification: null });
    expect(colleague.pending().filter((e) => e.notification)).toEqual([]);
  });

  it("does not deliver a notification about something the subscriber can no longer read", async () => {
    const member = await live("peerMember3");
    const doc = await fx.newDocument({ creator: "peerMember3" });
    const row = await app.make.notification({
      recipientId: fx.people.peerMember3.id,
      schoolId: fx.schoolId,
      kind: "FEEDBACK_ON_MY_DOCUMENT",
      groupId: fx.peerGroupId,
      documentId: doc.id,
    });
    succeeded(
      dataOf(await app.gql(RemoveGroupMember, { groupId: fx.peerGroupGid, userId: fx.people.peerMember3.gid }, fx.people.peerMember.token)).removeGroupMember,
    );
    // As if written just before the access ended and announced just after: the stream re-checks.
    app.services.events.publish("notification", fx.people.peerMember3.id, { change: "created", notificationId: row.id });
    // Then one it may read: its own coaching cycle's.
    const cycle = await app.make.coachingCycle({ schoolId: fx.schoolId, coachId: fx.people.coach.id, teacherId: fx.people.peerMember3.id });
    const readable = await app.make.notification({
      recipientId: fx.people.peerMember3.id,
      schoolId: fx.schoolId,
      kind: "CHECK_BACK_DUE",
      coachingCycleId: cycle.id,
    });
    app.services.events.publish("notification", fx.people.peerMember3.id, { change: "created", notificationId: readable.id });
    // Delivered in order: the first notification through is the readable one, and the count leaves the hidden one out.
    const next = await nextNotification(member);
    expect(next).toMatchObject({ unreadCount: 1, notification: { kind: "CHECK_BACK_DUE" } });
  });
});
