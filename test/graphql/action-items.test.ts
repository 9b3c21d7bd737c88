// Action items: create, update, complete and delete; overdue logic with dates relative to today;
// the group list, "mine" and the school's overdue list with their filters; bad input as typed
// errors with nothing written; activity that records the status and never the title.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { asNode, failedWith, MutationError, succeeded } from "../support/operations.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "actions");
});
afterAll(() => app?.close());

function isoDate(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}
const uuidOf = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1]!;

const ITEM_FIELDS = graphql(`
  fragment ActionItemFields on ActionItem {
    id
    title
    dueDate
    status
    completedAt
    overdue
    viewerCanEdit
    group {
      id
    }
    document {
      id
      title
    }
    owners {
      id
      name
    }
  }
`);
const CREATE = graphql(
  `
  mutation CreateActionItem($input: CreateActionItemInput!) {
    createActionItem(input: $input) {
      __typename
      ... on MutationCreateActionItemSuccess {
        data {
          ...ActionItemFields
        }
      }
      ...MutationError
    }
  }
`,
  [ITEM_FIELDS, MutationError],
);
const UPDATE = graphql(
  `
  mutation UpdateActionItem($input: UpdateActionItemInput!) {
    updateActionItem(input: $input) {
      __typename
      ... on MutationUpdateActionItemSuccess {
        data {
          ...ActionItemFields
        }
      }
      ...MutationError
    }
  }
`,
  [ITEM_FIELDS, MutationError],
);
const DELETE = graphql(`
  mutation DeleteActionItem($id: ID!) {
    deleteActionItem(actionItemId: $id) {
      __typename
      ... on MutationDeleteActionItemSuccess {
        data
      }
      ... on BaseError {
        code
      }
    }
  }
`);
/** A group's items, filtered as the arguments say (each left out when not given). */
const GROUP_ITEMS = graphql(`
  query GroupActionItems($id: ID!, $status: [ActionStatus!], $ownerId: ID, $overdue: Boolean, $dueBefore: Date, $first: Int) {
    node(id: $id) {
      ... on Group {
        actionItems(status: $status, ownerId: $ownerId, overdue: $overdue, dueBefore: $dueBefore, first: $first) {
          totalCount
          edges {
            node {
              id
              overdue
            }
          }
        }
      }
    }
  }
`);
const MY_ITEMS = graphql(`
  query MyActionItems($status: [ActionStatus!], $overdue: Boolean, $dueWithinDays: Int) {
    myActionItems(status: $status, overdue: $overdue, dueWithinDays: $dueWithinDays) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);
const OVERDUE_ITEMS = graphql(`
  query OverdueActionItems($s: ID!) {
    overdueActionItems(schoolId: $s) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);
const GROUP_ITEMS_IN_FULL = graphql(`
  query GroupActionItemsInFull($id: ID!, $first: Int) {
    node(id: $id) {
      ... on Group {
        actionItems(first: $first) {
          totalCount
          edges {
            node {
              title
              overdue
              owners {
                name
              }
              group {
                name
              }
              document {
                title
              }
            }
          }
        }
      }
    }
  }
`);

type CreateInput = VariablesOf<typeof CREATE>["input"];
type UpdateInput = VariablesOf<typeof UPDATE>["input"];

async function createItem(f: SchoolFixture, who: ActorKey, input: CreateInput) {
  const res = await app.gql(CREATE, { input }, f.people[who].token);
  expect(res.data?.createActionItem?.__typename, JSON.stringify(res)).toBe("MutationCreateActionItemSuccess");
  return succeeded(res.data?.createActionItem).data;
}

async function update(who: ActorKey, input: UpdateInput) {
  const res = await app.gql(UPDATE, { input }, fx.people[who].token);
  expect(res.data?.updateActionItem?.__typename, JSON.stringify(res)).toBe("MutationUpdateActionItemSuccess");
  return succeeded(res.data?.updateActionItem).data;
}

async function actionPlan(groupId: string, creator: ActorKey, kind: "ACTION_PLAN" | "LESSON_PLAN" = "ACTION_PLAN") {
  const doc = await app.make.document({ groupId, creatorId: fx.people[creator].id, kind, title: `${kind} doc` });
  return gid("Document", doc.id);
}

const writeState = async () => ({
  items: await app.db.prisma.actionItem.findMany({ orderBy: { id: "asc" } }),
  owners: await app.db.prisma.actionItemOwner.findMany({ orderBy: [{ actionItemId: "asc" }, { userId: "asc" }] }),
  events: await app.db.prisma.activityEvent.count(),
});

describe("creating, changing and deleting", () => {
  it("creates an item with owners, a due date and its action plan, and records content-free activity", async () => {
    const plan = await actionPlan(fx.plcGroupId, "plcFacilitator");
    const item = await createItem(fx, "plcFacilitator", {
      groupId: fx.plcGroupGid,
      title: "  Share the unit 3 common assessment  ",
      dueDate: isoDate(7),
      ownerIds: [fx.people.plcMember.gid, fx.people.plcFacilitator.gid, fx.people.plcMember.gid],
      documentId: plan,
    });
    expect(item).toMatchObject({
      title: "Share the unit 3 common assessment",
      dueDate: isoDate(7),
      status: "OPEN",
      completedAt: null,
      overdue: false,
      viewerCanEdit: true,
      group: { id: fx.plcGroupGid },
      document: { id: plan },
    });
    expect(item.owners.map((o) => o.id).sort()).toEqual([fx.people.plcMember.gid, fx.people.plcFacilitator.gid].sort());
    const event = await app.db.prisma.activityEvent.findFirstOrThrow({ where: { subjectId: uuidOf(item.id) } });
    expect(event).toMatchObject({ type: "ACTION_ITEM_CHANGED", groupId: fx.plcGroupId, actorId: fx.people.plcFacilitator.id, payload: { status: "OPEN" } });
    expect(JSON.stringify(event.payload)).not.toContain("assessment");
  });

  it("refuses owners outside the group and a document that is not this group's action plan, all at once, writing nothing", async () => {
    const lessonPlan = await actionPlan(fx.plcGroupId, "plcFacilitator", "LESSON_PLAN");
    const before = await writeState();
    const res = await app.gql(
      CREATE,
      {
        input: {
          groupId: fx.plcGroupGid,
          title: "Plan the data meeting",
          ownerIds: [fx.people.plcMember.gid, fx.people.peerMember.gid],
          documentId: lessonPlan,
        },
      },
      fx.people.plcFacilitator.token,
    );
    expect(res.data?.createActionItem.__typename).toBe("ValidationError");
    expect(
      failedWith(res.data?.createActionItem, "ValidationError")
        .issues.map((i) => i.path)
        .sort(),
    ).toEqual(["input.documentId", "input.ownerIds"]);

    const otherGroupsPlan = await actionPlan(fx.peerGroupId, "peerMember");
    const res2 = await app.gql(
      CREATE,
      { input: { groupId: fx.plcGroupGid, title: "Plan the data meeting", documentId: otherGroupsPlan } },
      fx.people.plcFacilitator.token,
    );
    expect(failedWith(res2.data?.createActionItem, "ValidationError").issues).toEqual([
      { path: "input.documentId", message: "must be an action plan of this group" },
    ]);

    const blank = await app.gql(CREATE, { input: { groupId: fx.plcGroupGid, title: " " } }, fx.people.plcFacilitator.token);
    expect(blank.data?.createActionItem).toMatchObject({ __typename: "ValidationError", issues: [{ path: "input.title" }] });
    expect(await writeState()).toEqual(before);
  });

  it("DONE sets completedAt, staying DONE keeps it, reopening clears it; owners and due date can change", async () => {
    const item = await createItem(fx, "peerMember", {
      groupId: fx.peerGroupGid,
      title: "Try cold-calling with wait time",
      dueDate: isoDate(3),
      ownerIds: [fx.people.peerMember.gid],
    });
    const done = await update("peerMember2", { actionItemId: item.id, status: "DONE" });
    expect(done.status).toBe("DONE");
    expect(done.completedAt).not.toBeNull();
    const renamed = await update("peerMember2", { actionItemId: item.id, title: "Try cold-calling with 5s wait time" });
    expect(renamed).toMatchObject({ status: "DONE", completedAt: done.completedAt, title: "Try cold-calling with 5s wait time" });
    const reopened = await update("peerMember", {
      actionItemId: item.id,
      status: "BLOCKED",
      dueDate: null,
      ownerIds: [fx.people.peerMember2.gid, fx.people.peerMember3.gid],
    });
    expect(reopened).toMatchObject({ status: "BLOCKED", completedAt: null, dueDate: null });
    expect(reopened.owners.map((o) => o.id).sort()).toEqual([fx.people.peerMember2.gid, fx.people.peerMember3.gid].sort());

    const events = await app.db.prisma.activityEvent.findMany({ where: { subjectId: uuidOf(item.id) }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.payload)).toEqual([{ status: "OPEN" }, { status: "DONE" }, { status: "DONE" }, { status: "BLOCKED" }]);
  });

  it("refuses an owner who is not in the group on update, writing nothing", async () => {
    const item = await createItem(fx, "peerMember", { groupId: fx.peerGroupGid, title: "Observe each other once", ownerIds: [fx.people.peerMember.gid] });
    const before = await writeState();
    const res = await app.gql(UPDATE, { input: { actionItemId: item.id, status: "DONE", ownerIds: [fx.people.otherTeacher.gid] } }, fx.people.peerMember.token);
    expect(res.data?.updateActionItem).toMatchObject({ __typename: "ValidationError", issues: [{ path: "input.ownerIds" }] });
    expect(await writeState()).toEqual(before);
  });

  it("deletes an item and its owners, recording the deletion", async () => {
    const item = await createItem(fx, "plcMember", { groupId: fx.plcGroupGid, title: "Draft the re-teach plan", ownerIds: [fx.people.plcMember.gid] });
    const res = await app.gql(DELETE, { id: item.id }, fx.people.coach.token);
    expect(res.data?.deleteActionItem).toEqual({ __typename: "MutationDeleteActionItemSuccess", data: item.id });
    expect(await app.db.prisma.actionItem.findUnique({ where: { id: uuidOf(item.id) } })).toBeNull();
    expect(await app.db.prisma.actionItemOwner.count({ where: { actionItemId: uuidOf(item.id) } })).toBe(0);
    const last = await app.db.prisma.activityEvent.findFirstOrThrow({ where: { subjectId: uuidOf(item.id) }, orderBy: { createdAt: "desc" } });
    expect(last.payload).toEqual({ status: "DELETED" });
    const again = await app.gql(DELETE, { id: item.id }, fx.people.coach.token);
    expect(again.data?.deleteActionItem).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
  });

  it("an archived group's items cannot change", async () => {
    const school = await buildSchoolFixture(app.db.prisma, "archived");
    const item = await createItem(school, "plcMember", { groupId: school.plcGroupGid, title: "Something to finish" });
    await app.db.prisma.group.update({ where: { id: school.plcGroupId }, data: { archivedAt: new Date() } });
    const before = await writeState();
    const created = await app.gql(CREATE, { input: { groupId: school.plcGroupGid, title: "After the end" } }, school.people.plcMember.token);
    expect(created.data?.createActionItem).toMatchObject({ __typename: "RuleViolationError", code: "ARCHIVED" });
    const updated = await app.gql(UPDATE, { input: { actionItemId: item.id, status: "DONE" } }, school.people.plcMember.token);
    expect(updated.data?.updateActionItem).toMatchObject({ __typename: "RuleViolationError", code: "ARCHIVED" });
    expect(await writeState()).toEqual(before);
  });
});

describe("overdue, lists and filters", () => {
  let school: SchoolFixture;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    school = await buildSchoolFixture(app.db.prisma, "lists");
    const make = async (key: string, who: ActorKey, input: CreateInput, status?: UpdateInput["status"]) => {
      const item = await createItem(school, who, input);
      ids[key] = item.id;
      if (status) {
        const res = await app.gql(UPDATE, { input: { actionItemId: item.id, status } }, school.people[who].token);
        expect(res.data?.updateActionItem.__typename).toBe("MutationUpdateActionItemSuccess");
      }
    };
    const plc = school.plcGroupGid;
    const { plcMember, plcFacilitator, peerMember } = school.people;
    await make("plcLate", "plcFacilitator", { groupId: plc, title: "Late, open", dueDate: isoDate(-3), ownerIds: [plcMember.gid] });
    await make("plcLateDone", "plcFacilitator", { groupId: plc, title: "Late but done", dueDate: isoDate(-5), ownerIds: [plcMember.gid] }, "DONE");
    await make("plcLateBlocked", "plcFacilitator", { groupId: plc, title: "Late, blocked", dueDate: isoDate(-1), ownerIds: [plcFacilitator.gid] }, "BLOCKED");
    await make("plcToday", "plcFacilitator", { groupId: plc, title: "Due today", dueDate: isoDate(0), ownerIds: [plcMember.gid] });
    await make("plcNextWeek", "plcFacilitator", { groupId: plc, title: "Due in 6 days", dueDate: isoDate(6), ownerIds: [plcMember.gid, plcFacilitator.gid] });
    await make("plcLater", "plcFacilitator", { groupId: plc, title: "Due in 30 days", dueDate: isoDate(30), ownerIds: [plcMember.gid] });
    await make("plcUndated", "plcFacilitator", { groupId: plc, title: "Someday", ownerIds: [plcMember.gid] });
    await make("peerLate", "peerMember", { groupId: school.peerGroupGid, title: "Peer, late", dueDate: isoDate(-2), ownerIds: [peerMember.gid] });
  });

  const groupItems = async (who: ActorKey, args: Omit<VariablesOf<typeof GROUP_ITEMS>, "id"> = {}) => {
    const res = await app.gql(GROUP_ITEMS, { id: school.plcGroupGid, ...args }, school.people[who].token);
    expect(res.errors).toBeUndefined();
    const c = asNode(res.data?.node, "Group")!.actionItems;
    return { total: c.totalCount, ids: c.edges.map((e) => e.node.id) };
  };

  it("overdue means due before today and not done", async () => {
    const res = await app.gql(GROUP_ITEMS, { id: school.plcGroupGid, first: 50 }, school.people.plcMember.token);
    const overdue = Object.fromEntries(asNode(res.data?.node, "Group")!.actionItems.edges.map((e) => [e.node.id, e.node.overdue]));
    expect(overdue).toEqual({
      [ids.plcLate!]: true,
      [ids.plcLateDone!]: false,
      [ids.plcLateBlocked!]: true,
      [ids.plcToday!]: false,
      [ids.plcNextWeek!]: false,
      [ids.plcLater!]: false,
      [ids.plcUndated!]: false,
    });
  });

  it("Group.actionItems orders by due date with undated items last", async () => {
    expect(await groupItems("plcMember")).toEqual({
      total: 7,
      ids: [ids.plcLateDone, ids.plcLate, ids.plcLateBlocked, ids.plcToday, ids.plcNextWeek, ids.plcLater, ids.plcUndated],
    });
  });

  it("Group.actionItems filters by status, owner, overdue and due date, and counts what it filters", async () => {
    expect(await groupItems("plcMember", { status: ["DONE", "BLOCKED"] })).toEqual({ total: 2, ids: [ids.plcLateDone, ids.plcLateBlocked] });
    expect(await groupItems("plcMember", { ownerId: school.people.plcFacilitator.gid })).toEqual({ total: 2, ids: [ids.plcLateBlocked, ids.plcNextWeek] });
    expect(await groupItems("plcMember", { overdue: true })).toEqual({ total: 2, ids: [ids.plcLate, ids.plcLateBlocked] });
    expect(await groupItems("plcMember", { dueBefore: isoDate(1), status: ["OPEN"] })).toEqual({ total: 2, ids: [ids.plcLate, ids.plcToday] });
    expect(await groupItems("plcMember", { first: 2 })).toMatchObject({ total: 7, ids: [ids.plcLateDone, ids.plcLate] });
  });

  it("myActionItems: what I own, due this week, overdue, by status", async () => {
    const mine = async (args: VariablesOf<typeof MY_ITEMS> = {}) => {
      const res = await app.gql(MY_ITEMS, args, school.people.plcMember.token);
      expect(res.errors).toBeUndefined();
      return res.data?.myActionItems.edges.map((e) => e.node.id);
    };
    expect(await mine()).toEqual([ids.plcLateDone, ids.plcLate, ids.plcToday, ids.plcNextWeek, ids.plcLater, ids.plcUndated]);
    expect(await mine({ dueWithinDays: 7 })).toEqual([ids.plcToday, ids.plcNextWeek]);
    expect(await mine({ overdue: true })).toEqual([ids.plcLate]);
    expect(await mine({ status: ["OPEN"], dueWithinDays: 0 })).toEqual([ids.plcToday]);
    const bad = await app.gql(MY_ITEMS, { dueWithinDays: -1 }, school.people.plcMember.token);
    expect(bad.errors?.[0]).toMatchObject({ message: expect.stringMatching(/dueWithinDays/), extensions: { code: "BAD_USER_INPUT" } });
  });

  it("overdueActionItems: leaders see the PLC's overdue items and never the peer group's; members see their own groups'", async () => {
    const overdue = async (who: ActorKey) => {
      const res = await app.gql(OVERDUE_ITEMS, { s: school.schoolGid }, school.people[who].token);
      expect(res.errors).toBeUndefined();
      return { total: res.data?.overdueActionItems.totalCount, ids: res.data?.overdueActionItems.edges.map((e) => e.node.id) };
    };
    const plcOverdue = { total: 2, ids: [ids.plcLate, ids.plcLateBlocked] };
    expect(await overdue("coach")).toEqual(plcOverdue);
    expect(await overdue("admin")).toEqual(plcOverdue);
    expect(await overdue("plcMember")).toEqual(plcOverdue);
    expect(await overdue("peerMember")).toEqual({ total: 1, ids: [ids.peerLate] });
    expect(await overdue("otherTeacher")).toEqual({ total: 0, ids: [] });
    expect(await overdue("otherSchoolAdmin")).toEqual({ total: 0, ids: [] });
  });

  it("a list with owners, group and document costs the same statements for 1 item as for many", async () => {
    const count = async (first: number) => {
      let statements = 0;
      const stop = app.db.onQuery(() => statements++);
      const res = await app.gql(GROUP_ITEMS_IN_FULL, { id: school.plcGroupGid, first }, school.people.plcMember.token);
      stop();
      expect(res.errors).toBeUndefined();
      expect(asNode(res.data?.node, "Group")?.actionItems.edges).toHaveLength(first);
      return statements;
    };
    expect(await count(7)).toBe(await count(1));
  });
});
