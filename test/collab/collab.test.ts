// The /collab endpoint with real y-websocket clients: convergence, presence, read-only and
// refused connections, revocation, and the document lifecycle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startTestApp, type TestApp } from "../support/app.ts";
import { connectClient, eventually, synced, upgradeStatus, type Client } from "../support/collab.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql } from "../support/graphql.ts";
import { RemoveGroupMember, succeeded } from "../support/operations.ts";

const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);
const CREATE_API_TOKEN = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on MutationCreateApiTokenSuccess {
        data {
          secret
          apiToken {
            id
          }
        }
      }
    }
  }
`);
const REVOKE_API_TOKEN = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
    }
  }
`);
const ARCHIVE_GROUP = graphql(`
  mutation ArchiveGroup($g: ID!) {
    archiveGroup(groupId: $g) {
      __typename
    }
  }
`);

let app: TestApp;
let fx: SchoolFixture;
let peerPlanId: string;
let sharedPlanId: string;
const open: Client[] = [];

beforeAll(async () => {
  app = await startTestApp({ collab: { unloadAfterMs: 50 } });
  fx = await buildSchoolFixture(app.db.prisma);
  const plan = (title: string, shared: boolean) =>
    app.make.document({
      groupId: fx.peerGroupId,
      creatorId: fx.people.peerMember.id,
      kind: "LESSON_PLAN",
      title,
      sharedWithCoachesAt: shared ? new Date() : null,
    });
  peerPlanId = (await plan("Fractions with fraction strips", false)).id;
  sharedPlanId = (await plan("Shared: number talks", true)).id;
});
afterAll(async () => {
  for (const client of open) client.close();
  await app?.close();
});

function client(documentId: string, who: keyof SchoolFixture["people"]) {
  const c = connectClient(app.url, documentId, fx.people[who].token);
  open.push(c);
  return c;
}

describe("co-editing", () => {
  it("two providers converge on concurrent edits, and the server keeps them", async () => {
    const a = client(peerPlanId, "peerMember");
    const b = client(peerPlanId, "peerMember2");
    await Promise.all([synced(a), synced(b)]);
    a.text.insert(0, "Warm-up: ");
    b.text.insert(0, "Exit ticket. ");
    await eventually(() => a.text.toString() === b.text.toString() && a.text.length > 15, "both edits on both clients");
    expect(a.text.toString()).toContain("Warm-up: ");
    expect(a.text.toString()).toContain("Exit ticket. ");
    await eventually(async () => (await app.documents.read(peerPlanId)).getText("body").toString() === a.text.toString(), "server copy converged");
  });

  it("awareness (presence) reaches the others", async () => {
    const a = client(peerPlanId, "peerMember");
    const b = client(peerPlanId, "peerMember3");
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField("user", { name: "Ana", color: "#e07a5f" });
    await eventually(
      () => [...b.provider.awareness.getStates().values()].some((s) => (s as { user?: { name: string } }).user?.name === "Ana"),
      "Ana's presence at B",
    );
  });
});

describe("who may connect", () => {
  const url = (id: string, token?: string) => `${app.url.replace("http", "ws")}/collab/${id}${token ? `?token=${token}` : ""}`;

  it("refuses a missing or bad token with 401 before the upgrade", async () => {
    expect(await upgradeStatus(url(peerPlanId))).toBe(401);
    expect(await upgradeStatus(url(peerPlanId, "srs_not-a-real-token"))).toBe(401);
  });

  it("refuses someone without access with 403 before the upgrade", async () => {
    expect(await upgradeStatus(url(peerPlanId, fx.people.coach.token))).toBe(403);
    expect(await upgradeStatus(url(peerPlanId, fx.people.otherTeacher.token))).toBe(403);
    expect(await upgradeStatus(url(peerPlanId, fx.people.otherSchoolAdmin.token))).toBe(403);
    expect(await upgradeStatus(url(peerPlanId, fx.people.peerMember.token))).toBe(101);
  });

  it("gives a read-only role a connection that syncs but whose edits are refused", async () => {
    const writer = client(sharedPlanId, "peerMember");
    await synced(writer);
    writer.text.insert(0, "Number talk: 18 × 5");
    const coach = client(sharedPlanId, "coach");
    await synced(coach);
    await eventually(() => coach.text.toString() === "Number talk: 18 × 5", "coach sees the shared plan");
    coach.text.insert(0, "COACH WAS HERE ");
    await new Promise((r) => setTimeout(r, 300));
    expect((await app.documents.read(sharedPlanId)).getText("body").toString()).toBe("Number talk: 18 × 5");
    expect(writer.text.toString()).toBe("Number talk: 18 × 5");
    expect(await app.db.prisma.documentUpdate.count({ where: { documentId: sharedPlanId } })).toBeGreaterThan(0);
  });

  it("tells a read-only client 'permission denied' only once it really edits", async () => {
    const coach = client(sharedPlanId, "coach");
    await synced(coach);
    // y-websocket's message type 2 carries the server's permission-denied notice.
    let denials = 0;
    coach.provider.ws!.addEventListener("message", (event) => {
      if (new Uint8Array((event as MessageEvent).data as ArrayBuffer)[0] === 2) denials++;
    });
    // A reader's sync reply is an empty update: no edit, so no notice (round trip by awareness).
    coach.provider.awareness.setLocalStateField("user", { name: "Coach" });
    await eventually(() => app.documents.loadedCount > 0, "document open");
    await new Promise((r) => setTimeout(r, 300));
    expect(denials).toBe(0);
    coach.text.insert(0, "edit ");
    await eventually(() => denials === 1, "one permission-denied notice after a real edit");
  });
});

describe("revocation", () => {
  // That no edit is accepted once the mutation has returned is access-binding.test.ts's business.
  it("removing a member closes their connection to the group's documents with 4403", async () => {
    const leaving = client(peerPlanId, "peerMember3");
    await synced(leaving);
    const closed = new Promise<number>((resolve) => leaving.provider.ws?.addEventListener("close", (e) => resolve((e as { code: number }).code)));
    const res = await app.gql(RemoveGroupMember, { groupId: fx.peerGroupGid, userId: fx.people.peerMember3.gid }, fx.people.peerMember.token);
    expect(res.data?.removeGroupMember.__typename).toBe("MutationRemoveGroupMemberSuccess");
    expect(await closed).toBe(4403);
    leaving.provider.disconnect();
  });

  it("signing out closes that session's connections", async () => {
    const { token } = await import("@staffroom/api/testing").then((m) => m.startSession(app.db.prisma, fx.people.peerMember2.id, 3600_000));
    const c = connectClient(app.url, peerPlanId, token);
    open.push(c);
    await synced(c);
    const closed = new Promise<number>((resolve) => c.provider.ws?.addEventListener("close", (e) => resolve((e as { code: number }).code)));
    await app.gql(SIGN_OUT, {}, token);
    expect(await closed).toBe(4401);
    c.provider.disconnect();
  });
});

describe("revocation of integrators' tokens and archived groups", () => {
  it("revoking an API token closes its connections", async () => {
    const created = await app.gql(
      CREATE_API_TOKEN,
      { input: { schoolId: fx.schoolGid, name: "sync bot", scopes: ["CONTENT_READ", "CONTENT_WRITE"] } },
      fx.people.peerMember.token,
    );
    const { secret, apiToken } = succeeded(created.data?.createApiToken).data;
    const bot = connectClient(app.url, peerPlanId, secret);
    open.push(bot);
    await synced(bot);
    const closed = new Promise<number>((resolve) => bot.provider.ws?.addEventListener("close", (e) => resolve((e as { code: number }).code)));
    await app.gql(REVOKE_API_TOKEN, { id: apiToken.id }, fx.people.peerMember.token);
    expect(await closed).toBe(4401);
    bot.provider.disconnect();
  });

  it("a token without CONTENT_WRITE gets a read-only connection", async () => {
    const reader = connectClient(app.url, peerPlanId, await fx.apiToken("peerMember", ["CONTENT_READ"]));
    open.push(reader);
    await synced(reader);
    const before = await app.db.prisma.documentUpdate.count({ where: { documentId: peerPlanId } });
    reader.text.insert(0, "from a read-only token ");
    await new Promise((r) => setTimeout(r, 300));
    expect(await app.db.prisma.documentUpdate.count({ where: { documentId: peerPlanId } })).toBe(before);
    expect((await app.documents.read(peerPlanId)).getText("body").toString()).not.toContain("read-only token");
  });

  it("archiving the group turns open editors read-only at once", async () => {
    const doc = await app.make.document({ groupId: fx.plcGroupId, creatorId: fx.people.plcMember.id, kind: "MEETING_NOTES", title: "Archived later" });
    const editor = client(doc.id, "plcMember");
    await synced(editor);
    editor.text.insert(0, "before ");
    await eventually(async () => (await app.documents.read(doc.id)).getText("body").toString() === "before ", "first edit stored");
    const res = await app.gql(ARCHIVE_GROUP, { g: fx.plcGroupGid }, fx.people.plcFacilitator.token);
    expect(res.data?.archiveGroup.__typename).toBe("MutationArchiveGroupSuccess");
    // The re-check is asynchronous; a later edit must be refused.
    await new Promise((r) => setTimeout(r, 200));
    editor.text.insert(editor.text.length, "after");
    await new Promise((r) => setTimeout(r, 300));
    expect((await app.documents.read(doc.id)).getText("body").toString()).toBe("before ");
    await app.db.prisma.group.update({ where: { id: fx.plcGroupId }, data: { archivedAt: null } });
  });
});

describe("lifecycle", () => {
  it("unloads a document after its last client leaves", async () => {
    const doc = await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "Short-lived" });
    const c = connectClient(app.url, doc.id, fx.people.peerMember.token);
    await synced(c);
    c.text.insert(0, "kept");
    await eventually(async () => (await app.db.prisma.documentUpdate.count({ where: { documentId: doc.id } })) > 0, "update stored");
    const loadedWhileOpen = app.documents.loadedCount;
    c.close();
    await eventually(() => app.documents.loadedCount === loadedWhileOpen - 1, "document unloaded");
    const reloaded = await app.documents.read(doc.id);
    expect(reloaded.getText("body").toString()).toBe("kept");
    expect(reloaded).toBeInstanceOf(Y.Doc);
  });
});
