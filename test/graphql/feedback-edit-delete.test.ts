// Authors edit and delete their own feedback and replies (issue 12, item 5): only the author,
// bad input changes nothing, a thread goes with its replies, and other viewers hear of it live
// (FEEDBACK_EDITED, FEEDBACK_DELETED on feedbackActivity) with ids and kinds only.
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { failed, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { subscribeWs, wsClient, type Stream } from "../support/subscriptions.ts";

let app: TestApp;
let fx: SchoolFixture;
let docId: string;
const clients: Client[] = [];
const streams: Stream[] = [];

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "fbedit");
  docId = (await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "Fractions" })).id;
});
afterAll(async () => {
  for (const s of streams) s.dispose();
  for (const c of clients) await c.dispose();
  await app?.close();
});

const UPDATE = graphql(
  `
  mutation FeedbackEditUpdate($id: ID!, $body: String, $kind: FeedbackKind) {
    updateFeedback(feedbackId: $id, body: $body, kind: $kind) {
      __typename
      ... on MutationUpdateFeedbackSuccess {
        data {
          id
          body
          kind
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const DELETE = graphql(
  `
  mutation FeedbackEditDelete($id: ID!) {
    deleteFeedback(feedbackId: $id) {
      __typename
      ... on MutationDeleteFeedbackSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const FEEDBACK_SUB = graphql(`
  subscription FeedbackEditActivity($documentId: ID) {
    feedbackActivity(documentId: $documentId) {
      id
      type
      subjectId
      actor {
        id
      }
      feedback {
        id
        body
      }
    }
  }
`);

async function thread(authorKey: "peerMember" | "peerMember2" = "peerMember2", body = "The exit ticket is clear.") {
  const t = await app.make.feedback({ documentId: docId, authorId: fx.people[authorKey].id, kind: "GLOW", body });
  return { id: t.id, gid: gid("Feedback", t.id) };
}
async function replyTo(threadId: string, authorKey: "peerMember" | "peerMember2", body = "Thanks!") {
  const r = await app.make.feedback({ documentId: docId, authorId: fx.people[authorKey].id, parentId: threadId, kind: "NOTE", body });
  return { id: r.id, gid: gid("Feedback", r.id) };
}
const row = (id: string) => app.db.prisma.feedback.findUnique({ where: { id }, select: { body: true, kind: true, parentId: true } });

describe("updateFeedback", () => {
  it("lets the author change a thread's body (trimmed) and kind, and records the new kind only", async () => {
    const t = await thread();
    const res = await app.gql(UPDATE, { id: t.gid, body: "  The exit ticket could name the skill.  ", kind: "GROW" }, fx.people.peerMember2.token);
    expect(succeeded(res.data?.updateFeedback).data).toEqual({ id: t.gid, body: "The exit ticket could name the skill.", kind: "GROW" });
    const event = await app.db.prisma.activityEvent.findFirstOrThrow({ where: { type: "FEEDBACK_EDITED", subjectId: t.id } });
    expect(event.payload).toEqual({ kind: "GROW", documentId: docId });
    expect(event.actorId).toBe(fx.people.peerMember2.id);
  });

  it("lets the author of a reply change its body, but a reply has no kind to change", async () => {
    const t = await thread();
    const r = await replyTo(t.id, "peerMember");
    const edited = await app.gql(UPDATE, { id: r.gid, body: "Thanks, will do." }, fx.people.peerMember.token);
    expect(succeeded(edited.data?.updateFeedback).data).toMatchObject({ body: "Thanks, will do.", kind: "NOTE" });
    const kindChange = await app.gql(UPDATE, { id: r.gid, kind: "GLOW" }, fx.people.peerMember.token);
    expect(failed(kindChange.data?.updateFeedback)).toMatchObject({ code: "RULE_VIOLATION" });
    expect(await row(r.id)).toMatchObject({ body: "Thanks, will do.", kind: "NOTE" });
  });

  it("refuses bad input and changes nothing", async () => {
    const t = await thread();
    const before = await row(t.id);
    for (const variables of [{ body: "   " }, { body: "x".repeat(5001) }, {}]) {
      const res = await app.gql(UPDATE, { id: t.gid, ...variables }, fx.people.peerMember2.token);
      expect(failed(res.data?.updateFeedback)).toMatchObject({ code: "VALIDATION_FAILED" });
    }
    expect(await row(t.id)).toEqual(before);
    expect(await app.db.prisma.activityEvent.count({ where: { type: "FEEDBACK_EDITED", subjectId: t.id } })).toBe(0);
  });

  it("refuses anyone but the author, even the document's creator, and changes nothing", async () => {
    const t = await thread("peerMember2");
    const res = await app.gql(UPDATE, { id: t.gid, body: "Rewritten by someone else" }, fx.people.peerMember.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // A coach, who cannot read the peer group's plan, hears what an unknown id gets.
    const coach = await app.gql(UPDATE, { id: t.gid, body: "Coach" }, fx.people.coach.token);
    expect(failed(coach.data?.updateFeedback)).toMatchObject({ code: "NOT_FOUND" });
    const unknown = await app.gql(UPDATE, { id: gid("Feedback", "00000000-0000-4000-8000-000000000000"), body: "x" }, fx.people.coach.token);
    expect(failed(unknown.data?.updateFeedback).message).toBe(failed(coach.data?.updateFeedback).message);
    expect(await row(t.id)).toMatchObject({ body: "The exit ticket is clear." });
  });
});

describe("deleteFeedback", () => {
  it("deletes a reply and keeps its thread", async () => {
    const t = await thread();
    const r = await replyTo(t.id, "peerMember");
    expect(succeeded((await app.gql(DELETE, { id: r.gid }, fx.people.peerMember.token)).data?.deleteFeedback).data).toBe(true);
    expect(await row(r.id)).toBeNull();
    expect(await row(t.id)).not.toBeNull();
    const event = await app.db.prisma.activityEvent.findFirstOrThrow({ where: { type: "FEEDBACK_DELETED", subjectId: r.id } });
    expect(event.payload).toEqual({ kind: "NOTE", documentId: docId, threadId: t.id });
  });

  it("deletes a thread with everyone's replies to it", async () => {
    const t = await thread();
    const r1 = await replyTo(t.id, "peerMember");
    const r2 = await replyTo(t.id, "peerMember2");
    expect(succeeded((await app.gql(DELETE, { id: t.gid }, fx.people.peerMember2.token)).data?.deleteFeedback).data).toBe(true);
    expect(await app.db.prisma.feedback.count({ where: { id: { in: [t.id, r1.id, r2.id] } } })).toBe(0);
    const event = await app.db.prisma.activityEvent.findFirstOrThrow({ where: { type: "FEEDBACK_DELETED", subjectId: t.id } });
    expect(event.payload).toEqual({ kind: "GLOW", documentId: docId, threadId: null });
  });

  it("refuses anyone but the author and deletes nothing", async () => {
    const t = await thread("peerMember2");
    const r = await replyTo(t.id, "peerMember2");
    expect((await app.gql(DELETE, { id: t.gid }, fx.people.peerMember.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(failed((await app.gql(DELETE, { id: r.gid }, fx.people.admin.token)).data?.deleteFeedback)).toMatchObject({ code: "NOT_FOUND" });
    expect(await app.db.prisma.feedback.count({ where: { id: { in: [t.id, r.id] } } })).toBe(2);
  });
});

it("tells another viewer of the document live: edited, then deleted", async () => {
  const t = await thread("peerMember2");
  const client = wsClient(app, fx.people.peerMember.token);
  clients.push(client);
  const stream = subscribeWs(client, "feedbackActivity", FEEDBACK_SUB, { documentId: gid("Document", docId) });
  streams.push(stream);
  await stream.untilLive(app, { schoolId: fx.schoolId, groupId: fx.peerGroupId, type: "FEEDBACK_ADDED", payload: { kind: "GLOW", documentId: docId } });

  succeeded((await app.gql(UPDATE, { id: t.gid, body: "Edited live" }, fx.people.peerMember2.token)).data?.updateFeedback);
  const edited = await stream.next();
  expect(edited).toMatchObject({ type: "FEEDBACK_EDITED", subjectId: t.gid, actor: { id: fx.people.peerMember2.gid } });

  succeeded((await app.gql(DELETE, { id: t.gid }, fx.people.peerMember2.token)).data?.deleteFeedback);
  // The subject is gone: the event names it, and resolves to nothing.
  expect(await stream.next()).toMatchObject({ type: "FEEDBACK_DELETED", subjectId: t.gid, feedback: null });
});
