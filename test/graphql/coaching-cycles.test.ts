// Coaching cycles as coaching practice runs them: a coach starts one (pairing with a teacher who
// has no coach yet), moves it through its six steps (back as well), records observations against
// the teacher's look-fors (the teacher reads only those marked for them), keeps private notes,
// sets action steps the teacher ticks, and a check-back date; the caseload's signals follow, by
// the school's calendar.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TypedDocument } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import type { GqlArgs } from "../support/graphql-http.ts";
import { asNode, failed, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
/** A zone 14 hours ahead of UTC, with no daylight saving: its date is often not UTC's. */
const ZONE = "Pacific/Kiritimati";
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "cycles");
  await app.db.prisma.school.update({ where: { id: fx.schoolId }, data: { timeZone: ZONE } });
});
afterAll(() => app?.close());

const as = <R, V>(actor: ActorKey, document: TypedDocument<R, V>, variables?: V) => app.gql(document, ...([variables, fx.people[actor].token] as GqlArgs<V>));

/** The school's date today, plus `days`, as YYYY-MM-DD (worked out here, not by the api). */
function schoolDate(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const START = graphql(
  `
  mutation CyclesStart($input: StartCoachingCycleInput!) {
    startCoachingCycle(input: $input) {
      __typename
      ... on MutationStartCoachingCycleSuccess {
        data { id step phase lookFors assignment { id tier coach { id } } }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const MOVE = graphql(
  `
  mutation CyclesMove($id: ID!, $step: CoachingStep) {
    advanceCoachingCycle(cycleId: $id, step: $step) {
      __typename
      ... on MutationAdvanceCoachingCycleSuccess {
        data { step phase lastContactAt }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const OBSERVE = graphql(
  `
  mutation CyclesObserve($input: AddCoachingObservationInput!) {
    addCoachingObservation(input: $input) {
      __typename
      ... on MutationAddCoachingObservationSuccess {
        data { id lookFor body forTeacher }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const ADD_NOTE = graphql(
  `
  mutation CyclesNote($input: AddCoachingNoteInput!) {
    addCoachingNote(input: $input) {
      __typename
      ... on MutationAddCoachingNoteSuccess {
        data { id }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const ADD_STEP = graphql(
  `
  mutation CyclesAddStep($input: AddCoachingActionStepInput!) {
    addCoachingActionStep(input: $input) {
      __typename
      ... on MutationAddCoachingActionStepSuccess {
        data { id text done }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const TICK = graphql(
  `
  mutation CyclesTick($id: ID!, $done: Boolean!) {
    setCoachingActionStepDone(coachingActionStepId: $id, done: $done) {
      __typename
      ... on MutationSetCoachingActionStepDoneSuccess {
        data { id done doneAt }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const UPDATE = graphql(
  `
  mutation CyclesUpdate($input: UpdateCoachingCycleInput!) {
    updateCoachingCycle(input: $input) {
      __typename
      ... on MutationUpdateCoachingCycleSuccess {
        data { lookFors nextCheckBackOn checkBack }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const CYCLE = graphql(`
  query CyclesView($id: ID!) {
    node(id: $id) {
      ... on CoachingCycle {
        step
        observations { totalCount edges { node { body lookFor forTeacher } } }
        notes { totalCount }
        actionSteps { totalCount edges { node { text done } } }
        openSteps: actionSteps(done: false) { totalCount }
      }
    }
  }
`);
const SIGNALS = graphql(`
  query CyclesSignals($school: ID!, $teacher: ID!) {
    coachingAssignments(schoolId: $school, teacherId: $teacher) {
      edges { node { coach { id } signals { lastContactAt daysSinceContact nextCheckBackOn checkBack openActionSteps goalStatus } } }
    }
  }
`);

describe("a coaching cycle from start to check-back", () => {
  let cycleId = "";
  let stepIds: string[] = [];

  it("a coach cannot start a cycle with a teacher who is not theirs, unless they pair with them first (assign)", async () => {
    const refused = await as("coach", START, { input: { schoolId: fx.schoolGid, teacherId: fx.people.otherTeacher.gid, goal: "Wait time" } });
    expect(failed(refused.data!.startCoachingCycle)).toMatchObject({ __typename: "ValidationError", code: "VALIDATION_FAILED" });
    const started = await as("coach", START, {
      input: {
        schoolId: fx.schoolGid,
        teacherId: fx.people.otherTeacher.gid,
        goal: "Wait time after every question",
        lookFors: ["Wait time", " Reasoning questions ", "Wait time", ""],
        assign: true,
      },
    });
    const cycle = succeeded(started.data!.startCoachingCycle).data;
    expect(cycle).toMatchObject({ step: "GOAL", phase: "IDENTIFY", lookFors: ["Wait time", "Reasoning questions"] });
    expect(cycle.assignment).toMatchObject({ tier: "TARGETED", coach: { id: fx.people.coach.gid } });
    cycleId = cycle.id;
    expect(await app.db.prisma.coachingAssignment.count({ where: { teacherId: fx.people.otherTeacher.id } })).toBe(1);
  });

  it("a teacher cannot use assign to start a cycle for themselves or others", async () => {
    const res = await as("plcMember", START, { input: { schoolId: fx.schoolGid, teacherId: fx.people.peerMember.gid, goal: "Sneaky", assign: true } });
    expect(res.errors?.[0]?.extensions?.code ?? failed(res.data!.startCoachingCycle).code).toBe("FORBIDDEN");
    expect(await app.db.prisma.coachingAssignment.count({ where: { teacherId: fx.people.peerMember.id } })).toBe(0);
  });

  it("moves to the next step, to any step (back too), never to the step it is at; the stage follows the step", async () => {
    expect(succeeded((await as("coach", MOVE, { id: cycleId })).data!.advanceCoachingCycle).data).toMatchObject({ step: "PRE_CONFERENCE", phase: "IDENTIFY" });
    expect(succeeded((await as("coach", MOVE, { id: cycleId, step: "REFLECTION" })).data!.advanceCoachingCycle).data).toMatchObject({
      step: "REFLECTION",
      phase: "LEARN",
    });
    expect(succeeded((await as("coach", MOVE, { id: cycleId, step: "OBSERVATION" })).data!.advanceCoachingCycle).data).toMatchObject({
      step: "OBSERVATION",
      phase: "LEARN",
    });
    const same = await as("coach", MOVE, { id: cycleId, step: "OBSERVATION" });
    expect(failed(same.data!.advanceCoachingCycle)).toMatchObject({ code: "INVALID_STATE" });
    const byTeacher = await as("otherTeacher", MOVE, { id: cycleId, step: "GOAL" });
    expect(byTeacher.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("observations are recorded against the cycle's look-fors; the teacher reads only those for them, and never the private notes or their count", async () => {
    const wrong = await as("coach", OBSERVE, { input: { cycleId, lookFor: "Something else", body: "No" } });
    expect(failed(wrong.data!.addCoachingObservation)).toMatchObject({ __typename: "ValidationError" });
    const shared = succeeded(
      (await as("coach", OBSERVE, { input: { cycleId, lookFor: "Wait time", body: "Waited three seconds after 8 of 10 questions.", forTeacher: true } })).data!
        .addCoachingObservation,
    ).data;
    expect(shared).toMatchObject({ lookFor: "Wait time", forTeacher: true });
    const kept = succeeded(
      (await as("coach", OBSERVE, { input: { cycleId, lookFor: "Reasoning questions", body: "Rushed the plenary." } })).data!.addCoachingObservation,
    ).data;
    expect(kept.forTeacher).toBe(false);
    succeeded((await as("coach", ADD_NOTE, { input: { cycleId, body: "Nervous about being observed." } })).data!.addCoachingNote);

    const coachView = asNode((await as("coach", CYCLE, { id: cycleId })).data!.node, "CoachingCycle")!;
    expect(coachView.observations.totalCount).toBe(2);
    expect(coachView.notes.totalCount).toBe(1);
    const teacherView = asNode((await as("otherTeacher", CYCLE, { id: cycleId })).data!.node, "CoachingCycle")!;
    expect(teacherView.observations).toEqual({
      totalCount: 1,
      edges: [{ node: { body: "Waited three seconds after 8 of 10 questions.", lookFor: "Wait time", forTeacher: true } }],
    });
    expect(teacherView.notes.totalCount).toBe(0);
    // The coach-only observation by id: the teacher is answered as if it did not exist.
    const hidden = await as("otherTeacher", CYCLE, {
      id: gid("CoachingObservation", (await app.db.prisma.coachingObservation.findFirstOrThrow({ where: { forTeacher: false } })).id),
    });
    expect(hidden.data!.node).toBeNull();
    // An admin of the school sees no cycle at all.
    expect((await as("admin", CYCLE, { id: cycleId })).data!.node).toBeNull();
  });

  it("the coach sets action steps; the teacher ticks their own; nobody else can", async () => {
    for (const text of ["Count to three after each question", "Ask one why-question per segment"]) {
      stepIds.push(succeeded((await as("coach", ADD_STEP, { input: { cycleId, text } })).data!.addCoachingActionStep).data.id);
    }
    const byTeacher = await as("otherTeacher", ADD_STEP, { input: { cycleId, text: "My own" } });
    expect(byTeacher.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const ticked = succeeded((await as("otherTeacher", TICK, { id: stepIds[0]!, done: true })).data!.setCoachingActionStepDone).data;
    expect(ticked.done).toBe(true);
    for (const stranger of ["peerMember", "admin"] as const) {
      const res = await as(stranger, TICK, { id: stepIds[1]!, done: true });
      expect(res.errors?.[0]?.extensions?.code ?? failed(res.data!.setCoachingActionStepDone).code).toBe("NOT_FOUND");
    }
    const view = asNode((await as("otherTeacher", CYCLE, { id: cycleId })).data!.node, "CoachingCycle")!;
    expect(view.actionSteps.edges.map((e) => e.node)).toEqual([
      { text: "Count to three after each question", done: true },
      { text: "Ask one why-question per segment", done: false },
    ]);
    expect(view.openSteps.totalCount).toBe(1);
    stepIds = [];
  });

  it("the check-back date is judged by the school's calendar: overdue, due soon, scheduled", async () => {
    const set = async (date: string | null) =>
      succeeded((await as("coach", UPDATE, { input: { cycleId, nextCheckBackOn: date } })).data!.updateCoachingCycle).data;
    expect(await set(schoolDate(-1))).toMatchObject({ nextCheckBackOn: schoolDate(-1), checkBack: "OVERDUE" });
    expect((await set(schoolDate(0))).checkBack).toBe("DUE_SOON");
    expect((await set(schoolDate(3))).checkBack).toBe("DUE_SOON");
    expect((await set(schoolDate(4))).checkBack).toBe("SCHEDULED");
    expect(await set(null)).toMatchObject({ nextCheckBackOn: null, checkBack: "NONE" });
    const tooMany = await as("coach", UPDATE, { input: { cycleId, lookFors: Array.from({ length: 13 }, (_, i) => `Look-for ${i}`) } });
    expect(failed(tooMany.data!.updateCoachingCycle)).toMatchObject({ __typename: "ValidationError" });
  });

  it("the caseload's signals: last contact and days since, next check-back, open action steps, goal status; none of it for an admin", async () => {
    await as("coach", UPDATE, { input: { cycleId, nextCheckBackOn: schoolDate(-2) } });
    const fiveDaysAgo = new Date(Date.now() - 5 * 86_400_000);
    await app.db.prisma.coachingCycle.updateMany({ where: { teacherId: fx.people.otherTeacher.id }, data: { lastContactAt: fiveDaysAgo } });
    const signalsAs = async (actor: ActorKey) =>
      (await as(actor, SIGNALS, { school: fx.schoolGid, teacher: fx.people.otherTeacher.gid })).data!.coachingAssignments.edges[0]?.node.signals;
    expect(await signalsAs("coach")).toEqual({
      lastContactAt: fiveDaysAgo.toISOString(),
      daysSinceContact: 5,
      nextCheckBackOn: schoolDate(-2),
      checkBack: "OVERDUE",
      openActionSteps: 1,
      goalStatus: "IN_PROGRESS",
    });
    expect(await signalsAs("otherTeacher")).toMatchObject({ daysSinceContact: 5, openActionSteps: 1 });
    // The admin sees the pairing, not its cycles: the signals say nothing they could not read.
    expect(await signalsAs("admin")).toEqual({
      lastContactAt: null,
      daysSinceContact: null,
      nextCheckBackOn: null,
      checkBack: "NONE",
      openActionSteps: 0,
      goalStatus: "NO_CYCLE",
    });
    // Observing is contact: today, in the school's calendar.
    succeeded((await as("coach", OBSERVE, { input: { cycleId, body: "Dropped in for ten minutes." } })).data!.addCoachingObservation);
    expect((await signalsAs("coach"))?.daysSinceContact).toBe(0);
  });

  it("moving on from the check-back completes the cycle and its goal", async () => {
    await as("coach", MOVE, { id: cycleId, step: "CHECK_BACK" });
    await as("coach", MOVE, { id: cycleId });
    const res = await as("coach", SIGNALS, { school: fx.schoolGid, teacher: fx.people.otherTeacher.gid });
    expect(res.data!.coachingAssignments.edges[0]?.node.signals).toMatchObject({ goalStatus: "COMPLETED", checkBack: "NONE", openActionSteps: 0 });
    const late = await as("coach", OBSERVE, { input: { cycleId, body: "Too late" } });
    expect(failed(late.data!.addCoachingObservation)).toMatchObject({ code: "INVALID_STATE" });
  });
});

describe("the caseload with its signals", () => {
  const CASELOAD = graphql(`
    query CyclesCaseload($school: ID!, $coach: ID!) {
      coachingAssignments(schoolId: $school, coachId: $coach, first: 100) {
        totalCount
        edges { node { teacher { name } signals { daysSinceContact checkBack openActionSteps goalStatus } cycles(active: true, first: 1) { edges { node { step } } } } }
      }
    }
  `);

  it("costs a fixed number of SQL statements however many coachees, cycles and steps there are", async () => {
    const count = async () => {
      let statements = 0;
      const stop = app.db.onQuery(() => void statements++);
      const res = await as("coach", CASELOAD, { school: fx.schoolGid, coach: fx.people.coach.gid });
      stop();
      expect(res.errors).toBeUndefined();
      return { statements, rows: res.data!.coachingAssignments.edges.length };
    };
    const before = await count();
    for (let i = 0; i < 3; i++) {
      const user = await app.make.user({ schoolMemberships: { create: { schoolId: fx.schoolId, role: "TEACHER" } } });
      const assignment = await app.make.coachingAssignment({ schoolId: fx.schoolId, coachId: fx.people.coach.id, teacherId: user.id });
      const cycle = await app.make.coachingCycle({ schoolId: fx.schoolId, assignmentId: assignment.id, coachId: fx.people.coach.id, teacherId: user.id });
      await app.make.coachingActionStep({ cycleId: cycle.id });
      await app.make.coachingActionStep({ cycleId: cycle.id });
    }
    const after = await count();
    expect(after.rows).toBe(before.rows + 3);
    expect(after.statements).toBe(before.statements);
  });
});
