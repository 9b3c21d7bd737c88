// Documents (metadata) and feedback through GraphQL: what a group's members do with them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GqlResult, startTestApp, type TestApp, type TypedDocument } from "../support/app.ts";
import { graphql, type ResultOf, type VariablesOf } from "../support/graphql.ts";
import { asNode, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
let peerSessionId: string;
let plcSessionId: string;

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "docs");
  const startsAt = new Date("2030-01-15T15:00:00Z");
  peerSessionId = (await app.make.session({ groupId: fx.peerGroupId, title: "Lesson study", startsAt })).id;
  plcSessionId = (await app.make.session({ groupId: fx.plcGroupId, title: "Data meeting", startsAt })).id;
});
afterAll(() => app?.close());

const DocFields = graphql(`
  fragment DocumentsTestDocument on Document {
    id
    kind
    title
    viewerAccess
    sharedWithCoachesAt
    openFeedbackCount
    creator {
      id
    }
    group {
      id
    }
    session {
      id
    }
  }
`);
const FeedbackFields = graphql(`
  fragment DocumentsTestFeedback on Feedback {
    id
    kind
    body
    anchor
    anchorQuote
    resolvedAt
    resolvedBy {
      id
    }
    author {
      id
    }
    parent {
      id
    }
    document {
      id
    }
  }
`);

const CREATE = graphql(
  `
  mutation DocumentsCreate($input: CreateDocumentInput!) {
    createDocument(input: $input) {
      __typename
      ... on MutationCreateDocumentSuccess {
        data { ...DocumentsTestDocument }
      }
      ...MutationError
    }
  }
`,
  [DocFields, MutationError],
);
const RENAME = graphql(
  `
  mutation DocumentsRename($id: ID!, $title: String!) {
    renameDocument(documentId: $id, title: $title) {
      __typename
      ... on MutationRenameDocumentSuccess {
        data { id title }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const SHARE = graphql(
  `
  mutation DocumentsShare($id: ID!, $shared: Boolean) {
    shareDocumentWithCoaches(documentId: $id, shared: $shared) {
      __typename
      ... on MutationShareDocumentWithCoachesSuccess {
        data { id sharedWithCoachesAt }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const DELETE = graphql(
  `
  mutation DocumentsDelete($id: ID!) {
    deleteDocument(documentId: $id) {
      __typename
      ... on MutationDeleteDocumentSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const ADD_FEEDBACK = graphql(
  `
  mutation DocumentsAddFeedback($input: AddFeedbackInput!) {
    addFeedback(input: $input) {
      __typename
      ... on MutationAddFeedbackSuccess {
        data { ...DocumentsTestFeedback }
      }
      ...MutationError
    }
  }
`,
  [FeedbackFields, MutationError],
);
const REPLY = graphql(
  `
  mutation DocumentsReply($id: ID!, $body: String!) {
    replyToFeedback(feedbackId: $id, body: $body) {
      __typename
      ... on MutationReplyToFeedbackSuccess {
        data { ...DocumentsTestFeedback }
      }
      ...MutationError
    }
  }
`,
  [FeedbackFields, MutationError],
);
const RESOLVE = graphql(
  `
  mutation DocumentsResolve($id: ID!) {
    resolveFeedback(feedbackId: $id) {
      __typename
      ... on MutationResolveFeedbackSuccess {
        data { id resolvedAt resolvedBy { id } }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const REOPEN = graphql(
  `
  mutation DocumentsReopen($id: ID!) {
    reopenFeedback(feedbackId: $id) {
      __typename
      ... on MutationReopenFeedbackSuccess {
        data { id resolvedAt resolvedBy { id } }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const NODE_ID = graphql(`
  query DocumentsNodeId($id: ID!) {
    node(id: $id) {
      id
    }
  }
`);

/** The issues of a payload that must be a ValidationError. */
function issues(payload: { __typename: string } | null | undefined) {
  expect(payload?.__typename, JSON.stringify(payload)).toBe("ValidationError");
  return (payload as unknown as { issues: { path: string; message: string }[] }).issues;
}

async function createDocument(token: string, input: VariablesOf<typeof CREATE>["input"]) {
  const res = await app.gql(CREATE, { input }, token);
  expect(res.errors).toBeUndefined();
  expect(res.data?.createDocument.__typename, JSON.stringify(res.data?.createDocument)).toBe("MutationCreateDocumentSuccess");
  return succeeded(res.data?.createDocument).data;
}

async function addFeedback(token: string, input: VariablesOf<typeof ADD_FEEDBACK>["input"]) {
  const res = await app.gql(ADD_FEEDBACK, { input }, token);
  expect(res.errors).toBeUndefined();
  expect(res.data?.addFeedback.__typename, JSON.stringify(res.data?.addFeedback)).toBe("MutationAddFeedbackSuccess");
  return succeeded(res.data?.addFeedback).data;
}

const dbCounts = async () => ({
  documents: await app.db.prisma.document.count(),
  feedback: await app.db.prisma.feedback.count(),
  activity: await app.db.prisma.activityEvent.count(),
});

describe("creating documents", () => {
  it.each(["LESSON_PLAN", "MEETING_NOTES", "ACTION_PLAN", "REFLECTION"] as const)("a peer group member creates a %s", async (kind) => {
    const me = fx.people.peerMember;
    const doc = await createDocument(me.token, { groupId: fx.peerGroupGid, kind, title: `  ${kind} draft  ` });
    expect(doc).toMatchObject({
      kind,
      title: `${kind} draft`,
      viewerAccess: "WRITE",
      sharedWithCoachesAt: null,
      openFeedbackCount: 0,
      creator: { id: me.gid },
      group: { id: fx.peerGroupGid },
      session: null,
    });
    const event = await app.db.prisma.activityEvent.findFirstOrThrow({
      where: { type: "DOCUMENT_CREATED", subjectId: decode(doc.id) },
      orderBy: { createdAt: "desc" },
    });
    // The activity log holds the kind and never the title.
    expect(event.payload).toEqual({ kind });
    expect(event.groupId).toBe(fx.peerGroupId);
    expect(JSON.stringify(event.payload)).not.toContain("draft");
  });

  it("attaches a document to a meeting of the same group; it shows on the meeting", async () => {
    const doc = await createDocument(fx.people.peerMember2.token, {
      groupId: fx.peerGroupGid,
      kind: "MEETING_NOTES",
      title: "Notes from lesson study",
      sessionId: gid("Session", peerSessionId),
    });
    expect(doc.session).toEqual({ id: gid("Session", peerSessionId) });
    const res = await app.gql(
      graphql(`
        query DocumentsOfSession($id: ID!) {
          node(id: $id) {
            ... on Session {
              documents {
                totalCount
                edges {
                  node {
                    id
                  }
                }
              }
            }
          }
        }
      `),
      { id: gid("Session", peerSessionId) },
      fx.people.peerMember.token,
    );
    expect(asNode(res.data?.node, "Session")!.documents.edges.map((e) => e.node.id)).toContain(doc.id);
  });

  it("refuses a meeting of another group with a ValidationError and writes nothing", async () => {
    const before = await dbCounts();
    const res = await app.gql(
      CREATE,
      { input: { groupId: fx.peerGroupGid, kind: "LESSON_PLAN", title: "Wrong meeting", sessionId: gid("Session", plcSessionId) } },
      fx.people.peerMember.token,
    );
    expect(res.data?.createDocument).toMatchObject({ __typename: "ValidationError", issues: [{ path: "input.sessionId" }] });
    expect(await dbCounts()).toEqual(before);
  });

  it("refuses a blank or overlong title with a ValidationError and writes nothing", async () => {
    const before = await dbCounts();
    for (const title of ["   ", "x".repeat(201)]) {
      const res = await app.gql(CREATE, { input: { groupId: fx.peerGroupGid, kind: "LESSON_PLAN", title } }, fx.people.peerMember.token);
      expect(res.data?.createDocument).toMatchObject({ __typename: "ValidationError", issues: [{ path: "input.title" }] });
    }
    expect(await dbCounts()).toEqual(before);
  });

  it("lets PLC leaders create documents but not reflections, which are the members' own", async () => {
    const plan = await createDocument(fx.people.coach.token, { groupId: fx.plcGroupGid, kind: "ACTION_PLAN", title: "Fractions action plan" });
    expect(plan.viewerAccess).toBe("WRITE");
    const before = await dbCounts();
    const res = await app.gql(CREATE, { input: { groupId: fx.plcGroupGid, kind: "REFLECTION", title: "Coach reflection" } }, fx.people.coach.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await dbCounts()).toEqual(before);
    const mine = await createDocument(fx.people.plcMember.token, { groupId: fx.plcGroupGid, kind: "REFLECTION", title: "My PLC reflection" });
    const seen = await app.gql(NODE_ID, { id: mine.id }, fx.people.coach.token);
    expect(seen.data?.node ?? null).toBeNull();
  });

  it("refuses new documents in an archived group with ARCHIVED", async () => {
    const group = await app.make.group({
      schoolId: fx.schoolId,
      kind: "PEER",
      name: "Old peer group",
      archivedAt: new Date(),
      members: { create: [{ userId: fx.people.peerMember.id }, { userId: fx.people.peerMember2.id }] },
    });
    const res = await app.gql(CREATE, { input: { groupId: gid("Group", group.id), kind: "LESSON_PLAN", title: "Late plan" } }, fx.people.peerMember.token);
    expect(res.data?.createDocument).toMatchObject({ __typename: "RuleViolationError", code: "ARCHIVED" });
  });
});

describe("renaming, sharing and deleting", () => {
  it("renames a document; a blank title is refused", async () => {
    const doc = await createDocument(fx.people.peerMember.token, { groupId: fx.peerGroupGid, kind: "LESSON_PLAN", title: "Photosynthesis" });
    const res = await app.gql(RENAME, { id: doc.id, title: " Photosynthesis, day 2 " }, fx.people.peerMember3.token);
    expect(succeeded(res.data?.renameDocument).data).toEqual({ id: doc.id, title: "Photosynthesis, day 2" });
    const bad = await app.gql(RENAME, { id: doc.id, title: "" }, fx.people.peerMember.token);
    expect(bad.data?.renameDocument).toMatchObject({ __typename: "ValidationError", issues: [{ path: "title" }] });
    const stored = await app.db.prisma.document.findUniqueOrThrow({ where: { id: decode(doc.id) } });
    expect(stored.title).toBe("Photosynthesis, day 2");
  });

  it("shares with coaches, keeps the first moment when shared again, and unshares", async () => {
    const doc = await createDocument(fx.people.peerMember.token, { groupId: fx.peerGroupGid, kind: "LESSON_PLAN", title: "Shared plan" });
    const coachSees = async () => (await app.gql(NODE_ID, { id: doc.id }, fx.people.coach.token)).data?.node?.id ?? null;
    expect(await coachSees()).toBeNull();

    const first = await app.gql(SHARE, { id: doc.id }, fx.people.peerMember2.token);
    const sharedAt = succeeded(first.data?.shareDocumentWithCoaches).data.sharedWithCoachesAt;
    expect(sharedAt).toEqual(expect.any(String));
    expect(await coachSees()).toBe(doc.id);
    const again = await app.gql(SHARE, { id: doc.id, shared: true }, fx.people.peerMember.token);
    expect(succeeded(again.data?.shareDocumentWithCoaches).data.sharedWithCoachesAt).toBe(sharedAt);

    const coachList = await app.gql(
      graphql(`
        query DocumentsSharedWithCoaches {
          documentsSharedWithCoaches {
            totalCount
            edges {
              node {
                id
                viewerAccess
              }
            }
          }
        }
      `),
      {},
      fx.people.coach.token,
    );
    expect(coachList.data?.documentsSharedWithCoaches.edges).toContainEqual({ node: { id: doc.id, viewerAccess: "READ" } });

    const off = await app.gql(SHARE, { id: doc.id, shared: false }, fx.people.peerMember.token);
    expect(succeeded(off.data?.shareDocumentWithCoaches).data.sharedWithCoachesAt).toBeNull();
    expect(await coachSees()).toBeNull();
  });

  it("lets only a reflection's author share it", async () => {
    const doc = await createDocument(fx.people.peerMember.token, { groupId: fx.peerGroupGid, kind: "REFLECTION", title: "What I noticed" });
    const other = await app.gql(SHARE, { id: doc.id }, fx.people.peerMember2.token);
    expect(other.data?.shareDocumentWithCoaches).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect((await app.db.prisma.document.findUniqueOrThrow({ where: { id: decode(doc.id) } })).sharedWithCoachesAt).toBeNull();
    const mine = await app.gql(SHARE, { id: doc.id }, fx.people.peerMember.token);
    expect(succeeded(mine.data?.shareDocumentWithCoaches).data.sharedWithCoachesAt).toEqual(expect.any(String));
  });

  it("deletes a document with its feedback: its creator or a manager may, a plain PLC member may not", async () => {
    const doc = await createDocument(fx.people.plcFacilitator.token, { groupId: fx.plcGroupGid, kind: "MEETING_NOTES", title: "To delete" });
    await addFeedback(fx.people.plcMember.token, { documentId: doc.id, kind: "NOTE", body: "Noted" });
    const refused = await app.gql(DELETE, { id: doc.id }, fx.people.plcMember.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await app.db.prisma.document.count({ where: { id: decode(doc.id) } })).toBe(1);
    const done = await app.gql(DELETE, { id: doc.id }, fx.people.coach.token);
    expect(done.data?.deleteDocument).toEqual({ __typename: "MutationDeleteDocumentSuccess", data: true });
    expect(await app.db.prisma.document.count({ where: { id: decode(doc.id) } })).toBe(0);
    expect(await app.db.prisma.feedback.count({ where: { documentId: decode(doc.id) } })).toBe(0);
  });
});

describe("feedback", () => {
  let doc: { id: string };
  beforeAll(async () => {
    doc = await createDocument(fx.people.peerMember.token, { groupId: fx.peerGroupGid, kind: "LESSON_PLAN", title: "Ecosystems unit" });
  });

  it("adds anchored feedback, records its kind only, and counts it open", async () => {
    const anchor = { type: { client: 1, clock: 4 }, tname: null, item: { client: 1, clock: 17 }, assoc: 0 };
    const fb = await addFeedback(fx.people.peerMember2.token, {
      documentId: doc.id,
      kind: "GLOW",
      body: "  The hook question is great.  ",
      anchor,
      anchorQuote: "Why do wolves matter?",
    });
    expect(fb).toMatchObject({
      kind: "GLOW",
      body: "The hook question is great.",
      anchor,
      anchorQuote: "Why do wolves matter?",
      resolvedAt: null,
      author: { id: fx.people.peerMember2.gid },
      parent: null,
      document: { id: doc.id },
    });
    const event = await app.db.prisma.activityEvent.findFirstOrThrow({ where: { type: "FEEDBACK_ADDED", subjectId: decode(fb.id) } });
    // Ids and kinds only: the document it is on, never the body.
    expect(event.payload).toEqual({ kind: "GLOW", documentId: decode(doc.id) });
    const count = await app.gql(
      graphql(`
        query DocumentsOpenFeedbackCount($id: ID!) {
          node(id: $id) {
            ... on Document {
              openFeedbackCount
            }
          }
        }
      `),
      { id: doc.id },
      fx.people.peerMember.token,
    );
    expect(asNode(count.data?.node, "Document")!.openFeedbackCount).toBe(1);
  });

  it("threads replies one level deep, oldest first, and records them", async () => {
    const root = await addFeedback(fx.people.peerMember.token, { documentId: doc.id, kind: "QUESTION", body: "How long is the lab?" });
    const first = await app.gql(REPLY, { id: root.id, body: "About 20 minutes." }, fx.people.peerMember2.token);
    expect(succeeded(first.data?.replyToFeedback).data).toMatchObject({ kind: "NOTE", body: "About 20 minutes.", parent: { id: root.id } });
    // A reply to a reply joins the thread rather than nesting deeper.
    const second = await app.gql(REPLY, { id: succeeded(first.data?.replyToFeedback).data.id, body: "Thanks!" }, fx.people.peerMember.token);
    expect(succeeded(second.data?.replyToFeedback).data.parent).toEqual({ id: root.id });

    const thread = await app.gql(
      graphql(`
        query DocumentsReplies($id: ID!) {
          node(id: $id) {
            ... on Feedback {
              replies {
                totalCount
                edges {
                  node {
                    body
                  }
                }
              }
            }
          }
        }
      `),
      { id: root.id },
      fx.people.peerMember3.token,
    );
    expect(asNode(thread.data?.node, "Feedback")!.replies).toEqual({
      totalCount: 2,
      edges: [{ node: { body: "About 20 minutes." } }, { node: { body: "Thanks!" } }],
    });
    const events = await app.db.prisma.activityEvent.findMany({ where: { type: "FEEDBACK_REPLIED", groupId: fx.peerGroupId } });
    const replyPayload = { kind: "NOTE", documentId: decode(doc.id), threadId: decode(root.id) };
    expect(events.map((e) => e.payload)).toEqual([replyPayload, replyPayload]);

    const top = await app.gql(
      graphql(`
        query DocumentsThreads($id: ID!) {
          node(id: $id) {
            ... on Document {
              feedback {
                totalCount
                edges {
                  node {
                    id
                  }
                }
              }
            }
          }
        }
      `),
      { id: doc.id },
      fx.people.peerMember.token,
    );
    expect(asNode(top.data?.node, "Document")!.feedback.edges.map((e) => e.node.id)).not.toContain(succeeded(first.data?.replyToFeedback).data.id);
  });

  it("resolves and reopens a thread once each; repeating either is INVALID_STATE", async () => {
    const root = await addFeedback(fx.people.peerMember3.token, { documentId: doc.id, kind: "GROW", body: "Add a sentence frame." });
    const resolved = await app.gql(RESOLVE, { id: root.id }, fx.people.peerMember.token);
    expect(succeeded(resolved.data?.resolveFeedback).data).toMatchObject({ resolvedAt: expect.any(String), resolvedBy: { id: fx.people.peerMember.gid } });
    const twice = await app.gql(RESOLVE, { id: root.id }, fx.people.peerMember2.token);
    expect(twice.data?.resolveFeedback).toMatchObject({ __typename: "RuleViolationError", code: "INVALID_STATE" });
    expect((await app.db.prisma.feedback.findUniqueOrThrow({ where: { id: decode(root.id) } })).resolvedById).toBe(fx.people.peerMember.id);

    const reopened = await app.gql(REOPEN, { id: root.id }, fx.people.peerMember3.token);
    expect(succeeded(reopened.data?.reopenFeedback).data).toMatchObject({ resolvedAt: null, resolvedBy: null });
    const reopenTwice = await app.gql(REOPEN, { id: root.id }, fx.people.peerMember3.token);
    expect(reopenTwice.data?.reopenFeedback).toMatchObject({ __typename: "RuleViolationError", code: "INVALID_STATE" });

    const types = (await app.db.prisma.activityEvent.findMany({ where: { subjectId: decode(root.id) }, orderBy: { createdAt: "asc" } })).map((e) => [
      e.type,
      e.payload,
    ]);
    expect(types).toEqual([
      ["FEEDBACK_ADDED", { kind: "GROW", documentId: decode(doc.id) }],
      ["FEEDBACK_RESOLVED", { kind: "GROW", documentId: decode(doc.id) }],
      ["FEEDBACK_REOPENED", { kind: "GROW", documentId: decode(doc.id) }],
    ]);
  });

  it("resolves threads, not replies", async () => {
    const root = await addFeedback(fx.people.peerMember.token, { documentId: doc.id, kind: "NOTE", body: "Check timings." });
    const reply = await app.gql(REPLY, { id: root.id, body: "Done." }, fx.people.peerMember2.token);
    const res = await app.gql(RESOLVE, { id: succeeded(reply.data?.replyToFeedback).data.id }, fx.people.peerMember.token);
    expect(res.data?.resolveFeedback).toMatchObject({ __typename: "RuleViolationError", code: "RULE_VIOLATION" });
  });

  it("filters threads by kind and state, with counts that match", async () => {
    const filtered = await app.gql(
      graphql(`
        query DocumentsFeedbackFilters($id: ID!) {
          node(id: $id) {
            ... on Document {
              all: feedback { totalCount edges { node { kind resolvedAt } } }
              open: feedback(state: OPEN) { totalCount edges { node { kind resolvedAt } } }
              resolved: feedback(state: RESOLVED) { totalCount }
              questionsAndGrows: feedback(kinds: [QUESTION, GROW]) { totalCount edges { node { kind } } }
              openGlows: feedback(kinds: [GLOW], state: OPEN) { totalCount }
              openFeedbackCount
            }
          }
        }
      `),
      { id: doc.id },
      fx.people.peerMember.token,
    );
    const d = asNode(filtered.data?.node, "Document")!;
    expect(d.all.edges.map((e) => e.node.kind)).toEqual(["GLOW", "QUESTION", "GROW", "NOTE"]);
    expect(d.all.totalCount).toBe(4);
    expect(d.open.totalCount).toBe(4);
    expect(d.resolved.totalCount).toBe(0);
    expect(d.questionsAndGrows.edges.map((e) => e.node.kind)).toEqual(["QUESTION", "GROW"]);
    expect(d.questionsAndGrows.totalCount).toBe(2);
    expect(d.openGlows.totalCount).toBe(1);
    expect(d.openFeedbackCount).toBe(4);

    const glow = await app.db.prisma.feedback.findFirstOrThrow({ where: { documentId: decode(doc.id), kind: "GLOW" } });
    await app.gql(RESOLVE, { id: gid("Feedback", glow.id) }, fx.people.peerMember.token);
    const after = await app.gql(
      graphql(`
        query DocumentsFeedbackAfterResolve($id: ID!) {
          node(id: $id) {
            ... on Document {
              open: feedback(state: OPEN) { totalCount }
              resolved: feedback(state: RESOLVED) { totalCount edges { node { kind } } }
              openFeedbackCount
            }
          }
        }
      `),
      { id: doc.id },
      fx.people.peerMember.token,
    );
    expect(after.data?.node).toEqual({ open: { totalCount: 3 }, resolved: { totalCount: 1, edges: [{ node: { kind: "GLOW" } }] }, openFeedbackCount: 3 });
  });

  it("refuses bad feedback input with every issue at once and writes nothing", async () => {
    const before = await dbCounts();
    const res = await app.gql(
      ADD_FEEDBACK,
      { input: { documentId: doc.id, kind: "GROW", body: "x".repeat(5001), anchor: { blob: "y".repeat(5000) }, anchorQuote: "z".repeat(501) } },
      fx.people.peerMember.token,
    );
    expect(res.data?.addFeedback.__typename).toBe("ValidationError");
    expect(
      issues(res.data?.addFeedback)
        .map((i) => i.path)
        .sort(),
    ).toEqual(["input.anchor", "input.anchorQuote", "input.body"]);
    const blank = await app.gql(ADD_FEEDBACK, { input: { documentId: doc.id, kind: "NOTE", body: "  ", anchor: [1, 2] } }, fx.people.peerMember.token);
    expect(
      issues(blank.data?.addFeedback)
        .map((i) => i.path)
        .sort(),
    ).toEqual(["input.anchor", "input.body"]);
    const longReply = await app.gql(
      REPLY,
      { id: gid("Feedback", (await app.db.prisma.feedback.findFirstOrThrow()).id), body: "x".repeat(5001) },
      fx.people.peerMember.token,
    );
    expect(longReply.data?.replyToFeedback).toMatchObject({ __typename: "ValidationError", issues: [{ path: "body" }] });
    expect(await dbCounts()).toEqual(before);
  });

  it("accepts a body of exactly 5000 characters", async () => {
    const fb = await addFeedback(fx.people.peerMember.token, { documentId: doc.id, kind: "NOTE", body: "w".repeat(5000) });
    expect(fb.body).toHaveLength(5000);
  });
});

describe("document lists", () => {
  let groupGid: string;
  beforeAll(async () => {
    const group = await app.make.group({
      schoolId: fx.schoolId,
      kind: "PEER",
      name: "List peer group",
      members: { create: [{ userId: fx.people.peerMember.id }, { userId: fx.people.peerMember2.id }, { userId: fx.people.peerMember3.id }] },
    });
    groupGid = gid("Group", group.id);
    // Creation and last-edit orders differ, so each ordering is told apart from the others.
    const rows = [
      ["LESSON_PLAN", "Volcanoes", "2030-01-01", "2030-02-03"],
      ["LESSON_PLAN", "Apple orchards", "2030-01-02", "2030-02-04"],
      ["MEETING_NOTES", "Debrief on volcanoes", "2030-01-03", "2030-02-01"],
      ["REFLECTION", "My volcano reflection", "2030-01-04", "2030-02-02"],
    ] as const;
    for (const [kind, title, createdAt, updatedAt] of rows) {
      const doc = await createDocument(fx.people.peerMember.token, { groupId: groupGid, kind, title });
      await app.db.prisma.document.update({ where: { id: decode(doc.id) }, data: { createdAt: new Date(createdAt), updatedAt: new Date(updatedAt) } });
    }
  });

  const LIST = graphql(`
    query DocumentsOfGroup($id: ID!, $kind: DocumentKind, $search: String, $orderBy: DocumentOrder, $first: Int, $after: String) {
      node(id: $id) {
        ... on Group {
          documents(kind: $kind, search: $search, orderBy: $orderBy, first: $first, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { node { title } }
          }
        }
      }
    }
  `);
  const documents = (res: GqlResult<ResultOf<typeof LIST>>) => asNode(res.data?.node, "Group")!.documents;
  const titles = (res: GqlResult<ResultOf<typeof LIST>>) => documents(res).edges.map((e) => e.node.title);

  it("orders by most recently updated by default, or by title, or by creation", async () => {
    const me = fx.people.peerMember.token;
    expect(titles(await app.gql(LIST, { id: groupGid }, me))).toEqual(["Apple orchards", "Volcanoes", "My volcano reflection", "Debrief on volcanoes"]);
    expect(titles(await app.gql(LIST, { id: groupGid, orderBy: "TITLE_ASC" }, me))).toEqual([
      "Apple orchards",
      "Debrief on volcanoes",
      "My volcano reflection",
      "Volcanoes",
    ]);
    expect(titles(await app.gql(LIST, { id: groupGid, orderBy: "CREATED_DESC" }, me))).toEqual([
      "My volcano reflection",
      "Debrief on volcanoes",
      "Apple orchards",
      "Volcanoes",
    ]);
  });

  it("filters by kind and by title, ignoring case; another member does not see my reflection", async () => {
    const search = await app.gql(LIST, { id: groupGid, search: "VOLCANO", orderBy: "TITLE_ASC" }, fx.people.peerMember.token);
    expect(titles(search)).toEqual(["Debrief on volcanoes", "My volcano reflection", "Volcanoes"]);
    expect(documents(search).totalCount).toBe(3);
    const other = await app.gql(LIST, { id: groupGid, search: "volcano", orderBy: "TITLE_ASC" }, fx.people.peerMember2.token);
    expect(titles(other)).toEqual(["Debrief on volcanoes", "Volcanoes"]);
    expect(documents(other).totalCount).toBe(2);
    const plans = await app.gql(LIST, { id: groupGid, kind: "LESSON_PLAN", orderBy: "TITLE_ASC" }, fx.people.peerMember2.token);
    expect(titles(plans)).toEqual(["Apple orchards", "Volcanoes"]);
  });

  it("pages with cursors", async () => {
    const me = fx.people.peerMember.token;
    const page1 = await app.gql(LIST, { id: groupGid, orderBy: "TITLE_ASC", first: 2 }, me);
    expect(titles(page1)).toEqual(["Apple orchards", "Debrief on volcanoes"]);
    expect(documents(page1).pageInfo.hasNextPage).toBe(true);
    const page2 = await app.gql(LIST, { id: groupGid, orderBy: "TITLE_ASC", first: 2, after: documents(page1).pageInfo.endCursor }, me);
    expect(titles(page2)).toEqual(["My volcano reflection", "Volcanoes"]);
    expect(documents(page2).totalCount).toBe(4);
  });

  it("myDocuments lists documents across my groups", async () => {
    const res = await app.gql(
      graphql(`
        query DocumentsMineSearch {
          myDocuments(search: "orchard") { totalCount edges { node { title } } }
        }
      `),
      {},
      fx.people.peerMember3.token,
    );
    expect(res.data?.myDocuments).toEqual({ totalCount: 1, edges: [{ node: { title: "Apple orchards" } }] });
    const stranger = await app.gql(
      graphql(`
        query DocumentsMineCount {
          myDocuments { totalCount }
        }
      `),
      {},
      fx.people.otherTeacher.token,
    );
    expect(stranger.data!.myDocuments.totalCount).toBe(0);
  });
});

function decode(globalId: string): string {
  return Buffer.from(globalId, "base64").toString("utf8").split(":")[1] ?? "";
}

describe("query cost", () => {
  it("a nested read costs the same number of SQL statements however long the lists are", async () => {
    const prisma = app.db.prisma;
    const group = await app.make.group({
      schoolId: fx.schoolId,
      kind: "PLC",
      name: "Cost PLC",
      members: { create: [{ userId: fx.people.plcMember.id, role: "MEMBER" }] },
    });
    const session = await app.make.session({ groupId: group.id, title: "Cost meeting", startsAt: new Date("2030-05-01T15:00:00Z") });
    /** Adds documents with threads and replies; returns the last document's id. */
    const seed = async (documents: number, threads: number, replies: number) => {
      let last = "";
      for (let d = 0; d < documents; d++) {
        const doc = await app.make.document({
          groupId: group.id,
          sessionId: session.id,
          creatorId: fx.people.plcMember.id,
          kind: "MEETING_NOTES",
          title: `Cost ${d}`,
        });
        for (let f = 0; f < threads; f++) {
          const thread = await app.make.feedback({ documentId: doc.id, authorId: fx.people.plcMember.id, kind: "GLOW", body: `t${f}` });
          for (let r = 0; r < replies; r++) {
            await app.make.feedback({ documentId: doc.id, authorId: fx.people.coach.id, parentId: thread.id, kind: "NOTE", body: `r${r}` });
          }
        }
        last = gid("Document", doc.id);
      }
      return last;
    };
    const LIST = graphql(`
      query DocumentsCostList($id: ID!) {
        node(id: $id) {
          ... on Group {
            documents {
              totalCount
              edges {
                node {
                  id title viewerAccess openFeedbackCount creator { name } session { title }
                  feedback { totalCount edges { node { body author { name } } } }
                }
              }
            }
          }
        }
      }
    `);
    const THREADS = graphql(`
      query DocumentsCostThreads($id: ID!) {
        node(id: $id) {
          ... on Document {
            feedback {
              edges {
                node {
                  body author { name } resolvedBy { name }
                  replies { totalCount edges { node { body author { name } parent { id } } } }
                }
              }
            }
          }
        }
      }
    `);
    const statements = async <R>(query: TypedDocument<R, { id: string }>, id: string) => {
      let count = 0;
      const stop = app.db.onQuery(() => count++);
      const res = await app.gql(query, { id }, fx.people.coach.token);
      stop();
      expect(res.errors).toBeUndefined();
      return count;
    };
    const small = await seed(1, 1, 1);
    const few = { list: await statements(LIST, gid("Group", group.id)), threads: await statements(THREADS, small) };
    const large = await seed(4, 3, 2);
    expect(await prisma.feedback.count({ where: { document: { groupId: group.id } } })).toBe(2 + 4 * 3 * 3);
    const many = { list: await statements(LIST, gid("Group", group.id)), threads: await statements(THREADS, large) };
    expect(few.list).toBeGreaterThan(0);
    expect(many).toEqual(few);
  });
});
