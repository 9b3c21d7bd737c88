// Meetings and norms: scheduling, running and ending a session, its agenda and attendance, the
// group's norms and who accepted them. Bad input and broken rules are typed errors that write nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { BoundGqlCall } from "../support/graphql-http.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { asNode, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "sessions");
});
afterAll(() => app?.close());

const HOUR = 3600_000;
const as = (who: ActorKey) => ((query: string, variables?: Record<string, unknown>) => app.gql(query, variables, fx.people[who].token)) as BoundGqlCall;
const rawId = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1]!;

/** The issues of a payload that must be a ValidationError. */
function issues(payload: { __typename: string } | null | undefined) {
  expect(payload?.__typename, JSON.stringify(payload)).toBe("ValidationError");
  return (payload as unknown as { issues: { path: string; message: string }[] }).issues;
}

const SessionFields = graphql(`
  fragment SessionsTestSession on Session {
    id
    title
    status
    startsAt
    durationMinutes
    endsAt
    protocol
    startedAt
    endedAt
    plannedMinutes
    agendaItems {
      totalCount
      edges {
        node {
          id
          position
          title
          minutes
          plcQuestion
          addressed
        }
      }
    }
  }
`);
const SCHEDULE = graphql(
  `
  mutation SessionsSchedule($input: ScheduleSessionInput!) {
    scheduleSession(input: $input) {
      __typename
      ... on MutationScheduleSessionSuccess {
        data {
          ...SessionsTestSession
        }
      }
      ...MutationError
    }
  }
`,
  [SessionFields, MutationError],
);
const UPDATE = graphql(
  `
  mutation SessionsUpdate($input: UpdateSessionInput!) {
    updateSession(input: $input) {
      __typename
      ... on MutationUpdateSessionSuccess {
        data {
          ...SessionsTestSession
        }
      }
      ...MutationError
    }
  }
`,
  [SessionFields, MutationError],
);
const START = graphql(
  `
  mutation SessionsStart($id: ID!) {
    startSession(sessionId: $id) {
      __typename
      ... on MutationStartSessionSuccess {
        data {
          status
          startedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const END = graphql(
  `
  mutation SessionsEnd($id: ID!) {
    endSession(sessionId: $id) {
      __typename
      ... on MutationEndSessionSuccess {
        data {
          status
          endedAt
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const CANCEL = graphql(
  `
  mutation SessionsCancel($id: ID!) {
    cancelSession(sessionId: $id) {
      __typename
      ... on MutationCancelSessionSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const ADD_ITEM = graphql(
  `
  mutation SessionsAddAgendaItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) {
      __typename
      ... on MutationAddAgendaItemSuccess {
        data {
          id
          position
          title
          session {
            ...SessionsTestSession
          }
        }
      }
      ...MutationError
    }
  }
`,
  [SessionFields, MutationError],
);
const UPDATE_ITEM = graphql(
  `
  mutation SessionsUpdateAgendaItem($input: UpdateAgendaItemInput!) {
    updateAgendaItem(input: $input) {
      __typename
      ... on MutationUpdateAgendaItemSuccess {
        data {
          title
          minutes
          plcQuestion
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const REMOVE_ITEM = graphql(
  `
  mutation SessionsRemoveAgendaItem($id: ID!) {
    removeAgendaItem(agendaItemId: $id) {
      __typename
      ... on MutationRemoveAgendaItemSuccess {
        data {
          ...SessionsTestSession
        }
      }
      ...MutationError
    }
  }
`,
  [SessionFields, MutationError],
);
const REORDER = graphql(
  `
  mutation SessionsReorderAgendaItems($session: ID!, $items: [ID!]!) {
    reorderAgendaItems(sessionId: $session, agendaItemIds: $items) {
      __typename
      ... on MutationReorderAgendaItemsSuccess {
        data {
          ...SessionsTestSession
        }
      }
      ...MutationError
    }
  }
`,
  [SessionFields, MutationError],
);
const MARK = graphql(
  `
  mutation SessionsMarkAgendaItem($id: ID!, $addressed: Boolean) {
    markAgendaItemAddressed(agendaItemId: $id, addressed: $addressed) {
      __typename
      ... on MutationMarkAgendaItemAddressedSuccess {
        data {
          addressed
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const ATTEND = graphql(
  `
  mutation SessionsRecordAttendance($session: ID!, $user: ID!, $status: AttendanceStatus!) {
    recordAttendance(sessionId: $session, userId: $user, status: $status) {
      __typename
      ... on MutationRecordAttendanceSuccess {
        data {
          status
          user {
            name
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

async function schedule(who: ActorKey, groupGid: string, extra: Partial<VariablesOf<typeof SCHEDULE>["input"]> = {}) {
  const res = await as(who)(SCHEDULE, {
    input: { groupId: groupGid, title: "Weekly meeting", startsAt: new Date(Date.now() + 24 * HOUR).toISOString(), ...extra },
  });
  expect(res.data?.scheduleSession.__typename, JSON.stringify(res)).toBe("MutationScheduleSessionSuccess");
  return succeeded(res.data?.scheduleSession).data;
}

function titles(session: { agendaItems: { edges: { node: { title: string; position: number } }[] } }) {
  const nodes = session.agendaItems.edges.map((e) => e.node);
  expect(nodes.map((n) => n.position)).toEqual(nodes.map((_n, i) => i));
  return nodes.map((n) => n.title);
}

async function archivedPeerGroup() {
  const group = await app.make.group({
    schoolId: fx.schoolId,
    kind: "PEER",
    name: "Last year's group",
    archivedAt: new Date(),
    members: { create: [{ userId: fx.people.peerMember.id }, { userId: fx.people.peerMember2.id }] },
  });
  return group;
}

describe("scheduling", () => {
  it("schedules a PLC meeting with its agenda in one go", async () => {
    const startsAt = new Date("2031-03-04T15:30:00.000Z");
    const session = await schedule("plcFacilitator", fx.plcGroupGid, {
      title: "  Unit 3 data dive  ",
      startsAt: startsAt.toISOString(),
      durationMinutes: 60,
      protocol: "Data-driven dialogue",
      agendaItems: [
        { title: "Review common assessment", minutes: 20, plcQuestion: 2 },
        { title: "Plan re-teaching", plcQuestion: 3 },
        { title: "Celebrations", minutes: 5 },
      ],
    });
    expect(session).toMatchObject({
      title: "Unit 3 data dive",
      status: "PLANNED",
      startsAt: startsAt.toISOString(),
      durationMinutes: 60,
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      protocol: "Data-driven dialogue",
      startedAt: null,
      plannedMinutes: 35,
    });
    expect(titles(session)).toEqual(["Review common assessment", "Plan re-teaching", "Celebrations"]);
    expect(session.agendaItems.edges.map((e) => e.node.plcQuestion)).toEqual([2, 3, null]);
    expect(session.agendaItems.totalCount).toBe(3);
  });

  it("reports every problem of bad input at once and writes nothing", async () => {
    const before = await app.db.prisma.session.count();
    const res = await as("plcFacilitator")(SCHEDULE, {
      input: {
        groupId: fx.plcGroupGid,
        title: "   ",
        startsAt: new Date().toISOString(),
        durationMinutes: 2,
        agendaItems: [
          { title: "ok", plcQuestion: 5 },
          { title: "", minutes: 0 },
        ],
      },
    });
    expect(res.data?.scheduleSession.__typename).toBe("ValidationError");
    const paths = issues(res.data?.scheduleSession)
      .map((i) => i.path)
      .sort();
    expect(paths).toEqual([
      "input.agendaItems.0.plcQuestion",
      "input.agendaItems.1.minutes",
      "input.agendaItems.1.title",
      "input.durationMinutes",
      "input.title",
    ]);
    expect(await app.db.prisma.session.count()).toBe(before);
  });

  it("refuses PLC questions on a peer group's agenda", async () => {
    const before = await app.db.prisma.session.count();
    const res = await as("peerMember")(SCHEDULE, {
      input: { groupId: fx.peerGroupGid, title: "Lesson study", startsAt: new Date().toISOString(), agendaItems: [{ title: "Plan", plcQuestion: 1 }] },
    });
    expect(res.data?.scheduleSession).toMatchObject({ __typename: "ValidationError", issues: [{ path: "input.agendaItems.0.plcQuestion" }] });
    expect(await app.db.prisma.session.count()).toBe(before);
  });

  it("refuses an archived group with ARCHIVED", async () => {
    const group = await archivedPeerGroup();
    const res = await as("peerMember")(SCHEDULE, { input: { groupId: gid("Group", group.id), title: "Reunion", startsAt: new Date().toISOString() } });
    expect(res.data?.scheduleSession).toMatchObject({ __typename: "RuleViolationError", code: "ARCHIVED" });
    expect(await app.db.prisma.session.count({ where: { groupId: group.id } })).toBe(0);
  });

  it("a plain PLC member may not schedule: FORBIDDEN", async () => {
    const res = await as("plcMember")(SCHEDULE, { input: { groupId: fx.plcGroupGid, title: "Mine", startsAt: new Date().toISOString() } });
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("updates title, time, length and protocol, and clears the protocol with null", async () => {
    const session = await schedule("peerMember", fx.peerGroupGid, { protocol: "Tuning protocol" });
    const startsAt = new Date("2031-05-01T12:00:00.000Z");
    const res = await as("peerMember2")(UPDATE, {
      input: { sessionId: session.id, title: "Lesson study #2", startsAt: startsAt.toISOString(), durationMinutes: 30, protocol: null },
    });
    expect(succeeded(res.data?.updateSession).data).toMatchObject({
      title: "Lesson study #2",
      startsAt: startsAt.toISOString(),
      durationMinutes: 30,
      endsAt: new Date(startsAt.getTime() + HOUR / 2).toISOString(),
      protocol: null,
    });
    const bad = await as("peerMember2")(UPDATE, { input: { sessionId: session.id, title: "", durationMinutes: 1000 } });
    expect(
      issues(bad.data?.updateSession)
        .map((i) => i.path)
        .sort(),
    ).toEqual(["input.durationMinutes", "input.title"]);
    expect((await app.db.prisma.session.findUniqueOrThrow({ where: { id: rawId(session.id) } })).title).toBe("Lesson study #2");
  });
});

describe("running a meeting", () => {
  it("goes PLANNED → LIVE → DONE, stamping times and recording activity", async () => {
    const session = await schedule("plcFacilitator", fx.plcGroupGid);
    const started = await as("coach")(START, { id: session.id });
    expect(succeeded(started.data?.startSession).data.status).toBe("LIVE");
    expect(succeeded(started.data?.startSession).data.startedAt).not.toBeNull();

    const again = await as("plcFacilitator")(START, { id: session.id });
    expect(again.data?.startSession).toMatchObject({ __typename: "RuleViolationError", code: "INVALID_STATE" });
    const cancel = await as("plcFacilitator")(CANCEL, { id: session.id });
    expect(cancel.data?.cancelSession).toMatchObject({ __typename: "RuleViolationError", code: "INVALID_STATE" });

    const ended = await as("plcFacilitator")(END, { id: session.id });
    expect(succeeded(ended.data?.endSession).data.status).toBe("DONE");
    expect(new Date(succeeded(ended.data?.endSession).data.endedAt!) >= new Date(succeeded(started.data?.startSession).data.startedAt!)).toBe(true);
    const endAgain = await as("plcFacilitator")(END, { id: session.id });
    expect(endAgain.data?.endSession).toMatchObject({ __typename: "RuleViolationError", code: "INVALID_STATE" });

    const events = await app.db.prisma.activityEvent.findMany({ where: { subjectId: rawId(session.id) }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.type, e.actorId])).toEqual([
      ["SESSION_STARTED", fx.people.coach.id],
      ["SESSION_ENDED", fx.people.plcFacilitator.id],
    ]);

    const update = await as("plcFacilitator")(UPDATE, { input: { sessionId: session.id, title: "Rewritten history" } });
    expect(update.data?.updateSession).toMatchObject({ __typename: "RuleViolationError", code: "INVALID_STATE" });
    const addItem = await as("plcFacilitator")(ADD_ITEM, { input: { sessionId: session.id, title: "Too late" } });
    expect(addItem.data?.addAgendaItem).toMatchObject({ __typename: "RuleViolationError", code: "INVALID_STATE" });
    expect(await app.db.prisma.session.findUniqueOrThrow({ where: { id: rawId(session.id) } })).toMatchObject({ title: "Weekly meeting", status: "DONE" });
  });

  it("cannot end a meeting that never started", async () => {
    const session = await schedule("peerMember", fx.peerGroupGid);
    const res = await as("peerMember")(END, { id: session.id });
    expect(res.data?.endSession).toMatchObject({ __typename: "RuleViolationError", code: "INVALID_STATE" });
    expect((await app.db.prisma.session.findUniqueOrThrow({ where: { id: rawId(session.id) } })).status).toBe("PLANNED");
    expect(await app.db.prisma.activityEvent.count({ where: { subjectId: rawId(session.id) } })).toBe(0);
  });

  it("cancels a planned meeting with its agenda", async () => {
    const session = await schedule("peerMember", fx.peerGroupGid, { agendaItems: [{ title: "Warm-up" }] });
    const res = await as("peerMember3")(CANCEL, { id: session.id });
    expect(succeeded(res.data?.cancelSession).data).toBe(session.id);
    expect(await app.db.prisma.session.count({ where: { id: rawId(session.id) } })).toBe(0);
    expect(await app.db.prisma.agendaItem.count({ where: { sessionId: rawId(session.id) } })).toBe(0);
    const gone = await as("peerMember3")(CANCEL, { id: session.id });
    expect(gone.data?.cancelSession).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
  });
});

describe("the agenda", () => {
  it("adds, inserts, removes and reorders items, keeping positions 0..n-1", async () => {
    const session = await schedule("plcFacilitator", fx.plcGroupGid, { agendaItems: [{ title: "B" }, { title: "D" }] });
    const add = (title: string, position?: number) => as("plcFacilitator")(ADD_ITEM, { input: { sessionId: session.id, title, position } });
    await add("E");
    await add("A", 0);
    const inserted = await add("C", 2);
    expect(succeeded(inserted.data?.addAgendaItem).data.position).toBe(2);
    const afterAdds = succeeded(inserted.data?.addAgendaItem).data.session;
    expect(titles(afterAdds)).toEqual(["A", "B", "C", "D", "E"]);
    const far = await add("F", 99);
    expect(succeeded(far.data?.addAgendaItem).data.position).toBe(5);

    const ids = Object.fromEntries(succeeded(far.data?.addAgendaItem).data.session.agendaItems.edges.map((e) => [e.node.title, e.node.id]));
    const removed = await as("plcFacilitator")(REMOVE_ITEM, { id: ids.C! });
    expect(titles(succeeded(removed.data?.removeAgendaItem).data)).toEqual(["A", "B", "D", "E", "F"]);

    const reordered = await as("coach")(REORDER, { session: session.id, items: [ids.F!, ids.E!, ids.D!, ids.B!, ids.A!] });
    expect(titles(succeeded(reordered.data?.reorderAgendaItems).data)).toEqual(["F", "E", "D", "B", "A"]);
  });

  it("refuses a reorder that does not name every item exactly once, and changes nothing", async () => {
    const session = await schedule("plcFacilitator", fx.plcGroupGid, { agendaItems: [{ title: "One" }, { title: "Two" }] });
    const other = await schedule("plcFacilitator", fx.plcGroupGid, { agendaItems: [{ title: "Elsewhere" }] });
    const [one, two] = session.agendaItems.edges.map((e) => e.node.id) as [string, string];
    const foreign = other.agendaItems.edges[0]!.node.id;
    for (const items of [[two], [two, two], [two, foreign], [two, one, foreign]]) {
      const res = await as("plcFacilitator")(REORDER, { session: session.id, items });
      expect(res.data?.reorderAgendaItems).toMatchObject({ __typename: "ValidationError", issues: [{ path: "agendaItemIds" }] });
    }
    const rows = await app.db.prisma.agendaItem.findMany({ where: { sessionId: rawId(session.id) }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.title, r.position])).toEqual([
      ["One", 0],
      ["Two", 1],
    ]);
  });

  it("updates an item and clears its PLC question; refuses bad values with nothing written", async () => {
    const session = await schedule("plcFacilitator", fx.plcGroupGid, { agendaItems: [{ title: "Norms check", plcQuestion: 1 }] });
    const itemId = session.agendaItems.edges[0]!.node.id;
    const ok = await as("admin")(UPDATE_ITEM, { input: { agendaItemId: itemId, title: "Norms check-in", minutes: 5, plcQuestion: null } });
    expect(succeeded(ok.data?.updateAgendaItem).data).toEqual({ title: "Norms check-in", minutes: 5, plcQuestion: null });
    const bad = await as("admin")(UPDATE_ITEM, { input: { agendaItemId: itemId, minutes: 0, plcQuestion: 7 } });
    expect(
      issues(bad.data?.updateAgendaItem)
        .map((i) => i.path)
        .sort(),
    ).toEqual(["input.minutes", "input.plcQuestion"]);
    expect(await app.db.prisma.agendaItem.findUniqueOrThrow({ where: { id: rawId(itemId) } })).toMatchObject({ minutes: 5, plcQuestion: null });
  });

  it("refuses PLC questions when adding to a peer agenda", async () => {
    const session = await schedule("peerMember", fx.peerGroupGid);
    const res = await as("peerMember")(ADD_ITEM, { input: { sessionId: session.id, title: "Q", plcQuestion: 2 } });
    expect(res.data?.addAgendaItem).toMatchObject({ __typename: "ValidationError", issues: [{ path: "input.plcQuestion" }] });
    expect(await app.db.prisma.agendaItem.count({ where: { sessionId: rawId(session.id) } })).toBe(0);
  });

  it("any member who writes content ticks items off; the agenda filters by it", async () => {
    const session = await schedule("plcFacilitator", fx.plcGroupGid, { agendaItems: [{ title: "First" }, { title: "Second" }] });
    const [first] = session.agendaItems.edges.map((e) => e.node.id) as [string];
    expect(succeeded((await as("plcMember")(MARK, { id: first })).data?.markAgendaItemAddressed).data.addressed).toBe(true);
    const list = await as("plcMember")(
      graphql(`
        query SessionsAgendaByAddressed($id: ID!) {
          node(id: $id) {
            ... on Session {
              done: agendaItems(addressed: true) {
                totalCount
                edges {
                  node {
                    title
                  }
                }
              }
              open: agendaItems(addressed: false) {
                totalCount
                edges {
                  node {
                    title
                  }
                }
              }
            }
          }
        }
      `),
      { id: session.id },
    );
    expect(asNode(list.data?.node, "Session")?.done).toEqual({ totalCount: 1, edges: [{ node: { title: "First" } }] });
    expect(asNode(list.data?.node, "Session")?.open).toEqual({ totalCount: 1, edges: [{ node: { title: "Second" } }] });
    expect(succeeded((await as("plcMember")(MARK, { id: first, addressed: false })).data?.markAgendaItemAddressed).data.addressed).toBe(false);
    // Adding items is managing the meeting, which a plain PLC member does not do.
    const add = await as("plcMember")(ADD_ITEM, { input: { sessionId: session.id, title: "Mine" } });
    expect(add.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("attendance", () => {
  it("records and updates one row per member; non-members are a validation error", async () => {
    const session = await schedule("plcFacilitator", fx.plcGroupGid);
    const record = (who: ActorKey, user: ActorKey, status: VariablesOf<typeof ATTEND>["status"]) =>
      as(who)(ATTEND, { session: session.id, user: fx.people[user].gid, status });
    expect(succeeded((await record("plcFacilitator", "plcMember", "ABSENT")).data?.recordAttendance).data.status).toBe("ABSENT");
    expect(succeeded((await record("plcFacilitator", "plcMember", "EXCUSED")).data?.recordAttendance).data.status).toBe("EXCUSED");
    expect(succeeded((await record("plcFacilitator", "plcFacilitator", "PRESENT")).data?.recordAttendance).data.status).toBe("PRESENT");

    const stranger = await record("plcFacilitator", "otherTeacher", "PRESENT");
    expect(stranger.data?.recordAttendance).toMatchObject({ __typename: "ValidationError", issues: [{ path: "userId" }] });

    // A plain member marks themselves, not others.
    expect(succeeded((await record("plcMember", "plcMember", "PRESENT")).data?.recordAttendance).data.status).toBe("PRESENT");
    expect((await record("plcMember", "plcFacilitator", "ABSENT")).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const rows = await app.db.prisma.attendance.findMany({ where: { sessionId: rawId(session.id) }, orderBy: { userId: "asc" } });
    expect(rows.map((r) => [r.userId, r.status]).sort()).toEqual(
      [
        [fx.people.plcFacilitator.id, "PRESENT"],
        [fx.people.plcMember.id, "PRESENT"],
      ].sort(),
    );
    const list = await as("coach")(
      graphql(`
        query SessionsAttendanceCounts($id: ID!) {
          node(id: $id) {
            ... on Session {
              attendance {
                totalCount
              }
              present: attendance(status: PRESENT) {
                totalCount
              }
              absent: attendance(status: ABSENT) {
                totalCount
              }
            }
          }
        }
      `),
      { id: session.id },
    );
    expect(list.data?.node).toEqual({ attendance: { totalCount: 2 }, present: { totalCount: 2 }, absent: { totalCount: 0 } });
  });
});

describe("listing meetings", () => {
  let list: SchoolFixture;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    list = await buildSchoolFixture(app.db.prisma, "listing");
    const now = Date.now();
    const rows = {
      past: { startsAt: new Date(now - 48 * HOUR), status: "DONE" as const },
      liveSinceAnHour: { startsAt: new Date(now - HOUR), status: "LIVE" as const },
      overdue: { startsAt: new Date(now - 2 * HOUR), status: "PLANNED" as const },
      tomorrow: { startsAt: new Date(now + 24 * HOUR), status: "PLANNED" as const },
      nextWeek: { startsAt: new Date(now + 7 * 24 * HOUR), status: "PLANNED" as const },
    };
    for (const [title, row] of Object.entries(rows)) {
      const s = await app.make.session({ groupId: list.peerGroupId, title, ...row });
      ids[title] = gid("Session", s.id);
    }
    await app.make.session({ groupId: list.plcGroupId, title: "plc tomorrow", startsAt: new Date(now + 25 * HOUR) });
  });

  const SESSIONS = graphql(`
    query SessionsOfGroup(
      $id: ID!
      $status: [SessionStatus!]
      $from: DateTime
      $to: DateTime
      $upcoming: Boolean
      $order: SessionOrder
    ) {
      node(id: $id) {
        ... on Group {
          sessions(status: $status, from: $from, to: $to, upcoming: $upcoming, order: $order) {
            totalCount
            edges {
              node {
                title
              }
            }
          }
        }
      }
    }
  `);
  const read = async (vars: Omit<VariablesOf<typeof SESSIONS>, "id">) => {
    const res = await app.gql(SESSIONS, { id: list.peerGroupGid, ...vars }, list.people.peerMember.token);
    const sessions = asNode(res.data?.node, "Group")!.sessions;
    expect(sessions.totalCount).toBe(sessions.edges.length);
    return sessions.edges.map((e) => e.node.title);
  };

  it("orders by start time, ascending unless asked otherwise", async () => {
    expect(await read({})).toEqual(["past", "overdue", "liveSinceAnHour", "tomorrow", "nextWeek"]);
    expect(await read({ order: "STARTS_AT_DESC" })).toEqual(["nextWeek", "tomorrow", "liveSinceAnHour", "overdue", "past"]);
  });

  it("filters by status, date range and upcoming", async () => {
    expect(await read({ status: ["PLANNED"] })).toEqual(["overdue", "tomorrow", "nextWeek"]);
    expect(await read({ status: ["LIVE", "DONE"] })).toEqual(["past", "liveSinceAnHour"]);
    expect(await read({ from: new Date(Date.now() - 3 * HOUR).toISOString(), to: new Date(Date.now() + 48 * HOUR).toISOString() })).toEqual([
      "overdue",
      "liveSinceAnHour",
      "tomorrow",
    ]);
    expect(await read({ upcoming: true })).toEqual(["liveSinceAnHour", "tomorrow", "nextWeek"]);
  });

  it("myUpcomingSessions lists the viewer's own groups' live and coming meetings, soonest first", async () => {
    const query = graphql(`
      query SessionsMyUpcoming {
        myUpcomingSessions {
          totalCount
          edges {
            node {
              title
              group {
                name
              }
            }
          }
        }
      }
    `);
    const peer = (await app.gql(query, {}, list.people.peerMember.token)).data!.myUpcomingSessions;
    expect(peer.edges.map((e) => e.node.title)).toEqual(["liveSinceAnHour", "tomorrow", "nextWeek"]);
    expect(peer.totalCount).toBe(3);
    const plc = (await app.gql(query, {}, list.people.plcMember.token)).data!.myUpcomingSessions;
    expect(plc.edges.map((e) => e.node.title)).toEqual(["plc tomorrow"]);
    // Leaders steer the PLC but are not in it: their own upcoming list stays theirs.
    expect((await app.gql(query, {}, list.people.coach.token)).data?.myUpcomingSessions).toEqual({ totalCount: 0, edges: [] });
  });

  it("a nested list costs the same number of statements whatever its length", async () => {
    const query = graphql(`
      query SessionsNestedList($id: ID!) {
        node(id: $id) {
          ... on Group {
            sessions {
              totalCount
              edges {
                node {
                  title
                  endsAt
                  plannedMinutes
                  group {
                    name
                  }
                  agendaItems {
                    totalCount
                    edges {
                      node {
                        title
                        session {
                          title
                        }
                      }
                    }
                  }
                  attendance {
                    totalCount
                    edges {
                      node {
                        status
                        user {
                          name
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
    const count = async () => {
      let statements = 0;
      const stop = app.db.onQuery(() => statements++);
      const res = await app.gql(query, { id: list.plcGroupGid }, list.people.plcFacilitator.token);
      stop();
      expect(res.errors).toBeUndefined();
      return { statements, sessions: asNode(res.data?.node, "Group")!.sessions.totalCount };
    };
    const small = await count();
    for (let i = 0; i < 4; i++) {
      await app.make.session({
        groupId: list.plcGroupId,
        title: `extra ${i}`,
        startsAt: new Date(Date.now() + i * HOUR),
        agendaItems: { create: [0, 1, 2].map((position) => ({ position, title: `item ${position}` })) },
        attendance: {
          create: [
            { userId: list.people.plcMember.id, status: "PRESENT" },
            { userId: list.people.plcFacilitator.id, status: "ABSENT" },
          ],
        },
      });
    }
    const large = await count();
    expect(large.sessions).toBe(small.sessions + 4);
    expect(large.statements).toBe(small.statements);
  });
});

describe("norms", () => {
  const NORMS = graphql(`
    query SessionsNorms($id: ID!) {
      node(id: $id) {
        ... on Group {
          normsAcceptedByAll
          norms {
            totalCount
            edges {
              node {
                id
                text
                position
                acceptedCount
                acceptedByViewer
                acceptances {
                  totalCount
                  edges {
                    node {
                      user {
                        name
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
  const ADD = graphql(
    `
    mutation SessionsAddNorm($input: AddNormInput!) {
      addNorm(input: $input) {
        __typename
        ... on MutationAddNormSuccess {
          data { id text position }
        }
        ...MutationError
      }
    }
  `,
    [MutationError],
  );
  const UPDATE_NORM = graphql(
    `
    mutation SessionsUpdateNorm($input: UpdateNormInput!) {
      updateNorm(input: $input) {
        __typename
        ... on MutationUpdateNormSuccess {
          data { text acceptedCount }
        }
        ...MutationError
      }
    }
  `,
    [MutationError],
  );
  const REMOVE = graphql(
    `
    mutation SessionsRemoveNorm($id: ID!) {
      removeNorm(normId: $id) {
        __typename
        ... on MutationRemoveNormSuccess {
          data { norms { edges { node { text position } } } }
        }
        ...MutationError
      }
    }
  `,
    [MutationError],
  );
  const REORDER_NORMS = graphql(
    `
    mutation SessionsReorderNorms($group: ID!, $ids: [ID!]!) {
      reorderNorms(groupId: $group, normIds: $ids) {
        __typename
        ... on MutationReorderNormsSuccess {
          data { norms { edges { node { text position } } } }
        }
        ...MutationError
      }
    }
  `,
    [MutationError],
  );
  const ACCEPT = graphql(
    `
    mutation SessionsAcceptNorms($id: ID!) {
      acceptNorms(groupId: $id) {
        __typename
        ... on MutationAcceptNormsSuccess {
          data { normsAcceptedByAll }
        }
        ...MutationError
      }
    }
  `,
    [MutationError],
  );

  let n: SchoolFixture;
  beforeAll(async () => {
    n = await buildSchoolFixture(app.db.prisma, "norms");
  });
  const by = (who: ActorKey) => ((query: string, variables?: Record<string, unknown>) => app.gql(query, variables, n.people[who].token)) as BoundGqlCall;
  const norms = async (who: ActorKey, groupGid: string) => asNode((await by(who)(NORMS, { id: groupGid })).data?.node, "Group")!;
  const texts = (group: { norms: { edges: { node: { text: string; position: number } }[] } }) => {
    const nodes = group.norms.edges.map((e) => e.node);
    expect(nodes.map((x) => x.position)).toEqual(nodes.map((_x, i) => i));
    return nodes.map((x) => x.text);
  };

  it("adds, inserts, rewords, reorders and removes norms, keeping positions 0..n-1", async () => {
    const add = async (text: string, position?: number) => (await by("peerMember")(ADD, { input: { groupId: n.peerGroupGid, text, position } })).data?.addNorm;
    await add("Start and end on time");
    await add("Assume good intentions");
    expect(succeeded(await add("  Phones away  ", 0)).data).toMatchObject({ text: "Phones away", position: 0 });
    const group = await norms("peerMember2", n.peerGroupGid);
    expect(texts(group)).toEqual(["Phones away", "Start and end on time", "Assume good intentions"]);
    const [phones, time, intentions] = group.norms.edges.map((e) => e.node.id) as [string, string, string];

    const reordered = await by("peerMember3")(REORDER_NORMS, { group: n.peerGroupGid, ids: [intentions, time, phones] });
    expect(texts(succeeded(reordered.data?.reorderNorms).data)).toEqual(["Assume good intentions", "Start and end on time", "Phones away"]);
    const badOrder = await by("peerMember3")(REORDER_NORMS, { group: n.peerGroupGid, ids: [intentions, time] });
    expect(badOrder.data?.reorderNorms).toMatchObject({ __typename: "ValidationError", issues: [{ path: "normIds" }] });

    const removed = await by("peerMember")(REMOVE, { id: time });
    expect(texts(succeeded(removed.data?.removeNorm).data)).toEqual(["Assume good intentions", "Phones away"]);
  });

  it("refuses bad norm text with nothing written, and a plain PLC member may not add norms", async () => {
    const before = await app.db.prisma.norm.count();
    const bad = await by("plcFacilitator")(ADD, { input: { groupId: n.plcGroupGid, text: " a ", position: -1 } });
    expect(
      issues(bad.data?.addNorm)
        .map((i) => i.path)
        .sort(),
    ).toEqual(["input.position", "input.text"]);
    const member = await by("plcMember")(ADD, { input: { groupId: n.plcGroupGid, text: "My own rule" } });
    expect(member.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await app.db.prisma.norm.count()).toBe(before);
  });

  it("members accept all norms once; rewording a norm asks for acceptance again", async () => {
    const add = (text: string) => by("plcFacilitator")(ADD, { input: { groupId: n.plcGroupGid, text } });
    const first = succeeded((await add("Data, not blame")).data?.addNorm).data;
    await add("Every student is ours");

    const accepted = await by("plcMember")(ACCEPT, { id: n.plcGroupGid });
    expect(succeeded(accepted.data?.acceptNorms).data.normsAcceptedByAll).toBe(false);
    await by("plcMember")(ACCEPT, { id: n.plcGroupGid });
    expect(await app.db.prisma.normAcceptance.count({ where: { userId: n.people.plcMember.id } })).toBe(2);

    const asMember = await norms("plcMember", n.plcGroupGid);
    expect(asMember.norms.edges.map((e) => [e.node.acceptedByViewer, e.node.acceptedCount])).toEqual([
      [true, 1],
      [true, 1],
    ]);
    const asFacilitator = await norms("plcFacilitator", n.plcGroupGid);
    expect(asFacilitator.norms.edges.map((e) => e.node.acceptedByViewer)).toEqual([false, false]);
    expect(asFacilitator.norms.edges[0]!.node.acceptances.edges).toEqual([{ node: { user: { name: n.people.plcMember.name } } }]);

    const all = await by("plcFacilitator")(ACCEPT, { id: n.plcGroupGid });
    expect(succeeded(all.data?.acceptNorms).data.normsAcceptedByAll).toBe(true);

    // Leaders steer the PLC but are not members: they have nothing to accept.
    const coach = await by("coach")(ACCEPT, { id: n.plcGroupGid });
    expect(coach.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await app.db.prisma.normAcceptance.count({ where: { userId: n.people.coach.id } })).toBe(0);

    const same = await by("admin")(UPDATE_NORM, { input: { normId: first.id, text: "Data, not blame" } });
    expect(succeeded(same.data?.updateNorm).data.acceptedCount).toBe(2);
    const reworded = await by("admin")(UPDATE_NORM, { input: { normId: first.id, text: "Look at data, not at blame" } });
    expect(succeeded(reworded.data?.updateNorm).data).toEqual({ text: "Look at data, not at blame", acceptedCount: 0 });
    expect((await norms("coach", n.plcGroupGid)).normsAcceptedByAll).toBe(false);
  });

  it("the norm list costs the same number of statements whatever its length", async () => {
    const count = async () => {
      let statements = 0;
      const stop = app.db.onQuery(() => statements++);
      const res = await by("peerMember")(NORMS, { id: n.peerGroupGid });
      stop();
      expect(res.errors).toBeUndefined();
      return { statements, norms: asNode(res.data?.node, "Group")!.norms.totalCount };
    };
    const small = await count();
    const group = await app.db.prisma.group.findUniqueOrThrow({ where: { id: n.peerGroupId }, include: { members: true } });
    for (let i = 0; i < 4; i++) {
      await app.make.norm({
        groupId: group.id,
        position: small.norms + i,
        text: `Norm ${i}`,
        acceptances: { create: group.members.map((m) => ({ userId: m.userId })) },
      });
    }
    const large = await count();
    expect(large.norms).toBe(small.norms + 4);
    expect(large.statements).toBe(small.statements);
  });

  it("norms of an archived group are frozen", async () => {
    const group = await app.make.group({
      schoolId: n.schoolId,
      kind: "PEER",
      name: "Archived norms group",
      archivedAt: new Date(),
      members: { create: [{ userId: n.people.peerMember.id }, { userId: n.people.peerMember2.id }] },
      norms: { create: [{ position: 0, text: "Be kind" }] },
    });
    const groupGid = gid("Group", group.id);
    const add = await by("peerMember")(ADD, { input: { groupId: groupGid, text: "One more" } });
    expect(add.data?.addNorm).toMatchObject({ __typename: "RuleViolationError", code: "ARCHIVED" });
    const accept = await by("peerMember")(ACCEPT, { id: groupGid });
    expect(accept.data?.acceptNorms).toMatchObject({ __typename: "RuleViolationError", code: "ARCHIVED" });
    expect(await app.db.prisma.norm.count({ where: { groupId: group.id } })).toBe(1);
    expect(await app.db.prisma.normAcceptance.count({ where: { norm: { groupId: group.id } } })).toBe(0);
  });
});
