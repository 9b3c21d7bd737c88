// Calendar feeds as a calendar app reads them: the secret address from createCalendarFeed fetched
// over real HTTP and parsed back with an independent parser (ical.js). Times carry the school's
// TZID with its VTIMEZONE and land on the right UTC instant on both sides of a clock change; UIDs
// stay put across fetches while SEQUENCE grows after an update; a cancelled meeting stays as
// STATUS:CANCELLED; and the address stops working the moment it is revoked or replaced, or its
// owner leaves the group or is deactivated. Bad addresses all get the same 404.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TypedDocument } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import type { GqlArgs } from "../support/graphql-http.ts";
import { CreateActionItem, failedWith, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "calendar");
  await app.db.prisma.school.update({ where: { id: fx.schoolId }, data: { timeZone: "America/Chicago" } });
});
afterAll(() => app?.close());

const as = <R, V>(actor: ActorKey, document: TypedDocument<R, V>, variables?: V) => app.gql(document, ...([variables, fx.people[actor].token] as GqlArgs<V>));

const CREATE = graphql(
  `
  mutation CalendarCreate($input: CreateCalendarFeedInput!) {
    createCalendarFeed(input: $input) {
      __typename
      ... on MutationCreateCalendarFeedSuccess { data { url calendarFeed { id kind createdAt lastFetchedAt group { id } school { id } } } }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const REVOKE = graphql(
  `
  mutation CalendarRevoke($id: ID!) {
    revokeCalendarFeed(calendarFeedId: $id) {
      __typename
      ... on MutationRevokeCalendarFeedSuccess { data { id } }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const LIST = graphql(`
  query CalendarList($groupId: ID) {
    myCalendarFeeds(groupId: $groupId) { id kind lastFetchedAt group { id } }
  }
`);
const SCHEDULE = graphql(
  `
  mutation CalendarSchedule($input: ScheduleSessionInput!) {
    scheduleSession(input: $input) { __typename ... on MutationScheduleSessionSuccess { data { id } } ...MutationError }
  }
`,
  [MutationError],
);
const UPDATE = graphql(
  `
  mutation CalendarUpdateSession($input: UpdateSessionInput!) {
    updateSession(input: $input) { __typename ... on MutationUpdateSessionSuccess { data { id } } ...MutationError }
  }
`,
  [MutationError],
);
const CANCEL = graphql(
  `
  mutation CalendarCancelSession($id: ID!) {
    cancelSession(sessionId: $id) { __typename ...MutationError }
  }
`,
  [MutationError],
);
const LEAVE = graphql(
  `
  mutation CalendarLeave($groupId: ID!) {
    leaveGroup(groupId: $groupId) { __typename ...MutationError }
  }
`,
  [MutationError],
);

async function makeFeed(actor: ActorKey, input: { schoolId?: string; groupId?: string }) {
  const res = await as(actor, CREATE, { input });
  return succeeded(res.data?.createCalendarFeed).data;
}

/** The feed over real HTTP, at the app's own address (the created URL's path, so PUBLIC_URL does not matter). */
function fetchFeed(url: string, init?: RequestInit) {
  const { pathname, search } = new URL(url);
  return fetch(`${app.url}${pathname}${search}`, init);
}

type ParsedEvent = {
  uid: string;
  summary: string;
  status: string | null;
  sequence: number;
  tzid: string | null;
  start: Date;
  allDay: boolean;
  url: string | null;
  description: string;
};

/** The feed parsed by ical.js, with its own VTIMEZONEs registered so times convert to UTC through them. */
async function readFeed(url: string) {
  const res = await fetchFeed(url);
  expect(res.status).toBe(200);
  const text = await res.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents("vtimezone");
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents("vevent").map((vevent): ParsedEvent => {
    const event = new ICAL.Event(vevent);
    const dtstart = vevent.getFirstProperty("dtstart");
    return {
      uid: event.uid,
      summary: event.summary,
      status: (vevent.getFirstPropertyValue("status") as string | null) ?? null,
      sequence: event.sequence,
      tzid: (dtstart?.getParameter("tzid") as string | undefined) ?? null,
      start: event.startDate.toJSDate(),
      allDay: event.startDate.isDate,
      url: (vevent.getFirstPropertyValue("url") as string | null) ?? null,
      description: event.description,
    };
  });
  return { res, text, zones: zones.map((z) => z.getFirstPropertyValue("tzid")), events };
}

async function schedule(title: string, startsAt: string, repeatTimes?: number) {
  const res = await as("peerMember", SCHEDULE, {
    input: {
      groupId: fx.peerGroupGid,
      title,
      startsAt,
      durationMinutes: 50,
      ...(repeatTimes ? { repeat: { every: "WEEKLY" as const, times: repeatTimes } } : {}),
    },
  });
  return succeeded(res.data?.scheduleSession).data.id;
}

describe("a personal feed", () => {
  it("holds my meetings in the school's time zone, correct across a clock change", async () => {
    await schedule("Lesson study", "2027-03-11T21:30:00.000Z", 2);
    const created = await makeFeed("peerMember2", { schoolId: fx.schoolGid });
    expect(created.url).toMatch(/\/calendar\/src_[A-Za-z0-9_-]{43}\.ics$/);
    expect(created.calendarFeed).toMatchObject({ kind: "PERSONAL", group: null, school: { id: fx.schoolGid }, lastFetchedAt: null });

    const feed = await readFeed(created.url);
    expect(feed.res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(feed.res.headers.get("cache-control")).toBe("private, no-store");
    expect(feed.zones).toEqual(["America/Chicago"]);
    const meetings = feed.events.filter((e) => e.summary.startsWith("Lesson study"));
    // 3:30 pm in Chicago both weeks: CST (UTC-6) before 14 March 2027, CDT (UTC-5) after.
    expect(meetings.map((m) => [m.tzid, m.start.toISOString()])).toEqual([
      ["America/Chicago", "2027-03-11T21:30:00.000Z"],
      ["America/Chicago", "2027-03-18T20:30:00.000Z"],
    ]);
    expect(feed.text).toContain("DTSTART;TZID=America/Chicago:20270311T153000");
    expect(feed.text).toContain("DTSTART;TZID=America/Chicago:20270318T153000");
    for (const m of meetings) {
      expect(m.uid).toMatch(/^session-[0-9a-f-]{36}@/);
      expect(m.url).toMatch(new RegExp(`^${app.url}/sessions/`));
      expect(m.description).toContain(m.url);
    }
    const listed = await as("peerMember2", LIST, {});
    expect(listed.data?.myCalendarFeeds.find((f) => f.id === created.calendarFeed.id)?.lastFetchedAt).not.toBeNull();
  });

  it("keeps each meeting's UID across fetches, and its SEQUENCE grows when it changes", async () => {
    const sessionId = await schedule("Moving meeting", "2027-04-06T20:00:00.000Z");
    const { url } = await makeFeed("peerMember3", { schoolId: fx.schoolGid });
    const before = (await readFeed(url)).events.find((e) => e.summary.startsWith("Moving meeting"));
    const again = (await readFeed(url)).events.find((e) => e.summary.startsWith("Moving meeting"));
    expect(again?.uid).toBe(before?.uid);
    expect(again?.sequence).toBe(before?.sequence);

    succeeded((await as("peerMember", UPDATE, { input: { sessionId, startsAt: "2027-04-07T20:00:00.000Z" } })).data?.updateSession);
    const after = (await readFeed(url)).events.find((e) => e.summary.startsWith("Moving meeting"));
    expect(after?.uid).toBe(before?.uid);
    expect(after?.sequence).toBeGreaterThan(before?.sequence ?? Number.POSITIVE_INFINITY);
    expect(after?.start.toISOString()).toBe("2027-04-07T20:00:00.000Z");
  });

  it("shows a cancelled meeting as STATUS:CANCELLED under the same UID", async () => {
    const sessionId = await schedule("Called off", "2027-04-13T20:00:00.000Z");
    const { url } = await makeFeed("peerMember3", { schoolId: fx.schoolGid });
    const planned = (await readFeed(url)).events.find((e) => e.summary.includes("Called off"));
    expect(planned?.status).toBe("CONFIRMED");

    succeeded((await as("peerMember", CANCEL, { id: sessionId })).data?.cancelSession);
    const cancelled = (await readFeed(url)).events.find((e) => e.summary.includes("Called off"));
    expect(cancelled).toMatchObject({ uid: planned?.uid, status: "CANCELLED" });
    expect(cancelled?.sequence).toBeGreaterThan(planned?.sequence ?? Number.POSITIVE_INFINITY);
    expect(cancelled?.url).toBe(`${app.url}/groups/${encodeURIComponent(fx.peerGroupGid)}`);
  });

  it("holds my open action items with a due date, and coaching check-backs for the coach and the teacher, as all-day events", async () => {
    const itemRes = await as("peerMember", CreateActionItem, {
      input: { groupId: fx.peerGroupGid, title: "Try think-pair-share", dueDate: "2027-02-03", ownerIds: [fx.people.peerMember.gid] },
    });
    succeeded(itemRes.data?.createActionItem);
    const cycle = await app.make.coachingCycle({
      schoolId: fx.schoolId,
      coachId: fx.people.coach.id,
      teacherId: fx.people.peerMember.id,
      goal: "Wait time after questions",
      nextCheckBackOn: new Date("2027-02-10T00:00:00Z"),
    });

    const teacher = await readFeed((await makeFeed("peerMember", { schoolId: fx.schoolGid })).url);
    const item = teacher.events.find((e) => e.summary === "Due: Try think-pair-share");
    expect(item).toMatchObject({ allDay: true, tzid: null });
    expect(item?.uid).toMatch(/^action-item-/);
    expect(teacher.text).toContain("DTSTART;VALUE=DATE:20270203");
    const teacherCheckBack = teacher.events.find((e) => e.uid.startsWith(`check-back-${cycle.id}-20270210@`));
    expect(teacherCheckBack).toMatchObject({ allDay: true, summary: `Check-back with your coach ${fx.people.coach.name}` });
    expect(teacherCheckBack?.url).toBe(`${app.url}/coaching/${encodeURIComponent(gid("CoachingCycle", cycle.id))}`);

    const coach = await readFeed((await makeFeed("coach", { schoolId: fx.schoolGid })).url);
    expect(coach.events.find((e) => e.uid === teacherCheckBack?.uid)?.summary).toBe(`Coaching check-back with ${fx.people.peerMember.name}`);
    // Leadership gets nothing of the peer group: not its meetings, not its items.
    expect(coach.events.filter((e) => e.uid.startsWith("session-") || e.uid.startsWith("action-item-"))).toEqual([]);

    const admin = await readFeed((await makeFeed("admin", { schoolId: fx.schoolGid })).url);
    expect(admin.events).toEqual([]);
  });
});

describe("a group's feed", () => {
  it("is for the group's members only; a leader not in it cannot make one", async () => {
    for (const actor of ["coach", "admin", "otherTeacher"] as const) {
      const res = await as(actor, CREATE, { input: { groupId: fx.peerGroupGid } });
      expect(failedWith(res.data?.createCalendarFeed, "NotFoundError").code).toBe("NOT_FOUND");
    }
    const res = await as("coach", CREATE, { input: { groupId: fx.plcGroupGid } });
    expect(failedWith(res.data?.createCalendarFeed, "NotFoundError").code).toBe("NOT_FOUND");
    const both = await as("peerMember", CREATE, { input: { groupId: fx.peerGroupGid, schoolId: fx.schoolGid } });
    expect(failedWith(both.data?.createCalendarFeed, "ValidationError").code).toBe("VALIDATION_FAILED");
    expect(
      await app.db.prisma.calendarFeed.count({
        where: { userId: { in: [fx.people.coach.id, fx.people.admin.id, fx.people.otherTeacher.id] }, groupId: { not: null } },
      }),
    ).toBe(0);
  });

  it("holds the group's meetings, and nothing once its owner has left the group", async () => {
    const plcMeeting = await as("plcFacilitator", SCHEDULE, {
      input: { groupId: fx.plcGroupGid, title: "PLC data day", startsAt: "2027-05-04T19:00:00.000Z" },
    });
    succeeded(plcMeeting.data?.scheduleSession);
    const groupFeed = await makeFeed("plcMember", { groupId: fx.plcGroupGid });
    expect(groupFeed.calendarFeed).toMatchObject({ kind: "GROUP", group: { id: fx.plcGroupGid } });
    const personal = await makeFeed("plcMember", { schoolId: fx.schoolGid });
    const feed = await readFeed(groupFeed.url);
    expect(feed.events.map((e) => e.summary)).toEqual(["PLC data day (Fixture Grade 4 PLC)"]);
    expect((await readFeed(personal.url)).events.some((e) => e.summary.startsWith("PLC data day"))).toBe(true);

    succeeded((await as("plcMember", LEAVE, { groupId: fx.plcGroupGid })).data?.leaveGroup);
    expect((await fetchFeed(groupFeed.url)).status).toBe(404);
    expect((await readFeed(personal.url)).events.some((e) => e.summary.startsWith("PLC data day"))).toBe(false);
  });
});

describe("the secret address", () => {
  it("stops at once when revoked, and making a new one stops the old one", async () => {
    const first = await makeFeed("plcFacilitator", { schoolId: fx.schoolGid });
    expect((await fetchFeed(first.url)).status).toBe(200);
    const second = await makeFeed("plcFacilitator", { schoolId: fx.schoolGid });
    expect((await fetchFeed(first.url)).status).toBe(404);
    expect((await fetchFeed(second.url)).status).toBe(200);
    const listed = await as("plcFacilitator", LIST, {});
    expect(listed.data?.myCalendarFeeds.filter((f) => f.kind === "PERSONAL").map((f) => f.id)).toEqual([second.calendarFeed.id]);

    // Someone else's feed is not found, and stays working.
    const stranger = await as("coach", REVOKE, { id: second.calendarFeed.id });
    expect(failedWith(stranger.data?.revokeCalendarFeed, "NotFoundError").code).toBe("NOT_FOUND");
    expect((await fetchFeed(second.url)).status).toBe(200);

    succeeded((await as("plcFacilitator", REVOKE, { id: second.calendarFeed.id })).data?.revokeCalendarFeed);
    expect((await fetchFeed(second.url)).status).toBe(404);
    expect((await as("plcFacilitator", LIST, {})).data?.myCalendarFeeds.filter((f) => f.kind === "PERSONAL")).toEqual([]);
  });

  it("serves nothing to an owner who was deactivated", async () => {
    const { url } = await makeFeed("otherTeacher", { schoolId: fx.schoolGid });
    expect((await fetchFeed(url)).status).toBe(200);
    await app.db.prisma.schoolMember.updateMany({ where: { userId: fx.people.otherTeacher.id }, data: { deactivatedAt: new Date() } });
    expect((await fetchFeed(url)).status).toBe(404);
  });

  it("answers every bad address with the same 404", async () => {
    const live = await makeFeed("peerMember", { schoolId: fx.schoolGid });
    const token = new URL(live.url).pathname.slice("/calendar/".length, -".ics".length);
    const revoked = await makeFeed("peerMember2", { groupId: fx.peerGroupGid });
    succeeded((await as("peerMember2", REVOKE, { id: revoked.calendarFeed.id })).data?.revokeCalendarFeed);
    const bad = [
      new URL(revoked.url).pathname,
      `/calendar/src_${"A".repeat(43)}.ics`, // well-formed, never issued
      `/calendar/${token.slice(0, -1)}.ics`, // one short
      `/calendar/${token}A.ics`, // one long
      `/calendar/${token}`, // no .ics
      `/calendar/${token}.ics/extra`,
      `/calendar/x/${token}.ics`,
      `/calendar/${"%41".repeat(40)}.ics`,
      `/calendar/${encodeURIComponent(token)}%2Eics`,
      `/calendar/src_${"A".repeat(8000)}.ics`, // over-long
      "/calendar/",
      "/calendar",
      "/calendar/.ics",
    ];
    const answers = await Promise.all(
      bad.map(async (path) => {
        const res = await fetch(`${app.url}${path}`);
        return { path, status: res.status, type: res.headers.get("content-type"), cache: res.headers.get("cache-control"), body: await res.text() };
      }),
    );
    const expected = { status: 404, type: "text/plain; charset=utf-8", cache: "private, no-store", body: "No calendar here. Make a new link in Staffroom." };
    for (const answer of answers) expect(answer).toEqual({ path: answer.path, ...expected });
  });

  it("ignores query strings, answers HEAD without a body, and refuses other methods", async () => {
    const { url } = await makeFeed("peerMember", { schoolId: fx.schoolGid });
    expect((await fetchFeed(`${url}?token=other&x=${"y".repeat(500)}`)).status).toBe(200);
    const head = await fetchFeed(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await head.text()).toBe("");
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) {
      const res = await fetchFeed(url, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD");
    }
    // A refused method changed nothing: the address still works.
    expect((await fetchFeed(url)).status).toBe(200);
  });
});
