// GraphQL subscriptions end to end: the real graphql-ws client on /graphql (websocket) and SSE on
// the same path, fed by real mutations. Who may hear what is in trust-subscriptions.test.ts.
import type { Client } from "graphql-ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSession } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import {
  AddFeedback,
  AddGroupMember,
  CreateActionItem,
  CreateDocument,
  failed,
  MutationError,
  RemoveGroupMember,
  ShareInsight,
} from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { act, subscribeSse, subscribeWs, wsClient, type Stream } from "../support/subscriptions.ts";

const NOTIFICATION = graphql(`
  fragment SubscriptionNotification on ActivityNotification {
    id
    type
    occurredAt
    subjectId
    actor { id }
    group { id }
    feedback { id kind body parent { id } resolvedAt }
    document { id }
    session { id status }
    actionItem { id status }
    member { id }
    insight { id }
  }
`);
const FEEDBACK_SUB = graphql(
  `
  subscription FeedbackActivity($documentId: ID, $groupId: ID) {
    feedbackActivity(documentId: $documentId, groupId: $groupId) {
      ...SubscriptionNotification
    }
  }
`,
  [NOTIFICATION],
);
const GROUP_SUB = graphql(
  `
  subscription GroupActivity($groupId: ID!) {
    groupActivity(groupId: $groupId) {
      ...SubscriptionNotification
    }
  }
`,
  [NOTIFICATION],
);
const ADD_FEEDBACK_TYPENAME = graphql(`
  mutation SubscriptionsAddFeedback($input: AddFeedbackInput!) {
    addFeedback(input: $input) { __typename }
  }
`);
const RESOLVE_FEEDBACK_CODE = graphql(`
  mutation SubscriptionsResolveFeedback($id: ID!) {
    resolveFeedback(feedbackId: $id) { __typename ... on BaseError { code } }
  }
`);
const VIEWER_ID = graphql(`
  query SubscriptionsViewerId {
    viewer { id }
  }
`);
const SIGN_OUT = graphql(`
  mutation SubscriptionsSignOut {
    signOut
  }
`);

let app: TestApp;
let fx: SchoolFixture;
let planId: string;
let notesId: string;
let plcPlanId: string;
const clients: Client[] = [];
const streams: Stream[] = [];

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma);
  const doc = async (groupId: string, creatorId: string, kind: "LESSON_PLAN" | "MEETING_NOTES", title: string) =>
    (await app.make.document({ groupId, creatorId, kind, title })).id;
  planId = await doc(fx.peerGroupId, fx.people.peerMember.id, "LESSON_PLAN", "Fractions on a number line");
  notesId = await doc(fx.peerGroupId, fx.people.peerMember2.id, "MEETING_NOTES", "Tuesday notes");
  plcPlanId = await doc(fx.plcGroupId, fx.people.plcFacilitator.id, "LESSON_PLAN", "Unit 3 common assessment");
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.dispose();
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
afterAll(async () => {
  await app?.close();
});

function client(token: string | null, connectionParams?: Record<string, unknown>): Client {
  const c = wsClient(app, token, connectionParams);
  clients.push(c);
  return c;
}
function track(stream: Stream): Stream {
  streams.push(stream);
  return stream;
}
const token = (who: keyof SchoolFixture["people"]) => fx.people[who].token;

/** A bus message the subscription under test lets through, to know the server is listening. */
const feedbackProbe = (documentId: string, groupId: string) => ({
  schoolId: fx.schoolId,
  groupId,
  type: "FEEDBACK_ADDED" as const,
  payload: { kind: "GLOW" as const, documentId },
});
const groupProbe = (groupId: string) => ({ schoolId: fx.schoolId, groupId, type: "SESSION_STARTED" as const, payload: {} });

/** The mutations that cause the events under test (act() returns their success data). */
const REPLY = graphql(
  `
  mutation SubscriptionsReplyToFeedback($id: ID!, $body: String!) {
    replyToFeedback(feedbackId: $id, body: $body) {
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
const RESOLVE = graphql(
  `
  mutation SubscriptionsResolveFeedback($id: ID!) {
    resolveFeedback(feedbackId: $id) {
      __typename
      ... on MutationResolveFeedbackSuccess {
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
const REOPEN = graphql(
  `
  mutation SubscriptionsReopenFeedback($id: ID!) {
    reopenFeedback(feedbackId: $id) {
      __typename
      ... on MutationReopenFeedbackSuccess {
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
const SCHEDULE_SESSION = graphql(
  `
  mutation SubscriptionsScheduleSession($input: ScheduleSessionInput!) {
    scheduleSession(input: $input) {
      __typename
      ... on MutationScheduleSessionSuccess {
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
const START_SESSION = graphql(
  `
  mutation SubscriptionsStartSession($id: ID!) {
    startSession(sessionId: $id) {
      __typename
      ... on MutationStartSessionSuccess {
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
const END_SESSION = graphql(
  `
  mutation SubscriptionsEndSession($id: ID!) {
    endSession(sessionId: $id) {
      __typename
      ... on MutationEndSessionSuccess {
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
const UPDATE_ACTION_ITEM = graphql(
  `
  mutation SubscriptionsUpdateActionItem($input: UpdateActionItemInput!) {
    updateActionItem(input: $input) {
      __typename
      ... on MutationUpdateActionItemSuccess {
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
const DELETE_ACTION_ITEM = graphql(
  `
  mutation SubscriptionsDeleteActionItem($id: ID!) {
    deleteActionItem(actionItemId: $id) {
      __typename
      ... on MutationDeleteActionItemSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

const addFeedback = (who: string, documentId: string, kind: VariablesOf<typeof AddFeedback>["input"]["kind"] = "GLOW") =>
  act(app, who, AddFeedback, {
    input: { documentId: gid("Document", documentId), kind, body: "The hook question got every hand up." },
  });
const reply = (who: string, feedbackGid: string) =>
  act(app, who, REPLY, {
    id: feedbackGid,
    body: "Agreed, try it in period 3.",
  });
const resolve = (who: string, feedbackGid: string) => act(app, who, RESOLVE, { id: feedbackGid });
const reopen = (who: string, feedbackGid: string) => act(app, who, REOPEN, { id: feedbackGid });

describe("feedbackActivity over graphql-ws", () => {
  it("a member following a document hears feedback added, replied to, resolved and reopened by others, in order", async () => {
    const stream = track(subscribeWs(client(token("peerMember")), "feedbackActivity", FEEDBACK_SUB, { documentId: gid("Document", planId) }));
    await stream.untilLive(app, feedbackProbe(planId, fx.peerGroupId));

    const thread = await addFeedback(token("peerMember2"), planId, "GROW");
    const answer = await reply(token("peerMember3"), thread.id);
    await resolve(token("peerMember2"), thread.id);
    await reopen(token("peerMember3"), thread.id);

    const events = [await stream.next("added"), await stream.next("replied"), await stream.next("resolved"), await stream.next("reopened")];
    expect(events.map((e) => e.type)).toEqual(["FEEDBACK_ADDED", "FEEDBACK_REPLIED", "FEEDBACK_RESOLVED", "FEEDBACK_REOPENED"]);
    expect(events.map((e) => e.feedback.id)).toEqual([thread.id, answer.id, thread.id, thread.id]);
    expect(events.map((e) => e.subjectId)).toEqual([thread.id, answer.id, thread.id, thread.id]);
    expect(events.map((e) => e.actor.id)).toEqual([fx.people.peerMember2.gid, fx.people.peerMember3.gid, fx.people.peerMember2.gid, fx.people.peerMember3.gid]);
    for (const event of events) {
      expect(event.document.id).toBe(gid("Document", planId));
      expect(event.group.id).toBe(fx.peerGroupGid);
      expect(event.session).toBeNull();
    }
    expect(events[0].feedback).toMatchObject({ kind: "GROW", body: "The hook question got every hand up.", parent: null });
    expect(events[1].feedback.parent.id).toBe(thread.id);
    const times = events.map((e) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // Each notification is one committed ActivityEvent row, and the row holds ids and kinds only.
    const rows = await app.db.prisma.activityEvent.findMany({ where: { id: { in: events.map((e) => e.id) } } });
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(Object.keys(row.payload as object).every((k) => ["kind", "documentId", "threadId"].includes(k))).toBe(true);
      expect(JSON.stringify(row.payload)).not.toMatch(/hook|period 3/);
    }
  });

  it("following a group hears feedback on each of its documents, and nothing from other groups", async () => {
    const stream = track(subscribeWs(client(token("peerMember")), "feedbackActivity", FEEDBACK_SUB, { groupId: fx.peerGroupGid }));
    await stream.untilLive(app, feedbackProbe(planId, fx.peerGroupId));

    const onPlan = await addFeedback(token("peerMember2"), planId);
    await addFeedback(token("plcFacilitator"), plcPlanId);
    const onNotes = await addFeedback(token("peerMember3"), notesId, "QUESTION");

    expect((await stream.next()).feedback.id).toBe(onPlan.id);
    const second = await stream.next();
    expect(second).toMatchObject({ type: "FEEDBACK_ADDED", feedback: { id: onNotes.id, kind: "QUESTION" }, document: { id: gid("Document", notesId) } });
  });

  it("a refused or failed write announces nothing", async () => {
    const stream = track(subscribeWs(client(token("peerMember")), "feedbackActivity", FEEDBACK_SUB, { documentId: gid("Document", planId) }));
    await stream.untilLive(app, feedbackProbe(planId, fx.peerGroupId));
    const thread = await addFeedback(token("peerMember2"), planId);
    expect((await stream.next()).feedback.id).toBe(thread.id);

    const outsider = await app.gql(
      ADD_FEEDBACK_TYPENAME,
      {
        input: { documentId: gid("Document", planId), kind: "GLOW", body: "Drive-by" },
      },
      token("otherTeacher"),
    );
    expect(outsider.errors?.[0]?.extensions?.code ?? outsider.data?.addFeedback?.__typename).toMatch(/FORBIDDEN|NotFoundError/);
    await resolve(token("peerMember2"), thread.id);
    const twice = await app.gql(RESOLVE_FEEDBACK_CODE, { id: thread.id }, token("peerMember3"));
    expect(failed(twice.data?.resolveFeedback).code).toBe("INVALID_STATE");
    const marker = await addFeedback(token("peerMember3"), planId, "NOTE");

    expect(await stream.next()).toMatchObject({ type: "FEEDBACK_RESOLVED", feedback: { id: thread.id } });
    expect(await stream.next()).toMatchObject({ type: "FEEDBACK_ADDED", feedback: { id: marker.id } });
  });

  it("needs exactly one of documentId and groupId", async () => {
    const c = client(token("peerMember"));
    const neither = track(subscribeWs(c, "feedbackActivity", FEEDBACK_SUB, {}));
    const both = track(subscribeWs(c, "feedbackActivity", FEEDBACK_SUB, { documentId: gid("Document", planId), groupId: fx.peerGroupGid }));
    expect(await neither.refusal()).toBe("VALIDATION_FAILED");
    expect(await both.refusal()).toBe("VALIDATION_FAILED");
  });
});

describe("groupActivity over graphql-ws", () => {
  it("hears meetings, new documents, action items, members and insights, in order, and no feedback", async () => {
    const stream = track(subscribeWs(client(token("peerMember")), "groupActivity", GROUP_SUB, { groupId: fx.peerGroupGid }));
    await stream.untilLive(app, groupProbe(fx.peerGroupId));
    const by = token("peerMember2");

    // Each step waits for its event: fields resolve when delivered, and a user sees each change as it happens.
    const session = await act(app, by, SCHEDULE_SESSION, {
      input: { groupId: fx.peerGroupGid, title: "Lesson study", startsAt: new Date(Date.now() + 3600_000).toISOString() },
    });
    await act(app, by, START_SESSION, { id: session.id });
    expect(await stream.next("session started")).toMatchObject({
      type: "SESSION_STARTED",
      subjectId: session.id,
      session: { id: session.id, status: "LIVE" },
      actor: { id: fx.people.peerMember2.gid },
      group: { id: fx.peerGroupGid },
    });

    const doc = await act(app, by, CreateDocument, {
      input: { groupId: fx.peerGroupGid, kind: "LESSON_PLAN", title: "Ratio tables" },
    });
    expect(await stream.next("document created")).toMatchObject({ type: "DOCUMENT_CREATED", document: { id: doc.id }, subjectId: doc.id });

    const item = await act(app, by, CreateActionItem, {
      input: { groupId: fx.peerGroupGid, title: "Try the ratio table warm-up" },
    });
    expect(await stream.next("item created")).toMatchObject({ type: "ACTION_ITEM_CHANGED", actionItem: { id: item.id, status: "OPEN" } });
    await act(app, by, UPDATE_ACTION_ITEM, { input: { actionItemId: item.id, status: "DONE" } });
    expect(await stream.next("item done")).toMatchObject({ type: "ACTION_ITEM_CHANGED", actionItem: { id: item.id, status: "DONE" } });
    await act(app, by, DELETE_ACTION_ITEM, { id: item.id });
    const deleted = await stream.next("item deleted");
    expect(deleted).toMatchObject({ type: "ACTION_ITEM_CHANGED", subjectId: item.id, actionItem: null });

    await act(app, by, AddGroupMember, {
      g: fx.peerGroupGid,
      m: { userId: fx.people.otherTeacher.gid },
    });
    expect(await stream.next("member joined")).toMatchObject({ type: "MEMBER_JOINED", member: { id: fx.people.otherTeacher.gid } });
    await act(app, by, RemoveGroupMember, { groupId: fx.peerGroupGid, userId: fx.people.otherTeacher.gid });
    expect(await stream.next("member left")).toMatchObject({ type: "MEMBER_LEFT", member: { id: fx.people.otherTeacher.gid } });

    await addFeedback(by, planId); // feedback is feedbackActivity's business, not groupActivity's
    const insight = await act(app, by, ShareInsight, {
      input: { groupId: fx.peerGroupGid, title: "Wait time works", body: "Three seconds changed who answers.", themes: ["questioning"] },
    });
    expect(await stream.next("insight shared")).toMatchObject({ type: "INSIGHT_SHARED", insight: { id: insight.id } });
    await act(app, by, END_SESSION, { id: session.id });
    expect(await stream.next("session ended")).toMatchObject({ type: "SESSION_ENDED", session: { id: session.id, status: "DONE" } });
    expect(stream.pending()).toEqual([]);
  });
});

describe("SSE", () => {
  it("delivers feedback activity over text/event-stream on /graphql", async () => {
    const stream = track(subscribeSse(app, "feedbackActivity", FEEDBACK_SUB, { documentId: gid("Document", planId) }, token("peerMember3")));
    await stream.untilLive(app, feedbackProbe(planId, fx.peerGroupId));
    const added = await addFeedback(token("peerMember2"), planId, "QUESTION");
    expect(await stream.next()).toMatchObject({
      type: "FEEDBACK_ADDED",
      feedback: { id: added.id, kind: "QUESTION" },
      actor: { id: fx.people.peerMember2.gid },
    });
  });

  it("delivers group activity over SSE, authorized like graphql-ws", async () => {
    const stream = track(subscribeSse(app, "groupActivity", GROUP_SUB, { groupId: fx.plcGroupGid }, token("coach")));
    await stream.untilLive(app, groupProbe(fx.plcGroupId));
    const doc = await act(app, token("plcMember"), CreateDocument, {
      input: { groupId: fx.plcGroupGid, kind: "MEETING_NOTES", title: "Data meeting" },
    });
    expect(await stream.next()).toMatchObject({ type: "DOCUMENT_CREATED", document: { id: doc.id } });

    const refused = track(subscribeSse(app, "groupActivity", GROUP_SUB, { groupId: fx.peerGroupGid }, token("coach")));
    expect(await refused.refusal()).toBe("FORBIDDEN");
  });
});

describe("the graphql-ws connection", () => {
  it("takes the token as authorization: Bearer too, and serves queries with the same context", async () => {
    const c = client(null, { authorization: `Bearer ${token("plcMember")}` });
    const viewer = track(subscribeWs(c, "viewer", VIEWER_ID));
    expect(await viewer.next()).toEqual({ id: fx.people.plcMember.gid });
  });

  it("refuses a connection whose token is unknown or signed out (4403)", async () => {
    const unknown = track(subscribeWs(client("sr_session_nonsense"), "groupActivity", GROUP_SUB, { groupId: fx.peerGroupGid }));
    expect(await unknown.refusal()).toBe("CLOSED_4403");

    const { token: ended } = await startSession(app.db.prisma, fx.people.peerMember.id, 3600_000);
    expect((await app.gql(SIGN_OUT, {}, ended)).data?.signOut).toBe(true);
    const signedOut = track(subscribeWs(client(ended), "groupActivity", GROUP_SUB, { groupId: fx.peerGroupGid }));
    expect(await signedOut.refusal()).toBe("CLOSED_4403");
  });

  it("connects anonymously without a token, and then every subscription needs a sign-in", async () => {
    const stream = track(subscribeWs(client(null), "feedbackActivity", FEEDBACK_SUB, { documentId: gid("Document", planId) }));
    expect(await stream.refusal()).toBe("UNAUTHENTICATED");
  });

  it("applies the query limits (armor) over the websocket too", async () => {
    const nest = (levels: number): string => (levels === 0 ? "id" : `document { feedback { edges { node { ${nest(levels - 1)} } } } }`);
    // Raw: built at run time and deliberately too deep, to be refused by the limits.
    const deep = `subscription($g: ID!) { groupActivity(groupId: $g) { ${nest(5)} } }`;
    const stream = track(subscribeWs(client(token("peerMember")), "groupActivity", deep, { g: fx.peerGroupGid }));
    await stream.refusal();
    expect(JSON.stringify(stream.failure ?? stream.results)).toMatch(/depth|cost/i);
  });

  it("a session signed out while subscribed closes its connection at once (4403) and hears nothing more", async () => {
    const { token: session } = await startSession(app.db.prisma, fx.people.peerMember3.id, 3600_000);
    const stream = track(subscribeWs(client(session), "feedbackActivity", FEEDBACK_SUB, { documentId: gid("Document", planId) }));
    await stream.untilLive(app, feedbackProbe(planId, fx.peerGroupId));
    expect((await app.gql(SIGN_OUT, {}, session)).data?.signOut).toBe(true);
    // Closed by the sign-out itself, before any further event.
    expect(await stream.refusal()).toBe("CLOSED_4403");

    await addFeedback(token("peerMember2"), planId);
    expect(stream.pending().filter(Boolean)).toEqual([]); // the feedback never arrived
  });
});
