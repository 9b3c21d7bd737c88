// The action-plan projection, both ways, with real y-websocket clients: items editors write into
// an ACTION_PLAN's Y.Array become ActionItem rows GraphQL can query; GraphQL changes to those
// items reach every connected editor at once and never echo back as extra rows or activity.
// Malformed items are skipped, read-only edits are never projected, and refused GraphQL writes
// change neither the rows nor the document.
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { ApiScope } from "@staffroom/api/testing";
import { addActionItem, removeActionItem, updateActionItem } from "../../web/src/features/action-plan/action-items.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { connectClient, eventually, synced, type Client } from "../support/collab.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { asActor, writeOutcome, type TrustActor } from "../support/trust.ts";
import { graphql } from "../support/graphql.ts";
import { asNode, succeeded } from "../support/operations.ts";

let app: TestApp;
let fx: SchoolFixture;
const open: Client[] = [];

beforeAll(async () => {
  app = await startTestApp({ collab: { unloadAfterMs: 50 } });
  fx = await buildSchoolFixture(app.db.prisma, "projection");
});
afterAll(async () => {
  for (const c of open) c.close();
  await app?.close();
});

async function actionPlan(group: "peer" | "plc", options: { shared?: boolean } = {}) {
  const doc = await app.make.document({
    groupId: group === "peer" ? fx.peerGroupId : fx.plcGroupId,
    creatorId: (group === "peer" ? fx.people.peerMember : fx.people.plcFacilitator).id,
    kind: "ACTION_PLAN",
    title: `${group} action plan`,
    sharedWithCoachesAt: options.shared ? new Date() : null,
  });
  return doc.id;
}

async function editor(documentId: string, who: ActorKey) {
  const c = connectClient(app.url, documentId, fx.people[who].token);
  open.push(c);
  await synced(c);
  return c;
}

const itemsOf = (c: Client) => c.doc.getArray<unknown>("actionItems");
const mapOf = (c: Client, key: string) =>
  itemsOf(c)
    .toArray()
    .find((m): m is Y.Map<unknown> => m instanceof Y.Map && m.get("id") === key);

function push(c: Client, ...entries: Record<string, unknown>[]) {
  c.doc.transact(() => {
    for (const fields of entries) {
      const map = new Y.Map<unknown>();
      for (const [name, value] of Object.entries(fields)) map.set(name, value);
      itemsOf(c).push([map]);
    }
  });
}

const rowOf = (documentId: string, itemKey: string) =>
  app.db.prisma.actionItem.findUnique({ where: { documentId_itemKey: { documentId, itemKey } }, include: { owners: true } });
const rowsOf = (documentId: string) => app.db.prisma.actionItem.findMany({ where: { documentId }, orderBy: { itemKey: "asc" }, include: { owners: true } });
const eventsFor = (subjectId: string) =>
  app.db.prisma.activityEvent.findMany({ where: { subjectId }, orderBy: { createdAt: "asc" }, select: { type: true, actorId: true, payload: true } });

/** Waits until a fresh item the client adds is projected: every edit before it has been too. */
let barriers = 0;
async function projected(c: Client, documentId: string) {
  const key = `barrier-${++barriers}`;
  push(c, { id: key, title: "Barrier", owners: [], dueDate: null, status: "OPEN" });
  await eventually(async () => (await rowOf(documentId, key)) !== null, `${key} projected`);
}

function isoDate(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}
const uuidOf = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1]!;

const ITEM = graphql(`
  fragment ProjectedActionItem on ActionItem {
    id
    title
    dueDate
    status
    completedAt
    updatedAt
    owners {
      id
    }
    document {
      id
    }
  }
`);
const UPDATE = graphql(
  `
  mutation UpdateActionItem($input: UpdateActionItemInput!) {
    updateActionItem(input: $input) {
      __typename
      ... on MutationUpdateActionItemSuccess {
        data {
          ...ProjectedActionItem
        }
      }
      ... on BaseError {
        code
      }
    }
  }
`,
  [ITEM],
);
const CREATE = graphql(
  `
  mutation CreateActionItem($input: CreateActionItemInput!) {
    createActionItem(input: $input) {
      __typename
      ... on MutationCreateActionItemSuccess {
        data {
          ...ProjectedActionItem
        }
      }
      ... on BaseError {
        code
      }
    }
  }
`,
  [ITEM],
);
const DELETE = graphql(`
  mutation DeleteActionItem($id: ID!) {
    deleteActionItem(actionItemId: $id) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const GROUP_ITEMS_AND_ITEM = graphql(
  `
  query GroupActionItemsAndItem($g: ID!, $i: ID!) {
    group: node(id: $g) {
      ... on Group {
        actionItems {
          totalCount
          edges {
            node {
              ...ProjectedActionItem
            }
          }
        }
      }
    }
    item: node(id: $i) {
      ... on ActionItem {
        title
        document {
          id
        }
      }
    }
  }
`,
  [ITEM],
);

describe("document → rows", () => {
  let planId: string;
  let client: Client;
  beforeAll(async () => {
    planId = await actionPlan("plc");
    client = await editor(planId, "plcFacilitator");
  });

  it("an item an editor adds becomes a row, with only the group's members as owners, queryable through GraphQL", async () => {
    push(client, {
      id: "reteach",
      title: "  Re-teach equivalent fractions  ",
      owners: [fx.people.plcMember.id, fx.people.otherTeacher.id, "not-a-user", fx.people.plcMember.id],
      dueDate: isoDate(3),
      status: "OPEN",
    });
    await eventually(async () => (await rowOf(planId, "reteach")) !== null, "row for the new item");
    const row = (await rowOf(planId, "reteach"))!;
    expect(row).toMatchObject({ groupId: fx.plcGroupId, title: "Re-teach equivalent fractions", status: "OPEN", completedAt: null });
    expect(row.dueDate?.toISOString().slice(0, 10)).toBe(isoDate(3));
    expect(row.owners.map((o) => o.userId)).toEqual([fx.people.plcMember.id]);

    const res = await app.gql(GROUP_ITEMS_AND_ITEM, { g: fx.plcGroupGid, i: gid("ActionItem", row.id) }, fx.people.plcMember.token);
    expect(res.errors).toBeUndefined();
    const actionItems = asNode(res.data?.group, "Group")?.actionItems;
    expect(actionItems?.totalCount).toBe(1);
    expect(actionItems?.edges[0]?.node).toMatchObject({
      id: gid("ActionItem", row.id),
      title: "Re-teach equivalent fractions",
      dueDate: isoDate(3),
      status: "OPEN",
      owners: [{ id: fx.people.plcMember.gid }],
      document: { id: gid("Document", planId) },
    });
    expect(res.data?.item).toEqual({ title: "Re-teach equivalent fractions", document: { id: gid("Document", planId) } });
    expect(await eventsFor(row.id)).toEqual([{ type: "ACTION_ITEM_CHANGED", actorId: null, payload: { status: "OPEN" } }]);
  });

  it("DONE sets completedAt; other edits keep it; reopening clears it", async () => {
    mapOf(client, "reteach")!.set("status", "DONE");
    await eventually(async () => (await rowOf(planId, "reteach"))?.status === "DONE", "row DONE");
    const done = (await rowOf(planId, "reteach"))!;
    expect(done.completedAt).toBeInstanceOf(Date);

    client.doc.transact(() => {
      const map = mapOf(client, "reteach")!;
      map.set("title", "Re-teach equivalent fractions (small group)");
      map.set("dueDate", null);
      map.set("owners", [fx.people.plcFacilitator.id]);
    });
    await eventually(async () => (await rowOf(planId, "reteach"))?.title.endsWith("(small group)") === true, "title projected");
    const edited = (await rowOf(planId, "reteach"))!;
    expect(edited).toMatchObject({ status: "DONE", completedAt: done.completedAt, dueDate: null });
    expect(edited.owners.map((o) => o.userId)).toEqual([fx.people.plcFacilitator.id]);

    mapOf(client, "reteach")!.set("status", "BLOCKED");
    await eventually(async () => (await rowOf(planId, "reteach"))?.status === "BLOCKED", "row BLOCKED");
    expect((await rowOf(planId, "reteach"))!.completedAt).toBeNull();
    expect((await eventsFor(done.id)).map((e) => e.payload)).toEqual([{ status: "OPEN" }, { status: "DONE" }, { status: "BLOCKED" }]);
  });

  it("deleting the item deletes its row and records it", async () => {
    const { id } = (await rowOf(planId, "reteach"))!;
    const index = itemsOf(client)
      .toArray()
      .findIndex((m) => m instanceof Y.Map && m.get("id") === "reteach");
    itemsOf(client).delete(index, 1);
    await eventually(async () => (await rowOf(planId, "reteach")) === null, "row deleted");
    expect((await eventsFor(id)).at(-1)).toEqual({ type: "ACTION_ITEM_CHANGED", actorId: null, payload: { status: "DELETED" } });
  });

  it("skips malformed items, keeping their previous rows, without holding up the others", async () => {
    const doc = await actionPlan("plc");
    const c = await editor(doc, "plcMember");
    push(c, { id: "keep", title: "Keep me", owners: [], dueDate: null, status: "OPEN" });
    await eventually(async () => (await rowOf(doc, "keep")) !== null, "first item projected");

    c.doc.transact(() => {
      push(
        c,
        { title: "No id at all", status: "OPEN" },
        { id: 42, title: "A numeric id" },
        { id: "long", title: "x".repeat(301) },
        { id: "bad-date", title: "February 30th", dueDate: "2026-02-30" },
        { id: "bad-status", title: "Maybe later", status: "SOMEDAY" },
        { id: "bad-owners", title: "Owners as a string", owners: fx.people.plcMember.id },
        { id: "bad-title", title: { text: "not a string" } },
      );
      itemsOf(c).push([{ id: "plain", title: "A plain object, not a Y.Map" }]);
      // A valid item turned malformed keeps its row as it was.
      mapOf(c, "keep")!.set("status", "SOMEDAY");
      mapOf(c, "keep")!.set("title", "Changed while broken");
    });
    push(c, { id: "good", title: "Bring student work", owners: [fx.people.plcMember.id, fx.people.peerMember.id, 7], dueDate: isoDate(2) });
    push(c, { id: "minimal", title: "Only a title" });
    await eventually(async () => (await rowOf(doc, "minimal")) !== null, "later valid items projected");

    const rows = await rowsOf(doc);
    expect(rows.map((r) => r.itemKey)).toEqual(["keep", "minimal"]);
    expect(rows[0]).toMatchObject({ title: "Keep me", status: "OPEN" });
    expect(rows[1]).toMatchObject({ title: "Only a title", status: "OPEN", dueDate: null, owners: [] });
    // "good" has a number among its owners: the whole item waits until it is fixed.
    mapOf(c, "good")!.set("owners", [fx.people.plcMember.id, fx.people.peerMember.id]);
    mapOf(c, "keep")!.set("status", "BLOCKED");
    await eventually(async () => (await rowOf(doc, "keep"))?.status === "BLOCKED", "fixed item projected");
    expect((await rowOf(doc, "keep"))!.title).toBe("Changed while broken");
    const good = (await rowOf(doc, "good"))!;
    expect(good.owners.map((o) => o.userId)).toEqual([fx.people.plcMember.id]);
    expect(good.dueDate?.toISOString().slice(0, 10)).toBe(isoDate(2));
    expect((await rowsOf(doc)).map((r) => r.itemKey)).toEqual(["good", "keep", "minimal"]);
  });

  it("never projects a read-only editor's changes", async () => {
    const doc = await actionPlan("peer", { shared: true });
    const writer = await editor(doc, "peerMember");
    push(writer, { id: "observe", title: "Observe each other once", owners: [fx.people.peerMember.id], dueDate: null, status: "OPEN" });
    await eventually(async () => (await rowOf(doc, "observe")) !== null, "writer's item projected");

    const coach = await editor(doc, "coach");
    await eventually(() => mapOf(coach, "observe") !== undefined, "coach sees the shared plan");
    push(coach, { id: "coach-item", title: "Coach's idea", owners: [], dueDate: null, status: "OPEN" });
    mapOf(coach, "observe")!.set("status", "DONE");
    // Frames on one socket are handled in order: once the coach's presence reaches the writer,
    // the server has already dealt with the coach's edit.
    coach.provider.awareness.setLocalStateField("marker", "after-edit");
    await eventually(
      () => [...writer.provider.awareness.getStates().values()].some((s) => (s as { marker?: string }).marker === "after-edit"),
      "coach's later frame handled",
    );
    await projected(writer, doc);

    expect(await rowOf(doc, "coach-item")).toBeNull();
    expect((await rowOf(doc, "observe"))!.status).toBe("OPEN");
    const server = await app.documents.read(doc);
    expect(
      server
        .getArray("actionItems")
        .toJSON()
        .map((m: { id: string }) => m.id),
    ).not.toContain("coach-item");
    expect(mapOf(writer, "coach-item")).toBeUndefined();
  });
});

// The web board edits the Y.Array through the same layout module the projection reads
// (@staffroom/action-plan-layout): its own functions, run here on a real client, must produce
// items the projection turns into rows, so the two sides cannot drift apart unnoticed.
describe("the web board's edits", () => {
  it("an item the board adds, changes and removes is projected like any editor's", async () => {
    const plan = await actionPlan("plc");
    const board = await editor(plan, "plcFacilitator");
    const id = addActionItem(board.doc, { title: "Share exit tickets", owners: [fx.people.plcMember.id], dueDate: isoDate(2), status: "OPEN" });
    await eventually(async () => (await rowOf(plan, id)) !== null, "row for the board's item");
    const row = (await rowOf(plan, id))!;
    expect(row).toMatchObject({ groupId: fx.plcGroupId, title: "Share exit tickets", status: "OPEN", completedAt: null });
    expect(row.dueDate?.toISOString().slice(0, 10)).toBe(isoDate(2));
    expect(row.owners.map((o) => o.userId)).toEqual([fx.people.plcMember.id]);

    updateActionItem(board.doc, id, "status", "DONE");
    updateActionItem(board.doc, id, "owners", []);
    updateActionItem(board.doc, id, "dueDate", null);
    updateActionItem(board.doc, id, "title", "Share exit tickets with the team");
    await eventually(async () => (await rowOf(plan, id))?.status === "DONE", "the board's status change projected");
    await projected(board, plan);
    expect(await rowOf(plan, id)).toMatchObject({ title: "Share exit tickets with the team", dueDate: null, owners: [], completedAt: expect.any(Date) });

    removeActionItem(board.doc, id);
    await eventually(async () => (await rowOf(plan, id)) === null, "the board's removal projected");
  });
});

describe("catching up on load", () => {
  it("projects a document's items when it is opened, e.g. after a crash kept an edit from being projected", async () => {
    const plan = await actionPlan("plc");
    // Content stored without its projection, as a crash between the two would leave it.
    const ydoc = new Y.Doc();
    const item = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ id: "crash-1", title: "Share exit tickets", owners: [], dueDate: null, status: "OPEN" })) item.set(k, v);
    ydoc.getArray<Y.Map<unknown>>("actionItems").push([item]);
    await app.db.prisma.document.update({ where: { id: plan }, data: { state: Buffer.from(Y.encodeStateAsUpdate(ydoc)) } });
    expect(await rowOf(plan, "crash-1")).toBeNull();
    const c = await editor(plan, "plcMember");
    expect(itemsOf(c).length).toBe(1);
    await eventually(async () => (await rowOf(plan, "crash-1"))?.title === "Share exit tickets", "row projected on load");
  });
});

describe("GraphQL → document", () => {
  let planId: string;
  let a: Client;
  let b: Client;
  beforeAll(async () => {
    planId = await actionPlan("plc");
    a = await editor(planId, "plcFacilitator");
    b = await editor(planId, "plcMember");
  });

  it("updateActionItem reaches both editors, and the projection finds nothing to change", async () => {
    push(a, { id: "samples", title: "Bring work samples", owners: [fx.people.plcMember.id], dueDate: isoDate(5), status: "OPEN" });
    await eventually(async () => (await rowOf(planId, "samples")) !== null, "row for the item");
    const row = (await rowOf(planId, "samples"))!;

    const res = await app.gql(
      UPDATE,
      {
        input: {
          actionItemId: gid("ActionItem", row.id),
          status: "DONE",
          title: "Bring three work samples",
          dueDate: isoDate(1),
          ownerIds: [fx.people.plcFacilitator.gid],
        },
      },
      fx.people.plcMember.token,
    );
    expect(res.data?.updateActionItem.__typename, JSON.stringify(res)).toBe("MutationUpdateActionItemSuccess");
    const updated = succeeded(res.data?.updateActionItem).data;
    expect(updated).toMatchObject({
      id: gid("ActionItem", row.id),
      status: "DONE",
      title: "Bring three work samples",
      dueDate: isoDate(1),
      owners: [{ id: fx.people.plcFacilitator.gid }],
    });
    expect(updated.completedAt).not.toBeNull();

    const expected = { id: "samples", title: "Bring three work samples", owners: [fx.people.plcFacilitator.id], dueDate: isoDate(1), status: "DONE" };
    for (const c of [a, b]) await eventually(() => isDeepStrictEqual(mapOf(c, "samples")?.toJSON(), expected), "editor sees the change");

    await projected(a, planId);
    const after = (await rowOf(planId, "samples"))!;
    expect(after.id).toBe(row.id);
    expect(after.updatedAt.toISOString()).toBe(updated.updatedAt);
    expect((await rowsOf(planId)).filter((r) => !r.itemKey!.startsWith("barrier"))).toHaveLength(1);
    expect(await eventsFor(row.id)).toEqual([
      { type: "ACTION_ITEM_CHANGED", actorId: null, payload: { status: "OPEN" } },
      { type: "ACTION_ITEM_CHANGED", actorId: fx.people.plcMember.id, payload: { status: "DONE" } },
    ]);
  });

  it("createActionItem with a documentId adds the item to the document; the row is the one returned", async () => {
    const res = await app.gql(
      CREATE,
      {
        input: {
          groupId: fx.plcGroupGid,
          documentId: gid("Document", planId),
          title: "Plan the data meeting",
          dueDate: isoDate(4),
          ownerIds: [fx.people.plcMember.gid],
        },
      },
      fx.people.plcMember.token,
    );
    expect(res.data?.createActionItem.__typename, JSON.stringify(res)).toBe("MutationCreateActionItemSuccess");
    const created = succeeded(res.data?.createActionItem).data;
    expect(created).toMatchObject({ title: "Plan the data meeting", status: "OPEN", document: { id: gid("Document", planId) } });
    const row = await app.db.prisma.actionItem.findUniqueOrThrow({ where: { id: uuidOf(created.id) } });
    expect(row.itemKey).toEqual(expect.any(String));

    const expected = { id: row.itemKey, title: "Plan the data meeting", owners: [fx.people.plcMember.id], dueDate: isoDate(4), status: "OPEN" };
    for (const c of [a, b]) await eventually(() => isDeepStrictEqual(mapOf(c, row.itemKey!)?.toJSON(), expected), "editor sees the new item");

    await projected(b, planId);
    expect(await app.db.prisma.actionItem.count({ where: { title: "Plan the data meeting" } })).toBe(1);
    expect((await app.db.prisma.actionItem.findUniqueOrThrow({ where: { id: row.id } })).updatedAt).toEqual(row.updatedAt);
    expect(await eventsFor(row.id)).toEqual([{ type: "ACTION_ITEM_CHANGED", actorId: fx.people.plcMember.id, payload: { status: "OPEN" } }]);
  });

  it("deleteActionItem removes the item from the editors' documents", async () => {
    const row = await app.db.prisma.actionItem.findFirstOrThrow({ where: { documentId: planId, title: "Plan the data meeting" } });
    const res = await app.gql(DELETE, { id: gid("ActionItem", row.id) }, fx.people.plcFacilitator.token);
    expect(res.data?.deleteActionItem.__typename).toBe("MutationDeleteActionItemSuccess");
    for (const c of [a, b]) await eventually(() => mapOf(c, row.itemKey!) === undefined, "item gone from the editor");
    await projected(a, planId);
    expect(await app.db.prisma.actionItem.findUnique({ where: { id: row.id } })).toBeNull();
    expect((await eventsFor(row.id)).at(-1)).toEqual({ type: "ACTION_ITEM_CHANGED", actorId: fx.people.plcFacilitator.id, payload: { status: "DELETED" } });
    expect((await eventsFor(row.id)).filter((e) => (e.payload as { status: string }).status === "DELETED")).toHaveLength(1);
  });

  it("an item of the plan the document does not hold yet is placed there when it is changed", async () => {
    const legacy = await app.make.actionItem({
      groupId: fx.plcGroupId,
      documentId: planId,
      title: "Order fraction strips",
      owners: { create: { userId: fx.people.plcMember.id } },
    });
    const res = await app.gql(UPDATE, { input: { actionItemId: gid("ActionItem", legacy.id), status: "BLOCKED" } }, fx.people.plcMember.token);
    expect(res.data?.updateActionItem.__typename).toBe("MutationUpdateActionItemSuccess");
    const { itemKey } = await app.db.prisma.actionItem.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(itemKey).toEqual(expect.any(String));
    const expected = { id: itemKey, title: "Order fraction strips", owners: [fx.people.plcMember.id], dueDate: null, status: "BLOCKED" };
    for (const c of [a, b]) await eventually(() => isDeepStrictEqual(mapOf(c, itemKey!)?.toJSON(), expected), "editor sees the placed item");
    await projected(a, planId);
    expect(await app.db.prisma.actionItem.findMany({ where: { title: "Order fraction strips" }, select: { id: true, status: true } })).toEqual([
      { id: legacy.id, status: "BLOCKED" },
    ]);
  });

  it("items without a document keep working without touching any document", async () => {
    const res = await app.gql(CREATE, { input: { groupId: fx.plcGroupGid, title: "Loose item" } }, fx.people.plcMember.token);
    const loose = succeeded(res.data?.createActionItem).data;
    expect(loose.document).toBeNull();
    const updated = await app.gql(UPDATE, { input: { actionItemId: loose.id, status: "DONE" } }, fx.people.plcMember.token);
    expect(succeeded(updated.data?.updateActionItem).data).toMatchObject({ status: "DONE", document: null });
    expect(
      itemsOf(a)
        .toArray()
        .some((m) => m instanceof Y.Map && m.get("title") === "Loose item"),
    ).toBe(false);
  });
});

// ───────────── trust: refused writes touch neither the rows nor the document ─────────────

type Row<T extends string> = Record<TrustActor, T>;
const refusedAll: Row<"refused"> = {
  peerMember: "refused",
  peerMember2: "refused",
  peerMember3: "refused",
  plcFacilitator: "refused",
  plcMember: "refused",
  otherTeacher: "refused",
  coach: "refused",
  admin: "refused",
  otherSchoolAdmin: "refused",
  anonymous: "refused",
  tokenWithScope: "refused",
  tokenWithoutScope: "refused",
};
const actors = Object.keys(refusedAll) as TrustActor[];
const doneBy = (...who: TrustActor[]): Row<"done" | "refused"> => ({ ...refusedAll, ...Object.fromEntries(who.map((w) => [w, "done"])) });

const planCases = [
  // label, group, writers, token owner (a writer)
  ["peer-group action plan (shared with coaches)", "peer", doneBy("peerMember", "peerMember2", "peerMember3", "tokenWithScope"), "peerMember"],
  ["PLC action plan", "plc", doneBy("plcFacilitator", "plcMember", "coach", "admin", "tokenWithScope"), "plcMember"],
] as const;

describe.each(planCases)("%s: GraphQL writes on its items", (_label, group, expected, owner) => {
  let planId: string;
  let itemId: string;
  let watcher: Client;
  const groupGid = () => (group === "peer" ? fx.peerGroupGid : fx.plcGroupGid);
  const as = (actor: TrustActor) => asActor(app, fx, actor, owner, "CONTENT_WRITE" satisfies ApiScope);

  beforeAll(async () => {
    planId = await actionPlan(group, { shared: true });
    watcher = await editor(planId, owner);
    const res = await app.gql(
      CREATE,
      { input: { groupId: groupGid(), documentId: gid("Document", planId), title: "Shared commitment" } },
      fx.people[owner].token,
    );
    itemId = succeeded(res.data?.createActionItem).data.id;
    await eventually(() => itemsOf(watcher).length === 1, "watcher sees the item");
  });

  const snapshot = async () => ({
    items: await app.db.prisma.actionItem.findMany({ where: { groupId: uuidOf(groupGid()) }, orderBy: { id: "asc" }, include: { owners: true } }),
    events: await app.db.prisma.activityEvent.count(),
    updates: await app.db.prisma.documentUpdate.count({ where: { documentId: planId } }),
    content: (await app.documents.read(planId)).getArray("actionItems").toJSON(),
  });

  it.each(actors)("updateActionItem as %s", async (actor) => {
    const q = await as(actor);
    const before = await snapshot();
    const res = await q(UPDATE, { input: { actionItemId: itemId, status: "BLOCKED", title: `Changed by ${actor}` } });
    const outcome = writeOutcome(res, "updateActionItem");
    expect(outcome).toBe(expected[actor]);
    if (outcome === "refused") return expect(await snapshot()).toEqual(before);
    await eventually(
      () =>
        itemsOf(watcher)
          .toJSON()
          .some((m: { title: string }) => m.title === `Changed by ${actor}`),
      "editor sees it",
    );
    const reset = await app.gql(UPDATE, { input: { actionItemId: itemId, status: "OPEN", title: "Shared commitment" } }, fx.people[owner].token);
    expect(reset.data?.updateActionItem.__typename).toBe("MutationUpdateActionItemSuccess");
  });

  it.each(actors)("createActionItem in the plan as %s", async (actor) => {
    const q = await as(actor);
    const before = await snapshot();
    const res = await q(CREATE, { input: { groupId: groupGid(), documentId: gid("Document", planId), title: `Added by ${actor}` } });
    const outcome = writeOutcome(res, "createActionItem");
    expect(outcome).toBe(expected[actor]);
    if (outcome === "refused") return expect(await snapshot()).toEqual(before);
    await eventually(
      () =>
        itemsOf(watcher)
          .toJSON()
          .some((m: { title: string }) => m.title === `Added by ${actor}`),
      "editor sees it",
    );
    await app.gql(DELETE, { id: succeeded(res.data?.createActionItem).data.id }, fx.people[owner].token);
  });

  it.each(actors)("deleteActionItem as %s", async (actor) => {
    const created = await app.gql(CREATE, { input: { groupId: groupGid(), documentId: gid("Document", planId), title: "To delete" } }, fx.people[owner].token);
    const doomed = succeeded(created.data?.createActionItem).data.id;
    const q = await as(actor);
    const before = await snapshot();
    const res = await q(DELETE, { id: doomed });
    const outcome = writeOutcome(res, "deleteActionItem");
    expect(outcome).toBe(expected[actor]);
    if (outcome === "refused") {
      expect(await snapshot()).toEqual(before);
      await app.gql(DELETE, { id: doomed }, fx.people[owner].token);
    } else expect(await app.db.prisma.actionItem.findUnique({ where: { id: uuidOf(doomed) } })).toBeNull();
    await eventually(
      () =>
        !itemsOf(watcher)
          .toJSON()
          .some((m: { title: string }) => m.title === "To delete"),
      "editor no longer sees it",
    );
  });
});
