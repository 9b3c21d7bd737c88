// Deactivating a school member ends their live connections before deactivateSchoolMember returns
// (issue 11, item 5): a real y-websocket provider is closed with 4403 "account deactivated" (and an
// edit sent right after the mutation is refused), their graphql-ws connection closes with 4403,
// and a subscription over SSE ends with UNAUTHENTICATED by itself: no event is needed to notice,
// and nothing of what follows is heard.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Client as GraphQLWsClient } from "graphql-ws";
import { startSession } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { connectClient, eventually, synced, type Client } from "../support/collab.ts";
import { openRawWebSocket, type RawWebSocket } from "../support/raw-websocket.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { editFrame, storedText } from "../support/stored-edits.ts";
import { subscribeSse, subscribeWs, wsClient, type Stream } from "../support/subscriptions.ts";

let app: TestApp;
let fx: SchoolFixture;
const providers: Client[] = [];
const raw: RawWebSocket[] = [];
const wsClients: GraphQLWsClient[] = [];
const streams: Stream[] = [];

beforeAll(async () => {
  app = await startTestApp({ collab: { unloadAfterMs: 50 } });
  fx = await buildSchoolFixture(app.db.prisma, "deact");
});
afterAll(async () => {
  for (const s of streams) s.dispose();
  for (const c of wsClients) await c.dispose();
  for (const p of providers) p.close();
  for (const r of raw) r.destroy();
  await app?.close();
});

const GROUP_SUB = graphql(`
  subscription TrustDeactivationGroupActivity($groupId: ID!) {
    groupActivity(groupId: $groupId) {
      id
      type
      document {
        id
        title
      }
    }
  }
`);

it("closes the open editor and ends the subscription before deactivateSchoolMember returns", async () => {
  // A teacher of the peer group, with an editor open on the group's plan and a subscription to the group.
  const teacher = await app.db.prisma.user.create({
    data: {
      email: `deactivated-${Date.now()}@example.test`,
      name: "Dee Activated",
      passwordHash: "scrypt$unused",
      schoolMemberships: { create: { schoolId: fx.schoolId, role: "TEACHER" } },
      groupMemberships: { create: { groupId: fx.peerGroupId } },
    },
  });
  const member = await app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: teacher.id } });
  const { token } = await startSession(app.db.prisma, teacher.id, 3600_000);
  const plan = await app.db.prisma.document.create({
    data: { groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "Shared plan" },
  });

  const editor = connectClient(app.url, plan.id, token);
  providers.push(editor);
  await synced(editor);
  const closes: { code: number; reason: string }[] = [];
  editor.provider.on("connection-close", (event: CloseEvent | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  editor.text.insert(0, "[while a member]");
  await eventually(async () => (await app.documents.read(plan.id)).getText("body").toString().includes("[while a member]"), "the member's edit stored");

  // A socket that never reads: it cannot know it was closed, so it really sends the late edit.
  const writer = await openRawWebSocket(`${app.url.replace("http", "ws")}/collab/${plan.id}?token=${encodeURIComponent(token)}`);
  raw.push(writer);

  const client = wsClient(app, token);
  wsClients.push(client);
  const stream = subscribeWs(client, "groupActivity", GROUP_SUB, { groupId: fx.peerGroupGid });
  streams.push(stream);
  await stream.untilLive(app, { schoolId: fx.schoolId, groupId: fx.peerGroupId, type: "SESSION_STARTED", payload: {} });
  const sse = subscribeSse(app, "groupActivity", GROUP_SUB, { groupId: fx.peerGroupGid }, token);
  streams.push(sse);
  await sse.untilLive(app, { schoolId: fx.schoolId, groupId: fx.peerGroupId, type: "SESSION_STARTED", payload: {} });

  const res = await app.gql(
    graphql(`
      mutation TrustDeactivateSchoolMember($id: ID!) {
        deactivateSchoolMember(memberId: $id) {
          __typename
        }
      }
    `),
    { id: gid("SchoolMember", member.id) },
    fx.people.admin.token,
  );
  expect(res.data?.deactivateSchoolMember.__typename).toBe("MutationDeactivateSchoolMemberSuccess");
  // Right after it returned, an edit over the old connection.
  writer.send(editFrame("[after deactivation]"));

  // Both ended by themselves: nothing happened in the group that would make them look. The
  // websocket closed (every operation on it ends); the SSE stream said why and completed.
  expect(await stream.refusal()).toBe("CLOSED_4403");
  expect(await sse.refusal()).toBe("UNAUTHENTICATED");
  await expect.poll(() => sse.completed).toBe(true);
  await app.gql(
    graphql(`
      mutation TrustCreateDocumentAfterDeactivation($input: CreateDocumentInput!) {
        createDocument(input: $input) {
          __typename
        }
      }
    `),
    { input: { groupId: fx.peerGroupGid, kind: "LESSON_PLAN", title: "Made after the deactivation" } },
    fx.people.peerMember2.token,
  );
  expect(stream.pending().filter(Boolean)).toEqual([]);
  expect(sse.pending().filter(Boolean)).toEqual([]);

  // The editor was closed for good, saying why; y-websocket does not reconnect after a 44xx code.
  await eventually(() => closes.length > 0, "the editor's connection closed");
  expect(closes[0]).toEqual({ code: 4403, reason: "account deactivated" });
  await eventually(() => !editor.provider.wsconnected && !editor.provider.wsconnecting, "the provider stays disconnected");

  // The late edit was refused, the earlier one kept.
  const text = await storedText(app, plan.id);
  expect(text).toContain("[while a member]");
  expect(text).not.toContain("[after deactivation]");
});
