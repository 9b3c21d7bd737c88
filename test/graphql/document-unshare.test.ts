// Unsharing a document with coaches (shareDocumentWithCoaches with shared: false) binds at once:
// when the mutation returns, a coach's open live connection to the document has been closed
// with 4403, a new one is refused, and the document is gone from their lists; a group member's
// connection stays open. Sharing again lets the coach back in, read only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { startTestApp, type TestApp } from "../support/app.ts";
import { upgradeStatus } from "../support/collab.ts";
import { graphql } from "../support/graphql.ts";
import { MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "unshare");
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await app?.close();
});

const Share = graphql(
  `
    mutation UnshareTestShare($id: ID!, $shared: Boolean!) {
      shareDocumentWithCoaches(documentId: $id, shared: $shared) {
        __typename
        ... on MutationShareDocumentWithCoachesSuccess {
          data {
            id
            sharedWithCoachesAt
          }
        }
        ...MutationError
      }
    }
  `,
  [MutationError],
);

const CoachList = graphql(`
  query UnshareTestCoachList {
    documentsSharedWithCoaches(first: 50) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

const collabUrl = (documentId: string, token: string) => `${app.url.replace("http", "ws")}/collab/${documentId}?token=${encodeURIComponent(token)}`;

/** A live connection: resolves once the server adopted it (its first message), and reports its close code. */
async function connect(documentId: string, token: string): Promise<{ closed: Promise<number>; isOpen: () => boolean }> {
  const ws = new WebSocket(collabUrl(documentId, token));
  sockets.push(ws);
  ws.on("error", () => {});
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise((resolve) => ws.once("message", resolve));
  return { closed, isOpen: () => ws.readyState === WebSocket.OPEN };
}

describe("unsharing a document with coaches", () => {
  it("closes the coach's live connection before it returns, refuses a new one, and keeps members connected", async () => {
    const doc = await app.make.document({
      groupId: fx.peerGroupId,
      creatorId: fx.people.peerMember.id,
      kind: "LESSON_PLAN",
      title: "Shared, then not",
      sharedWithCoachesAt: new Date(),
    });
    const docGid = gid("Document", doc.id);
    const coach = await connect(doc.id, fx.people.coach.token);
    const member = await connect(doc.id, fx.people.peerMember2.token);
    const listed = async () => (await app.gql(CoachList, {}, fx.people.coach.token)).data?.documentsSharedWithCoaches.edges.map((e) => e.node.id) ?? [];
    expect(await listed()).toContain(docGid);

    const off = await app.gql(Share, { id: docGid, shared: false }, fx.people.peerMember.token);
    expect(succeeded(off.data?.shareDocumentWithCoaches).data.sharedWithCoachesAt).toBeNull();
    // The server closed it before answering; the close frame reaches this client a moment later.
    expect(await coach.closed).toBe(4403);
    expect(member.isOpen()).toBe(true);
    expect(await upgradeStatus(collabUrl(doc.id, fx.people.coach.token))).toBe(403);
    expect(await listed()).not.toContain(docGid);

    const on = await app.gql(Share, { id: docGid, shared: true }, fx.people.peerMember.token);
    expect(succeeded(on.data?.shareDocumentWithCoaches).data.sharedWithCoachesAt).toEqual(expect.any(String));
    expect(await listed()).toContain(docGid);
    const again = await connect(doc.id, fx.people.coach.token);
    expect(again.isOpen()).toBe(true);
  });

  it("a coach cannot unshare it, and a member of another group is answered as if it did not exist", async () => {
    const doc = await app.make.document({
      groupId: fx.peerGroupId,
      creatorId: fx.people.peerMember.id,
      kind: "LESSON_PLAN",
      title: "Shared and staying so",
      sharedWithCoachesAt: new Date(),
    });
    const docGid = gid("Document", doc.id);
    const byCoach = await app.gql(Share, { id: docGid, shared: false }, fx.people.coach.token);
    // A coach reads a shared document but may not change it, its sharing included.
    expect(byCoach.errors?.[0]?.extensions?.code ?? byCoach.data?.shareDocumentWithCoaches?.__typename).toMatch(/FORBIDDEN|ForbiddenError/);
    const byStranger = await app.gql(Share, { id: docGid, shared: false }, fx.people.otherTeacher.token);
    expect(byStranger.data?.shareDocumentWithCoaches).toMatchObject({ __typename: "NotFoundError" });
    expect((await app.db.prisma.document.findUniqueOrThrow({ where: { id: doc.id } })).sharedWithCoachesAt).not.toBeNull();
  });
});
