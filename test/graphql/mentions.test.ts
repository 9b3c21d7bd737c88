// @mentions in feedback (issue 13, item 4): addFeedback, replyToFeedback and updateFeedback carry
// the ids of the people the body names; each who can read the document gets one MENTIONED
// notification per feedback, anyone else is ignored without a word (nothing tells the writer
// whether that person exists), and `Document.mentionCandidates` suggests only the readers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { AddFeedback, asNode, failedWith, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
let peerDoc: { id: string; gid: string };

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "mentions");
  peerDoc = await fx.newDocument({ group: "peer", creator: "peerMember" });
});
afterAll(() => app?.close());

const CANDIDATES = graphql(`
  query MentionCandidates($id: ID!, $query: String, $first: Int) {
    node(id: $id) {
      ... on Document {
        id
        mentionCandidates(query: $query, first: $first) {
          id
          name
          collabId
        }
      }
    }
  }
`);

const REPLY = graphql(
  `
  mutation MentionReply($id: ID!, $body: String!, $mentionIds: [ID!]) {
    replyToFeedback(feedbackId: $id, body: $body, mentionIds: $mentionIds) {
      __typename
      ... on MutationReplyToFeedbackSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

const UPDATE = graphql(
  `
  mutation MentionUpdate($id: ID!, $body: String, $mentionIds: [ID!]) {
    updateFeedback(feedbackId: $id, body: $body, mentionIds: $mentionIds) {
      __typename
      ... on MutationUpdateFeedbackSuccess {
        data {
          id
          body
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

async function candidates(asker: ActorKey, docGid: string, query?: string) {
  const result = await app.gql(CANDIDATES, { id: docGid, query }, fx.people[asker].token);
  expect(result.errors).toBeUndefined();
  const doc = result.data?.node ? asNode(result.data.node, "Document") : null;
  return doc ? doc.mentionCandidates.map((u) => u.id) : null;
}

const who = (...keys: ActorKey[]) => keys.map((k) => fx.people[k].gid).sort();
const sorted = (ids: string[] | null) => (ids ? [...ids].sort() : ids);

/** The database id inside a global id. */
const dbId = (globalId: string) => Buffer.from(globalId, "base64").toString("utf8").split(":")[1]!;

async function mentionsOf(feedbackGlobalOrDbId: string) {
  const feedbackId = feedbackGlobalOrDbId.includes("-") ? feedbackGlobalOrDbId : dbId(feedbackGlobalOrDbId);
  return app.db.prisma.notification.findMany({ where: { kind: "MENTIONED", feedbackId }, orderBy: { createdAt: "asc" } });
}

describe("mentionCandidates", () => {
  it("suggests the peer group's other members only: no leaders, no one outside the group, never the asker", async () => {
    expect(sorted(await candidates("peerMember", peerDoc.gid))).toEqual(who("peerMember2", "peerMember3"));
  });

  it("narrows by a part of the name, ignoring case, and honours first", async () => {
    const name = fx.people.peerMember2.name;
    expect(await candidates("peerMember", peerDoc.gid, name.slice(0, 11).toUpperCase())).toEqual(who("peerMember2"));
    const one = await app.gql(CANDIDATES, { id: peerDoc.gid, first: 1 }, fx.people.peerMember.token);
    expect(asNode(one.data?.node, "Document")?.mentionCandidates).toHaveLength(1);
  });

  it("in a PLC suggests its members and the school's leaders, who may read its documents", async () => {
    const plcDoc = await fx.newDocument({ group: "plc" });
    expect(sorted(await candidates("plcMember", plcDoc.gid))).toEqual(who("plcFacilitator", "coach", "admin"));
  });

  it("a peer document shared with coaches still suggests only the group: leaders read it but are never notified of peer work; they themselves get no suggestions", async () => {
    const shared = await fx.newDocument({ group: "peer", shared: true });
    expect(sorted(await candidates("peerMember2", shared.gid))).toEqual(who("peerMember", "peerMember3"));
    expect(await candidates("coach", shared.gid)).toEqual([]);
  });

  it("someone who cannot read the document sees no document at all, exactly as for one that does not exist", async () => {
    const forbidden = await app.gql(CANDIDATES, { id: peerDoc.gid }, fx.people.otherTeacher.token);
    const missing = await app.gql(CANDIDATES, { id: gid("Document", "00000000-0000-4000-8000-000000000000") }, fx.people.otherTeacher.token);
    expect(forbidden).toEqual(missing);
    expect(forbidden.data?.node).toBeNull();
  });

  it("a deactivated member is never suggested", async () => {
    const other = await buildSchoolFixture(app.db.prisma, "mentions-deactivated");
    const doc = await other.newDocument({ group: "peer" });
    await app.db.prisma.schoolMember.updateMany({ where: { userId: other.people.peerMember3.id }, data: { deactivatedAt: new Date() } });
    const result = await app.gql(CANDIDATES, { id: doc.gid }, other.people.peerMember.token);
    expect(asNode(result.data?.node, "Document")?.mentionCandidates.map((u) => u.id)).toEqual([other.people.peerMember2.gid]);
  });
});

describe("mentions in feedback", () => {
  it("notifies each named reader once, with the feedback, document, group and actor; non-readers and unknown people silently not", async () => {
    const added = succeeded(
      (
        await app.gql(
          AddFeedback,
          {
            input: {
              documentId: peerDoc.gid,
              kind: "GLOW",
              body: `@${fx.people.peerMember2.name} and @${fx.people.coach.name}, look at the exit ticket`,
              mentionIds: [fx.people.peerMember2.gid, fx.people.coach.gid, fx.people.otherTeacher.gid, gid("User", "00000000-0000-4000-8000-000000000001")],
            },
          },
          fx.people.peerMember.token,
        )
      ).data?.addFeedback,
    );
    const rows = await mentionsOf(added.data.id);
    expect(rows.map((r) => r.recipientId)).toEqual([fx.people.peerMember2.id]);
    expect(rows[0]).toMatchObject({
      actorId: fx.people.peerMember.id,
      documentId: peerDoc.id,
      groupId: fx.peerGroupId,
      schoolId: fx.schoolId,
      feedbackId: dbId(added.data.id),
    });
    // The body stays plain text: "@Name" reads the same anywhere.
    const body = await app.db.prisma.feedback.findUniqueOrThrow({ where: { id: dbId(added.data.id) }, select: { body: true } });
    expect(body.body).toContain(`@${fx.people.peerMember2.name}`);
  });

  it("a reply's mentions notify; mentioning yourself notifies no one", async () => {
    const thread = await app.make.feedback({ documentId: peerDoc.id, authorId: fx.people.peerMember2.id, kind: "GROW", body: "Pacing?" });
    const reply = succeeded(
      (
        await app.gql(
          REPLY,
          { id: gid("Feedback", thread.id), body: "@peerMember3 agrees", mentionIds: [fx.people.peerMember3.gid, fx.people.peerMember.gid] },
          fx.people.peerMember.token,
        )
      ).data?.replyToFeedback,
    );
    expect((await mentionsOf(reply.data.id)).map((r) => r.recipientId)).toEqual([fx.people.peerMember3.id]);
  });

  it("editing notifies only the people newly named; naming them again changes nothing (dedupe)", async () => {
    const own = await app.make.feedback({ documentId: peerDoc.id, authorId: fx.people.peerMember.id, kind: "NOTE", body: "Draft" });
    const feedbackGid = gid("Feedback", own.id);
    const edit = async (mentionIds: string[]) =>
      succeeded((await app.gql(UPDATE, { id: feedbackGid, body: "Named", mentionIds }, fx.people.peerMember.token)).data?.updateFeedback);
    await edit([fx.people.peerMember2.gid]);
    await edit([fx.people.peerMember2.gid, fx.people.peerMember3.gid]);
    await edit([fx.people.peerMember2.gid, fx.people.peerMember3.gid]);
    const rows = await mentionsOf(own.id);
    expect(rows.map((r) => r.recipientId).sort()).toEqual([fx.people.peerMember2.id, fx.people.peerMember3.id].sort());
  });

  it("more than 20 people is a ValidationError and adds nothing", async () => {
    const before = await app.db.prisma.feedback.count({ where: { documentId: peerDoc.id } });
    const result = await app.gql(
      AddFeedback,
      { input: { documentId: peerDoc.gid, kind: "NOTE", body: "Everyone!", mentionIds: Array.from({ length: 21 }, () => fx.people.peerMember2.gid) } },
      fx.people.peerMember.token,
    );
    const refused = failedWith(result.data?.addFeedback, "ValidationError");
    expect(refused.issues, JSON.stringify(refused.issues)).toContainEqual(expect.objectContaining({ message: "at most 20 people" }));
    expect(await app.db.prisma.feedback.count({ where: { documentId: peerDoc.id } })).toBe(before);
  });

  it("someone who turned mentions off gets no row", async () => {
    await app.db.prisma.notificationPreference.create({ data: { userId: fx.people.peerMember3.id, kind: "MENTIONED", delivery: "OFF" } });
    const added = succeeded(
      (
        await app.gql(
          AddFeedback,
          { input: { documentId: peerDoc.gid, kind: "NOTE", body: "@peerMember3", mentionIds: [fx.people.peerMember3.gid] } },
          fx.people.peerMember.token,
        )
      ).data?.addFeedback,
    );
    expect(await mentionsOf(added.data.id)).toEqual([]);
    await app.db.prisma.notificationPreference.deleteMany({ where: { userId: fx.people.peerMember3.id } });
  });
});
