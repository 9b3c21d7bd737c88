// Trust boundaries for documents and feedback (README, "Who can see what"): a peer group's
// documents stay in the group unless shared with coaches, and then coaches and admins only read;
// PLC documents are open to the PLC and the school's leaders; a reflection is its author's alone
// unless shared. Every actor, through every path: node(id), the group's and the meeting's
// connections (with their counts and filters), nested feedback and replies, and every write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { GqlResult } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { asNode } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { TABLE_ACTORS, asActor, readOutcome, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;

/** rw: read and write; r: read only (a leader reading something shared); none: may not know it exists. */
type Access = "rw" | "r" | "none";

type Scenario = {
  name: "peerPlan" | "sharedPeerPlan" | "plcNotes" | "reflection" | "sharedReflection";
  group: "peer" | "plc";
  kind: "LESSON_PLAN" | "MEETING_NOTES" | "REFLECTION";
  creator: ActorKey;
  shared: boolean;
  /** Owner of the API tokens: someone who can write the document. */
  tokenOwner: ActorKey;
  access: Record<TrustActor, Access>;
};

const none = Object.fromEntries(TABLE_ACTORS.map((a) => [a, "none"])) as Record<TrustActor, Access>;
const peerGroupOnly = { ...none, peerMember: "rw", peerMember2: "rw", tokenWithScope: "rw" } as const;
const authorOnly = { ...none, peerMember: "rw", tokenWithScope: "rw" } as const;

const SCENARIOS: Scenario[] = [
  { name: "peerPlan", group: "peer", kind: "LESSON_PLAN", creator: "peerMember", shared: false, tokenOwner: "peerMember", access: peerGroupOnly },
  {
    name: "sharedPeerPlan",
    group: "peer",
    kind: "LESSON_PLAN",
    creator: "peerMember2",
    shared: true,
    tokenOwner: "peerMember",
    access: { ...peerGroupOnly, coach: "r", admin: "r" },
  },
  {
    name: "plcNotes",
    group: "plc",
    kind: "MEETING_NOTES",
    creator: "plcFacilitator",
    shared: false,
    tokenOwner: "plcMember",
    access: { ...none, plcFacilitator: "rw", plcMember: "rw", coach: "rw", admin: "rw", tokenWithScope: "rw" },
  },
  { name: "reflection", group: "peer", kind: "REFLECTION", creator: "peerMember", shared: false, tokenOwner: "peerMember", access: authorOnly },
  {
    name: "sharedReflection",
    group: "peer",
    kind: "REFLECTION",
    creator: "peerMember",
    shared: true,
    tokenOwner: "peerMember",
    access: { ...authorOnly, coach: "r", admin: "r" },
  },
];

type Seeded = { docId: string; docGid: string; threadId: string; threadGid: string; replyGid: string; sessionGid: string; groupGid: string; title: string };
const seeded = {} as Record<Scenario["name"], Seeded>;

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "trustdocs");
  const prisma = app.db.prisma;
  const sessions = {
    peer: await app.make.session({ groupId: fx.peerGroupId, title: "Peer meeting", startsAt: new Date("2030-03-01T15:00:00Z") }),
    plc: await app.make.session({ groupId: fx.plcGroupId, title: "PLC meeting", startsAt: new Date("2030-03-01T15:00:00Z") }),
  };
  for (const s of SCENARIOS) {
    const groupId = s.group === "peer" ? fx.peerGroupId : fx.plcGroupId;
    const title = `Trust ${s.name}`;
    const doc = await app.make.document({
      groupId,
      sessionId: sessions[s.group].id,
      creatorId: fx.people[s.creator].id,
      kind: s.kind,
      title,
      sharedWithCoachesAt: s.shared ? new Date() : null,
    });
    const thread = await app.make.feedback({ documentId: doc.id, authorId: fx.people[s.creator].id, kind: "GROW", body: `Thread on ${s.name}` });
    const reply = await app.make.feedback({
      documentId: doc.id,
      authorId: fx.people[s.creator].id,
      parentId: thread.id,
      kind: "NOTE",
      body: `Reply on ${s.name}`,
    });
    seeded[s.name] = {
      docId: doc.id,
      docGid: gid("Document", doc.id),
      threadId: thread.id,
      threadGid: gid("Feedback", thread.id),
      replyGid: gid("Feedback", reply.id),
      sessionGid: gid("Session", sessions[s.group].id),
      groupGid: s.group === "peer" ? fx.peerGroupGid : fx.plcGroupGid,
      title,
    };
  }
});
afterAll(() => app?.close());

const DOC_NODE = graphql(`
  query TrustDocumentNode($id: ID!) {
    node(id: $id) {
      ... on Document {
        id
        title
        viewerAccess
        collabRoom
        session {
          id
        }
        group {
          id
        }
        creator {
          id
          collabId
        }
      }
    }
  }
`);
const FEEDBACK_NODE = graphql(`
  query TrustFeedbackNode($id: ID!) {
    node(id: $id) {
      ... on Feedback {
        id
        body
        document {
          id
        }
        parent {
          id
        }
      }
    }
  }
`);
const GROUP_DOCS = graphql(`
  query TrustGroupDocuments($id: ID!, $kind: DocumentKind, $search: String) {
    node(id: $id) {
      ... on Group {
        documents(kind: $kind, search: $search, first: 100) {
          totalCount
          edges {
            node {
              id
              collabRoom
            }
          }
        }
      }
    }
  }
`);
const SESSION_DOCS = graphql(`
  query TrustSessionDocuments($id: ID!) {
    node(id: $id) {
      ... on Session {
        documents(first: 100) {
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
`);
const NESTED = graphql(`
  query TrustNestedFeedback($id: ID!) {
    node(id: $id) {
      ... on Document {
        feedback(state: OPEN) {
          totalCount
          edges {
            node {
              id
              body
              replies {
                totalCount
                edges {
                  node {
                    id
                    body
                    author {
                      id
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);
const GROUP_FEEDBACK = graphql(`
  query TrustGroupFeedback($id: ID!) {
    node(id: $id) {
      ... on Group {
        documents {
          edges {
            node {
              id
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
      }
    }
  }
`);
const SHARED_LIST = graphql(`
  query TrustSharedWithCoaches {
    documentsSharedWithCoaches(first: 100) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

type Connection = { totalCount: number; edges: { node: { id: string } }[] } | undefined;

/** "shown" when the connection holds the document; its count must never include a refused row. */
function connectionOutcome<T>(result: GqlResult<T>, pick: (data: T) => Connection | null, docGid: string) {
  // A refused row inside a list would be refused again by its node's own check: that must never happen.
  const refusedRows = (result.errors ?? []).filter((e) => e.path?.includes("edges"));
  expect(refusedRows, "a connection must not hold rows the viewer may not read").toEqual([]);
  const outcome = readOutcome(result, (d) => pick(d)?.edges.some((e) => e.node.id === docGid));
  const connection = (() => {
    try {
      return pick(result.data as T);
    } catch {
      return undefined;
    }
  })();
  if (connection) expect(connection.totalCount, "totalCount counts exactly the rows shown").toBe(connection.edges.length);
  return outcome;
}

describe.each(SCENARIOS)("reading $name", (scenario) => {
  const expectedReads = (actor: TrustActor) => {
    const access = scenario.access[actor];
    const shown = access === "none" ? "hidden" : "shown";
    // A leader reading a shared peer-group document does not see the group's meetings, so not via one.
    const sessionVisible = scenario.group === "plc" ? scenario.access[actor] !== "none" : ["peerMember", "peerMember2", "tokenWithScope"].includes(actor);
    return {
      node: access === "rw" ? "WRITE" : access === "r" ? "READ" : "hidden",
      collabRoom: shown,
      collabRoomViaGroup: shown,
      feedbackNode: shown,
      replyNode: shown,
      groupDocuments: shown,
      filteredGroupDocuments: shown,
      wrongKindFilter: "hidden",
      sessionDocuments: shown === "shown" && sessionVisible ? "shown" : "hidden",
      nestedReplies: shown,
      feedbackViaGroup: shown,
      sharedWithCoachesList: scenario.shared && access !== "none" && (actor === "coach" || actor === "admin") ? "shown" : "hidden",
    };
  };

  it.each(TABLE_ACTORS)("%s", async (actor) => {
    const s = seeded[scenario.name];
    const gql = await asActor(app, fx, actor, scenario.tokenOwner, "CONTENT_READ");
    const docRes = await gql(DOC_NODE, { id: s.docGid });
    const nodeOutcome = readOutcome(docRes, (d) => asNode(d.node, "Document")?.id);
    const docNode = asNode(docRes.data?.node, "Document");
    if (nodeOutcome === "shown") {
      expect(docNode).toMatchObject({ id: s.docGid, title: s.title, group: { id: s.groupGid }, creator: { id: fx.people[scenario.creator].gid } });
    }
    const nested = await gql(NESTED, { id: s.docGid });
    const outcomes = {
      node: nodeOutcome === "shown" ? docNode?.viewerAccess : "hidden",
      // The live-document room (the database id the collab endpoint takes) and the creator's
      // id inside live documents travel only with a readable document.
      collabRoom: readOutcome(docRes, (d) => {
        const node = asNode(d.node, "Document");
        return node?.collabRoom === s.docId && node.creator.collabId === fx.people[scenario.creator].id;
      }),
      collabRoomViaGroup: readOutcome(await gql(GROUP_DOCS, { id: s.groupGid }), (d) =>
        asNode(d.node, "Group")?.documents.edges.some((e) => e.node.collabRoom === s.docId),
      ),
      feedbackNode: readOutcome(await gql(FEEDBACK_NODE, { id: s.threadGid }), (d) => asNode(d.node, "Feedback")?.document.id === s.docGid),
      replyNode: readOutcome(await gql(FEEDBACK_NODE, { id: s.replyGid }), (d) => asNode(d.node, "Feedback")?.parent?.id === s.threadGid),
      groupDocuments: connectionOutcome(await gql(GROUP_DOCS, { id: s.groupGid }), (d) => asNode(d.node, "Group")?.documents, s.docGid),
      filteredGroupDocuments: connectionOutcome(
        await gql(GROUP_DOCS, { id: s.groupGid, kind: scenario.kind, search: s.title.toUpperCase() }),
        (d) => asNode(d.node, "Group")?.documents,
        s.docGid,
      ),
      wrongKindFilter: connectionOutcome(await gql(GROUP_DOCS, { id: s.groupGid, kind: "ACTION_PLAN" }), (d) => asNode(d.node, "Group")?.documents, s.docGid),
      sessionDocuments: connectionOutcome(await gql(SESSION_DOCS, { id: s.sessionGid }), (d) => asNode(d.node, "Session")?.documents, s.docGid),
      nestedReplies: readOutcome(nested, (d) => {
        const thread = asNode(d.node, "Document")?.feedback.edges.find((e) => e.node.id === s.threadGid)?.node;
        return thread?.replies.edges.some((e) => e.node.id === s.replyGid && e.node.body === `Reply on ${scenario.name}`);
      }),
      feedbackViaGroup: readOutcome(await gql(GROUP_FEEDBACK, { id: s.groupGid }), (d) => {
        const doc = asNode(d.node, "Group")?.documents.edges.find((e) => e.node.id === s.docGid)?.node;
        return doc?.feedback.totalCount === 1 && doc.feedback.edges[0]?.node.id === s.threadGid;
      }),
      sharedWithCoachesList: connectionOutcome(await gql(SHARED_LIST), (d) => d.documentsSharedWithCoaches, s.docGid),
    };
    expect(outcomes).toEqual(expectedReads(actor));
  });
});

const ADD_FEEDBACK = graphql(`
  mutation TrustAddFeedback($id: ID!) {
    addFeedback(input: { documentId: $id, kind: GLOW, body: "Trust feedback" }) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const REPLY = graphql(`
  mutation TrustReplyToFeedback($id: ID!) {
    replyToFeedback(feedbackId: $id, body: "Trust reply") {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const RENAME = graphql(`
  mutation TrustRenameDocument($id: ID!, $title: String!) {
    renameDocument(documentId: $id, title: $title) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const RESOLVE = graphql(`
  mutation TrustResolveFeedback($id: ID!) {
    resolveFeedback(feedbackId: $id) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const REOPEN = graphql(`
  mutation TrustReopenFeedback($id: ID!) {
    reopenFeedback(feedbackId: $id) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const SHARE = graphql(`
  mutation TrustShareDocument($id: ID!, $shared: Boolean!) {
    shareDocumentWithCoaches(documentId: $id, shared: $shared) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const DELETE = graphql(`
  mutation TrustDeleteDocument($id: ID!) {
    deleteDocument(documentId: $id) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const CREATE = graphql(`
  mutation TrustCreateDocument($group: ID!, $kind: DocumentKind!) {
    createDocument(input: { groupId: $group, kind: $kind, title: "Trust new" }) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);

describe.each(SCENARIOS)("writing $name", (scenario) => {
  it.each(TABLE_ACTORS)("%s", async (actor) => {
    const s = seeded[scenario.name];
    const prisma = app.db.prisma;
    const gql = await asActor(app, fx, actor, scenario.tokenOwner, "CONTENT_WRITE");
    const expected = scenario.access[actor] === "rw" ? "done" : "refused";
    const feedbackCount = () => prisma.feedback.count({ where: { documentId: s.docId } });
    const doc = () => prisma.document.findUniqueOrThrow({ where: { id: s.docId } });
    const thread = () => prisma.feedback.findUniqueOrThrow({ where: { id: s.threadId } });
    const before = { feedback: await feedbackCount(), doc: await doc(), thread: await thread() };

    const outcomes = {
      addFeedback: writeOutcome(await gql(ADD_FEEDBACK, { id: s.docGid }), "addFeedback"),
      replyToFeedback: writeOutcome(await gql(REPLY, { id: s.threadGid }), "replyToFeedback"),
      renameDocument: writeOutcome(await gql(RENAME, { id: s.docGid, title: `Renamed by ${actor}` }), "renameDocument"),
      resolveFeedback: writeOutcome(await gql(RESOLVE, { id: s.threadGid }), "resolveFeedback"),
      reopenFeedback: writeOutcome(await gql(REOPEN, { id: s.threadGid }), "reopenFeedback"),
      shareDocumentWithCoaches: writeOutcome(await gql(SHARE, { id: s.docGid, shared: !scenario.shared }), "shareDocumentWithCoaches"),
    };
    expect(outcomes).toEqual({
      addFeedback: expected,
      replyToFeedback: expected,
      renameDocument: expected,
      resolveFeedback: expected,
      reopenFeedback: expected,
      shareDocumentWithCoaches: expected,
    });

    const after = {
      feedback: await feedbackCount(),
      doc: await prisma.document.findUnique({ where: { id: s.docId } }),
      thread: await prisma.feedback.findUnique({ where: { id: s.threadId } }),
    };
    if (expected === "refused") {
      expect(after).toEqual(before);
    } else {
      expect(after.feedback).toBe(before.feedback + 2);
      expect(after.doc?.title).toBe(`Renamed by ${actor}`);
      expect(after.doc?.sharedWithCoachesAt === null).toBe(scenario.shared);
      expect(after.thread?.resolvedAt).toBeNull();
      // Put the document back as the other actors expect to find it.
      await prisma.document.update({ where: { id: s.docId }, data: { title: before.doc.title, sharedWithCoachesAt: before.doc.sharedWithCoachesAt } });
    }
  });
});

describe.each(SCENARIOS)("deleting $name", (scenario) => {
  // Deleting takes write access and being the creator or one of the group's managers: in a PLC
  // a plain member (and their token) may edit the facilitator's notes but not delete them.
  const mayDelete = (actor: TrustActor) =>
    scenario.access[actor] === "rw" && !(scenario.group === "plc" && (actor === "plcMember" || actor === "tokenWithScope"));

  it.each(TABLE_ACTORS)("%s", async (actor) => {
    const prisma = app.db.prisma;
    const groupId = scenario.group === "peer" ? fx.peerGroupId : fx.plcGroupId;
    const doc = await app.make.document({
      groupId,
      creatorId: fx.people[scenario.creator].id,
      kind: scenario.kind,
      title: "Throwaway",
      sharedWithCoachesAt: scenario.shared ? new Date() : null,
    });
    const gql = await asActor(app, fx, actor, scenario.tokenOwner, "CONTENT_WRITE");
    const outcome = writeOutcome(await gql(DELETE, { id: gid("Document", doc.id) }), "deleteDocument");
    expect(outcome).toBe(mayDelete(actor) ? "done" : "refused");
    expect(await prisma.document.count({ where: { id: doc.id } })).toBe(outcome === "done" ? 0 : 1);
  });
});

// Taking a shared document back (shareDocumentWithCoaches with shared: false): only its writers
// can, and once they have, the school's leaders read it like any unshared one: not at all.
describe.each(SCENARIOS.filter((s) => s.shared))("unsharing $name", (scenario) => {
  it.each(TABLE_ACTORS)("%s", async (actor) => {
    const prisma = app.db.prisma;
    const doc = await app.make.document({
      groupId: scenario.group === "peer" ? fx.peerGroupId : fx.plcGroupId,
      creatorId: fx.people[scenario.creator].id,
      kind: scenario.kind,
      title: `Unshared by ${actor}`,
      sharedWithCoachesAt: new Date(),
    });
    const docGid = gid("Document", doc.id);
    const gql = await asActor(app, fx, actor, scenario.tokenOwner, "CONTENT_WRITE");
    const outcome = writeOutcome(await gql(SHARE, { id: docGid, shared: false }), "shareDocumentWithCoaches");
    expect(outcome).toBe(scenario.access[actor] === "rw" ? "done" : "refused");
    expect((await prisma.document.findUniqueOrThrow({ where: { id: doc.id } })).sharedWithCoachesAt === null).toBe(outcome === "done");
    for (const leader of ["coach", "admin"] as const) {
      const asLeader = await asActor(app, fx, leader, scenario.tokenOwner, "CONTENT_READ");
      const read = readOutcome(await asLeader(DOC_NODE, { id: docGid }), (d) => asNode(d.node, "Document")?.id);
      const listed = connectionOutcome(await asLeader(SHARED_LIST), (d) => d.documentsSharedWithCoaches, docGid);
      expect({ leader, read, listed }).toEqual({ leader, read: outcome === "done" ? "hidden" : "shown", listed: outcome === "done" ? "hidden" : "shown" });
    }
  });
});

describe("creating documents", () => {
  const CREATORS: Record<string, { group: "peer" | "plc"; kind: "LESSON_PLAN" | "REFLECTION" | "MEETING_NOTES"; tokenOwner: ActorKey; allowed: TrustActor[] }> =
    {
      "a peer lesson plan": { group: "peer", kind: "LESSON_PLAN", tokenOwner: "peerMember", allowed: ["peerMember", "peerMember2", "tokenWithScope"] },
      "a peer reflection": { group: "peer", kind: "REFLECTION", tokenOwner: "peerMember", allowed: ["peerMember", "peerMember2", "tokenWithScope"] },
      "PLC meeting notes": {
        group: "plc",
        kind: "MEETING_NOTES",
        tokenOwner: "plcMember",
        allowed: ["plcFacilitator", "plcMember", "coach", "admin", "tokenWithScope"],
      },
      // Reflections are members' own: leaders steer a PLC but do not write reflections in it.
      "a PLC reflection": { group: "plc", kind: "REFLECTION", tokenOwner: "plcMember", allowed: ["plcFacilitator", "plcMember", "tokenWithScope"] },
    };
  const cases = Object.entries(CREATORS).flatMap(([what, c]) => TABLE_ACTORS.map((actor) => ({ what, actor, ...c })));

  it.each(cases)("$what by $actor", async ({ group, kind, tokenOwner, allowed, actor }) => {
    const prisma = app.db.prisma;
    const groupId = group === "peer" ? fx.peerGroupId : fx.plcGroupId;
    const before = { documents: await prisma.document.count({ where: { groupId } }), activity: await prisma.activityEvent.count({ where: { groupId } }) };
    const gql = await asActor(app, fx, actor, tokenOwner, "CONTENT_WRITE");
    const outcome = writeOutcome(await gql(CREATE, { group: gid("Group", groupId), kind }), "createDocument");
    expect(outcome).toBe(allowed.includes(actor) ? "done" : "refused");
    const grew = outcome === "done" ? 1 : 0;
    expect(await prisma.document.count({ where: { groupId } })).toBe(before.documents + grew);
    expect(await prisma.activityEvent.count({ where: { groupId } })).toBe(before.activity + grew);
  });
});

describe("feedback on my documents (home page)", () => {
  // peerMember's lesson plan gets a glow from peerMember2 and a reply from peerMember3, plus
  // peerMember's own note; the facilitator's PLC notes get a question from the coach. Each list
  // holds exactly the others' feedback on the viewer's own documents, and nobody else sees it.
  // Only this block's feedback is dated 2030: the write tests above add feedback to other documents meanwhile.
  const FEEDBACK_ON_MINE = graphql(`
    query TrustFeedbackOnMine {
      feedbackOnMyDocuments(first: 50, since: "2030-01-01T00:00:00Z") {
        totalCount
        edges {
          node {
            id
            body
            author {
              id
            }
            document {
              id
            }
          }
        }
      }
    }
  `);
  let expectedFor: Partial<Record<TrustActor, string[]>>;

  beforeAll(async () => {
    const prisma = app.db.prisma;
    const plan = await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "Inbox plan" });
    const glow = await app.make.feedback({
      documentId: plan.id,
      authorId: fx.people.peerMember2.id,
      kind: "GLOW",
      body: "Inbox glow",
      createdAt: new Date("2030-01-01T10:00:00Z"),
    });
    const reply = await app.make.feedback({
      documentId: plan.id,
      authorId: fx.people.peerMember3.id,
      parentId: glow.id,
      kind: "NOTE",
      body: "Inbox reply",
      createdAt: new Date("2030-01-01T11:00:00Z"),
    });
    await app.make.feedback({
      documentId: plan.id,
      authorId: fx.people.peerMember.id,
      kind: "NOTE",
      body: "My own note",
      createdAt: new Date("2030-01-01T12:00:00Z"),
    });
    const notes = await app.make.document({ groupId: fx.plcGroupId, creatorId: fx.people.plcFacilitator.id, kind: "MEETING_NOTES", title: "Inbox notes" });
    const question = await app.make.feedback({
      documentId: notes.id,
      authorId: fx.people.coach.id,
      kind: "QUESTION",
      body: "Inbox question",
      createdAt: new Date("2030-01-02T09:00:00Z"),
    });
    const peerInbox = [gid("Feedback", reply.id), gid("Feedback", glow.id)];
    expectedFor = { peerMember: peerInbox, tokenWithScope: peerInbox, plcFacilitator: [gid("Feedback", question.id)] };
  });

  it.each(TABLE_ACTORS)("%s", async (actor) => {
    // Tokens belong to peerMember: with CONTENT_READ they see peerMember's inbox, without it nothing.
    const gql = await asActor(app, fx, actor, "peerMember", "CONTENT_READ");
    const result = await gql(FEEDBACK_ON_MINE);
    const expected = expectedFor[actor] ?? [];
    const outcome = readOutcome(result, (d) => d.feedbackOnMyDocuments.totalCount);
    expect(outcome).toBe(expected.length > 0 ? "shown" : "hidden");
    if (outcome === "shown") {
      const ids = result.data?.feedbackOnMyDocuments.edges.map((e) => e.node.id);
      expect(ids).toEqual(expected);
      expect(result.data?.feedbackOnMyDocuments.totalCount).toBe(expected.length);
    }
  });
});

const UPDATE_FEEDBACK = graphql(`
  mutation TrustUpdateFeedback($id: ID!) {
    updateFeedback(feedbackId: $id, body: "Edited by trust") {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const DELETE_FEEDBACK = graphql(`
  mutation TrustDeleteFeedback($id: ID!) {
    deleteFeedback(feedbackId: $id) {
      __typename
      ... on BaseError {
        code
        message
      }
    }
  }
`);

/** "done", or the refusal's code (a GraphQL error's or a typed error's): missing and forbidden are told apart by it. */
function answer(result: GqlResult<unknown>, field: string): string {
  const code = result.errors?.[0]?.extensions?.code;
  if (code) return String(code);
  const payload = (result.data as Record<string, { __typename: string; code?: string }> | undefined)?.[field];
  if (payload?.__typename.endsWith("Success")) return "done";
  return payload?.code ?? "null";
}

describe.each(SCENARIOS)("editing and deleting feedback on $name", (scenario) => {
  // Only the author (or their token) changes their feedback; someone who cannot read the
  // document hears exactly what an unknown id gets; a reader or writer who is not the author is refused.
  const isAuthor = (actor: TrustActor) => actor === scenario.creator || (actor === "tokenWithScope" && scenario.tokenOwner === scenario.creator);

  it.each(TABLE_ACTORS)("%s", async (actor) => {
    const prisma = app.db.prisma;
    const s = seeded[scenario.name];
    const thread = await app.make.feedback({ documentId: s.docId, authorId: fx.people[scenario.creator].id, kind: "GLOW", body: "Mine" });
    const reply = await app.make.feedback({
      documentId: s.docId,
      authorId: fx.people[scenario.creator].id,
      parentId: thread.id,
      kind: "NOTE",
      body: "Mine too",
    });
    const gql = await asActor(app, fx, actor, scenario.tokenOwner, "CONTENT_WRITE");
    const unknown = gid("Feedback", "00000000-0000-4000-8000-000000000000");

    const edited = answer(await gql(UPDATE_FEEDBACK, { id: gid("Feedback", reply.id) }), "updateFeedback");
    const deleted = answer(await gql(DELETE_FEEDBACK, { id: gid("Feedback", thread.id) }), "deleteFeedback");
    const remaining = await prisma.feedback.findMany({ where: { id: { in: [thread.id, reply.id] } }, orderBy: { createdAt: "asc" } });

    if (scenario.access[actor] === "rw" && isAuthor(actor)) {
      expect({ edited, deleted }).toEqual({ edited: "done", deleted: "done" });
      // The thread went with its reply.
      expect(remaining).toEqual([]);
      return;
    }
    // Nothing changed.
    expect(remaining.map((f) => f.body).sort()).toEqual(["Mine", "Mine too"]);
    // A token without CONTENT_WRITE still reads its owner's documents: it is refused, like any reader.
    if (scenario.access[actor] === "none" && actor !== "tokenWithoutScope") {
      // Forbidden answered like missing: the same answer as for an id that names nothing.
      const forUnknown = answer(await gql(DELETE_FEEDBACK, { id: unknown }), "deleteFeedback");
      expect({ edited, deleted }).toEqual({ edited: forUnknown, deleted: forUnknown });
    } else {
      expect({ edited, deleted }).toEqual({ edited: "FORBIDDEN", deleted: "FORBIDDEN" });
    }
    await prisma.feedback.deleteMany({ where: { id: thread.id } });
  });
});

const CAN_DELETE = graphql(`
  query TrustDocumentCanDelete($id: ID!) {
    node(id: $id) {
      ... on Document {
        id
        viewerCanDelete
      }
    }
  }
`);

describe.each(SCENARIOS)("Document.viewerCanDelete on $name", (scenario) => {
  // The same rule deleteDocument applies: its creator or the group's managers, with write access.
  const mayDelete = (actor: TrustActor) =>
    scenario.access[actor] === "rw" && !(scenario.group === "plc" && (actor === "plcMember" || actor === "tokenWithScope"));
  it.each(TABLE_ACTORS)("%s", async (actor) => {
    const gql = await asActor(app, fx, actor, scenario.tokenOwner, "CONTENT_WRITE");
    const node = asNode((await gql(CAN_DELETE, { id: seeded[scenario.name].docGid })).data?.node, "Document");
    if (scenario.access[actor] === "none" && actor !== "tokenWithoutScope") expect(node ?? null).toBeNull();
    // A token without CONTENT_WRITE reads its owner's documents, and may not delete them.
    else expect(node?.viewerCanDelete).toBe(mayDelete(actor));
  });
});
