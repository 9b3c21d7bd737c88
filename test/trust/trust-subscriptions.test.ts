// Who hears what over subscriptions: every trust actor on subscribe (graphql-ws and SSE), and the
// per-event check that keeps an event from anyone who could not read its subject, even when
// access changed after they subscribed.
import type { Client } from "graphql-ws";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { newToken, startSession, type ApiScope } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { AddFeedback, AddGroupMember, CreateDocument, MutationError, RemoveGroupMember, ShareInsight } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { act, subscribeSse, subscribeWs, wsClient, type Stream } from "../support/subscriptions.ts";
import { TABLE_ACTORS, tokenFor, type TrustActor } from "../support/trust.ts";

const NOTIFICATION = graphql(`
  fragment TrustNotification on ActivityNotification {
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
    document {
      id
      title
    }
    insight {
      id
    }
    member {
      id
    }
    session {
      id
    }
  }
`);
const FEEDBACK_SUB = graphql(
  `
  subscription TrustFeedbackActivity($documentId: ID, $groupId: ID) {
    feedbackActivity(documentId: $documentId, groupId: $groupId) {
      ...TrustNotification
    }
  }
`,
  [NOTIFICATION],
);
const GROUP_SUB = graphql(
  `
  subscription TrustGroupActivity($groupId: ID!) {
    groupActivity(groupId: $groupId) {
      ...TrustNotification
    }
  }
`,
  [NOTIFICATION],
);
const SignOut = graphql(`
  mutation TrustSignOut {
    signOut
  }
`);

/** Subscriptions do not tell peer members apart: the author stands for them all. */
type TableActor = Exclude<TrustActor, "peerMember2" | "peerMember3">;
const ACTORS = TABLE_ACTORS.filter((actor): actor is TableActor => actor !== "peerMember2");

let app: TestApp;
let fx: SchoolFixture;
const docs = {} as Record<"peerPlan" | "sharedPeerPlan" | "peerReflection" | "plcPlan" | "plcReflection", string>;
const meetings = {} as Record<"peer" | "plc", { session: string; item: string }>;
const clients: Client[] = [];
const streams: Stream[] = [];

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma);
  const create = async (groupId: string, creator: ActorKey, kind: "LESSON_PLAN" | "REFLECTION", title: string, shared = false) =>
    (await app.make.document({ groupId, creatorId: fx.people[creator].id, kind, title, sharedWithCoachesAt: shared ? new Date() : null })).id;
  docs.peerPlan = await create(fx.peerGroupId, "peerMember", "LESSON_PLAN", "Peer plan");
  docs.sharedPeerPlan = await create(fx.peerGroupId, "peerMember", "LESSON_PLAN", "Shared peer plan", true);
  docs.peerReflection = await create(fx.peerGroupId, "peerMember", "REFLECTION", "My reflection");
  docs.plcPlan = await create(fx.plcGroupId, "plcFacilitator", "LESSON_PLAN", "PLC plan");
  docs.plcReflection = await create(fx.plcGroupId, "plcMember", "REFLECTION", "PLC member's reflection");
  for (const [key, groupId] of [
    ["peer", fx.peerGroupId],
    ["plc", fx.plcGroupId],
  ] as const) {
    const session = await app.make.session({ groupId, title: "Live meeting", startsAt: new Date(), status: "LIVE", startedAt: new Date() });
    const item = await app.make.agendaItem({ sessionId: session.id, position: 0, title: "Item" });
    meetings[key] = { session: session.id, item: item.id };
  }
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.dispose();
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
afterAll(async () => {
  await app?.close();
});

const person = (who: ActorKey) => fx.people[who].token;
const docGid = (id: string) => gid("Document", id);

function subscribe(transport: "ws" | "sse", token: string | null, field: "feedbackActivity" | "groupActivity", variables: Record<string, unknown>): Stream {
  const query = field === "feedbackActivity" ? FEEDBACK_SUB : GROUP_SUB;
  let stream: Stream;
  if (transport === "sse") stream = subscribeSse(app, field, query, variables, token);
  else {
    const client = wsClient(app, token);
    clients.push(client);
    stream = subscribeWs(client, field, query, variables);
  }
  streams.push(stream);
  return stream;
}

const SHARE_WITH_COACHES = graphql(
  `
  mutation TrustSubscriptionsShare($id: ID!, $shared: Boolean) {
    shareDocumentWithCoaches(documentId: $id, shared: $shared) {
      __typename
      ... on MutationShareDocumentWithCoachesSuccess {
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
const MARK_ADDRESSED = graphql(
  `
  mutation TrustSubscriptionsMarkAddressed($id: ID!, $a: Boolean) {
    markAgendaItemAddressed(agendaItemId: $id, addressed: $a) {
      __typename
      ... on MutationMarkAgendaItemAddressedSuccess {
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
const RECORD_PRESENT = graphql(
  `
  mutation TrustSubscriptionsRecordPresent($s: ID!, $u: ID!) {
    recordAttendance(sessionId: $s, userId: $u, status: PRESENT) {
      __typename
      ... on MutationRecordAttendanceSuccess {
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
const START_TIMER = graphql(
  `
  mutation TrustSubscriptionsStartTimer($id: ID!) {
    startAgendaTimer(agendaItemId: $id) {
      __typename
      ... on MutationStartAgendaTimerSuccess {
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
const UPDATE_FEEDBACK = graphql(
  `
  mutation TrustSubscriptionsUpdateFeedback($id: ID!, $body: String!) {
    updateFeedback(feedbackId: $id, body: $body) {
      __typename
      ... on MutationUpdateFeedbackSuccess {
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
const DELETE_FEEDBACK = graphql(
  `
  mutation TrustSubscriptionsDeleteFeedback($id: ID!) {
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
const REVOKE_API_TOKEN = graphql(
  `
  mutation TrustSubscriptionsRevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on MutationRevokeApiTokenSuccess {
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

const addFeedback = (token: string, documentId: string, body = "Clear success criteria.") =>
  act(app, token, AddFeedback, { input: { documentId: docGid(documentId), kind: "GLOW", body } });
const createDocument = (token: string, groupGid: string, kind: VariablesOf<typeof CreateDocument>["input"]["kind"], title: string) =>
  act(app, token, CreateDocument, { input: { groupId: groupGid, kind, title } });
const share = (token: string, documentId: string, shared: boolean) => act(app, token, SHARE_WITH_COACHES, { id: docGid(documentId), shared });
const addMember = (token: string, groupGid: string, userGid: string) => act(app, token, AddGroupMember, { g: groupGid, m: { userId: userGid } });
const removeMember = (token: string, groupGid: string, userGid: string) => act(app, token, RemoveGroupMember, { groupId: groupGid, userId: userGid });

const markAddressed = (token: string, itemId: string, addressed: boolean) => act(app, token, MARK_ADDRESSED, { id: gid("AgendaItem", itemId), a: addressed });
const recordPresent = (token: string, sessionId: string, userGid: string) => act(app, token, RECORD_PRESENT, { s: gid("Session", sessionId), u: userGid });
const startTimer = (token: string, itemId: string) => act(app, token, START_TIMER, { id: gid("AgendaItem", itemId) });

/** Probes: bus messages a subscription lets through once the server listens (never stored). */
const feedbackProbe = (documentId: string, groupId: string) => ({
  schoolId: fx.schoolId,
  groupId,
  type: "FEEDBACK_ADDED" as const,
  payload: { kind: "GLOW" as const, documentId },
});
const groupProbe = (groupId: string) => ({ schoolId: fx.schoolId, groupId, type: "SESSION_STARTED" as const, payload: {} });

type Outcome = "receives" | "FORBIDDEN" | "UNAUTHENTICATED";
const R: Outcome = "receives";
const F: Outcome = "FORBIDDEN";
const U: Outcome = "UNAUTHENTICATED";

type Path = {
  name: string;
  field: "feedbackActivity" | "groupActivity";
  variables: () => Record<string, unknown>;
  probe: () => ReturnType<typeof feedbackProbe> | ReturnType<typeof groupProbe>;
  /** Someone who may causes the event; returns the subject the notification must name. */
  trigger: () => Promise<{ type: string; subjectId: string }>;
  tokenOwner: ActorKey;
  expected: Record<TableActor, Outcome>;
};

const onlyPeerMember: Record<TableActor, Outcome> = {
  peerMember: R,
  plcFacilitator: F,
  plcMember: F,
  otherTeacher: F,
  coach: F,
  admin: F,
  otherSchoolAdmin: F,
  anonymous: U,
  tokenWithScope: R,
  tokenWithoutScope: F,
};
const plcAndLeaders: Record<TableActor, Outcome> = {
  peerMember: F,
  plcFacilitator: R,
  plcMember: R,
  otherTeacher: F,
  coach: R,
  admin: R,
  otherSchoolAdmin: F,
  anonymous: U,
  tokenWithScope: R,
  tokenWithoutScope: F,
};

const PATHS: Path[] = [
  {
    name: "feedbackActivity(documentId) on a peer group's plan",
    field: "feedbackActivity",
    variables: () => ({ documentId: docGid(docs.peerPlan) }),
    probe: () => feedbackProbe(docs.peerPlan, fx.peerGroupId),
    trigger: async () => ({ type: "FEEDBACK_ADDED", subjectId: (await addFeedback(person("peerMember2"), docs.peerPlan)).id }),
    tokenOwner: "peerMember",
    expected: onlyPeerMember,
  },
  {
    name: "feedbackActivity(documentId) on a peer plan shared with coaches",
    field: "feedbackActivity",
    variables: () => ({ documentId: docGid(docs.sharedPeerPlan) }),
    probe: () => feedbackProbe(docs.sharedPeerPlan, fx.peerGroupId),
    trigger: async () => ({ type: "FEEDBACK_ADDED", subjectId: (await addFeedback(person("peerMember2"), docs.sharedPeerPlan)).id }),
    tokenOwner: "coach",
    expected: { ...onlyPeerMember, coach: R, admin: R },
  },
  {
    name: "feedbackActivity(documentId) on a reflection (its author only)",
    field: "feedbackActivity",
    variables: () => ({ documentId: docGid(docs.peerReflection) }),
    probe: () => feedbackProbe(docs.peerReflection, fx.peerGroupId),
    trigger: async () => ({ type: "FEEDBACK_ADDED", subjectId: (await addFeedback(person("peerMember"), docs.peerReflection, "Note to self")).id }),
    tokenOwner: "peerMember",
    expected: onlyPeerMember,
  },
  {
    name: "feedbackActivity(groupId) on the peer group",
    field: "feedbackActivity",
    variables: () => ({ groupId: fx.peerGroupGid }),
    probe: () => feedbackProbe(docs.peerPlan, fx.peerGroupId),
    trigger: async () => ({ type: "FEEDBACK_ADDED", subjectId: (await addFeedback(person("peerMember3"), docs.peerPlan)).id }),
    tokenOwner: "peerMember",
    expected: onlyPeerMember,
  },
  {
    name: "feedbackActivity(groupId) on the PLC",
    field: "feedbackActivity",
    variables: () => ({ groupId: fx.plcGroupGid }),
    probe: () => feedbackProbe(docs.plcPlan, fx.plcGroupId),
    trigger: async () => ({ type: "FEEDBACK_ADDED", subjectId: (await addFeedback(person("plcFacilitator"), docs.plcPlan)).id }),
    tokenOwner: "plcMember",
    expected: plcAndLeaders,
  },
  {
    name: "groupActivity on the peer group",
    field: "groupActivity",
    variables: () => ({ groupId: fx.peerGroupGid }),
    probe: () => groupProbe(fx.peerGroupId),
    trigger: async () => ({ type: "DOCUMENT_CREATED", subjectId: (await createDocument(person("peerMember2"), fx.peerGroupGid, "LESSON_PLAN", "Plan")).id }),
    tokenOwner: "peerMember",
    expected: onlyPeerMember,
  },
  {
    name: "groupActivity on the PLC",
    field: "groupActivity",
    variables: () => ({ groupId: fx.plcGroupGid }),
    probe: () => groupProbe(fx.plcGroupId),
    trigger: async () => ({
      type: "DOCUMENT_CREATED",
      subjectId: (await createDocument(person("plcFacilitator"), fx.plcGroupGid, "MEETING_NOTES", "Notes")).id,
    }),
    tokenOwner: "plcMember",
    expected: plcAndLeaders,
  },
  {
    name: "groupActivity: a peer group's meeting agenda ticked off",
    field: "groupActivity",
    variables: () => ({ groupId: fx.peerGroupGid }),
    probe: () => groupProbe(fx.peerGroupId),
    trigger: async () => ({
      type: "AGENDA_CHANGED",
      subjectId: (await markAddressed(person("peerMember2"), meetings.peer.item, true)) && gid("Session", meetings.peer.session),
    }),
    tokenOwner: "peerMember",
    expected: onlyPeerMember,
  },
  {
    name: "groupActivity: attendance at a peer group's meeting",
    field: "groupActivity",
    variables: () => ({ groupId: fx.peerGroupGid }),
    probe: () => groupProbe(fx.peerGroupId),
    trigger: async () => ({
      type: "ATTENDANCE_RECORDED",
      subjectId: (await recordPresent(person("peerMember2"), meetings.peer.session, fx.people.peerMember2.gid)) && gid("Session", meetings.peer.session),
    }),
    tokenOwner: "peerMember",
    expected: onlyPeerMember,
  },
  {
    name: "groupActivity: a PLC meeting's agenda timer",
    field: "groupActivity",
    variables: () => ({ groupId: fx.plcGroupGid }),
    probe: () => groupProbe(fx.plcGroupId),
    trigger: async () => ({
      type: "AGENDA_TIMER_CHANGED",
      subjectId: (await startTimer(person("plcFacilitator"), meetings.plc.item)) && gid("Session", meetings.plc.session),
    }),
    tokenOwner: "plcMember",
    expected: plcAndLeaders,
  },
];

async function outcomeOf(stream: Stream, path: Path, expected: Outcome): Promise<Outcome> {
  if (expected !== "receives") return (await stream.refusal()) as Outcome;
  await stream.untilLive(app, path.probe());
  const caused = await path.trigger();
  const event = await stream.next();
  expect(event).toMatchObject({ type: caused.type, subjectId: caused.subjectId });
  // The subject resolves through its node, so its own rules let the subscriber read it.
  expect(event.feedback ?? event.document ?? event.session).not.toBeNull();
  return "receives";
}

describe.each(PATHS)("subscribing: $name", (path) => {
  const cases = ACTORS.map((actor) => ({ actor, expected: path.expected[actor] }));
  it.each(cases)("over graphql-ws, $actor → $expected", async ({ actor, expected }) => {
    const token = await tokenFor(fx, actor, path.tokenOwner, "CONTENT_READ");
    const stream = subscribe("ws", token, path.field, path.variables());
    expect(await outcomeOf(stream, path, expected)).toBe(expected);
  });
});

describe.each([PATHS[0]!, PATHS[4]!])("subscribing over SSE: $name", (path) => {
  const cases = ACTORS.map((actor) => ({ actor, expected: path.expected[actor] }));
  it.each(cases)("$actor → $expected", async ({ actor, expected }) => {
    const token = await tokenFor(fx, actor, path.tokenOwner, "CONTENT_READ");
    const stream = subscribe("sse", token, path.field, path.variables());
    expect(await outcomeOf(stream, path, expected)).toBe(expected);
  });
});

describe("per event: nobody hears of a subject they cannot read", () => {
  // Subscribed to the PLC's feedback, then: feedback on plcMember's private reflection, then a
  // marker everyone subscribed can read. The marker proves the stream was alive throughout.
  const plcFeedback: Record<string, boolean> = { plcFacilitator: false, plcMember: true, coach: false, admin: false, tokenWithScope: true };
  it.each(Object.entries(plcFeedback))("feedback on a PLC member's reflection reaches %s: %s", async (actor, hearsReflection) => {
    const token = await tokenFor(fx, actor as TrustActor, "plcMember", "CONTENT_READ");
    const stream = subscribe("ws", token, "feedbackActivity", { groupId: fx.plcGroupGid });
    await stream.untilLive(app, feedbackProbe(docs.plcPlan, fx.plcGroupId));

    const onReflection = await addFeedback(person("plcMember"), docs.plcReflection, "Private thought");
    const marker = await addFeedback(person("plcFacilitator"), docs.plcPlan);

    const heard = [await stream.next()];
    if (heard[0].feedback.id !== marker.id) heard.push(await stream.next());
    expect(heard.map((e) => e.feedback.id)).toEqual(hearsReflection ? [onReflection.id, marker.id] : [marker.id]);
  });

  // Edits and deletions of feedback go by the document too: plcMember edits then deletes their
  // note on their own reflection, then the facilitator edits feedback on the PLC's plan (the marker).
  it.each(Object.entries(plcFeedback))("feedback edited and deleted on a PLC member's reflection reaches %s: %s", async (actor, hearsReflection) => {
    const onReflection = await addFeedback(person("plcMember"), docs.plcReflection, "Private thought");
    const onPlan = await addFeedback(person("plcFacilitator"), docs.plcPlan);
    const token = await tokenFor(fx, actor as TrustActor, "plcMember", "CONTENT_READ");
    const stream = subscribe("ws", token, "feedbackActivity", { groupId: fx.plcGroupGid });
    await stream.untilLive(app, feedbackProbe(docs.plcPlan, fx.plcGroupId));

    await act(app, person("plcMember"), UPDATE_FEEDBACK, { id: onReflection.id, body: "Second thought" });
    await act(app, person("plcMember"), DELETE_FEEDBACK, { id: onReflection.id });
    await act(app, person("plcFacilitator"), UPDATE_FEEDBACK, { id: onPlan.id, body: "Clearer criteria" });

    const heard: { type: string; subjectId: string; body: string | null }[] = [];
    while (heard.at(-1)?.subjectId !== onPlan.id) {
      const event = await stream.next();
      // (The reflection's note may be gone by the time its edit is resolved: only the plan's body is read.)
      heard.push({ type: event.type, subjectId: event.subjectId, body: event.subjectId === onPlan.id ? event.feedback?.body : null });
    }
    const mine = [
      { type: "FEEDBACK_EDITED", subjectId: onReflection.id, body: null },
      { type: "FEEDBACK_DELETED", subjectId: onReflection.id, body: null },
    ];
    expect(heard).toEqual([...(hearsReflection ? mine : []), { type: "FEEDBACK_EDITED", subjectId: onPlan.id, body: "Clearer criteria" }]);
  });

  // groupActivity on the PLC: a new reflection (its author only), a shared insight (members
  // only: leaders read insights rolled up, never who shared them), then a marker for all.
  const plcGroup: Record<string, [reflection: boolean, insight: boolean]> = {
    plcFacilitator: [false, true],
    plcMember: [true, true],
    coach: [false, false],
    admin: [false, false],
    tokenWithScope: [true, true],
  };
  it.each(Object.entries(plcGroup))("PLC activity reaching %s: [reflection, insight] = %j", async (actor, [hearsReflection, hearsInsight]) => {
    const token = await tokenFor(fx, actor as TrustActor, "plcMember", "CONTENT_READ");
    const stream = subscribe("ws", token, "groupActivity", { groupId: fx.plcGroupGid });
    await stream.untilLive(app, groupProbe(fx.plcGroupId));

    const reflection = await createDocument(person("plcMember"), fx.plcGroupGid, "REFLECTION", "What I noticed");
    const insight = await act(app, person("plcMember"), ShareInsight, {
      input: { groupId: fx.plcGroupGid, title: "Exit tickets", body: "Short ones work.", themes: ["assessment"] },
    });
    const marker = await createDocument(person("plcFacilitator"), fx.plcGroupGid, "MEETING_NOTES", "Marker");

    const expected = [...(hearsReflection ? [reflection.id] : []), ...(hearsInsight ? [insight.id] : []), marker.id];
    const heard: string[] = [];
    while (heard.at(-1) !== marker.id) heard.push((await stream.next()).subjectId);
    expect(heard).toEqual(expected);
  });

  it("a peer member hears a peer's new lesson plan but not their reflection", async () => {
    const stream = subscribe("ws", person("peerMember"), "groupActivity", { groupId: fx.peerGroupGid });
    await stream.untilLive(app, groupProbe(fx.peerGroupId));
    await createDocument(person("peerMember2"), fx.peerGroupGid, "REFLECTION", "Mine alone");
    const plan = await createDocument(person("peerMember2"), fx.peerGroupGid, "LESSON_PLAN", "Ours");
    expect(await stream.next()).toMatchObject({ type: "DOCUMENT_CREATED", subjectId: plan.id, document: { title: "Ours" } });
  });

  it("a coach following the PLC hears nothing of the peer group, shared document or not", async () => {
    const stream = subscribe("ws", person("coach"), "feedbackActivity", { groupId: fx.plcGroupGid });
    await stream.untilLive(app, feedbackProbe(docs.plcPlan, fx.plcGroupId));
    await addFeedback(person("peerMember2"), docs.peerPlan, "Peer-only");
    await addFeedback(person("peerMember2"), docs.sharedPeerPlan, "On the shared plan");
    const marker = await addFeedback(person("plcFacilitator"), docs.plcPlan);
    expect(await stream.next()).toMatchObject({ feedback: { id: marker.id } });
  });

  it.each(["coach", "admin"] as const)("%s hears a shared peer document's feedback only while it is shared", async (leader) => {
    const docId = (
      await app.make.document({
        groupId: fx.peerGroupId,
        creatorId: fx.people.peerMember.id,
        kind: "LESSON_PLAN",
        title: `Shared with ${leader}`,
        sharedWithCoachesAt: new Date(),
      })
    ).id;
    const stream = subscribe("ws", person(leader), "feedbackActivity", { documentId: docGid(docId) });
    await stream.untilLive(app, feedbackProbe(docId, fx.peerGroupId));

    const whileShared = await addFeedback(person("peerMember2"), docId, "Before unsharing");
    expect(await stream.next()).toMatchObject({ feedback: { id: whileShared.id, body: "Before unsharing" } });

    await share(person("peerMember"), docId, false);
    const whilePrivate = await addFeedback(person("peerMember2"), docId, "While private");
    // Events are judged when they are delivered: while the document is private, nothing arrives.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.pending()).toEqual([]);
    await share(person("peerMember"), docId, true);
    const sharedAgain = await addFeedback(person("peerMember2"), docId, "Shared again");

    // Once shared again the leader may read every feedback on it, so a check that ran late may
    // deliver "While private" now; what matters is that nothing arrived while it was private.
    let next = await stream.next();
    if ((next as { feedback?: { id: string } }).feedback?.id === whilePrivate.id) next = await stream.next();
    expect(next).toMatchObject({ feedback: { id: sharedAgain.id, body: "Shared again" } });
    expect(stream.pending()).toEqual([]);
  });

  it.each(["plcMember", "tokenWithScope"] as const)("a member removed from the group (%s) stops hearing it until re-added", async (actor) => {
    await addMember(person("peerMember"), fx.peerGroupGid, fx.people.plcMember.gid);
    onTestFinished(() => app.db.prisma.groupMember.deleteMany({ where: { groupId: fx.peerGroupId, userId: fx.people.plcMember.id } }).then(() => {}));
    const token = await tokenFor(fx, actor, "plcMember", "CONTENT_READ");
    const group = subscribe("ws", token, "groupActivity", { groupId: fx.peerGroupGid });
    const plan = subscribe("ws", token, "feedbackActivity", { documentId: docGid(docs.peerPlan) });
    await group.untilLive(app, groupProbe(fx.peerGroupId));
    await plan.untilLive(app, feedbackProbe(docs.peerPlan, fx.peerGroupId));

    const asMember = await addFeedback(person("peerMember2"), docs.peerPlan, "Welcome");
    expect(await plan.next()).toMatchObject({ feedback: { id: asMember.id } });

    await removeMember(person("peerMember"), fx.peerGroupGid, fx.people.plcMember.gid);
    await addFeedback(person("peerMember2"), docs.peerPlan, "After you left");
    await createDocument(person("peerMember2"), fx.peerGroupGid, "LESSON_PLAN", "After you left");
    await addMember(person("peerMember"), fx.peerGroupGid, fx.people.plcMember.gid);
    const back = await addFeedback(person("peerMember2"), docs.peerPlan, "Welcome back");

    // Each stream checks its events in order: the first thing heard after removal is the re-adding.
    expect(await group.next()).toMatchObject({ type: "MEMBER_JOINED", member: { id: fx.people.plcMember.gid } });
    expect(await plan.next()).toMatchObject({ feedback: { id: back.id, body: "Welcome back" } });
  });
});

describe("connections and credentials", () => {
  async function apiToken(owner: ActorKey, scopes: ApiScope[], extra: { revokedAt?: Date; expiresAt?: Date }) {
    const { token, hash, prefix } = newToken("api");
    const row = await app.make.apiToken({
      userId: fx.people[owner].id,
      schoolId: fx.schoolId,
      name: "subscriptions test",
      prefix,
      tokenHash: hash,
      scopes,
      ...extra,
    });
    return { token, gid: gid("ApiToken", row.id) };
  }

  const badParams: [string, () => Promise<Record<string, unknown>>][] = [
    ["an unknown token", async () => ({ token: "sr_session_not-a-real-token" })],
    [
      "a signed-out session",
      async () => {
        const { token } = await startSession(app.db.prisma, fx.people.peerMember.id, 3600_000);
        await app.gql(SignOut, {}, token);
        return { token };
      },
    ],
    ["an expired session", async () => ({ token: (await startSession(app.db.prisma, fx.people.peerMember.id, -1000)).token })],
    ["a revoked API token", async () => ({ token: (await apiToken("peerMember", ["CONTENT_READ"], { revokedAt: new Date() })).token })],
    ["an expired API token", async () => ({ token: (await apiToken("peerMember", ["CONTENT_READ"], { expiresAt: new Date(Date.now() - 1000) })).token })],
    ["a non-string token", async () => ({ token: 42 })],
    ["a malformed authorization", async () => ({ authorization: "Basic abc" })],
  ];
  it.each(badParams)("refuses the connection for %s (4403)", async (_label, params) => {
    const client = wsClient(app, null, await params());
    clients.push(client);
    const stream = subscribeWs(client, "groupActivity", GROUP_SUB, { groupId: fx.peerGroupGid });
    streams.push(stream);
    expect(await stream.refusal()).toBe("CLOSED_4403");
  });

  it.each([
    ["ws", "feedbackActivity"],
    ["ws", "groupActivity"],
    ["sse", "feedbackActivity"],
    ["sse", "groupActivity"],
  ] as const)("anonymous over %s: %s is UNAUTHENTICATED", async (transport, field) => {
    const variables = field === "feedbackActivity" ? { documentId: docGid(docs.peerPlan) } : { groupId: fx.peerGroupGid };
    expect(await subscribe(transport, null, field, variables).refusal()).toBe("UNAUTHENTICATED");
  });

  it("an unknown document and an unreadable one are refused alike", async () => {
    const missing = subscribe("ws", person("otherTeacher"), "feedbackActivity", { documentId: docGid("00000000-0000-4000-8000-000000000000") });
    const unreadable = subscribe("ws", person("otherTeacher"), "feedbackActivity", { documentId: docGid(docs.peerPlan) });
    expect(await missing.refusal()).toBe("FORBIDDEN");
    expect(await unreadable.refusal()).toBe("FORBIDDEN");
  });

  it("an API token revoked while subscribed closes its connection at once (4403)", async () => {
    const { token, gid: tokenGid } = await apiToken("peerMember", ["CONTENT_READ"], {});
    const stream = subscribe("ws", token, "feedbackActivity", { documentId: docGid(docs.peerPlan) });
    await stream.untilLive(app, feedbackProbe(docs.peerPlan, fx.peerGroupId));
    await act(app, person("peerMember"), REVOKE_API_TOKEN, { id: tokenGid });
    expect(await stream.refusal()).toBe("CLOSED_4403");
    await addFeedback(person("peerMember2"), docs.peerPlan, "After revocation");
    expect(stream.pending().filter(Boolean)).toEqual([]);
  });
});
