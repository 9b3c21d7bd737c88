// SMART goals: creating each kind, check-ins and the progress they drive, filters, and bad
// input coming back as typed errors with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { asNode, failedWith, MutationError, succeeded } from "../support/operations.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "goals");
});
afterAll(() => app?.close());

/** A calendar date `days` from today (UTC), as the Date scalar writes it. */
function isoDate(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

const GOAL_FIELDS = graphql(`
  fragment GoalFields on Goal {
    id
    ownerKind
    title
    metric
    baseline
    target
    dueDate
    status
    latestValue
    progress
    viewerCanEdit
    ownerUser {
      id
    }
    group {
      id
    }
    createdBy {
      id
    }
    checkIns {
      totalCount
      edges {
        node {
          value
          note
          author {
            id
          }
        }
      }
    }
  }
`);

const CREATE = graphql(
  `
  mutation CreateGoal($input: CreateGoalInput!) {
    createGoal(input: $input) {
      __typename
      ... on MutationCreateGoalSuccess {
        data {
          ...GoalFields
        }
      }
      ...MutationError
    }
  }
`,
  [GOAL_FIELDS, MutationError],
);
const UPDATE = graphql(
  `
  mutation UpdateGoal($input: UpdateGoalInput!) {
    updateGoal(input: $input) {
      __typename
      ... on MutationUpdateGoalSuccess {
        data {
          ...GoalFields
        }
      }
      ...MutationError
    }
  }
`,
  [GOAL_FIELDS, MutationError],
);
const CHECK_IN = graphql(
  `
  mutation AddGoalCheckIn($goalId: ID!, $value: Float!, $note: String, $status: GoalStatus) {
    addGoalCheckIn(goalId: $goalId, value: $value, note: $note, status: $status) {
      __typename
      ... on MutationAddGoalCheckInSuccess {
        data {
          value
          note
          author {
            id
          }
          goal {
            ...GoalFields
          }
        }
      }
      ... on BaseError {
        code
        message
      }
    }
  }
`,
  [GOAL_FIELDS],
);
const GOAL_EDITABLE = graphql(`
  query GoalEditable($id: ID!) {
    node(id: $id) {
      ... on Goal {
        title
        viewerCanEdit
      }
    }
  }
`);
/** Root goals, filtered as the arguments say (each left out when not given). */
const GOALS = graphql(`
  query Goals($ownerKind: GoalOwnerKind, $status: [GoalStatus!], $groupId: ID, $dueBefore: Date) {
    goals(ownerKind: $ownerKind, status: $status, groupId: $groupId, dueBefore: $dueBefore) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);
const MY_GOALS = graphql(`
  query MyGoals {
    myGoals(status: [ON_TRACK]) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
    all: myGoals {
      totalCount
    }
  }
`);
const GROUP_GOALS = graphql(`
  query GroupGoals($id: ID!) {
    node(id: $id) {
      ... on Group {
        goals {
          totalCount
          edges {
            node {
              id
            }
          }
        }
        atRisk: goals(status: [AT_RISK]) {
          totalCount
        }
      }
    }
  }
`);
const GOALS_IN_FULL = graphql(`
  query GoalsInFull($first: Int) {
    goals(first: $first) {
      edges {
        node {
          title
          progress
          latestValue
          ownerUser {
            name
          }
          group {
            name
          }
          checkIns(first: 2) {
            totalCount
            edges {
              node {
                value
                author {
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`);

type GoalInput = VariablesOf<typeof CREATE>["input"];

function goalInput(overrides: Partial<GoalInput> = {}): GoalInput {
  return {
    schoolId: fx.schoolGid,
    ownerKind: "TEACHER",
    title: "Raise exit-ticket accuracy",
    metric: "% correct on exit tickets",
    baseline: 40,
    target: 80,
    dueDate: isoDate(60),
    ...overrides,
  };
}

async function createGoal(who: ActorKey, overrides: Partial<GoalInput> = {}) {
  const res = await app.gql(CREATE, { input: goalInput(overrides) }, fx.people[who].token);
  expect(res.data?.createGoal?.__typename, JSON.stringify(res)).toBe("MutationCreateGoalSuccess");
  return succeeded(res.data?.createGoal).data;
}

async function checkIn(who: ActorKey, goalId: string, value: number, extra: Omit<VariablesOf<typeof CHECK_IN>, "goalId" | "value"> = {}) {
  const res = await app.gql(CHECK_IN, { goalId, value, ...extra }, fx.people[who].token);
  expect(res.data?.addGoalCheckIn?.__typename, JSON.stringify(res)).toBe("MutationAddGoalCheckInSuccess");
  return succeeded(res.data?.addGoalCheckIn).data;
}

describe("creating goals", () => {
  it("a TEACHER goal belongs to the person who set it and starts at zero progress", async () => {
    const goal = await createGoal("peerMember");
    expect(goal).toMatchObject({
      ownerKind: "TEACHER",
      ownerUser: { id: fx.people.peerMember.gid },
      group: null,
      createdBy: { id: fx.people.peerMember.gid },
      baseline: 40,
      target: 80,
      dueDate: isoDate(60),
      status: "ON_TRACK",
      latestValue: null,
      progress: 0,
      viewerCanEdit: true,
      checkIns: { totalCount: 0, edges: [] },
    });
  });

  it("a GROUP goal needs write access to the group; a SCHOOL goal needs a coach or admin", async () => {
    const plcGoal = await createGoal("plcMember", { ownerKind: "GROUP", groupId: fx.plcGroupGid, status: "AT_RISK" });
    expect(plcGoal).toMatchObject({ ownerKind: "GROUP", group: { id: fx.plcGroupGid }, ownerUser: null, status: "AT_RISK" });
    const schoolGoal = await createGoal("coach", { ownerKind: "SCHOOL", title: "Chronic absence below 10%" });
    expect(schoolGoal).toMatchObject({ ownerKind: "SCHOOL", group: null, ownerUser: null });

    const before = await app.db.prisma.goal.count();
    const teacherSchoolGoal = await app.gql(CREATE, { input: goalInput({ ownerKind: "SCHOOL" }) }, fx.people.plcMember.token);
    expect(teacherSchoolGoal.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const coachPeerGoal = await app.gql(CREATE, { input: goalInput({ ownerKind: "GROUP", groupId: fx.peerGroupGid }) }, fx.people.coach.token);
    expect(coachPeerGoal.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const strangerGroup = await app.gql(CREATE, { input: goalInput({ ownerKind: "GROUP", groupId: fx.plcGroupGid }) }, fx.people.otherTeacher.token);
    expect(strangerGroup.data?.createGoal).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const otherSchool = await app.gql(CREATE, { input: goalInput() }, fx.people.otherSchoolAdmin.token);
    expect(otherSchool.data?.createGoal).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect(await app.db.prisma.goal.count()).toBe(before);
  });

  it("reports every input problem at once as a ValidationError and writes nothing", async () => {
    const before = await app.db.prisma.goal.count();
    const res = await app.gql(
      CREATE,
      { input: goalInput({ ownerKind: "GROUP", title: " x ", baseline: 50, target: 50, dueDate: isoDate(-1) }) },
      fx.people.plcMember.token,
    );
    expect(res.data?.createGoal.__typename).toBe("ValidationError");
    const paths = failedWith(res.data?.createGoal, "ValidationError")
      .issues.map((i) => i.path)
      .sort();
    expect(paths).toEqual(["input.dueDate", "input.groupId", "input.target", "input.title"]);

    const groupOnTeacherGoal = await app.gql(CREATE, { input: goalInput({ groupId: fx.plcGroupGid }) }, fx.people.plcMember.token);
    expect(failedWith(groupOnTeacherGoal.data?.createGoal, "ValidationError").issues).toEqual([{ path: "input.groupId", message: "is only for group goals" }]);
    expect(await app.db.prisma.goal.count()).toBe(before);
  });

  it("an archived group's goals stay readable but cannot change", async () => {
    const school = await buildSchoolFixture(app.db.prisma, "archived-goals");
    const res = await app.gql(
      CREATE,
      { input: goalInput({ schoolId: school.schoolGid, ownerKind: "GROUP", groupId: school.plcGroupGid }) },
      school.people.plcMember.token,
    );
    const goalId = succeeded(res.data?.createGoal).data.id;
    await app.db.prisma.group.update({ where: { id: school.plcGroupId }, data: { archivedAt: new Date() } });
    const before = { goals: await app.db.prisma.goal.count(), checkIns: await app.db.prisma.goalCheckIn.count() };

    const created = await app.gql(
      CREATE,
      { input: goalInput({ schoolId: school.schoolGid, ownerKind: "GROUP", groupId: school.plcGroupGid }) },
      school.people.plcMember.token,
    );
    expect(created.data?.createGoal).toMatchObject({ __typename: "RuleViolationError", code: "ARCHIVED" });
    const checkedIn = await app.gql(CHECK_IN, { goalId, value: 55 }, school.people.plcMember.token);
    expect(checkedIn.data?.addGoalCheckIn).toMatchObject({ __typename: "RuleViolationError", code: "ARCHIVED" });
    // Someone who never had write access is still just refused.
    const stranger = await app.gql(CHECK_IN, { goalId, value: 55 }, school.people.peerMember.token);
    expect(stranger.data?.addGoalCheckIn).toMatchObject({ __typename: "NotFoundError" });
    expect({ goals: await app.db.prisma.goal.count(), checkIns: await app.db.prisma.goalCheckIn.count() }).toEqual(before);

    const read = await app.gql(GOAL_EDITABLE, { id: goalId }, school.people.plcMember.token);
    expect(read.data?.node).toMatchObject({ viewerCanEdit: false });
  });

  it("a due date of today is accepted", async () => {
    const goal = await createGoal("peerMember2", { dueDate: isoDate(0) });
    expect(goal.dueDate).toBe(isoDate(0));
  });
});

describe("check-ins and progress", () => {
  it("progress follows the newest check-in from baseline towards target, clamped to 0..1", async () => {
    const goal = await createGoal("plcMember", { baseline: 40, target: 80 });
    expect((await checkIn("plcMember", goal.id, 50, { note: "  first unit  " })).goal).toMatchObject({ latestValue: 50, progress: 0.25 });
    const second = await checkIn("plcMember", goal.id, 70);
    expect(second.goal).toMatchObject({ latestValue: 70, progress: 0.75 });
    expect(second.goal.checkIns.totalCount).toBe(2);
    expect(second.goal.checkIns.edges.map((e) => e.node.value)).toEqual([70, 50]);
    expect(second.goal.checkIns.edges[1]?.node).toMatchObject({ note: "first unit", author: { id: fx.people.plcMember.gid } });
    expect((await checkIn("plcMember", goal.id, 95)).goal.progress).toBe(1);
    expect((await checkIn("plcMember", goal.id, 30)).goal.progress).toBe(0);
  });

  it("works for goals that go down, and a check-in can restate the status", async () => {
    const goal = await createGoal("plcMember", { title: "Fewer office referrals", metric: "referrals per month", baseline: 20, target: 10 });
    const result = await checkIn("plcMember", goal.id, 12, { status: "AT_RISK" });
    expect(result.goal).toMatchObject({ latestValue: 12, progress: 0.8, status: "AT_RISK" });
    expect((await checkIn("plcMember", goal.id, 10, { status: "MET" })).goal).toMatchObject({ progress: 1, status: "MET" });
  });

  it("only the goal's writers can check in; nothing is written otherwise", async () => {
    const goal = await createGoal("plcMember");
    const before = await app.db.prisma.goalCheckIn.count();
    const other = await app.gql(CHECK_IN, { goalId: goal.id, value: 60 }, fx.people.otherTeacher.token);
    expect(other.data?.addGoalCheckIn).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const anonymous = await app.gql(CHECK_IN, { goalId: goal.id, value: 60 });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const missing = await app.gql(CHECK_IN, { goalId: gid("Goal", "00000000-0000-4000-8000-000000000000"), value: 60 }, fx.people.plcMember.token);
    expect(missing.data?.addGoalCheckIn).toMatchObject({ __typename: "NotFoundError" });
    expect(await app.db.prisma.goalCheckIn.count()).toBe(before);
  });
});

describe("updating goals", () => {
  it("changes what was given and leaves the rest", async () => {
    const goal = await createGoal("peerMember3");
    const res = await app.gql(
      UPDATE,
      { input: { goalId: goal.id, title: "Raise accuracy to 85%", target: 85, status: "OFF_TRACK" } },
      fx.people.peerMember3.token,
    );
    expect(succeeded(res.data?.updateGoal).data).toMatchObject({
      title: "Raise accuracy to 85%",
      target: 85,
      baseline: 40,
      status: "OFF_TRACK",
      metric: goal.metric,
    });
  });

  it("refuses a target equal to the stored baseline, and a past due date, writing nothing", async () => {
    const goal = await createGoal("peerMember3");
    const before = await app.db.prisma.goal.findUniqueOrThrow({ where: { id: Buffer.from(goal.id, "base64").toString().split(":")[1]! } });
    const sameAsBaseline = await app.gql(UPDATE, { input: { goalId: goal.id, target: 40, title: "changed" } }, fx.people.peerMember3.token);
    expect(sameAsBaseline.data?.updateGoal).toMatchObject({ __typename: "ValidationError", issues: [{ path: "input.target" }] });
    const past = await app.gql(UPDATE, { input: { goalId: goal.id, dueDate: isoDate(-3) } }, fx.people.peerMember3.token);
    expect(past.data?.updateGoal).toMatchObject({ __typename: "ValidationError", issues: [{ path: "input.dueDate" }] });
    expect(await app.db.prisma.goal.findUniqueOrThrow({ where: { id: before.id } })).toEqual(before);
  });

  it("someone who can read but not write a goal is FORBIDDEN", async () => {
    const schoolGoal = await createGoal("admin", { ownerKind: "SCHOOL", title: "Attendance above 95%" });
    const res = await app.gql(UPDATE, { input: { goalId: schoolGoal.id, title: "Taken over" } }, fx.people.otherTeacher.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const read = await app.gql(GOAL_EDITABLE, { id: schoolGoal.id }, fx.people.otherTeacher.token);
    expect(read.data?.node).toEqual({ title: "Attendance above 95%", viewerCanEdit: false });
  });
});

describe("lists and filters", () => {
  let school: SchoolFixture;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    // A fresh school keeps the counts exact.
    school = await buildSchoolFixture(app.db.prisma, "goal-lists");
    const make = async (who: ActorKey, key: string, input: Partial<GoalInput>) => {
      const res = await app.gql(CREATE, { input: { ...goalInput({ schoolId: school.schoolGid }), ...input } }, school.people[who].token);
      expect(res.data?.createGoal?.__typename, JSON.stringify(res)).toBe("MutationCreateGoalSuccess");
      ids[key] = succeeded(res.data?.createGoal).data.id;
    };
    await make("plcMember", "mine", { dueDate: isoDate(10) });
    await make("plcMember", "mineLater", { dueDate: isoDate(90), status: "MET" });
    await make("plcFacilitator", "plcSoon", { ownerKind: "GROUP", groupId: school.plcGroupGid, dueDate: isoDate(5) });
    await make("plcFacilitator", "plcLater", { ownerKind: "GROUP", groupId: school.plcGroupGid, dueDate: isoDate(120), status: "AT_RISK" });
    await make("admin", "school", { ownerKind: "SCHOOL", dueDate: isoDate(200) });
    await make("peerMember", "peer", { ownerKind: "GROUP", groupId: school.peerGroupGid, dueDate: isoDate(30) });
  });

  const list = async (who: ActorKey, args: VariablesOf<typeof GOALS> = {}) => {
    const res = await app.gql(GOALS, args, school.people[who].token);
    expect(res.errors).toBeUndefined();
    return { total: res.data?.goals.totalCount, ids: res.data?.goals.edges.map((e) => e.node.id) };
  };

  it("root goals: everything readable, soonest due first", async () => {
    expect(await list("plcMember")).toEqual({ total: 5, ids: [ids.plcSoon, ids.mine, ids.mineLater, ids.plcLater, ids.school] });
  });

  it("filters by owner kind, status, group and due date", async () => {
    expect((await list("plcMember", { ownerKind: "GROUP" })).ids).toEqual([ids.plcSoon, ids.plcLater]);
    expect(await list("plcMember", { status: ["MET", "AT_RISK"] })).toEqual({ total: 2, ids: [ids.mineLater, ids.plcLater] });
    expect((await list("plcMember", { groupId: school.plcGroupGid })).ids).toEqual([ids.plcSoon, ids.plcLater]);
    expect(await list("plcMember", { dueBefore: isoDate(90) })).toEqual({ total: 2, ids: [ids.plcSoon, ids.mine] });
    // A group the viewer cannot read yields nothing rather than an error.
    expect(await list("plcMember", { groupId: school.peerGroupGid })).toEqual({ total: 0, ids: [] });
  });

  it("myGoals holds only the viewer's own teacher goals", async () => {
    const res = await app.gql(MY_GOALS, {}, school.people.plcMember.token);
    expect(res.data?.myGoals).toEqual({ totalCount: 1, edges: [{ node: { id: ids.mine } }] });
    expect(res.data?.all.totalCount).toBe(2);
  });

  it("Group.goals lists the group's goals with filters and a count", async () => {
    const res = await app.gql(GROUP_GOALS, { id: school.plcGroupGid }, school.people.coach.token);
    const group = asNode(res.data?.node, "Group");
    expect(group?.goals).toEqual({ totalCount: 2, edges: [{ node: { id: ids.plcSoon } }, { node: { id: ids.plcLater } }] });
    expect(group?.atRisk.totalCount).toBe(1);
  });

  it("a list with check-ins and progress costs the same statements for 1 goal as for many", async () => {
    for (const key of ["mine", "mineLater"]) for (const v of [50, 60, 70]) await checkIn2(key, v);
    const count = async (first: number) => {
      let statements = 0;
      const stop = app.db.onQuery(() => statements++);
      const res = await app.gql(GOALS_IN_FULL, { first }, school.people.plcMember.token);
      stop();
      expect(res.errors).toBeUndefined();
      return statements;
    };
    const one = await count(1);
    const all = await count(10);
    expect(all).toBe(one);

    async function checkIn2(key: string, value: number) {
      const res = await app.gql(CHECK_IN, { goalId: ids[key]!, value }, school.people.plcMember.token);
      expect(res.data?.addGoalCheckIn.__typename).toBe("MutationAddGoalCheckInSuccess");
    }
  });
});
