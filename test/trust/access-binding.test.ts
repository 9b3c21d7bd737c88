// Access changes bind at once (issue 9, item 12): when a mutation that removes access returns,
// no edit from that person is accepted any more, and an expired session is treated like a
// revoked one. The edits are sent over a socket that never reads (so it cannot know it was
// closed and really sends them); an ordinary ws client of the same person reports the close code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { AccessLostError, type CollabConnection, createEventBus, type DocumentRegistry, startSession } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { RemoveGroupMember } from "../support/operations.ts";
import { eventually } from "../support/collab.ts";
import { openRawWebSocket, type RawWebSocket } from "../support/raw-websocket.ts";
import { editFrame, storedText as storedTextOf } from "../support/stored-edits.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
const raw: RawWebSocket[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  app = await startTestApp({ collab: { unloadAfterMs: 50 } });
  fx = await buildSchoolFixture(app.db.prisma, "bind");
});
afterAll(async () => {
  for (const r of raw) r.destroy();
  for (const s of sockets) s.terminate();
  await app?.close();
});

const registry = () => app.documents as unknown as DocumentRegistry;
const storedText = (documentId: string) => storedTextOf(app, documentId);
const collabUrl = (documentId: string, token: string) => `${app.url.replace("http", "ws")}/collab/${documentId}?token=${encodeURIComponent(token)}`;
const ViewerId = graphql(`
  query TrustViewerId {
    viewer {
      id
    }
  }
`);

/** An ordinary client: resolves once the server adopted it (its first message), and reports the close code. */
async function watcher(url: string): Promise<{ closed: Promise<number> }> {
  const ws = new WebSocket(url);
  sockets.push(ws);
  ws.on("error", () => {});
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise((resolve) => ws.once("message", resolve));
  return { closed };
}

describe("removing a member", () => {
  it("refuses every edit sent right after removeGroupMember returned (8 runs)", async () => {
    const plan = await app.make.document({ groupId: fx.plcGroupId, creatorId: fx.people.plcFacilitator.id, kind: "LESSON_PLAN", title: "PLC plan" });
    const member = fx.people.plcMember;
    const stored: string[] = [];
    const codes: number[] = [];
    for (let run = 0; run < 8; run++) {
      await app.db.prisma.groupMember.upsert({
        where: { groupId_userId: { groupId: fx.plcGroupId, userId: member.id } },
        create: { groupId: fx.plcGroupId, userId: member.id },
        update: {},
      });
      const url = collabUrl(plan.id, member.token);
      const watching = await watcher(url);
      const writer = await openRawWebSocket(url);
      raw.push(writer);
      // While a member, their edits are kept (the channel works).
      writer.send(editFrame(`[before ${run}]`));
      await eventually(async () => (await app.documents.read(plan.id)).getText("body").toString().includes(`[before ${run}]`), `edit before removal ${run}`);

      const res = await app.gql(RemoveGroupMember, { groupId: fx.plcGroupGid, userId: member.gid }, fx.people.plcFacilitator.token);
      expect(res.data?.removeGroupMember.__typename).toBe("MutationRemoveGroupMemberSuccess");
      writer.send(editFrame(`[after ${run}]`));
      codes.push(await watching.closed);
      if ((await storedText(plan.id)).includes(`[after ${run}]`)) stored.push(`run ${run}`);
      writer.destroy();
    }
    expect(stored).toEqual([]);
    expect(codes).toEqual(Array(8).fill(4403));
    const text = await storedText(plan.id);
    for (let run = 0; run < 8; run++) expect(text).toContain(`[before ${run}]`);
  });

  it("refuses an update received before access shrank but not yet stored", async () => {
    const plan = await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "Queued edit" });
    await watcher(collabUrl(plan.id, fx.people.peerMember2.token));
    const live = await registry().acquire(plan.id);
    try {
      const [connection] = [...live.peers] as CollabConnection[];
      const update = (() => {
        const doc = new Y.Doc();
        doc.getText("body").insert(0, "queued before the change");
        return Y.encodeStateAsUpdate(doc);
      })();
      // Received (queued for the next write), then the connection turns read-only before the write runs.
      const outcome = live.submit(update, connection).then(
        () => "stored",
        (error) => (error instanceof AccessLostError ? "refused" : `failed: ${error}`),
      );
      connection!.readOnly = true;
      expect(await outcome).toBe("refused");
    } finally {
      registry().release(plan.id);
    }
    expect(await storedText(plan.id)).toBe("");
    expect(await app.db.prisma.documentUpdate.count({ where: { documentId: plan.id } })).toBe(0);
  });
});

describe("an expired session", () => {
  it("is closed with 4401 when it expires, and no edit sent after its expiry is stored", async () => {
    const plan = await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "Expiring" });
    const { token } = await startSession(app.db.prisma, fx.people.peerMember3.id, 1500);
    const { expiresAt } = await app.db.prisma.authSession.findFirstOrThrow({ where: { userId: fx.people.peerMember3.id }, orderBy: { createdAt: "desc" } });
    const url = collabUrl(plan.id, token);
    const watching = await watcher(url);
    const writer = await openRawWebSocket(url);
    raw.push(writer);
    writer.send(editFrame("[while signed in]"));
    await eventually(async () => (await storedText(plan.id)).includes("[while signed in]"), "edit while the session lasts");

    // Keep editing across the expiry, then a few more after the close.
    let closeCode: number | null = null;
    void watching.closed.then((code) => (closeCode = code));
    const sentAfterExpiry: string[] = [];
    for (let i = 0; closeCode === null || sentAfterExpiry.length < 3; i++) {
      const marker = `[edit ${i}]`;
      const sentAt = Date.now();
      writer.send(editFrame(marker));
      if (sentAt >= expiresAt!.getTime()) sentAfterExpiry.push(marker);
      await new Promise((r) => setTimeout(r, 50));
      if (i > 200) break;
    }
    expect(closeCode).toBe(4401);
    const text = await storedText(plan.id);
    for (const marker of sentAfterExpiry) expect(text).not.toContain(marker);
    expect(sentAfterExpiry.length).toBeGreaterThanOrEqual(3);
    // And GraphQL agrees the session is over.
    expect((await app.gql(ViewerId, {}, token)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("EventBus.accessChanged", () => {
  it("resolves only once this instance's guards have re-checked, and does not run them again when its own message comes back", async () => {
    const bus = createEventBus();
    const checked: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const stop = bus.onAccessChanged(async (change) => {
      if (change.userIds?.[0] === "removed") await held;
      checked.push(change.userIds![0]!);
    });
    let returned = false;
    const mutation = bus.accessChanged({ userIds: ["removed"] }).then(() => (returned = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(returned).toBe(false); // still re-checking
    release();
    await mutation;
    expect(checked).toEqual(["removed"]);
    // A change from another instance arrives through the topic; ours came back first (in order) and was skipped.
    bus.publish("access-changed", { userIds: ["elsewhere"] });
    await eventually(() => checked.includes("elsewhere"), "the other instance's change re-checked");
    expect(checked).toEqual(["removed", "elsewhere"]);
    await stop();
  });
});
