// Planning and running meetings together: repeating meetings at the same local time in the
// school's time zone, agenda templates, presenters, the server's shared agenda timers, and the
// events that tell everyone viewing a meeting that its agenda, attendance or timers changed.
import type { Client } from "graphql-ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { failed, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { subscribeWs, wsClient, type Stream } from "../support/subscriptions.ts";

let app: TestApp;
let fx: SchoolFixture;
const clients: Client[] = [];
const streams: Stream[] = [];
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "meeting-planning");
  await app.db.prisma.school.update({ where: { id: fx.schoolId }, data: { timeZone: "America/Chicago" } });
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.dispose();
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
afterAll(() => app?.close());

const token = (who: ActorKey) => fx.people[who].token;

const SCHEDULE = graphql(
  `
  mutation PlanningSchedule($input: ScheduleSessionInput!) {
    scheduleSession(input: $input) {
      __typename
      ... on MutationScheduleSessionSuccess {
        data {
          id
          startsAt
          agendaItems {
            edges {
              node {
                id
                title
                minutes
                plcQuestion
                presenter {
                  id
                }
              }
            }
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);

const GROUP_SESSIONS = graphql(`
  query PlanningGroupSessions($id: ID!) {
    node(id: $id) {
      ... on Group {
        sessions(first: 50) {
          edges {
            node {
              id
              title
              startsAt
              agendaItems {
                totalCount
              }
            }
          }
        }
      }
    }
  }
`);

const TEMPLATES = graphql(`
  query PlanningTemplates($kind: GroupKind!) {
    agendaTemplates(kind: $kind) {
      id
      name
      items {
        title
        minutes
        plcQuestion
      }
    }
  }
`);

const TIMER_FIELDS = graphql(`
  fragment PlanningTimers on Session {
    agendaItems {
      edges {
        node {
          id
          title
          timerStartedAt
          timerUsedSeconds
        }
      }
    }
  }
`);
const START_TIMER = graphql(
  `
  mutation PlanningStartTimer($id: ID!) {
    startAgendaTimer(agendaItemId: $id) {
      __typename
      ... on MutationStartAgendaTimerSuccess {
        data {
          ...PlanningTimers
        }
      }
      ...MutationError
    }
  }
`,
  [TIMER_FIELDS, MutationError],
);
const PAUSE_TIMER = graphql(
  `
  mutation PlanningPauseTimer($id: ID!) {
    pauseAgendaTimer(agendaItemId: $id) {
      __typename
      ... on MutationPauseAgendaTimerSuccess {
        data {
          ...PlanningTimers
        }
      }
      ...MutationError
    }
  }
`,
  [TIMER_FIELDS, MutationError],
);
const RESET_TIMER = graphql(
  `
  mutation PlanningResetTimer($id: ID!) {
    resetAgendaTimer(agendaItemId: $id) {
      __typename
      ... on MutationResetAgendaTimerSuccess {
        data {
          ...PlanningTimers
        }
      }
      ...MutationError
    }
  }
`,
  [TIMER_FIELDS, MutationError],
);
const APPLY_TEMPLATE = graphql(
  `
  mutation PlanningApplyTemplate($sessionId: ID!, $templateId: String!) {
    applyAgendaTemplate(sessionId: $sessionId, templateId: $templateId) {
      __typename
      ... on MutationApplyAgendaTemplateSuccess {
        data {
          agendaItems {
            edges {
              node {
                position
                title
                plcQuestion
              }
            }
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const UPDATE_ITEM = graphql(
  `
  mutation PlanningUpdateItem($input: UpdateAgendaItemInput!) {
    updateAgendaItem(input: $input) {
      __typename
      ... on MutationUpdateAgendaItemSuccess {
        data {
          id
          presenter {
            id
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
const RECORD_ATTENDANCE = graphql(
  `
  mutation PlanningAttendance($sessionId: ID!, $userId: ID!) {
    recordAttendance(sessionId: $sessionId, userId: $userId, status: PRESENT) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);
const GROUP_ACTIVITY = graphql(`
  subscription PlanningGroupActivity($groupId: ID!) {
    groupActivity(groupId: $groupId) {
      id
      type
      subjectId
      session {
        id
      }
    }
  }
`);

describe("scheduling", () => {
  it("repeats a weekly meeting at the same local time across the end of daylight saving time", async () => {
    // 3:30 pm in Chicago on Thursday 29 October 2026 is 20:30 UTC (CDT); from 1 November it is 21:30 UTC (CST).
    const res = await app.gql(
      SCHEDULE,
      {
        input: {
          groupId: fx.plcGroupGid,
          title: "Weekly PLC",
          startsAt: "2026-10-29T20:30:00.000Z",
          repeat: { every: "WEEKLY", times: 3 },
          agendaItems: [{ title: "Data review", minutes: 15 }],
        },
      },
      token("plcFacilitator"),
    );
    const first = succeeded(res.data?.scheduleSession).data;
    expect(first.startsAt).toBe("2026-10-29T20:30:00.000Z");
    const sessions = await app.gql(GROUP_SESSIONS, { id: fx.plcGroupGid }, token("plcFacilitator"));
    const group = sessions.data?.node && "sessions" in sessions.data.node ? sessions.data.node : null;
    const weekly = (group?.sessions.edges ?? []).map((e) => e.node).filter((s) => s.title === "Weekly PLC");
    expect(weekly.map((s) => s.startsAt)).toEqual(["2026-10-29T20:30:00.000Z", "2026-11-05T21:30:00.000Z", "2026-11-12T21:30:00.000Z"]);
    expect(weekly.map((s) => s.agendaItems.totalCount)).toEqual([1, 1, 1]);
  });

  it("repeats monthly on the same day, or the month's last day when it is shorter", async () => {
    const res = await app.gql(
      SCHEDULE,
      { input: { groupId: fx.plcGroupGid, title: "Monthly data day", startsAt: "2027-01-31T15:00:00.000Z", repeat: { every: "MONTHLY", times: 3 } } },
      token("plcFacilitator"),
    );
    succeeded(res.data?.scheduleSession);
    const rows = await app.db.prisma.session.findMany({ where: { title: "Monthly data day" }, orderBy: { startsAt: "asc" } });
    // 9 am in Chicago (CST) each time; 14 March 2027 moves the clocks, so March's is 14:00 UTC.
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual(["2027-01-31T15:00:00.000Z", "2027-02-28T15:00:00.000Z", "2027-03-31T14:00:00.000Z"]);
  });

  it("refuses too many repeats, writing nothing", async () => {
    const before = await app.db.prisma.session.count();
    const res = await app.gql(
      SCHEDULE,
      { input: { groupId: fx.plcGroupGid, title: "Forever", startsAt: "2027-01-01T15:00:00.000Z", repeat: { every: "WEEKLY", times: 100 } } },
      token("plcFacilitator"),
    );
    expect(failed(res.data?.scheduleSession).__typename).toBe("ValidationError");
    expect(await app.db.prisma.session.count()).toBe(before);
  });

  it("takes a template's agenda by id: the PLC's four questions with data review and action planning", async () => {
    const templates = (await app.gql(TEMPLATES, { kind: "PLC" }, token("plcFacilitator"))).data?.agendaTemplates ?? [];
    const plc = templates.find((t) => t.id === "plc-four-questions");
    expect(plc?.items.map((i) => i.plcQuestion)).toEqual([null, 1, 2, 3, 4, null]);
    const res = await app.gql(
      SCHEDULE,
      { input: { groupId: fx.plcGroupGid, title: "From the template", startsAt: "2027-02-01T15:00:00.000Z", templateId: "plc-four-questions" } },
      token("plcFacilitator"),
    );
    const items = succeeded(res.data?.scheduleSession).data.agendaItems.edges.map((e) => e.node);
    expect(items.map((i) => i.title)).toEqual(plc?.items.map((i) => i.title));
  });

  it("offers peer groups their own templates, and refuses a PLC template for a peer group", async () => {
    const peer = (await app.gql(TEMPLATES, { kind: "PEER" }, token("peerMember"))).data?.agendaTemplates ?? [];
    expect(peer.map((t) => t.name)).toEqual(["Problem of practice", "Lesson study round"]);
    expect(peer[1]?.items.map((i) => i.title)).toEqual(
      expect.arrayContaining(["Glows: what worked", "Grows: what to try differently", "Questions we still have"]),
    );
    const res = await app.gql(
      SCHEDULE,
      { input: { groupId: fx.peerGroupGid, title: "Wrong template", startsAt: "2027-02-01T15:00:00.000Z", templateId: "plc-four-questions" } },
      token("peerMember"),
    );
    expect(failed(res.data?.scheduleSession).__typename).toBe("ValidationError");
  });

  it("names a presenter from the group, and refuses someone outside it", async () => {
    const ok = await app.gql(
      SCHEDULE,
      {
        input: {
          groupId: fx.plcGroupGid,
          title: "With presenters",
          startsAt: "2027-02-02T15:00:00.000Z",
          agendaItems: [{ title: "Our data", presenterId: fx.people.plcMember.gid }],
        },
      },
      token("plcFacilitator"),
    );
    const session = succeeded(ok.data?.scheduleSession).data;
    expect(session.agendaItems.edges[0]?.node.presenter?.id).toBe(fx.people.plcMember.gid);

    const outsider = await app.gql(
      SCHEDULE,
      {
        input: {
          groupId: fx.plcGroupGid,
          title: "Outsider",
          startsAt: "2027-02-02T15:00:00.000Z",
          agendaItems: [{ title: "X", presenterId: fx.people.otherTeacher.gid }],
        },
      },
      token("plcFacilitator"),
    );
    expect(failed(outsider.data?.scheduleSession)).toMatchObject({ __typename: "ValidationError", issues: [{ path: "input.agendaItems.0.presenterId" }] });

    const itemGid = session.agendaItems.edges[0]!.node.id;
    const changed = await app.gql(UPDATE_ITEM, { input: { agendaItemId: itemGid, presenterId: fx.people.plcFacilitator.gid } }, token("plcFacilitator"));
    expect(succeeded(changed.data?.updateAgendaItem).data.presenter).toEqual({ id: fx.people.plcFacilitator.gid, name: fx.people.plcFacilitator.name });
    const cleared = await app.gql(UPDATE_ITEM, { input: { agendaItemId: itemGid, presenterId: null } }, token("plcFacilitator"));
    expect(succeeded(cleared.data?.updateAgendaItem).data.presenter).toBeNull();
  });

  it("adds a template's items after an agenda's own", async () => {
    const session = await app.make.session({ groupId: fx.peerGroupId, title: "Lesson study", startsAt: new Date("2027-03-01T15:00:00Z") });
    await app.make.agendaItem({ sessionId: session.id, position: 0, title: "Welcome" });
    const res = await app.gql(APPLY_TEMPLATE, { sessionId: gid("Session", session.id), templateId: "peer-lesson-study" }, token("peerMember"));
    const items = succeeded(res.data?.applyAgendaTemplate).data.agendaItems.edges.map((e) => e.node);
    expect(items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(items.map((i) => i.title).slice(0, 2)).toEqual(["Welcome", "Check-back on last meeting's commitments"]);
  });
});

describe("shared agenda timers", () => {
  async function liveMeeting() {
    const session = await app.make.session({ groupId: fx.plcGroupId, title: "Timed", startsAt: new Date(), status: "LIVE", startedAt: new Date() });
    const first = await app.make.agendaItem({ sessionId: session.id, position: 0, title: "First", minutes: 5 });
    const second = await app.make.agendaItem({ sessionId: session.id, position: 1, title: "Second", minutes: 5 });
    return { session, firstId: first.id, first: gid("AgendaItem", first.id), second: gid("AgendaItem", second.id) };
  }
  const timers = (data: { agendaItems: { edges: { node: { id: string; timerStartedAt: unknown; timerUsedSeconds: number } }[] } }) =>
    Object.fromEntries(data.agendaItems.edges.map((e) => [e.node.id, { running: e.node.timerStartedAt !== null, used: e.node.timerUsedSeconds }]));

  it("starting one item's timer pauses the one that ran, keeping the time it used", async () => {
    const m = await liveMeeting();
    const started = succeeded((await app.gql(START_TIMER, { id: m.first }, token("plcFacilitator"))).data?.startAgendaTimer).data;
    expect(timers(started)[m.first]).toEqual({ running: true, used: 0 });
    // As if it had run for 90 seconds.
    await app.db.prisma.agendaItem.update({ where: { id: m.firstId }, data: { timerStartedAt: new Date(Date.now() - 90_000) } });
    const switched = timers(succeeded((await app.gql(START_TIMER, { id: m.second }, token("plcFacilitator"))).data?.startAgendaTimer).data);
    expect(switched[m.first]).toEqual({ running: false, used: 90 });
    expect(switched[m.second]).toEqual({ running: true, used: 0 });

    // Paused at once (well under half a second): it has still been started, so it is paused, not untouched.
    const paused = timers(succeeded((await app.gql(PAUSE_TIMER, { id: m.second }, token("plcFacilitator"))).data?.pauseAgendaTimer).data);
    expect(paused[m.second]).toEqual({ running: false, used: 1 });
    const reset = timers(succeeded((await app.gql(RESET_TIMER, { id: m.first }, token("plcFacilitator"))).data?.resetAgendaTimer).data);
    expect(reset[m.first]).toEqual({ running: false, used: 0 });
  });

  it("is for those who run the meeting: a PLC member may not, and nothing changes", async () => {
    const m = await liveMeeting();
    const res = await app.gql(START_TIMER, { id: m.first }, token("plcMember"));
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    const rows = await app.db.prisma.agendaItem.findMany({ where: { sessionId: m.session.id } });
    expect(rows.every((r) => r.timerStartedAt === null && r.timerUsedSeconds === 0)).toBe(true);
  });

  it("refuses once the meeting is over", async () => {
    const session = await app.make.session({ groupId: fx.plcGroupId, title: "Over", startsAt: new Date(), status: "DONE", endedAt: new Date() });
    const item = await app.make.agendaItem({ sessionId: session.id, position: 0, title: "Done" });
    const res = await app.gql(START_TIMER, { id: gid("AgendaItem", item.id) }, token("plcFacilitator"));
    expect(failed(res.data?.startAgendaTimer)).toMatchObject({ code: "INVALID_STATE" });
  });
});

describe("everyone viewing the meeting hears of changes", () => {
  it("agenda ticks, attendance and timers arrive on groupActivity as events about the session", async () => {
    const session = await app.make.session({ groupId: fx.plcGroupId, title: "Live", startsAt: new Date(), status: "LIVE", startedAt: new Date() });
    const item = await app.make.agendaItem({ sessionId: session.id, position: 0, title: "Item" });
    const sessionGid = gid("Session", session.id);
    const client = wsClient(app, token("plcMember"));
    clients.push(client);
    const stream = subscribeWs(client, "groupActivity", GROUP_ACTIVITY, { groupId: fx.plcGroupGid });
    streams.push(stream);
    await stream.untilLive(app, { schoolId: fx.schoolId, groupId: fx.plcGroupId, type: "AGENDA_CHANGED", payload: {} });

    succeeded((await app.gql(START_TIMER, { id: gid("AgendaItem", item.id) }, token("plcFacilitator"))).data?.startAgendaTimer);
    expect(await stream.next()).toMatchObject({ type: "AGENDA_TIMER_CHANGED", subjectId: sessionGid, session: { id: sessionGid } });

    const att = await app.gql(RECORD_ATTENDANCE, { sessionId: sessionGid, userId: fx.people.plcMember.gid }, token("plcMember"));
    expect(att.data?.recordAttendance?.__typename).toBe("MutationRecordAttendanceSuccess");
    expect(await stream.next()).toMatchObject({ type: "ATTENDANCE_RECORDED", subjectId: sessionGid });

    const applied = await app.gql(APPLY_TEMPLATE, { sessionId: sessionGid, templateId: "plc-four-questions" }, token("plcFacilitator"));
    succeeded(applied.data?.applyAgendaTemplate);
    expect(await stream.next()).toMatchObject({ type: "AGENDA_CHANGED", subjectId: sessionGid });
    const stored = await app.db.prisma.activityEvent.findMany({ where: { subjectId: session.id }, orderBy: { createdAt: "asc" } });
    // Ids and kinds only: nothing of what the agenda says.
    expect(stored.map((e) => [e.type, e.payload])).toEqual([
      ["AGENDA_TIMER_CHANGED", {}],
      ["ATTENDANCE_RECORDED", {}],
      ["AGENDA_CHANGED", {}],
    ]);
  });
});
