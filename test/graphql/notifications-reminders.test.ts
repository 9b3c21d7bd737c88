// Reminders as the scheduled job produces them: produceReminders(db, now) with chosen `now`s, in
// schools on either side of UTC. "Tomorrow" is the school's own tomorrow; running twice writes
// nothing new; only the people concerned are reminded, and what they read says when.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { produceReminders } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { dataOf } from "../support/operations.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { MY_NOTIFICATIONS } from "../support/notifications.ts";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A school in `timeZone` with an open item due `due` owned by peerMember2, a meeting of the peer group, and a cycle's check-back. */
async function school(timeZone: string, facts: { due: string; meetsAt: string; checkBack: string }) {
  const fx = await buildSchoolFixture(app.db.prisma, `reminders-${timeZone.replace(/\W/g, "")}`);
  await app.db.prisma.school.update({ where: { id: fx.schoolId }, data: { timeZone } });
  const item = await app.make.actionItem({
    groupId: fx.peerGroupId,
    title: "Share exit tickets",
    dueDate: day(facts.due),
    owners: { create: [{ userId: fx.people.peerMember2.id }] },
  });
  const session = await app.make.session({ groupId: fx.peerGroupId, title: "Looking at student work", startsAt: new Date(facts.meetsAt) });
  const cycle = await app.make.coachingCycle({
    schoolId: fx.schoolId,
    coachId: fx.people.coach.id,
    teacherId: fx.people.peerMember.id,
    nextCheckBackOn: day(facts.checkBack),
  });
  return { fx, item, session, cycle };
}

async function kinds(fx: SchoolFixture, who: keyof SchoolFixture["people"]) {
  const viewer = dataOf(await app.gql(MY_NOTIFICATIONS, {}, fx.people[who].token)).viewer!;
  return viewer.notifications.edges.map((e) => e.node);
}

const remindersFor = async (schoolId: string, now: Date) =>
  (await produceReminders(app.db.prisma, now, app.services.events)).filter((n) => n.schoolId === schoolId);

describe("produceReminders", () => {
  it("a UTC school: due tomorrow, meeting tomorrow and check-back reach exactly the people concerned, once", async () => {
    const { fx, item, session, cycle } = await school("UTC", { due: "2026-12-08", meetsAt: "2026-12-08T15:30:00Z", checkBack: "2026-12-08" });
    // The day before yesterday: nothing is tomorrow yet.
    expect(await remindersFor(fx.schoolId, new Date("2026-12-06T12:00:00Z"))).toEqual([]);

    const written = await remindersFor(fx.schoolId, new Date("2026-12-07T06:00:00Z"));
    const got = written.map((n) => `${n.kind} ${n.recipientId}`).sort();
    expect(got).toEqual(
      [
        `ACTION_ITEM_DUE_TOMORROW ${fx.people.peerMember2.id}`,
        `CHECK_BACK_DUE ${fx.people.coach.id}`,
        `CHECK_BACK_DUE ${fx.people.peerMember.id}`,
        ...["peerMember", "peerMember2", "peerMember3"].map((p) => `MEETING_TOMORROW ${fx.people[p as "peerMember"].id}`),
      ].sort(),
    );
    expect(written.find((n) => n.kind === "ACTION_ITEM_DUE_TOMORROW")!.actionItemId).toBe(item.id);
    expect(written.find((n) => n.kind === "MEETING_TOMORROW")!.sessionId).toBe(session.id);
    expect(written.find((n) => n.kind === "CHECK_BACK_DUE")!.coachingCycleId).toBe(cycle.id);

    // Again the same day (a retry, another instance): nothing new.
    expect(await remindersFor(fx.schoolId, new Date("2026-12-07T18:00:00Z"))).toEqual([]);

    // What people read: specific, with the date, linking to the thing.
    const owner = await kinds(fx, "peerMember2");
    expect(owner.find((n) => n.kind === "ACTION_ITEM_DUE_TOMORROW")).toMatchObject({
      sentence: "Your action item “Share exit tickets” is due on Tuesday, December 8",
    });
    expect(owner.find((n) => n.kind === "MEETING_TOMORROW")).toMatchObject({
      sentence: "Fixture peer group meets on Tuesday, December 8 at 3:30 PM: “Looking at student work”",
    });
    const coach = await kinds(fx, "coach");
    expect(coach.map((n) => n.kind)).toEqual(["CHECK_BACK_DUE"]);
    expect(coach[0]!.sentence).toBe(`A coaching check-back with ${fx.people.peerMember.name} is due on Tuesday, December 8`);
    const teacher = await kinds(fx, "peerMember");
    expect(teacher.find((n) => n.kind === "CHECK_BACK_DUE")!.sentence).toBe(
      `A coaching check-back with your coach ${fx.people.coach.name} is due on Tuesday, December 8`,
    );
    // Leadership hears nothing of the peer group's meeting or items.
    expect(coach.some((n) => n.kind === "MEETING_TOMORROW" || n.kind.startsWith("ACTION_ITEM"))).toBe(false);
  });

  it("overdue once per due date; a done item or an archived group's item is not reminded", async () => {
    const { fx, item } = await school("UTC", { due: "2026-12-05", meetsAt: "2026-12-01T15:00:00Z", checkBack: "2026-11-01" });
    const done = await app.make.actionItem({
      groupId: fx.peerGroupId,
      title: "Done already",
      dueDate: day("2026-12-05"),
      status: "DONE",
      owners: { create: [{ userId: fx.people.peerMember.id }] },
    });
    const first = await remindersFor(fx.schoolId, new Date("2026-12-07T09:00:00Z"));
    expect(first.map((n) => [n.kind, n.actionItemId, n.recipientId])).toEqual([["ACTION_ITEM_OVERDUE", item.id, fx.people.peerMember2.id]]);
    expect(first.some((n) => n.actionItemId === done.id)).toBe(false);
    expect(await remindersFor(fx.schoolId, new Date("2026-12-08T09:00:00Z"))).toEqual([]);
    const [overdue] = (await kinds(fx, "peerMember2")).filter((n) => n.kind === "ACTION_ITEM_OVERDUE");
    expect(overdue!.sentence).toBe("Your action item “Share exit tickets” is overdue (it was due on Saturday, December 5)");

    // Moved to a new date that passes too: reminded again, for that date.
    await app.db.prisma.actionItem.update({ where: { id: item.id }, data: { dueDate: day("2026-12-09") } });
    expect((await remindersFor(fx.schoolId, new Date("2026-12-11T09:00:00Z"))).map((n) => n.kind)).toEqual(["ACTION_ITEM_OVERDUE"]);

    await app.db.prisma.group.update({ where: { id: fx.peerGroupId }, data: { archivedAt: new Date("2026-12-11T10:00:00Z") } });
    await app.db.prisma.actionItem.update({ where: { id: item.id }, data: { dueDate: day("2026-12-10") } });
    expect(await remindersFor(fx.schoolId, new Date("2026-12-12T09:00:00Z"))).toEqual([]);
  });

  it("tomorrow is the school's: Auckland is ahead of UTC, Chicago behind", async () => {
    // 2026-12-07T12:00Z is Dec 8, 01:00 in Auckland (UTC+13) and Dec 7, 06:00 in Chicago (UTC−6).
    const now = new Date("2026-12-07T12:00:00Z");
    const auckland = await school("Pacific/Auckland", { due: "2026-12-09", meetsAt: "2026-12-08T20:30:00Z", checkBack: "2026-12-08" });
    const chicago = await school("America/Chicago", { due: "2026-12-09", meetsAt: "2026-12-08T05:30:00Z", checkBack: "2026-12-09" });

    // Auckland: its tomorrow is Dec 9 (the item; the meeting at Dec 9, 09:30 local); the check-back is today.
    const inAuckland = await remindersFor(auckland.fx.schoolId, now);
    expect(new Set(inAuckland.map((n) => n.kind))).toEqual(new Set(["ACTION_ITEM_DUE_TOMORROW", "MEETING_TOMORROW", "CHECK_BACK_DUE"]));

    // Chicago: still Dec 7, so Dec 9 is not tomorrow; the meeting at Dec 7, 23:30 local is tonight, not tomorrow.
    expect(await remindersFor(chicago.fx.schoolId, now)).toEqual([]);
    // The next Chicago morning, Dec 8: all three.
    const nextMorning = await remindersFor(chicago.fx.schoolId, new Date("2026-12-08T14:00:00Z"));
    expect(new Set(nextMorning.map((n) => n.kind))).toEqual(new Set(["ACTION_ITEM_DUE_TOMORROW", "CHECK_BACK_DUE"]));
  });
});
