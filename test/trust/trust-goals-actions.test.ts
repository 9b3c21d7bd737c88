// Trust table rows for goals and action items, for every kind of actor, through node(id), the
// group's connections and their counts, the root lists, nested check-ins and owners; refused
// writes change nothing. A teacher's own goal has a row per visibility the teacher can choose:
// only me, my coach, my group.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiScope } from "@staffroom/api/testing";
import { startTestApp, type GqlResult, type TestApp } from "../support/app.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { asNode, RemoveGroupMember, succeeded } from "../support/operations.ts";
import { ACTOR_KEYS, buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { asActor, readOutcome, shownTo, TRUST_ACTORS, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;
type Seeded = { goal: string; checkIn: string };
type TeacherGoalKey = "teacherOnlyMe" | "teacherCoach" | "teacherGroup";
const goals = {} as Record<"peer" | "plc" | "school" | TeacherGoalKey, Seeded>;
const items = {} as Record<"peer" | "plc", string>;

const DAY = 86_400_000;
const todayUtc = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
};

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "trust-goals");
  const { people } = fx;
  // The coach coaches plcMember: that is what lets the coach read a goal plcMember shows "my coach".
  await app.make.coachingAssignment({ schoolId: fx.schoolId, coachId: people.coach.id, teacherId: people.plcMember.id, tier: "TARGETED" });

  const dueDate = new Date(todayUtc().getTime() + 30 * DAY);
  const seedGoal = async (data: {
    ownerKind: "GROUP" | "TEACHER" | "SCHOOL";
    groupId?: string;
    ownerUserId?: string;
    by: ActorKey;
    visibility?: "ONLY_ME" | "MY_COACH" | "MY_GROUP";
    sharedWithGroupId?: string;
  }) => {
    const goal = await app.make.goal({
      schoolId: fx.schoolId,
      ownerKind: data.ownerKind,
      groupId: data.groupId ?? null,
      ownerUserId: data.ownerUserId ?? null,
      ...(data.visibility ? { visibility: data.visibility } : {}),
      sharedWithGroupId: data.sharedWithGroupId ?? null,
      createdById: people[data.by].id,
      title: `${data.ownerKind} goal`,
      metric: "% proficient",
      baseline: 40,
      target: 80,
      dueDate,
    });
    const checkIn = await app.make.goalCheckIn({ goalId: goal.id, authorId: people[data.by].id, value: 60, note: "halfway" });
    return { goal: gid("Goal", goal.id), checkIn: gid("GoalCheckIn", checkIn.id) };
  };
  goals.peer = await seedGoal({ ownerKind: "GROUP", groupId: fx.peerGroupId, by: "peerMember" });
  goals.plc = await seedGoal({ ownerKind: "GROUP", groupId: fx.plcGroupId, by: "plcFacilitator" });
  // No visibility given: the column's default, the most private choice.
  goals.teacherOnlyMe = await seedGoal({ ownerKind: "TEACHER", ownerUserId: people.plcMember.id, by: "plcMember" });
  goals.teacherCoach = await seedGoal({ ownerKind: "TEACHER", ownerUserId: people.plcMember.id, by: "plcMember", visibility: "MY_COACH" });
  goals.teacherGroup = await seedGoal({
    ownerKind: "TEACHER",
    ownerUserId: people.plcMember.id,
    by: "plcMember",
    visibility: "MY_GROUP",
    sharedWithGroupId: fx.plcGroupId,
  });
  goals.school = await seedGoal({ ownerKind: "SCHOOL", by: "admin" });

  // Both items are overdue, so they are candidates for leadership's overdue list.
  const overdueDate = new Date(todayUtc().getTime() - 3 * DAY);
  const seedItem = async (groupId: string, owner: ActorKey) => {
    const item = await app.make.actionItem({
      groupId,
      title: "Bring student work samples",
      dueDate: overdueDate,
      owners: { create: { userId: people[owner].id } },
    });
    return gid("ActionItem", item.id);
  };
  items.peer = await seedItem(fx.peerGroupId, "peerMember");
  items.plc = await seedItem(fx.plcGroupId, "plcMember");
});
afterAll(() => app?.close());

type Row<T extends string> = Record<TrustActor, T>;
const as = (actor: TrustActor, owner: ActorKey, scope: ApiScope) => asActor(app, fx, actor, owner, scope);
const uuidOf = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1]!;
const edgeIds = (connection: { edges: { node: { id: string } }[] } | undefined | null) => connection?.edges.map((e) => e.node.id) ?? [];

const actors = TRUST_ACTORS;
const asWrites = (row: Row<"shown" | "hidden">): Row<"done" | "refused"> =>
  Object.fromEntries(actors.map((a) => [a, row[a] === "shown" ? "done" : "refused"])) as Row<"done" | "refused">;

const peerContent = shownTo("peerMember", "peerMember2", "peerMember3", "tokenWithScope");
const plcContent = shownTo("plcFacilitator", "plcMember", "coach", "admin", "tokenWithScope");
const ownerOnly = shownTo("plcMember", "tokenWithScope");
// "My coach": the coach assigned to plcMember, not the school's other leader (the admin).
const ownerAndCoach = shownTo("plcMember", "coach", "tokenWithScope");
// "My group": the PLC's members; not its leaders, who read the PLC's content but are not in it.
const ownerAndGroup = shownTo("plcMember", "plcFacilitator", "tokenWithScope");
const schoolReaders = shownTo("peerMember", "peerMember2", "peerMember3", "plcFacilitator", "plcMember", "otherTeacher", "coach", "admin", "tokenWithScope");

// ───────────── goals: reads ─────────────

type GoalCase = {
  label: string;
  goal: () => Seeded;
  readers: Row<"shown" | "hidden">;
  /** Whose token stands for the row: someone who may read and write it. */
  owner: ActorKey;
  writers: Row<"shown" | "hidden">;
  /** A group's goal: the group whose Group.goals lists it. */
  group?: () => string;
  /** A kind of goal created through createGoal: its owner kind and group, and whose token creates it. */
  create?: { ownerKind: "GROUP" | "SCHOOL"; groupId: () => string | null; by: ActorKey };
  /** A teacher's goal: what it says about who sees it, and the visibility the table changes it to. */
  shownTo?: { label: string; change: "ONLY_ME" | "MY_COACH" | "MY_GROUP" };
};

/** Every goal of the trust table, once: the reads, the group lists, the writes and the creations all come from it. */
const goalCases: GoalCase[] = [
  {
    label: "peer-group goal",
    goal: () => goals.peer,
    readers: peerContent,
    owner: "peerMember",
    writers: peerContent,
    group: () => fx.peerGroupGid,
    create: { ownerKind: "GROUP", groupId: () => fx.peerGroupGid, by: "peerMember" },
  },
  {
    label: "PLC goal",
    goal: () => goals.plc,
    readers: plcContent,
    owner: "plcMember",
    writers: plcContent,
    group: () => fx.plcGroupGid,
    create: { ownerKind: "GROUP", groupId: () => fx.plcGroupGid, by: "plcMember" },
  },
  {
    label: "teacher goal, only me",
    goal: () => goals.teacherOnlyMe,
    readers: ownerOnly,
    owner: "plcMember",
    writers: ownerOnly,
    shownTo: { label: "only me", change: "MY_COACH" },
  },
  {
    label: "teacher goal, my coach",
    goal: () => goals.teacherCoach,
    readers: ownerAndCoach,
    owner: "plcMember",
    writers: ownerOnly,
    shownTo: { label: "my coach", change: "ONLY_ME" },
  },
  {
    label: "teacher goal, my group",
    goal: () => goals.teacherGroup,
    readers: ownerAndGroup,
    owner: "plcMember",
    writers: ownerOnly,
    shownTo: { label: "my group", change: "MY_COACH" },
  },
  {
    label: "school goal",
    goal: () => goals.school,
    readers: schoolReaders,
    owner: "admin",
    writers: shownTo("coach", "admin", "tokenWithScope"),
    create: { ownerKind: "SCHOOL", groupId: () => null, by: "coach" },
  },
];
/** The rows as `[label, row]`, so each describe is named by its label as written. */
const labelled = <T>(rows: (T & { label: string })[]) => rows.map((row) => [row.label, row] as const);
const groupGoalCases = labelled(goalCases.flatMap(({ label, goal, readers, owner, group }) => (group ? [{ label, goal, readers, owner, group }] : [])));
const createCases = labelled(goalCases.flatMap(({ label, writers, create }) => (create ? [{ label, writers, ...create }] : [])));
const visibilityCases = labelled(goalCases.flatMap(({ goal, shownTo }) => (shownTo ? [{ goal, ...shownTo }] : [])));

describe.each(labelled(goalCases))("%s: reads", (_label, { goal, readers, owner }) => {
  it.each(actors)("node(id) with nested check-ins, and the check-in's own node, for %s", async (actor) => {
    const q = await as(actor, owner, "GOALS_READ");
    const res = await q(
      graphql(`
        query TrustGoalAndCheckIn($goal: ID!, $checkIn: ID!) {
          goal: node(id: $goal) {
            ... on Goal {
              title
              progress
              latestValue
              lastCheckInAt
              nextCheckInBy
              checkInOverdue
              overdue
              checkIns {
                totalCount
                edges {
                  node {
                    id
                    value
                    note
                    author {
                      id
                    }
                  }
                }
              }
            }
          }
          checkIn: node(id: $checkIn) {
            ... on GoalCheckIn {
              value
              note
              goal {
                id
              }
            }
          }
        }
      `),
      { goal: goal().goal, checkIn: goal().checkIn },
    );
    expect(readOutcome(res, (d) => asNode(d.goal, "Goal")?.title)).toBe(readers[actor]);
    expect(readOutcome(res, (d) => asNode(d.goal, "Goal")?.checkIns.edges)).toBe(readers[actor]);
    expect(readOutcome(res, (d) => asNode(d.goal, "Goal")?.checkIns.totalCount)).toBe(readers[actor]);
    // When it was last checked in on, and whether it is overdue, are as private as the goal.
    expect(readOutcome(res, (d) => asNode(d.goal, "Goal")?.lastCheckInAt)).toBe(readers[actor]);
    expect(readOutcome(res, (d) => asNode(d.goal, "Goal")?.nextCheckInBy)).toBe(readers[actor]);
    // (false is an answer too: "shown" means the boolean came back at all)
    const isBoolean = (value: unknown) => (typeof value === "boolean" ? "answered" : null);
    expect(readOutcome(res, (d) => isBoolean(asNode(d.goal, "Goal")?.checkInOverdue))).toBe(readers[actor]);
    expect(readOutcome(res, (d) => isBoolean(asNode(d.goal, "Goal")?.overdue))).toBe(readers[actor]);
    expect(readOutcome(res, (d) => asNode(d.checkIn, "GoalCheckIn")?.note)).toBe(readers[actor]);
    if (readers[actor] === "shown") expect(asNode(res.data?.goal, "Goal")).toMatchObject({ progress: 0.5, latestValue: 60 });
  });

  it.each(actors)("root goals list, filtered, with a count that matches for %s", async (actor) => {
    const q = await as(actor, owner, "GOALS_READ");
    const res = await q(
      graphql(`
        query TrustGoalsLists {
          all: goals(first: 100) {
            totalCount
            edges {
              node {
                id
              }
            }
          }
          due: goals(first: 100, dueBefore: "2999-01-01", status: [ON_TRACK]) {
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
    readOutcome(res, () => null); // fails on any unexpected error
    for (const list of [res.data?.all, res.data?.due]) {
      expect(edgeIds(list).includes(goal().goal) ? "shown" : "hidden").toBe(readers[actor]);
      if (list) expect(list.totalCount).toBe(list.edges.length);
    }
  });
});

describe.each(groupGoalCases)("%s: Group.goals", (_label, { group: groupGid, goal, readers, owner }) => {
  it.each(actors)("the connection, its filter and its totalCount for %s", async (actor) => {
    const q = await as(actor, owner, "GOALS_READ");
    const res = await q(
      graphql(`
        query TrustGroupGoals($id: ID!) {
          node(id: $id) {
            ... on Group {
              goals {
                totalCount
                edges {
                  node {
                    id
                    checkIns {
                      totalCount
                    }
                  }
                }
              }
              onTrack: goals(status: [ON_TRACK]) {
                totalCount
              }
            }
          }
        }
      `),
      { id: groupGid() },
    );
    readOutcome(res, () => null);
    const group = asNode(res.data?.node, "Group");
    const goalsConnection = group?.goals;
    expect(edgeIds(goalsConnection).includes(goal().goal) ? "shown" : "hidden").toBe(readers[actor]);
    // A group the actor knows of but may not read the content of shows a zero count, never the real one.
    expect(goalsConnection?.totalCount ?? 0).toBe(readers[actor] === "shown" ? 1 : 0);
    expect(group?.onTrack?.totalCount ?? 0).toBe(readers[actor] === "shown" ? 1 : 0);
  });
});

describe("teacher goal: myGoals", () => {
  it.each(actors)("holds plcMember's goals, whoever they are shown to, only for plcMember, as %s", async (actor) => {
    const q = await as(actor, "plcMember", "GOALS_READ");
    const res = await q(
      graphql(`
        query TrustMyGoals {
          myGoals {
            totalCount
            edges {
              node {
                id
                visibility
              }
            }
          }
        }
      `),
    );
    readOutcome(res, () => null);
    for (const key of ["teacherOnlyMe", "teacherCoach", "teacherGroup"] as const) {
      expect(edgeIds(res.data?.myGoals).includes(goals[key].goal) ? "shown" : "hidden").toBe(ownerOnly[actor]);
    }
    expect(res.data?.myGoals?.totalCount ?? 0).toBe(edgeIds(res.data?.myGoals).length);
  });

  it.each(actors)("a teacher's goal never shows in Group.goals, not even the group it is shared with, for %s", async (actor) => {
    const q = await as(actor, "plcMember", "GOALS_READ");
    const res = await q(
      graphql(`
        query TrustGroupGoalIds($id: ID!) {
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
            }
          }
        }
      `),
      { id: fx.plcGroupGid },
    );
    readOutcome(res, () => null);
    expect(edgeIds(asNode(res.data?.node, "Group")?.goals)).not.toContain(goals.teacherGroup.goal);
  });

  it.each(actors)("the goals(ownerId:) filter and its count follow the teacher's choice, for %s", async (actor) => {
    const q = await as(actor, "plcMember", "GOALS_READ");
    const res = await q(
      graphql(`
        query TrustGoalsOfOwner($owner: ID!) {
          goals(ownerId: $owner, first: 50) {
            totalCount
            edges {
              node {
                id
              }
            }
          }
        }
      `),
      { owner: fx.people.plcMember.gid },
    );
    readOutcome(res, () => null);
    const seen = edgeIds(res.data?.goals);
    const expected = [
      ["teacherOnlyMe", ownerOnly],
      ["teacherCoach", ownerAndCoach],
      ["teacherGroup", ownerAndGroup],
    ] as const;
    for (const [key, readers] of expected) expect(seen.includes(goals[key].goal) ? "shown" : "hidden").toBe(readers[actor]);
    expect(res.data?.goals?.totalCount ?? 0).toBe(seen.length);
  });
});

// ───────────── goals: writes ─────────────

const goalSnapshot = async () => ({
  goals: await app.db.prisma.goal.findMany({ orderBy: { id: "asc" } }),
  checkIns: await app.db.prisma.goalCheckIn.findMany({ orderBy: { id: "asc" } }),
});

describe.each(labelled(goalCases))("%s: writes", (_label, { goal, owner, writers }) => {
  const expected = asWrites(writers);

  it.each(actors)("updateGoal as %s", async (actor) => {
    const q = await as(actor, owner, "GOALS_WRITE");
    const before = await goalSnapshot();
    const res = await q(
      graphql(`
        mutation TrustUpdateGoalStatus($input: UpdateGoalInput!) {
          updateGoal(input: $input) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      {
        input: { goalId: goal().goal, status: "AT_RISK" },
      },
    );
    const outcome = writeOutcome(res, "updateGoal");
    expect(outcome).toBe(expected[actor]);
    if (outcome === "refused") expect(await goalSnapshot()).toEqual(before);
    else await app.db.prisma.goal.update({ where: { id: uuidOf(goal().goal) }, data: { status: "ON_TRACK" } });
  });

  it.each(actors)("addGoalCheckIn as %s", async (actor) => {
    const q = await as(actor, owner, "GOALS_WRITE");
    const before = await goalSnapshot();
    const res = await q(
      graphql(`
        mutation TrustAddGoalCheckIn($id: ID!) {
          addGoalCheckIn(goalId: $id, value: 65, status: MET) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      {
        id: goal().goal,
      },
    );
    const outcome = writeOutcome(res, "addGoalCheckIn");
    expect(outcome).toBe(expected[actor]);
    if (outcome === "refused") expect(await goalSnapshot()).toEqual(before);
    else {
      // Put the goal back as it was, so later reads still see 60 as the newest value.
      const goalId = uuidOf(goal().goal);
      await app.db.prisma.goalCheckIn.deleteMany({ where: { goalId, value: 65 } });
      await app.db.prisma.goal.update({ where: { id: goalId }, data: { status: "ON_TRACK" } });
    }
  });
});

describe.each(createCases)("creating a %s", (_label, kind) => {
  const expected = asWrites(kind.writers);
  it.each(actors)("as %s", async (actor) => {
    const q = await as(actor, kind.by, "GOALS_WRITE");
    const before = await goalSnapshot();
    const res = await q(
      graphql(`
        mutation TrustCreateGoal($input: CreateGoalInput!) {
          createGoal(input: $input) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      {
        input: {
          schoolId: fx.schoolGid,
          ownerKind: kind.ownerKind,
          groupId: kind.groupId(),
          title: `Created by ${actor}`,
          metric: "% proficient",
          baseline: 10,
          target: 20,
          dueDate: new Date(todayUtc().getTime() + 10 * DAY).toISOString().slice(0, 10),
        },
      },
    );
    const outcome = writeOutcome(res, "createGoal");
    expect(outcome).toBe(expected[actor]);
    if (outcome === "refused") expect(await goalSnapshot()).toEqual(before);
    else await app.db.prisma.goal.deleteMany({ where: { title: `Created by ${actor}` } });
  });
});

// ───────────── a teacher's choice of who sees a goal ─────────────

describe("a teacher chooses who sees each of their goals", () => {
  const VIEW = graphql(`
    query TrustGoalVisibility($id: ID!) {
      node(id: $id) {
        ... on Goal {
          title
          visibility
          sharedWithGroup {
            id
          }
        }
      }
    }
  `);
  const SET = graphql(`
    mutation TrustSetGoalVisibility($input: UpdateGoalInput!) {
      updateGoal(input: $input) {
        __typename
        ... on MutationUpdateGoalSuccess {
          data {
            visibility
            sharedWithGroup {
              id
            }
          }
        }
        ... on BaseError {
          code
          message
        }
        ... on ValidationError {
          issues {
            path
            message
          }
        }
      }
    }
  `);
  const CREATE = graphql(`
    mutation TrustCreateTeacherGoal($input: CreateGoalInput!) {
      createGoal(input: $input) {
        __typename
        ... on MutationCreateGoalSuccess {
          data {
            id
            visibility
          }
        }
        ... on BaseError {
          code
          message
        }
        ... on ValidationError {
          issues {
            path
            message
          }
        }
      }
    }
  `);
  type CreateInput = VariablesOf<typeof CREATE>["input"];
  type SetInput = VariablesOf<typeof SET>["input"];
  const newGoal = (extra: Partial<CreateInput> = {}): CreateInput => ({
    schoolId: fx.schoolGid,
    ownerKind: "TEACHER",
    title: "Fewer interruptions",
    metric: "Interruptions per lesson",
    baseline: 12,
    target: 4,
    dueDate: new Date(todayUtc().getTime() + 20 * DAY).toISOString().slice(0, 10),
    ...extra,
  });
  /** Everyone with a session who can read the goal. */
  const audience = async (goalGid: string) => {
    const seen: ActorKey[] = [];
    for (const actor of ACTOR_KEYS) if (asNode((await app.gql(VIEW, { id: goalGid }, fx.people[actor].token)).data?.node, "Goal")?.title) seen.push(actor);
    return seen.sort();
  };

  it("a new goal is seen by its teacher only, and each change of visibility binds at once", async () => {
    const created = await app.gql(CREATE, { input: newGoal() }, fx.people.plcMember.token);
    expect(created.data?.createGoal).toMatchObject({ __typename: "MutationCreateGoalSuccess", data: { visibility: "ONLY_ME" } });
    const goalGid = succeeded(created.data?.createGoal).data.id;
    expect(await audience(goalGid)).toEqual(["plcMember"]);

    const set = (input: Omit<SetInput, "goalId">) => app.gql(SET, { input: { goalId: goalGid, ...input } }, fx.people.plcMember.token);
    expect(succeeded((await set({ visibility: "MY_COACH" })).data?.updateGoal).data).toEqual({ visibility: "MY_COACH", sharedWithGroup: null });
    expect(await audience(goalGid)).toEqual(["coach", "plcMember"]);
    expect(succeeded((await set({ visibility: "MY_GROUP", sharedWithGroupId: fx.plcGroupGid })).data?.updateGoal).data).toEqual({
      visibility: "MY_GROUP",
      sharedWithGroup: { id: fx.plcGroupGid },
    });
    expect(await audience(goalGid)).toEqual(["plcFacilitator", "plcMember"]);
    expect(succeeded((await set({ visibility: "ONLY_ME" })).data?.updateGoal).data).toEqual({ visibility: "ONLY_ME", sharedWithGroup: null });
    expect(await audience(goalGid)).toEqual(["plcMember"]);
    await app.db.prisma.goal.delete({ where: { id: uuidOf(goalGid) } });
  });

  it("creates a goal already shown to the teacher's group, and says when a choice does not fit, changing nothing", async () => {
    const shared = await app.gql(CREATE, { input: newGoal({ visibility: "MY_GROUP", sharedWithGroupId: fx.plcGroupGid }) }, fx.people.plcMember.token);
    const sharedGoal = succeeded(shared.data?.createGoal).data;
    expect(sharedGoal.visibility).toBe("MY_GROUP");
    expect(await audience(sharedGoal.id)).toEqual(["plcFacilitator", "plcMember"]);
    await app.db.prisma.goal.delete({ where: { id: uuidOf(sharedGoal.id) } });

    const before = await goalSnapshot();
    type Payload = { __typename: string; issues?: { path: string; message: string }[] } | null | undefined;
    const pathsOf = (res: GqlResult<unknown>, payload: Payload) => {
      expect(payload?.__typename, JSON.stringify(res)).toBe("ValidationError");
      const found = payload?.issues ?? [];
      for (const issue of found) expect(issue.message).toMatch(/^[A-Za-z].+/);
      return found.map((i) => i.path);
    };
    const issues = async (query: typeof CREATE | typeof SET, input: CreateInput | SetInput) => {
      if (query === CREATE) {
        const res = await app.gql(CREATE, { input: input as CreateInput }, fx.people.plcMember.token);
        return pathsOf(res, res.data?.createGoal);
      }
      const res = await app.gql(SET, { input: input as SetInput }, fx.people.plcMember.token);
      return pathsOf(res, res.data?.updateGoal);
    };
    expect(await issues(CREATE, newGoal({ visibility: "MY_GROUP" }))).toEqual(["input.sharedWithGroupId"]);
    expect(await issues(CREATE, newGoal({ visibility: "MY_COACH", sharedWithGroupId: fx.plcGroupGid }))).toEqual(["input.sharedWithGroupId"]);
    // A group the teacher is not in, whether or not they know it exists.
    expect(await issues(CREATE, newGoal({ visibility: "MY_GROUP", sharedWithGroupId: fx.peerGroupGid }))).toEqual(["input.sharedWithGroupId"]);
    expect(await issues(CREATE, newGoal({ visibility: "MY_GROUP", sharedWithGroupId: gid("Group", "00000000-0000-4000-8000-000000000000") }))).toEqual([
      "input.sharedWithGroupId",
    ]);
    expect(await issues(CREATE, newGoal({ ownerKind: "GROUP", groupId: fx.plcGroupGid, visibility: "MY_COACH" }))).toEqual(["input.visibility"]);
    expect(await issues(SET, { goalId: goals.teacherCoach.goal, visibility: "MY_GROUP", sharedWithGroupId: fx.peerGroupGid })).toEqual([
      "input.sharedWithGroupId",
    ]);
    expect(await issues(SET, { goalId: goals.teacherCoach.goal, sharedWithGroupId: fx.plcGroupGid })).toEqual(["input.sharedWithGroupId"]);
    expect(await issues(SET, { goalId: goals.plc.goal, visibility: "ONLY_ME" })).toEqual(["input.visibility"]);
    expect(await goalSnapshot()).toEqual(before);
  });

  it("a goal shown to a group stops being shown there when its teacher leaves the group", async () => {
    const group = await app.make.group({
      schoolId: fx.schoolId,
      kind: "PLC",
      name: "Short-lived PLC",
      members: { create: [{ userId: fx.people.otherTeacher.id, role: "FACILITATOR" }, { userId: fx.people.plcMember.id }] },
    });
    const created = await app.gql(
      CREATE,
      { input: newGoal({ title: "Shown to a group I leave", visibility: "MY_GROUP", sharedWithGroupId: gid("Group", group.id) }) },
      fx.people.plcMember.token,
    );
    const goalGid = succeeded(created.data?.createGoal).data.id;
    expect(await audience(goalGid)).toEqual(["otherTeacher", "plcMember"]);
    const left = await app.gql(RemoveGroupMember, { groupId: gid("Group", group.id), userId: fx.people.plcMember.gid }, fx.people.plcMember.token);
    expect(left.data?.removeGroupMember.__typename, JSON.stringify(left)).toBe("MutationRemoveGroupMemberSuccess");
    expect(await audience(goalGid)).toEqual(["plcMember"]);
    expect(await app.db.prisma.goal.findUniqueOrThrow({ where: { id: uuidOf(goalGid) } })).toMatchObject({ visibility: "ONLY_ME", sharedWithGroupId: null });
    await app.db.prisma.goal.delete({ where: { id: uuidOf(goalGid) } });
    await app.db.prisma.group.delete({ where: { id: group.id } });
  });

  describe.each(visibilityCases)("a goal shown to %s", (_label, { goal: seeded, change }) => {
    const goal = () => seeded().goal;
    const expected = asWrites(ownerOnly);
    it.each(actors)("only the teacher changes who sees it: updateGoal(visibility) as %s", async (actor) => {
      const q = await as(actor, "plcMember", "GOALS_WRITE");
      const before = await goalSnapshot();
      const res = await q(SET, { input: { goalId: goal(), visibility: change } });
      const outcome = writeOutcome(res, "updateGoal");
      expect(outcome).toBe(expected[actor]);
      if (outcome === "refused") expect(await goalSnapshot()).toEqual(before);
      else {
        const row = before.goals.find((g) => g.id === uuidOf(goal()))!;
        await app.db.prisma.goal.update({ where: { id: row.id }, data: { visibility: row.visibility, sharedWithGroupId: row.sharedWithGroupId } });
      }
    });
  });
});

// ───────────── action items: reads ─────────────

const itemCases = [
  ["peer-group action item", () => items.peer, () => fx.peerGroupGid, peerContent, "peerMember"],
  ["PLC action item", () => items.plc, () => fx.plcGroupGid, plcContent, "plcMember"],
] as const;

describe.each(itemCases)("%s: reads", (_label, item, groupGid, readers, owner) => {
  it.each(actors)("node(id) with its owners for %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_READ");
    const res = await q(
      graphql(`
        query TrustActionItemNode($id: ID!) {
          node(id: $id) {
            ... on ActionItem {
              title
              overdue
              owners {
                id
              }
              group {
                id
              }
            }
          }
        }
      `),
      { id: item() },
    );
    expect(readOutcome(res, (d) => asNode(d.node, "ActionItem")?.title)).toBe(readers[actor]);
    expect(readOutcome(res, (d) => asNode(d.node, "ActionItem")?.owners)).toBe(readers[actor]);
  });

  it.each(actors)("Group.actionItems, filtered, with nested owners and a matching count, for %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_READ");
    const res = await q(
      graphql(`
        query TrustGroupActionItems($id: ID!) {
          node(id: $id) {
            ... on Group {
              all: actionItems {
                totalCount
                edges {
                  node {
                    id
                    owners {
                      id
                    }
                  }
                }
              }
              late: actionItems(overdue: true, status: [OPEN]) {
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
      { id: groupGid() },
    );
    readOutcome(res, () => null);
    const group = asNode(res.data?.node, "Group");
    for (const list of [group?.all, group?.late]) {
      expect(edgeIds(list).includes(item()) ? "shown" : "hidden").toBe(readers[actor]);
      expect(list?.totalCount ?? 0).toBe(readers[actor] === "shown" ? 1 : 0);
    }
    if (readers[actor] === "shown") expect(group?.all.edges[0]?.node.owners).toEqual([{ id: fx.people[owner].gid }]);
  });

  it.each(actors)("myActionItems shows it only to its owner, as %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_READ");
    const res = await q(
      graphql(`
        query TrustMyOverdueActionItems {
          myActionItems(overdue: true) {
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
    readOutcome(res, () => null);
    const expected = shownTo(owner, "tokenWithScope");
    expect(edgeIds(res.data?.myActionItems).includes(item()) ? "shown" : "hidden").toBe(expected[actor]);
    expect(res.data?.myActionItems?.totalCount ?? 0).toBe(edgeIds(res.data?.myActionItems).length);
  });

  it.each(actors)("overdueActionItems for the school, as %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_READ");
    const res = await q(
      graphql(`
        query TrustOverdueActionItems($s: ID!) {
          overdueActionItems(schoolId: $s) {
            totalCount
            edges {
              node {
                id
                owners {
                  id
                }
              }
            }
          }
        }
      `),
      { s: fx.schoolGid },
    );
    readOutcome(res, () => null);
    // The peer group's row is the one that matters: coaches and admins get nothing from it.
    expect(edgeIds(res.data?.overdueActionItems).includes(item()) ? "shown" : "hidden").toBe(readers[actor]);
    expect(res.data?.overdueActionItems?.totalCount ?? 0).toBe(edgeIds(res.data?.overdueActionItems).length);
  });
});

// ───────────── action items: writes ─────────────

const itemSnapshot = async () => ({
  items: await app.db.prisma.actionItem.findMany({ orderBy: { id: "asc" } }),
  owners: await app.db.prisma.actionItemOwner.findMany({ orderBy: [{ actionItemId: "asc" }, { userId: "asc" }] }),
  events: await app.db.prisma.activityEvent.findMany({ orderBy: { id: "asc" } }),
});

describe.each(itemCases)("%s: writes", (_label, item, groupGid, writers, owner) => {
  const expected = asWrites(writers);

  it.each(actors)("createActionItem as %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_WRITE");
    const before = await itemSnapshot();
    const res = await q(
      graphql(`
        mutation TrustCreateActionItem($input: CreateActionItemInput!) {
          createActionItem(input: $input) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      {
        input: { groupId: groupGid(), title: `Made by ${actor}`, ownerIds: [fx.people[owner].gid] },
      },
    );
    const outcome = writeOutcome(res, "createActionItem");
    expect(outcome).toBe(expected[actor]);
    if (outcome === "refused") expect(await itemSnapshot()).toEqual(before);
    else await app.db.prisma.actionItem.deleteMany({ where: { title: `Made by ${actor}` } });
  });

  it.each(actors)("updateActionItem as %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_WRITE");
    const before = await itemSnapshot();
    const res = await q(
      graphql(`
        mutation TrustUpdateActionItem($input: UpdateActionItemInput!) {
          updateActionItem(input: $input) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      {
        input: { actionItemId: item(), status: "BLOCKED", title: `Changed by ${actor}` },
      },
    );
    const outcome = writeOutcome(res, "updateActionItem");
    expect(outcome).toBe(expected[actor]);
    if (outcome === "refused") expect(await itemSnapshot()).toEqual(before);
    else await app.db.prisma.actionItem.update({ where: { id: uuidOf(item()) }, data: { status: "OPEN", title: "Bring student work samples" } });
  });

  it.each(actors)("deleteActionItem as %s", async (actor) => {
    const q = await as(actor, owner, "CONTENT_WRITE");
    const doomed = await app.make.actionItem({ groupId: uuidOf(groupGid()), title: "To delete", owners: { create: { userId: fx.people[owner].id } } });
    const before = await itemSnapshot();
    const res = await q(
      graphql(`
        mutation TrustDeleteActionItem($id: ID!) {
          deleteActionItem(actionItemId: $id) {
            __typename
            ... on BaseError {
              code
            }
          }
        }
      `),
      {
        id: gid("ActionItem", doomed.id),
      },
    );
    const outcome = writeOutcome(res, "deleteActionItem");
    expect(outcome).toBe(expected[actor]);
    if (outcome === "refused") {
      expect(await itemSnapshot()).toEqual(before);
      await app.db.prisma.actionItem.delete({ where: { id: doomed.id } });
    } else expect(await app.db.prisma.actionItem.findUnique({ where: { id: doomed.id } })).toBeNull();
  });
});
