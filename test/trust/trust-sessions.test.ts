// Trust table rows for meetings and norms, for every kind of actor: node(id), the group's
// connections and their counts, filters, nested agenda and attendance, myUpcomingSessions, and
// refused writes that leave the database as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiScope } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { asNode } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { asActor, doneBy, readOutcome, shownTo, TRUST_ACTORS, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;

type Seeded = { groupId: string; groupGid: string; session: string; agendaItem: string; attendance: string; norm: string; acceptance: string };
const seeded: Record<"peer" | "plc", Seeded> = {} as Record<"peer" | "plc", Seeded>;

async function seed(groupId: string, member: ActorKey): Promise<Seeded> {
  const session = await app.make.session({ groupId, title: "Seeded meeting", startsAt: new Date(Date.now() + 24 * 3600_000) });
  const agendaItem = await app.make.agendaItem({
    sessionId: session.id,
    position: 0,
    title: "Seeded item",
    presenterId: fx.people[member].id,
    timerUsedSeconds: 30,
  });
  const attendance = await app.make.attendance({ sessionId: session.id, userId: fx.people[member].id, status: "PRESENT" });
  const norm = await app.make.norm({ groupId, position: 0, text: "Seeded norm" });
  const acceptance = await app.make.normAcceptance({ normId: norm.id, userId: fx.people[member].id });
  return {
    groupId,
    groupGid: gid("Group", groupId),
    session: gid("Session", session.id),
    agendaItem: gid("AgendaItem", agendaItem.id),
    attendance: gid("Attendance", attendance.id),
    norm: gid("Norm", norm.id),
    acceptance: gid("NormAcceptance", acceptance.id),
  };
}

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "trust-sessions");
  seeded.peer = await seed(fx.peerGroupId, "peerMember");
  seeded.plc = await seed(fx.plcGroupId, "plcMember");
});
afterAll(() => app?.close());

type Row = Record<TrustActor, "shown" | "hidden">;
type WriteRow = Record<TrustActor, "done" | "refused">;
const as = (actor: TrustActor, owner: ActorKey, scope: ApiScope) => asActor(app, fx, actor, owner, scope);

const peerContent: Row = shownTo("peerMember", "peerMember2", "peerMember3", "tokenWithScope");
const plcContent: Row = shownTo("plcFacilitator", "plcMember", "coach", "admin", "tokenWithScope");
/** myUpcomingSessions is the viewer's own groups: leaders steer the PLC without being in it. */
const plcUpcoming: Row = { ...plcContent, coach: "hidden", admin: "hidden" };
const actors = TRUST_ACTORS;

function ids(connection: { edges: { node: { id: string } }[]; totalCount: number } | undefined | null): string[] {
  if (!connection) return [];
  // A count never tells more than the list does.
  expect(connection.totalCount).toBe(connection.edges.length);
  return connection.edges.map((e) => e.node.id);
}

describe.each([
  ["peer group", () => seeded.peer, peerContent, peerContent, "peerMember" as ActorKey],
  ["PLC", () => seeded.plc, plcContent, plcUpcoming, "plcMember" as ActorKey],
])("%s meetings and norms", (_label, data, expected, upcoming, owner) => {
  it.each(actors)("session, agenda item and attendance by node(id) for %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_READ");
    const res = await q(
      graphql(`
        query TrustSessionItemAttendance($s: ID!, $a: ID!, $t: ID!) {
          session: node(id: $s) {
            ... on Session {
              title
              status
              endsAt
            }
          }
          item: node(id: $a) {
            ... on AgendaItem {
              title
              presenter {
                id
              }
              timerStartedAt
              timerUsedSeconds
            }
          }
          attendance: node(id: $t) {
            ... on Attendance {
              status
            }
          }
        }
      `),
      { s: data().session, a: data().agendaItem, t: data().attendance },
    );
    expect(readOutcome(res, (d) => asNode(d.session, "Session")?.title)).toBe(expected[actor]);
    expect(readOutcome(res, (d) => asNode(d.item, "AgendaItem")?.title)).toBe(expected[actor]);
    expect(readOutcome(res, (d) => asNode(d.item, "AgendaItem")?.presenter?.id)).toBe(expected[actor]);
    expect(readOutcome(res, (d) => asNode(d.item, "AgendaItem")?.timerUsedSeconds)).toBe(expected[actor]);
    expect(readOutcome(res, (d) => asNode(d.attendance, "Attendance")?.status)).toBe(expected[actor]);
  });

  it.each(actors)("group.sessions list, filters and totalCount for %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_READ");
    const res = await q(
      graphql(`
        query TrustGroupSessions($g: ID!) {
          node(id: $g) {
            ... on Group {
              all: sessions {
                totalCount
                edges {
                  node {
                    id
                  }
                }
              }
              planned: sessions(status: [PLANNED], upcoming: true) {
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
      `),
      { g: data().groupGid },
    );
    const group = asNode(res.data?.node, "Group");
    expect(ids(group?.all).includes(data().session) ? "shown" : "hidden").toBe(expected[actor]);
    expect(ids(group?.planned).includes(data().session) ? "shown" : "hidden").toBe(expected[actor]);
    // Asked alone, so no refused node nulls the group: the count itself must hold nothing back.
    const counts = await q(
      graphql(`
        query TrustGroupSessionCounts($g: ID!) {
          node(id: $g) {
            ... on Group {
              sessions {
                totalCount
              }
              upcoming: sessions(upcoming: true) {
                totalCount
              }
            }
          }
        }
      `),
      { g: data().groupGid },
    );
    expect(readOutcome(counts, (d) => asNode(d.node, "Group")?.sessions.totalCount)).toBe(expected[actor]);
    expect(readOutcome(counts, (d) => asNode(d.node, "Group")?.upcoming.totalCount)).toBe(expected[actor]);
  });

  it.each(actors)("nested agenda and attendance for %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_READ");
    const res = await q(
      graphql(`
        query TrustGroupSessionAgendaAndAttendance($g: ID!) {
          node(id: $g) {
            ... on Group {
              sessions {
                edges {
                  node {
                    agendaItems {
                      totalCount
                      edges {
                        node {
                          id
                          title
                          session {
                            id
                          }
                        }
                      }
                    }
                    attendance {
                      totalCount
                      edges {
                        node {
                          id
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
      `),
      { g: data().groupGid },
    );
    const sessions = asNode(res.data?.node, "Group")?.sessions.edges ?? [];
    const items = sessions.flatMap((e) => ids(e.node.agendaItems));
    const attendance = sessions.flatMap((e) => ids(e.node.attendance));
    expect(items.includes(data().agendaItem) ? "shown" : "hidden").toBe(expected[actor]);
    expect(attendance.includes(data().attendance) ? "shown" : "hidden").toBe(expected[actor]);
  });

  it.each(actors)("myUpcomingSessions for %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_READ");
    const res = await q(
      graphql(`
        query TrustMyUpcomingSessions {
          myUpcomingSessions {
            totalCount
            edges {
              node {
                id
              }
            }
          }
        }
      `),
    );
    expect(readOutcome(res, (d) => d.myUpcomingSessions.edges.some((e) => e.node.id === data().session))).toBe(upcoming[actor]);
    if (res.data?.myUpcomingSessions) ids(res.data.myUpcomingSessions);
  });

  it.each(actors)("norms, their acceptances and the group's norm summary for %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_READ");
    const res = await q(
      graphql(`
        query TrustNormsAndAcceptances($g: ID!, $n: ID!, $a: ID!) {
          group: node(id: $g) {
            ... on Group {
              normsAcceptedByAll
              norms {
                totalCount
                edges {
                  node {
                    id
                    acceptedCount
                    acceptedByViewer
                    acceptances {
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
          norm: node(id: $n) {
            ... on Norm {
              text
              acceptedCount
            }
          }
          acceptance: node(id: $a) {
            ... on NormAcceptance {
              acceptedAt
              user {
                name
              }
            }
          }
        }
      `),
      { g: data().groupGid, n: data().norm, a: data().acceptance },
    );
    const group = asNode(res.data?.group, "Group");
    const norms = group?.norms ? group.norms.edges : [];
    if (group?.norms) ids(group.norms);
    expect(norms.some((e) => e.node.id === data().norm) ? "shown" : "hidden").toBe(expected[actor]);
    expect(norms.flatMap((e) => ids(e.node.acceptances)).includes(data().acceptance) ? "shown" : "hidden").toBe(expected[actor]);
    expect(readOutcome(res, (d) => (asNode(d.group, "Group")?.normsAcceptedByAll == null ? null : "known"))).toBe(expected[actor]);
    expect(readOutcome(res, (d) => asNode(d.norm, "Norm")?.text)).toBe(expected[actor]);
    expect(readOutcome(res, (d) => asNode(d.acceptance, "NormAcceptance")?.acceptedAt)).toBe(expected[actor]);
    const counts = await q(
      graphql(`
        query TrustGroupNormCount($g: ID!) {
          node(id: $g) {
            ... on Group {
              norms {
                totalCount
              }
            }
          }
        }
      `),
      { g: data().groupGid },
    );
    expect(readOutcome(counts, (d) => asNode(d.node, "Group")?.norms.totalCount)).toBe(expected[actor]);
  });
});

const managePeer: WriteRow = doneBy("peerMember", "peerMember2", "peerMember3", "tokenWithScope");
const managePlc: WriteRow = doneBy("plcFacilitator", "coach", "admin", "tokenWithScope");
/** Writing content is wider than managing in a PLC: its plain members write too. */
const writePlcContent: WriteRow = { ...managePlc, plcMember: "done" };

describe.each([
  ["peer group", () => seeded.peer, managePeer, managePeer, "peerMember" as ActorKey],
  ["PLC", () => seeded.plc, managePlc, writePlcContent, "plcFacilitator" as ActorKey],
])("writes on the %s; refused ones change nothing", (_label, data, manage, writeContent, owner) => {
  const newSession = async () => {
    const session = await app.make.session({ groupId: data().groupId, title: "To run", startsAt: new Date() });
    return { ...session, agendaItems: [await app.make.agendaItem({ sessionId: session.id, position: 0, title: "Item" })] };
  };

  it.each(actors)("scheduleSession as %s", async (actor) => {
    const q = await as(actor, owner, "GROUPS_WRITE");
    const count = () => app.db.prisma.session.count({ where: { groupId: data().groupId } });
    const before = await count();
    const res = await q(
      graphql(`
        mutation TrustScheduleSession($input: ScheduleSessionInput!) {
          scheduleSession(input: $input) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      {
        input: { groupId: data().groupGid, title: `By ${actor}`, startsAt: new Date().toISOString(), agendaItems: [{ title: "First" }] },
      },
    );
    const outcome = writeOutcome(res, "scheduleSession");
    expect(outcome).toBe(manage[actor]);
    expect(await count()).toBe(outcome === "done" ? before + 1 : before);
  });

  it.each(actors)("startSession as %s", async (actor) => {
    const session = await newSession();
    const q = await as(actor, owner, "GROUPS_WRITE");
    const res = await q(
      graphql(`
        mutation TrustStartSession($id: ID!) {
          startSession(sessionId: $id) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      { id: gid("Session", session.id) },
    );
    const outcome = writeOutcome(res, "startSession");
    expect(outcome).toBe(manage[actor]);
    const after = await app.db.prisma.session.findUniqueOrThrow({ where: { id: session.id } });
    const events = await app.db.prisma.activityEvent.count({ where: { subjectId: session.id } });
    if (outcome === "refused") {
      const { agendaItems: _items, ...row } = session;
      expect(after).toEqual(row);
      expect(events).toBe(0);
    } else {
      expect({ status: after.status, events }).toEqual({ status: "LIVE", events: 1 });
    }
  });

  it.each(actors)("scheduleSession repeating weekly as %s", async (actor) => {
    const q = await as(actor, owner, "GROUPS_WRITE");
    const count = () => app.db.prisma.session.count({ where: { groupId: data().groupId } });
    const before = await count();
    const res = await q(
      graphql(`
        mutation TrustScheduleRepeating($input: ScheduleSessionInput!) {
          scheduleSession(input: $input) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      { input: { groupId: data().groupGid, title: `Weekly by ${actor}`, startsAt: new Date().toISOString(), repeat: { every: "WEEKLY", times: 3 } } },
    );
    const outcome = writeOutcome(res, "scheduleSession");
    expect(outcome).toBe(manage[actor]);
    expect(await count()).toBe(outcome === "done" ? before + 3 : before);
  });

  it.each(actors)("applyAgendaTemplate as %s", async (actor) => {
    const session = await newSession();
    const q = await as(actor, owner, "GROUPS_WRITE");
    const res = await q(
      graphql(`
        mutation TrustApplyAgendaTemplate($id: ID!, $template: String!) {
          applyAgendaTemplate(sessionId: $id, templateId: $template) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      { id: gid("Session", session.id), template: data().groupId === fx.plcGroupId ? "plc-four-questions" : "peer-lesson-study" },
    );
    const outcome = writeOutcome(res, "applyAgendaTemplate");
    expect(outcome).toBe(manage[actor]);
    expect(await app.db.prisma.agendaItem.count({ where: { sessionId: session.id } })).toBe(outcome === "done" ? 7 : 1);
  });

  it.each(actors)("startAgendaTimer, pauseAgendaTimer and resetAgendaTimer as %s", async (actor) => {
    const session = await newSession();
    const item = session.agendaItems[0]!;
    const q = await as(actor, owner, "GROUPS_WRITE");
    const timer = () => app.db.prisma.agendaItem.findUniqueOrThrow({ where: { id: item.id }, select: { timerStartedAt: true, timerUsedSeconds: true } });
    const start = await q(
      graphql(`
        mutation TrustStartAgendaTimer($id: ID!) {
          startAgendaTimer(agendaItemId: $id) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      { id: gid("AgendaItem", item.id) },
    );
    const outcome = writeOutcome(start, "startAgendaTimer");
    expect(outcome).toBe(manage[actor]);
    expect((await timer()).timerStartedAt !== null).toBe(outcome === "done");
    // Pausing and resetting a timer someone else started: the same rule.
    await app.db.prisma.agendaItem.update({ where: { id: item.id }, data: { timerStartedAt: new Date(Date.now() - 10_000), timerUsedSeconds: 5 } });
    const pause = await q(
      graphql(`
        mutation TrustPauseAgendaTimer($id: ID!) {
          pauseAgendaTimer(agendaItemId: $id) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      { id: gid("AgendaItem", item.id) },
    );
    expect(writeOutcome(pause, "pauseAgendaTimer")).toBe(manage[actor]);
    expect((await timer()).timerStartedAt === null).toBe(outcome === "done");
    const reset = await q(
      graphql(`
        mutation TrustResetAgendaTimer($id: ID!) {
          resetAgendaTimer(agendaItemId: $id) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      { id: gid("AgendaItem", item.id) },
    );
    expect(writeOutcome(reset, "resetAgendaTimer")).toBe(manage[actor]);
    expect((await timer()).timerUsedSeconds === 0).toBe(outcome === "done");
  });

  it.each(actors)("addNorm as %s", async (actor) => {
    const q = await as(actor, owner, "GROUPS_WRITE");
    const snapshot = () => app.db.prisma.norm.findMany({ where: { groupId: data().groupId }, orderBy: { id: "asc" } });
    const before = await snapshot();
    const res = await q(
      graphql(`
        mutation TrustAddNorm($input: AddNormInput!) {
          addNorm(input: $input) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      {
        input: { groupId: data().groupGid, text: `Norm from ${actor}`, position: 0 },
      },
    );
    const outcome = writeOutcome(res, "addNorm");
    expect(outcome).toBe(manage[actor]);
    const after = await snapshot();
    if (outcome === "refused") expect(after).toEqual(before);
    else expect(after.length).toBe(before.length + 1);
  });

  it.each(actors)("markAgendaItemAddressed as %s", async (actor) => {
    const session = await newSession();
    const item = session.agendaItems[0]!;
    const q = await as(actor, owner === "plcFacilitator" ? "plcMember" : owner, "CONTENT_WRITE");
    const res = await q(
      graphql(`
        mutation TrustMarkAgendaItemAddressed($id: ID!) {
          markAgendaItemAddressed(agendaItemId: $id) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      {
        id: gid("AgendaItem", item.id),
      },
    );
    const outcome = writeOutcome(res, "markAgendaItemAddressed");
    expect(outcome).toBe(writeContent[actor]);
    expect((await app.db.prisma.agendaItem.findUniqueOrThrow({ where: { id: item.id } })).addressed).toBe(outcome === "done");
  });
});
