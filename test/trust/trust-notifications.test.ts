// Notifications under the trust rules: nobody is notified about what they cannot read when it is
// sent (leadership never about a peer group's content, even a document shared with coaches); a
// notification about something you lost access to disappears from the list and the count; and
// someone else's notification, or a hidden one, is answered exactly like a missing one.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notify } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { AddFeedback, dataOf, failedWith, MutationError, RemoveGroupMember, succeeded } from "../support/operations.ts";
import { MY_NOTIFICATIONS } from "../support/notifications.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

const MARK_READ = graphql(
  `
  mutation TrustMarkNotificationRead($id: ID!) {
    markNotificationRead(notificationId: $id) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);
const NODE = graphql(`
  query TrustNotificationNode($id: ID!) {
    node(id: $id) { id ... on Notification { sentence } }
  }
`);

let app: TestApp;
let fx: SchoolFixture;

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "trust-notifications");
});
afterAll(() => app?.close());

async function inbox(token: string) {
  const viewer = dataOf(await app.gql(MY_NOTIFICATIONS, {}, token)).viewer!;
  return { count: viewer.unreadNotificationCount, ids: viewer.notifications.edges.map((e) => e.node.id), total: viewer.notifications.totalCount };
}

/** What notify() decides for `who` about a feedback on `doc` (written, or null), as a producer would call it. */
function notifyAbout(who: ActorKey, doc: { id: string; groupId: string }, feedbackId: string) {
  return app.db.prisma.$transaction((tx) =>
    notify(tx, {
      kind: "MENTIONED",
      recipientId: fx.people[who].id,
      schoolId: fx.schoolId,
      actorId: fx.people.peerMember.id,
      groupId: doc.groupId,
      documentId: doc.id,
      feedbackId,
      dedupeKey: `trust:${randomUUID()}`,
    }),
  );
}

describe("sending: a recipient who cannot read the subject gets nothing", () => {
  it("about a peer group's document shared with coaches: its members yes; the coach, the admin and everyone else no", async () => {
    const doc = await fx.newDocument({ shared: true });
    const feedback = await app.make.feedback({ documentId: doc.id, authorId: fx.people.peerMember.id, kind: "GLOW", body: "Shared." });
    const place = { id: doc.id, groupId: fx.peerGroupId };
    const expected: Record<ActorKey, boolean> = {
      peerMember: false, // the actor: not told of their own act
      peerMember2: true,
      peerMember3: true,
      plcFacilitator: false,
      plcMember: false,
      otherTeacher: false,
      coach: false,
      admin: false,
      otherSchoolAdmin: false,
    };
    for (const [who, written] of Object.entries(expected) as [ActorKey, boolean][]) {
      expect((await notifyAbout(who, place, feedback.id)) !== null, who).toBe(written);
    }
  });

  it("about a PLC's document: its members and the school's leaders, nobody else", async () => {
    const doc = await fx.newDocument({ group: "plc" });
    const feedback = await app.make.feedback({ documentId: doc.id, authorId: fx.people.plcFacilitator.id, kind: "GLOW", body: "PLC." });
    const place = { id: doc.id, groupId: fx.plcGroupId };
    for (const who of ["plcMember", "coach", "admin"] as const) expect(await notifyAbout(who, place, feedback.id), who).not.toBeNull();
    for (const who of ["peerMember2", "otherTeacher", "otherSchoolAdmin"] as const) expect(await notifyAbout(who, place, feedback.id), who).toBeNull();
  });

  it("about a reflection: nobody but its author, not even a fellow member", async () => {
    const doc = await fx.newDocument({ kind: "REFLECTION", creator: "peerMember2" });
    const feedback = await app.make.feedback({ documentId: doc.id, authorId: fx.people.peerMember2.id, kind: "NOTE", body: "Mine." });
    expect(await notifyAbout("peerMember3", { id: doc.id, groupId: fx.peerGroupId }, feedback.id)).toBeNull();
    expect(await notifyAbout("peerMember2", { id: doc.id, groupId: fx.peerGroupId }, feedback.id)).not.toBeNull();
  });
});

describe("reading: only what the reader may read now", () => {
  it("a notification row about peer content never shows to leadership: not listed, not counted, node null, mark-read NOT_FOUND as missing", async () => {
    const doc = await fx.newDocument({ shared: true });
    const before = await inbox(fx.people.coach.token);
    // Written around the gate, as a bug in a producer would: the read side must still hold.
    const row = await app.make.notification({
      recipientId: fx.people.coach.id,
      schoolId: fx.schoolId,
      kind: "MENTIONED",
      groupId: fx.peerGroupId,
      documentId: doc.id,
    });
    const after = await inbox(fx.people.coach.token);
    expect(after).toEqual(before);
    const id = gid("Notification", row.id);
    expect(dataOf(await app.gql(NODE, { id }, fx.people.coach.token)).node).toBeNull();
    const hidden = failedWith(dataOf(await app.gql(MARK_READ, { id }, fx.people.coach.token)).markNotificationRead, "NotFoundError");
    const missing = failedWith(
      dataOf(await app.gql(MARK_READ, { id: gid("Notification", randomUUID()) }, fx.people.coach.token)).markNotificationRead,
      "NotFoundError",
    );
    expect(hidden).toEqual(missing);
    expect((await app.db.prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).readAt).toBeNull();
  });

  it("lost access: leaving the group makes its notifications disappear and the count drop; back in, they return", async () => {
    const doc = await fx.newDocument({ title: "Questioning plan" });
    await app.gql(AddFeedback, { input: { documentId: doc.gid, kind: "GROW", body: "Try wait time." } }, fx.people.peerMember3.token);
    // peerMember3 gave the feedback; peerMember replies, so peerMember3 is notified.
    const thread = await app.db.prisma.feedback.findFirstOrThrow({ where: { documentId: doc.id, authorId: fx.people.peerMember3.id } });
    const reply = graphql(`
      mutation TrustReply($id: ID!) { replyToFeedback(feedbackId: $id, body: "Will do.") { __typename } }
    `);
    expect(dataOf(await app.gql(reply, { id: gid("Feedback", thread.id) }, fx.people.peerMember.token)).replyToFeedback.__typename).toMatch(/Success$/);
    const withAccess = await inbox(fx.people.peerMember3.token);
    expect(withAccess.count).toBeGreaterThan(0);
    const [notificationId] = withAccess.ids;

    succeeded(
      dataOf(await app.gql(RemoveGroupMember, { groupId: fx.peerGroupGid, userId: fx.people.peerMember3.gid }, fx.people.peerMember.token)).removeGroupMember,
    );
    const without = await inbox(fx.people.peerMember3.token);
    expect(without.ids).not.toContain(notificationId);
    // Everything peerMember3 was told here was the peer group's: all of it goes, and the count with it.
    expect(without).toEqual({ count: 0, ids: [], total: 0 });
    expect(dataOf(await app.gql(NODE, { id: notificationId! }, fx.people.peerMember3.token)).node).toBeNull();
    const hidden = failedWith(dataOf(await app.gql(MARK_READ, { id: notificationId! }, fx.people.peerMember3.token)).markNotificationRead, "NotFoundError");
    const missing = failedWith(
      dataOf(await app.gql(MARK_READ, { id: gid("Notification", randomUUID()) }, fx.people.peerMember3.token)).markNotificationRead,
      "NotFoundError",
    );
    expect(hidden).toEqual(missing);

    await app.db.prisma.groupMember.create({ data: { groupId: fx.peerGroupId, userId: fx.people.peerMember3.id } });
    expect(await inbox(fx.people.peerMember3.token)).toEqual(withAccess);
  });

  it("an API token without CONTENT_READ neither lists nor counts notifications about documents", async () => {
    const doc = await fx.newDocument({ group: "plc", creator: "plcMember" });
    await app.gql(AddFeedback, { input: { documentId: doc.gid, kind: "GLOW", body: "Nice." } }, fx.people.plcFacilitator.token);
    expect((await inbox(fx.people.plcMember.token)).count).toBeGreaterThan(0);
    const scoped = await fx.apiToken("plcMember", ["SCHOOL_READ", "GROUPS_READ"]);
    expect(await inbox(scoped)).toEqual({ count: 0, ids: [], total: 0 });
  });
});
