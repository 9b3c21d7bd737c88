// When a goal counts as overdue: its check-ins (an open goal whose newest check-in, or its
// creation before the first, is more than 14 days old) and its due date (an open goal past it).
// MET and NOT_MET close a goal, so neither applies to them. A check-in through the API clears
// the first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { asNode, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "goal-overdue");
});
afterAll(() => app?.close());

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
const todayUtc = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
};
const dateFromToday = (days: number) => new Date(todayUtc().getTime() + days * DAY);

const GoalTiming = graphql(`
  query GoalTiming($id: ID!) {
    node(id: $id) {
      __typename
      ... on Goal {
        status
        lastCheckInAt
        nextCheckInBy
        checkInOverdue
        overdue
      }
    }
  }
`);

const CheckIn = graphql(
  `
    mutation OverdueGoalCheckIn($goalId: ID!, $value: Float!, $status: GoalStatus) {
      addGoalCheckIn(goalId: $goalId, value: $value, note: "Counted this week's exit tickets", status: $status) {
        __typename
        ... on MutationAddGoalCheckInSuccess {
          data {
            createdAt
            goal {
              status
              lastCheckInAt
              checkInOverdue
              overdue
            }
          }
        }
        ...MutationError
      }
    }
  `,
  [MutationError],
);

type Seed = { createdDaysAgo: number; checkInsDaysAgo?: number[]; dueInDays?: number; status?: "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "MET" | "NOT_MET" };

async function seedGoal(seed: Seed) {
  const owner = fx.people.peerMember;
  const goal = await app.make.goal({
    schoolId: fx.schoolId,
    createdById: owner.id,
    createdAt: daysAgo(seed.createdDaysAgo),
    dueDate: dateFromToday(seed.dueInDays ?? 60),
    ...(seed.status ? { status: seed.status } : {}),
  });
  for (const days of seed.checkInsDaysAgo ?? []) {
    await app.make.goalCheckIn({ goalId: goal.id, authorId: owner.id, createdAt: daysAgo(days) });
  }
  return gid("Goal", goal.id);
}

async function timing(goalGid: string) {
  const res = await app.gql(GoalTiming, { id: goalGid }, fx.people.peerMember.token);
  const goal = asNode(res.data?.node, "Goal");
  expect(goal, JSON.stringify(res)).toBeTruthy();
  return goal!;
}

describe("checkInOverdue", () => {
  it("counts from the goal's creation before its first check-in", async () => {
    const created = daysAgo(20);
    const goalGid = await seedGoal({ createdDaysAgo: 20 });
    const goal = await timing(goalGid);
    expect(goal.lastCheckInAt).toBeNull();
    expect(goal.checkInOverdue).toBe(true);
    expect(Math.abs(new Date(goal.nextCheckInBy).getTime() - (created.getTime() + 14 * DAY))).toBeLessThan(60_000);

    expect((await timing(await seedGoal({ createdDaysAgo: 3 }))).checkInOverdue).toBe(false);
  });

  it("counts from the newest check-in, not the oldest", async () => {
    const recent = await timing(await seedGoal({ createdDaysAgo: 60, checkInsDaysAgo: [40, 5] }));
    expect(recent.checkInOverdue).toBe(false);
    expect(Math.abs(new Date(recent.lastCheckInAt!).getTime() - daysAgo(5).getTime())).toBeLessThan(60_000);

    const stale = await timing(await seedGoal({ createdDaysAgo: 60, checkInsDaysAgo: [40, 15] }));
    expect(stale.checkInOverdue).toBe(true);
  });

  it("does not apply to a goal that is MET or NOT_MET", async () => {
    for (const status of ["MET", "NOT_MET"] as const) {
      const goal = await timing(await seedGoal({ createdDaysAgo: 60, checkInsDaysAgo: [30], dueInDays: -10, status }));
      expect(goal).toMatchObject({ status, checkInOverdue: false, overdue: false });
    }
  });

  it("is cleared by a check-in through the API, which also sets lastCheckInAt", async () => {
    const goalGid = await seedGoal({ createdDaysAgo: 30, checkInsDaysAgo: [20] });
    expect((await timing(goalGid)).checkInOverdue).toBe(true);
    const res = await app.gql(CheckIn, { goalId: goalGid, value: 2 }, fx.people.peerMember.token);
    const checkIn = succeeded(res.data?.addGoalCheckIn).data;
    expect(checkIn.goal).toMatchObject({ checkInOverdue: false, lastCheckInAt: checkIn.createdAt });
    expect((await timing(goalGid)).checkInOverdue).toBe(false);
  });
});

describe("overdue", () => {
  it("is true for an open goal past its due date, false on the due date itself", async () => {
    expect((await timing(await seedGoal({ createdDaysAgo: 30, checkInsDaysAgo: [1], dueInDays: -1 }))).overdue).toBe(true);
    expect((await timing(await seedGoal({ createdDaysAgo: 30, checkInsDaysAgo: [1], dueInDays: 0 }))).overdue).toBe(false);
    expect((await timing(await seedGoal({ createdDaysAgo: 30, checkInsDaysAgo: [1], dueInDays: 5 }))).overdue).toBe(false);
  });

  it("ends when a check-in closes the goal as NOT_MET", async () => {
    const goalGid = await seedGoal({ createdDaysAgo: 90, checkInsDaysAgo: [30], dueInDays: -3, status: "AT_RISK" });
    expect(await timing(goalGid)).toMatchObject({ overdue: true, checkInOverdue: true });
    const res = await app.gql(CheckIn, { goalId: goalGid, value: 1.5, status: "NOT_MET" }, fx.people.peerMember.token);
    expect(succeeded(res.data?.addGoalCheckIn).data.goal).toMatchObject({ status: "NOT_MET", overdue: false, checkInOverdue: false });
  });
});
