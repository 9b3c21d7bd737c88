// Deleting a document closes its live editors with a reason they can show (issue 12, item 5):
// every real y-websocket client of the document is closed with 4410 "document deleted by <name>",
// stops reconnecting (a 44xx code is final), and a new connection is refused like any unknown
// document. Editors of other documents are untouched.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { connectClient, eventually, synced, upgradeStatus, type Client } from "../support/collab.ts";
import { graphql } from "../support/graphql.ts";
import { MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
const clients: Client[] = [];

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "docdel");
});
afterAll(async () => {
  for (const c of clients) c.close();
  await app?.close();
});

const DELETE = graphql(
  `
  mutation CollabDeleteDocument($id: ID!) {
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

function open(documentId: string, token: string) {
  const client = connectClient(app.url, documentId, token);
  clients.push(client);
  const closes: { code: number; reason: string }[] = [];
  client.provider.on("connection-close", (event: CloseEvent | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return { client, closes };
}

it("closes every editor of the deleted document with who deleted it, and they stay closed", async () => {
  const plan = await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "To delete" });
  const other = await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "To keep" });
  const author = open(plan.id, fx.people.peerMember.token);
  const colleague = open(plan.id, fx.people.peerMember2.token);
  const bystander = open(other.id, fx.people.peerMember2.token);
  await Promise.all([synced(author.client), synced(colleague.client), synced(bystander.client)]);

  succeeded((await app.gql(DELETE, { id: gid("Document", plan.id) }, fx.people.peerMember.token)).data?.deleteDocument);

  const expected = { code: 4410, reason: `document deleted by ${fx.people.peerMember.name}` };
  await eventually(() => author.closes.length > 0 && colleague.closes.length > 0, "both editors closed");
  expect(author.closes).toEqual([expected]);
  expect(colleague.closes).toEqual([expected]);
  // A final code: the providers do not try again.
  expect(author.client.provider.shouldConnect).toBe(false);
  expect(colleague.client.provider.shouldConnect).toBe(false);
  // The other document's editor is still live, and the deleted one cannot be opened again.
  expect(bystander.closes).toEqual([]);
  expect(bystander.client.provider.wsconnected).toBe(true);
  const url = `${app.url.replace(/^http/, "ws")}/collab/${plan.id}?token=${encodeURIComponent(fx.people.peerMember2.token)}`;
  expect(await upgradeStatus(url)).toBe(403);
});
