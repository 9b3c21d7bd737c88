// In-app notifications through the API: who is told what (feedback, replies, action items,
// invitations), the viewer's list, unread count and preferences, marking read, and dedupe.
// Reminders (chosen `now`s across time zones) are in notifications-reminders.test.ts; who may
// never hear what is in test/trust/trust-notifications.test.ts.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { AddFeedback, CreateActionItem, dataOf, failedWith, MutationError, succeeded } from "../support/operations.ts";
import { MY_NOTIFICATIONS } from "../support/notifications.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

const MARK_READ = graphql(
  `
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(notificationId: $id) {
      __typename
      ... on MutationMarkNotificationReadSuccess { data { id readAt } }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const MARK_ALL_READ = graphql(
  `
  mutation MarkAllNotificationsRead($seenUpTo: DateTime) {
    markAllNotificationsRead(seenUpTo: $seenUpTo) {
      __typename
      ... on MutationMarkAllNotificationsReadSuccess { data }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const PREFERENCES = graphql(`
  query MyNotificationPreferences {
    viewer { notificationPreferences { kind delivery isDefault } }
  }
`);
const SET_PREFERENCE = graphql(
  `
  mutation SetNotificationPreference($kind: NotificationKind!, $delivery: NotificationDelivery!) {
    setNotificationPreference(kind: $kind, delivery: $delivery) {
      __typename
      ... on MutationSetNotificationPreferenceSuccess { data { kind delivery isDefault } }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const REPLY = graphql(
  `
  mutation NotificationsReply($id: ID!, $body: String!) {
    replyToFeedback(feedbackId: $id, body: $body) {
      __typename
      ... on MutationReplyToFeedbackSuccess { data { id } }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const UPDATE_ITEM = graphql(
  `
  mutation NotificationsUpdateItem($input: UpdateActionItemInput!) {
    updateActionItem(input: $input) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);
const ACCEPT = graphql(
  `
  mutation NotificationsAcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);

let app: TestApp;
let fx: SchoolFixture;

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "notifications");
});
afterAll(() => app?.close());

async function inbox(token: string, unreadOnly = false) {
  const viewer = dataOf(await app.gql(MY_NOTIFICATIONS, { unreadOnly }, token)).viewer!;
  return { count: viewer.unreadNotificationCount, total: viewer.notifications.totalCount, items: viewer.notifications.edges.map((e) => e.node) };
}

async function giveFeedback(token: string, documentGid: string, body = "Clear objective.") {
  const payload = succeeded(dataOf(await app.gql(AddFeedback, { input: { documentId: documentGid, kind: "GLOW", body } }, token)).addFeedback);
  return payload.data.id;
}

describe("notifications", () => {
  it("feedback on my document tells its creator, by name and title, with a link to the thread; not the one who gave it", async () => {
    const doc = await fx.newDocument({ title: "Fractions lesson" });
    const before = await inbox(fx.people.peerMember.token);
    const feedbackId = await giveFeedback(fx.people.peerMember2.token, doc.gid);

    const after = await inbox(fx.people.peerMember.token);
    expect(after.count).toBe(before.count + 1);
    const [latest] = after.items;
    expect(latest).toMatchObject({
      kind: "FEEDBACK_ON_MY_DOCUMENT",
      readAt: null,
      sentence: `${fx.people.peerMember2.name} left feedback on “Fractions lesson”`,
      path: `/documents/${encodeURIComponent(doc.gid)}?feedback=${encodeURIComponent(feedbackId)}`,
      actor: { id: fx.people.peerMember2.gid, name: fx.people.peerMember2.name },
      group: { id: fx.peerGroupGid },
    });
    expect((await inbox(fx.people.peerMember2.token)).items.some((n) => n.path.includes(encodeURIComponent(feedbackId)))).toBe(false);
  });

  it("a reply tells the thread's author and earlier repliers, not the replier; the link opens the thread", async () => {
    const doc = await fx.newDocument({ title: "Wait time" });
    const thread = await giveFeedback(fx.people.peerMember.token, doc.gid, "How long do you wait?");
    succeeded(dataOf(await app.gql(REPLY, { id: thread, body: "About three seconds." }, fx.people.peerMember2.token)).replyToFeedback);
    const counts = {
      author: (await inbox(fx.people.peerMember.token)).count,
      earlier: (await inbox(fx.people.peerMember2.token)).count,
      replier: (await inbox(fx.people.peerMember3.token)).count,
    };
    succeeded(dataOf(await app.gql(REPLY, { id: thread, body: "I count in my head." }, fx.people.peerMember3.token)).replyToFeedback);

    const author = await inbox(fx.people.peerMember.token);
    const earlier = await inbox(fx.people.peerMember2.token);
    expect(author.count).toBe(counts.author + 1);
    expect(earlier.count).toBe(counts.earlier + 1);
    expect((await inbox(fx.people.peerMember3.token)).count).toBe(counts.replier);
    for (const box of [author, earlier]) {
      expect(box.items[0]).toMatchObject({
        kind: "REPLY_TO_MY_FEEDBACK",
        sentence: `${fx.people.peerMember3.name} replied to your feedback on “Wait time”`,
        path: `/documents/${encodeURIComponent(doc.gid)}?feedback=${encodeURIComponent(thread)}`,
      });
    }
  });

  it("an action item given to someone tells them once, with a link to its card", async () => {
    const created = succeeded(
      dataOf(
        await app.gql(
          CreateActionItem,
          { input: { groupId: fx.peerGroupGid, title: "Try think-pair-share", ownerIds: [fx.people.peerMember2.gid, fx.people.peerMember.gid] } },
          fx.people.peerMember.token,
        ),
      ).createActionItem,
    );
    const mine = (await inbox(fx.people.peerMember2.token)).items.filter((n) => n.kind === "ACTION_ITEM_ASSIGNED");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      sentence: `${fx.people.peerMember.name} made you an owner of “Try think-pair-share”`,
      path: `/groups/${encodeURIComponent(fx.peerGroupGid)}?item=${encodeURIComponent(created.data.id)}`,
    });
    // Who gave it to themselves is not told.
    expect((await inbox(fx.people.peerMember.token)).items.some((n) => n.kind === "ACTION_ITEM_ASSIGNED")).toBe(false);

    // Added later: peerMember3 is told; taken off and put back, peerMember2 is not told twice.
    const update = (ownerIds: string[]) =>
      app
        .gql(UPDATE_ITEM, { input: { actionItemId: created.data.id, ownerIds } }, fx.people.peerMember.token)
        .then((r) => succeeded(dataOf(r).updateActionItem));
    await update([fx.people.peerMember3.gid]);
    await update([fx.people.peerMember2.gid, fx.people.peerMember3.gid]);
    expect((await inbox(fx.people.peerMember3.token)).items.filter((n) => n.kind === "ACTION_ITEM_ASSIGNED")).toHaveLength(1);
    expect((await inbox(fx.people.peerMember2.token)).items.filter((n) => n.kind === "ACTION_ITEM_ASSIGNED")).toHaveLength(1);
  });

  it("an accepted invitation tells the admin who sent it, naming the newcomer", async () => {
    const token = randomUUID();
    await app.make.invitation({ schoolId: fx.schoolId, email: `newcomer-${token}@example.test`, tokenHash: hashToken(token), invitedById: fx.people.admin.id });
    succeeded(dataOf(await app.gql(ACCEPT, { input: { token, name: "Nia Newcomer", password: "a long enough password" } })).acceptInvitation);
    const [latest] = (await inbox(fx.people.admin.token)).items;
    expect(latest).toMatchObject({
      kind: "INVITATION_ACCEPTED",
      sentence: "Nia Newcomer accepted your invitation and joined the school",
      path: "/school/people",
    });
  });

  it("marking read: one, then all; the count follows, and marking again keeps the first time", async () => {
    const doc = await fx.newDocument();
    await giveFeedback(fx.people.peerMember2.token, doc.gid);
    await giveFeedback(fx.people.peerMember3.token, doc.gid);
    const before = await inbox(fx.people.peerMember.token);
    expect(before.count).toBeGreaterThanOrEqual(2);
    const first = before.items[0]!;
    const marked = succeeded(dataOf(await app.gql(MARK_READ, { id: first.id }, fx.people.peerMember.token)).markNotificationRead);
    expect(marked.data.readAt).not.toBeNull();
    expect((await inbox(fx.people.peerMember.token)).count).toBe(before.count - 1);
    const again = succeeded(dataOf(await app.gql(MARK_READ, { id: first.id }, fx.people.peerMember.token)).markNotificationRead);
    expect(again.data.readAt).toBe(marked.data.readAt);
    expect((await inbox(fx.people.peerMember.token, true)).total).toBe(before.count - 1);

    const all = succeeded(dataOf(await app.gql(MARK_ALL_READ, {}, fx.people.peerMember.token)).markAllNotificationsRead);
    expect(all.data).toBe(before.count - 1);
    const after = await inbox(fx.people.peerMember.token);
    expect(after.count).toBe(0);
    expect(after.items.every((n) => n.readAt !== null)).toBe(true);
    expect((await inbox(fx.people.peerMember.token, true)).items).toEqual([]);
  });

  it("marking all read up to what the list showed leaves one that arrived meanwhile unread", async () => {
    const doc = await fx.newDocument();
    await giveFeedback(fx.people.peerMember2.token, doc.gid);
    const shown = (await inbox(fx.people.peerMember.token, true)).items;
    const seenUpTo = shown[0]!.createdAt;
    await giveFeedback(fx.people.peerMember3.token, doc.gid); // arrives after the list was shown
    const marked = succeeded(dataOf(await app.gql(MARK_ALL_READ, { seenUpTo }, fx.people.peerMember.token)).markAllNotificationsRead);
    expect(marked.data).toBe(shown.length);
    const left = await inbox(fx.people.peerMember.token, true);
    expect(left.count).toBe(1);
    expect(left.items.map((n) => n.createdAt > seenUpTo)).toEqual([true]);
  });

  it("someone else's notification and a missing one answer alike: NOT_FOUND, nothing changed", async () => {
    const doc = await fx.newDocument();
    await giveFeedback(fx.people.peerMember2.token, doc.gid);
    const theirs = (await inbox(fx.people.peerMember.token, true)).items[0]!;
    const forbidden = failedWith(dataOf(await app.gql(MARK_READ, { id: theirs.id }, fx.people.peerMember2.token)).markNotificationRead, "NotFoundError");
    const missing = failedWith(
      dataOf(await app.gql(MARK_READ, { id: gid("Notification", randomUUID()) }, fx.people.peerMember2.token)).markNotificationRead,
      "NotFoundError",
    );
    expect(forbidden).toEqual(missing);
    expect((await inbox(fx.people.peerMember.token, true)).items.map((n) => n.id)).toContain(theirs.id);
  });

  it("preferences: every kind with its default, a choice kept, and OFF means nothing is written", async () => {
    const prefs = dataOf(await app.gql(PREFERENCES, {}, fx.people.plcMember.token)).viewer!.notificationPreferences;
    expect(prefs).toHaveLength(9);
    expect(prefs.find((p) => p.kind === "REPLY_TO_MY_FEEDBACK")).toEqual({ kind: "REPLY_TO_MY_FEEDBACK", delivery: "EMAIL_AT_ONCE", isDefault: true });
    expect(prefs.find((p) => p.kind === "FEEDBACK_ON_MY_DOCUMENT")).toEqual({ kind: "FEEDBACK_ON_MY_DOCUMENT", delivery: "DAILY_DIGEST", isDefault: true });

    const set = succeeded(
      dataOf(await app.gql(SET_PREFERENCE, { kind: "FEEDBACK_ON_MY_DOCUMENT", delivery: "OFF" }, fx.people.plcMember.token)).setNotificationPreference,
    );
    expect(set.data).toEqual({ kind: "FEEDBACK_ON_MY_DOCUMENT", delivery: "OFF", isDefault: false });
    expect(dataOf(await app.gql(PREFERENCES, {}, fx.people.plcMember.token)).viewer!.notificationPreferences).toContainEqual(set.data);

    const doc = await fx.newDocument({ group: "plc", creator: "plcMember" });
    const before = await inbox(fx.people.plcMember.token);
    await giveFeedback(fx.people.plcFacilitator.token, doc.gid);
    expect((await inbox(fx.people.plcMember.token)).total).toBe(before.total);

    succeeded(
      dataOf(await app.gql(SET_PREFERENCE, { kind: "FEEDBACK_ON_MY_DOCUMENT", delivery: "IN_APP" }, fx.people.plcMember.token)).setNotificationPreference,
    );
    await giveFeedback(fx.people.plcFacilitator.token, doc.gid);
    expect((await inbox(fx.people.plcMember.token)).total).toBe(before.total + 1);
  });

  it("another person's notification fields are refused on their User", async () => {
    const res = await app.gql(
      graphql(`
        query OthersNotifications($id: ID!) {
          node(id: $id) { ... on User { unreadNotificationCount } }
        }
      `),
      { id: fx.people.peerMember.gid },
      fx.people.peerMember2.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("the cost of a list", () => {
  /** `perKind` notifications of each of three kinds for `who` (and no others), each about its own feedback, item and meeting. */
  async function fill(who: "otherTeacher" | "plcMember", perKind: number) {
    const recipientId = fx.people[who].id;
    const groupId = fx.plcGroupId;
    await app.db.prisma.notification.deleteMany({ where: { recipientId } });
    await app.db.prisma.groupMember.upsert({
      where: { groupId_userId: { groupId, userId: recipientId } },
      create: { groupId, userId: recipientId, role: "MEMBER" },
      update: {},
    });
    for (let i = 0; i < perKind; i++) {
      const doc = await app.make.document({ groupId, creatorId: recipientId, kind: "MEETING_NOTES", title: `Notes ${who} ${i}` });
      const feedback = await app.make.feedback({ documentId: doc.id, authorId: fx.people.plcFacilitator.id, kind: "GLOW", body: `Glow ${i}` });
      const item = await app.make.actionItem({ groupId, title: `Item ${who} ${i}` });
      const session = await app.make.session({ groupId, title: `Meeting ${who} ${i}`, startsAt: new Date(Date.now() + 86_400_000) });
      const base = { recipientId, schoolId: fx.schoolId, groupId };
      await app.make.notification({
        ...base,
        kind: "FEEDBACK_ON_MY_DOCUMENT",
        actorId: fx.people.plcFacilitator.id,
        documentId: doc.id,
        feedbackId: feedback.id,
      });
      await app.make.notification({ ...base, kind: "ACTION_ITEM_ASSIGNED", actorId: fx.people.plcFacilitator.id, actionItemId: item.id });
      await app.make.notification({ ...base, kind: "MEETING_TOMORROW", sessionId: session.id });
    }
  }

  async function statementsFor(token: string) {
    const statements: string[] = [];
    const stop = app.db.onQuery((sql) => statements.push(sql));
    const viewer = dataOf(await app.gql(MY_NOTIFICATIONS, {}, token)).viewer!;
    stop();
    expect(viewer.notifications.edges.every((e) => e.node.sentence !== "This is no longer available to you.")).toBe(true);
    return { count: statements.length, listed: viewer.notifications.edges.length };
  }

  it("costs the same number of SQL statements for 3 notifications as for 45: sentences and links are read in batches", async () => {
    await fill("otherTeacher", 1);
    await fill("plcMember", 15);
    const few = await statementsFor(fx.people.otherTeacher.token);
    const many = await statementsFor(fx.people.plcMember.token);
    expect([few.listed, many.listed]).toEqual([3, 45]);
    expect(many.count).toBe(few.count);
  });
});
