import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TypedDocument } from "../support/app.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import type { GqlArgs } from "../support/graphql-http.ts";
import { asNode, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "coach");
});
afterAll(() => app?.close());

const as = <R, V>(actor: ActorKey, document: TypedDocument<R, V>, variables?: V) => app.gql(document, ...([variables, fx.people[actor].token] as GqlArgs<V>));

/** A payload read as its ValidationError (only a type: the test's assertions check it). */
function validation<P extends { __typename: string }>(payload: P | null | undefined) {
  return payload as Extract<P, { __typename: "ValidationError" }>;
}

const ASSIGN = graphql(
  `
  mutation CoachAssign($input: AssignCoachInput!) {
    assignCoach(input: $input) {
      __typename
      ... on MutationAssignCoachSuccess {
        data { id tier focus coach { name } teacher { name } }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const UPDATE_ASSIGNMENT = graphql(
  `
  mutation CoachingAssignmentUpdate($input: UpdateCoachingAssignmentInput!) {
    updateCoachingAssignment(input: $input) {
      __typename
      ... on MutationUpdateCoachingAssignmentSuccess {
        data { tier focus }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const END_ASSIGNMENT = graphql(
  `
  mutation CoachingAssignmentEnd($id: ID!) {
    endCoachingAssignment(assignmentId: $id) {
      __typename
      ... on MutationEndCoachingAssignmentSuccess {
        data
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const START = graphql(
  `
  mutation CoachingCycleStart($input: StartCoachingCycleInput!) {
    startCoachingCycle(input: $input) {
      __typename
      ... on MutationStartCoachingCycleSuccess {
        data { id phase goal completedAt assignment { id } }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const ADVANCE = graphql(
  `
  mutation CoachingCycleAdvance($id: ID!, $to: CoachingPhase) {
    advanceCoachingCycle(cycleId: $id, to: $to) {
      __typename
      ... on MutationAdvanceCoachingCycleSuccess {
        data { phase step completedAt }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const UPDATE_CYCLE = graphql(
  `
  mutation CoachingCycleUpdate($input: UpdateCoachingCycleInput!) {
    updateCoachingCycle(input: $input) {
      __typename
      ... on MutationUpdateCoachingCycleSuccess {
        data { goal sharedNotes }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const ADD_NOTE = graphql(
  `
  mutation CoachingNoteAdd($input: AddCoachingNoteInput!) {
    addCoachingNote(input: $input) {
      __typename
      ... on MutationAddCoachingNoteSuccess {
        data { id body }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const SUPPORT_NETWORK = graphql(`
  query SupportNetwork($school: ID!, $hasNetwork: Boolean) {
    supportNetwork(schoolId: $school, hasNetwork: $hasNetwork) {
      totalCount
      edges { node { teacher { id name } groups { name kind } groupCount supportTier hasNetwork assignments { tier coach { id } } } }
    }
  }
`);
const ASSIGNMENTS = graphql(`
  query CoachingAssignments($school: ID!, $tier: SupportTier, $coach: ID) {
    coachingAssignments(schoolId: $school, tier: $tier, coachId: $coach) {
      totalCount
      edges { node { tier teacher { id } } }
    }
  }
`);
const CYCLE = graphql(`
  query CoachingCycleShared($id: ID!) {
    node(id: $id) { ... on CoachingCycle { goal sharedNotes viewerIsCoach } }
  }
`);
const CYCLE_NOTES = graphql(`
  query CoachingCycleNotes($id: ID!) {
    node(id: $id) { ... on CoachingCycle { notes { totalCount edges { node { body } } } } }
  }
`);
const MY_CYCLES = graphql(`
  query MyCoachingCycles($as: CoachingCycleRole, $active: Boolean) {
    myCoachingCycles(as: $as, active: $active) { totalCount edges { node { id } } }
  }
`);

function assignInput(coach: ActorKey, teacher: ActorKey, extra: Partial<VariablesOf<typeof ASSIGN>["input"]> = {}) {
  return { input: { schoolId: fx.schoolGid, coachId: fx.people[coach].gid, teacherId: fx.people[teacher].gid, ...extra } };
}

describe("coaching assignments", () => {
  let assignmentId: string;

  it("a coach pairs a coach with a teacher", async () => {
    const res = await as("coach", ASSIGN, assignInput("coach", "peerMember", { tier: "TARGETED", focus: "  Checking for understanding " }));
    expect(res.data!.assignCoach).toMatchObject({
      __typename: "MutationAssignCoachSuccess",
      data: { tier: "TARGETED", focus: "Checking for understanding", coach: { name: fx.people.coach.name }, teacher: { name: fx.people.peerMember.name } },
    });
    assignmentId = succeeded(res.data!.assignCoach).data.id;
  });

  it("an admin can assign themselves as coach; tier defaults to NETWORK", async () => {
    const res = await as("admin", ASSIGN, assignInput("admin", "plcMember"));
    expect(res.data!.assignCoach).toMatchObject({ __typename: "MutationAssignCoachSuccess", data: { tier: "NETWORK", focus: "" } });
  });

  it("refuses a duplicate pairing with CONFLICT and writes nothing", async () => {
    const before = await app.db.prisma.coachingAssignment.count();
    const res = await as("admin", ASSIGN, assignInput("coach", "peerMember"));
    expect(res.data!.assignCoach).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
    expect(await app.db.prisma.coachingAssignment.count()).toBe(before);
  });

  it("the coach must be a coach or admin, and the teacher on the school's staff", async () => {
    const before = await app.db.prisma.coachingAssignment.count();
    const res = await as("coach", ASSIGN, assignInput("otherTeacher", "otherSchoolAdmin"));
    expect(res.data!.assignCoach.__typename).toBe("ValidationError");
    expect(
      validation(res.data!.assignCoach)
        .issues.map((i) => i.path)
        .sort(),
    ).toEqual(["input.coachId", "input.teacherId"]);
    expect(await app.db.prisma.coachingAssignment.count()).toBe(before);
  });

  it("a teacher cannot assign coaches", async () => {
    const before = await app.db.prisma.coachingAssignment.count();
    const res = await as("otherTeacher", ASSIGN, assignInput("coach", "otherTeacher"));
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await app.db.prisma.coachingAssignment.count()).toBe(before);
  });

  it("updates tier and focus", async () => {
    const res = await as("admin", UPDATE_ASSIGNMENT, { input: { assignmentId, tier: "INTENSIVE", focus: "Small-group instruction" } });
    expect(res.data!.updateCoachingAssignment).toEqual({
      __typename: "MutationUpdateCoachingAssignmentSuccess",
      data: { tier: "INTENSIVE", focus: "Small-group instruction" },
    });
    const invalid = await as("admin", UPDATE_ASSIGNMENT, { input: { assignmentId, focus: "x".repeat(501) } });
    expect(validation(invalid.data!.updateCoachingAssignment).issues[0]!.path).toBe("input.focus");
  });

  it("lists a school's assignments, greatest need first, filtered by tier and coach", async () => {
    const q = ASSIGNMENTS;
    const all = await as("coach", q, { school: fx.schoolGid });
    expect(all.data!.coachingAssignments.totalCount).toBe(2);
    expect(all.data!.coachingAssignments.edges.map((e) => e.node.tier)).toEqual(["INTENSIVE", "NETWORK"]);
    const network = await as("coach", q, { school: fx.schoolGid, tier: "NETWORK" });
    expect(network.data!.coachingAssignments.edges.map((e) => e.node.teacher.id)).toEqual([fx.people.plcMember.gid]);
    const byCoach = await as("admin", q, { school: fx.schoolGid, coach: fx.people.coach.gid });
    expect(byCoach.data!.coachingAssignments.totalCount).toBe(1);
    const mine = await as("peerMember", q, { school: fx.schoolGid });
    expect(mine.data!.coachingAssignments.edges.map((e) => e.node.teacher.id)).toEqual([fx.people.peerMember.gid]);
  });

  it("ending an assignment removes it", async () => {
    const extra = await as("coach", ASSIGN, assignInput("coach", "plcFacilitator"));
    const id = succeeded(extra.data!.assignCoach).data.id;
    const res = await as("coach", END_ASSIGNMENT, { id });
    expect(res.data!.endCoachingAssignment).toEqual({ __typename: "MutationEndCoachingAssignmentSuccess", data: true });
    expect(await app.db.prisma.coachingAssignment.findUnique({ where: { id: Buffer.from(id, "base64").toString().split(":")[1]! } })).toBeNull();
  });
});

describe("support network", () => {
  it("shows every teacher once, with groups, tier and whether they have a network", async () => {
    const res = await as("coach", SUPPORT_NETWORK, { school: fx.schoolGid });
    const rows = res.data!.supportNetwork.edges.map((e) => e.node);
    expect(res.data!.supportNetwork.totalCount).toBe(6);
    expect(rows.map((r) => r.teacher.id).sort()).toEqual(
      (["peerMember", "peerMember2", "peerMember3", "plcFacilitator", "plcMember", "otherTeacher"] as const).map((k) => fx.people[k].gid).sort(),
    );
    const byId = new Map(rows.map((r) => [r.teacher.id, r]));
    expect(byId.get(fx.people.peerMember.gid)).toMatchObject({
      groups: [{ name: "Fixture peer group", kind: "PEER" }],
      groupCount: 1,
      supportTier: "INTENSIVE",
      hasNetwork: true,
      assignments: [{ tier: "INTENSIVE", coach: { id: fx.people.coach.gid } }],
    });
    expect(byId.get(fx.people.plcMember.gid)).toMatchObject({ groupCount: 1, supportTier: "NETWORK", hasNetwork: true });
    expect(byId.get(fx.people.otherTeacher.gid)).toMatchObject({ groups: [], groupCount: 0, supportTier: null, hasNetwork: false, assignments: [] });
  });

  it("filters to the teachers with no network", async () => {
    const res = await as("admin", SUPPORT_NETWORK, { school: fx.schoolGid, hasNetwork: false });
    expect(res.data!.supportNetwork.totalCount).toBe(1);
    expect(res.data!.supportNetwork.edges[0]!.node.teacher.id).toBe(fx.people.otherTeacher.gid);
  });

  it("costs a fixed number of SQL statements however many teachers and groups there are", async () => {
    const count = async () => {
      let statements = 0;
      const stop = app.db.onQuery(() => void statements++);
      const res = await as("coach", SUPPORT_NETWORK, { school: fx.schoolGid });
      stop();
      expect(res.errors).toBeUndefined();
      return statements;
    };
    const small = await count();
    expect(small).toBeGreaterThan(0);
    const prisma = app.db.prisma;
    for (let i = 0; i < 4; i++) {
      const user = await app.make.user({
        email: `extra-${i}-${fx.schoolId}@example.test`,
        name: `Extra ${i}`,
        passwordHash: "x",
        schoolMemberships: { create: { schoolId: fx.schoolId, role: "TEACHER" } },
      });
      await app.make.group({
        schoolId: fx.schoolId,
        kind: "PEER",
        name: `Extra group ${i}`,
        members: { create: [{ userId: user.id }, { userId: fx.people.otherTeacher.id }] },
      });
      await app.make.coachingAssignment({ schoolId: fx.schoolId, coachId: fx.people.coach.id, teacherId: user.id });
    }
    expect(await count()).toBe(small);
    const after = await as("coach", SUPPORT_NETWORK, { school: fx.schoolGid, hasNetwork: false });
    expect(after.data!.supportNetwork.totalCount).toBe(0);
  });

  it("is for coaches and admins only", async () => {
    const res = await as("peerMember", SUPPORT_NETWORK, { school: fx.schoolGid });
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(res.data).toBeNull();
  });
});

describe("coaching cycles", () => {
  let cycleId: string;

  it("the coach starts a cycle with a teacher assigned to them", async () => {
    const res = await as("coach", START, {
      input: { schoolId: fx.schoolGid, teacherId: fx.people.peerMember.gid, goal: "Raise the share of students who explain their reasoning" },
    });
    expect(res.data!.startCoachingCycle).toMatchObject({ __typename: "MutationStartCoachingCycleSuccess", data: { phase: "IDENTIFY", completedAt: null } });
    expect(succeeded(res.data!.startCoachingCycle).data.assignment).not.toBeNull();
    cycleId = succeeded(res.data!.startCoachingCycle).data.id;
  });

  it("refuses a teacher who is not assigned to the coach, and a second open cycle", async () => {
    const before = await app.db.prisma.coachingCycle.count();
    const unassigned = await as("coach", START, { input: { schoolId: fx.schoolGid, teacherId: fx.people.plcMember.gid, goal: "Something" } });
    expect(unassigned.data!.startCoachingCycle).toMatchObject({ __typename: "ValidationError", issues: [{ path: "input.teacherId" }] });
    const again = await as("coach", START, { input: { schoolId: fx.schoolGid, teacherId: fx.people.peerMember.gid, goal: "Another" } });
    expect(again.data!.startCoachingCycle.__typename).toBe("ConflictError");
    expect(await app.db.prisma.coachingCycle.count()).toBe(before);
  });

  it("updates goal and shared notes, which the teacher sees", async () => {
    const res = await as("coach", UPDATE_CYCLE, { input: { cycleId, goal: "Students explain their reasoning in writing", sharedNotes: "Observed Tuesday." } });
    expect(succeeded(res.data!.updateCoachingCycle).data).toEqual({ goal: "Students explain their reasoning in writing", sharedNotes: "Observed Tuesday." });
    const seen = await as("peerMember", CYCLE, { id: cycleId });
    expect(seen.data!.node).toEqual({ goal: "Students explain their reasoning in writing", sharedNotes: "Observed Tuesday.", viewerIsCoach: false });
  });

  it("the teacher cannot change the cycle", async () => {
    const res = await as("peerMember", UPDATE_CYCLE, { input: { cycleId, goal: "Changed by teacher" } });
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await app.db.prisma.coachingCycle.findFirstOrThrow({ where: { coachId: fx.people.coach.id } })).goal).toBe(
      "Students explain their reasoning in writing",
    );
  });

  it("notes are the coach's: the teacher sees an empty list", async () => {
    const add = await as("coach", ADD_NOTE, { input: { cycleId, body: "  Seems anxious about observation; go gently. " } });
    expect(add.data!.addCoachingNote).toMatchObject({
      __typename: "MutationAddCoachingNoteSuccess",
      data: { body: "Seems anxious about observation; go gently." },
    });
    const notesQuery = CYCLE_NOTES;
    const coach = await as("coach", notesQuery, { id: cycleId });
    expect(asNode(coach.data!.node, "CoachingCycle")!.notes).toEqual({
      totalCount: 1,
      edges: [{ node: { body: "Seems anxious about observation; go gently." } }],
    });
    const teacher = await as("peerMember", notesQuery, { id: cycleId });
    expect(asNode(teacher.data!.node, "CoachingCycle")!.notes).toEqual({ totalCount: 0, edges: [] });
    const teacherAdds = await as("peerMember", ADD_NOTE, { input: { cycleId, body: "Mine" } });
    expect(teacherAdds.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await app.db.prisma.coachingNote.count()).toBe(1);
  });

  it("a cycle moves step by step, to a later stage but never back to an earlier one; moving on from CHECK_BACK completes it", async () => {
    const next = await as("coach", ADVANCE, { id: cycleId });
    expect(succeeded(next.data!.advanceCoachingCycle).data).toEqual({ phase: "IDENTIFY", step: "PRE_CONFERENCE", completedAt: null });
    const back = await as("coach", ADVANCE, { id: cycleId, to: "IDENTIFY" });
    expect(back.data!.advanceCoachingCycle).toMatchObject({ __typename: "RuleViolationError", code: "INVALID_STATE" });
    const improve = await as("coach", ADVANCE, { id: cycleId, to: "IMPROVE" });
    expect(succeeded(improve.data!.advanceCoachingCycle).data).toEqual({ phase: "IMPROVE", step: "ACTION_STEP", completedAt: null });
    const byTeacher = await as("peerMember", ADVANCE, { id: cycleId });
    expect(byTeacher.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const checkBack = await as("coach", ADVANCE, { id: cycleId });
    expect(succeeded(checkBack.data!.advanceCoachingCycle).data).toEqual({ phase: "IMPROVE", step: "CHECK_BACK", completedAt: null });
    const done = await as("coach", ADVANCE, { id: cycleId });
    expect(succeeded(done.data!.advanceCoachingCycle).data.step).toBe("CHECK_BACK");
    expect(Date.parse(succeeded(done.data!.advanceCoachingCycle).data.completedAt!)).not.toBeNaN();
    const past = await as("coach", ADVANCE, { id: cycleId });
    expect(past.data!.advanceCoachingCycle).toMatchObject({ __typename: "RuleViolationError", code: "INVALID_STATE" });
  });

  it("myCoachingCycles lists the cycle for the coach and the teacher, filtered by role and state", async () => {
    const q = MY_CYCLES;
    expect((await as("coach", q, {})).data!.myCoachingCycles.totalCount).toBe(1);
    expect((await as("coach", q, { as: "TEACHER" })).data!.myCoachingCycles.totalCount).toBe(0);
    expect((await as("peerMember", q, { as: "TEACHER" })).data!.myCoachingCycles.edges).toEqual([{ node: { id: cycleId } }]);
    expect((await as("peerMember", q, { active: true })).data!.myCoachingCycles.totalCount).toBe(0);
    expect((await as("peerMember", q, { active: false })).data!.myCoachingCycles.totalCount).toBe(1);
    // A completed cycle no longer blocks a new one.
    const next = await as("coach", START, { input: { schoolId: fx.schoolGid, teacherId: fx.people.peerMember.gid, goal: "Next cycle" } });
    expect(next.data!.startCoachingCycle.__typename).toBe("MutationStartCoachingCycleSuccess");
    expect(gid("CoachingCycle", (await app.db.prisma.coachingCycle.findFirstOrThrow({ where: { goal: "Next cycle" } })).id)).toBe(
      succeeded(next.data!.startCoachingCycle).data.id,
    );
  });
});
