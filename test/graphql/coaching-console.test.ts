// What the admin console's Coaching section asks of the api: the support network filtered by "no
// coach", tier and coach; every coach's caseload; and a pairing's coach changed in place. Each
// mutation returns the assignment to the admin who made it, and a refused one writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql, type ResultOf } from "../support/graphql.ts";
import type { GqlArgs, GqlResult, TypedDocument } from "../support/graphql-http.ts";
import { asNode, MutationError, succeeded } from "../support/operations.ts";

let app: TestApp;
let fx: SchoolFixture;
const ids = {} as { peerAssignment: string; plcAssignment: string; cycle: string };

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "console");
  const { people } = fx;
  // The admin coaches too: a school's admins may be assigned teachers.
  const peer = await app.make.coachingAssignment({
    schoolId: fx.schoolId,
    coachId: people.coach.id,
    teacherId: people.peerMember.id,
    tier: "INTENSIVE",
    focus: "Questioning",
  });
  const plc = await app.make.coachingAssignment({ schoolId: fx.schoolId, coachId: people.admin.id, teacherId: people.plcMember.id, tier: "TARGETED" });
  await app.make.coachingAssignment({ schoolId: fx.schoolId, coachId: people.coach.id, teacherId: people.plcFacilitator.id, tier: "NETWORK" });
  const cycle = await app.make.coachingCycle({
    schoolId: fx.schoolId,
    assignmentId: peer.id,
    coachId: people.coach.id,
    teacherId: people.peerMember.id,
    goal: "Wait time",
  });
  ids.peerAssignment = gid("CoachingAssignment", peer.id);
  ids.plcAssignment = gid("CoachingAssignment", plc.id);
  ids.cycle = cycle.id;
});
afterAll(() => app?.close());

/** A typed operation called as one of the fixture's people. */
const as = <Result, Variables>(actor: ActorKey, document: TypedDocument<Result, Variables>, variables: Variables) =>
  app.gql(document, ...([variables, fx.people[actor].token] as GqlArgs<Variables>));

const NETWORK = graphql(`
  query ConsoleSupportNetwork($s: ID!, $coached: Boolean, $tier: SupportTier, $coach: ID) {
    supportNetwork(schoolId: $s, coached: $coached, tier: $tier, coachId: $coach) {
      totalCount
      edges {
        node {
          teacher {
            id
          }
        }
      }
    }
  }
`);
const teachersOf = (res: GqlResult<ResultOf<typeof NETWORK>>) => res.data!.supportNetwork.edges.map((e) => e.node.teacher.id).sort();
const gids = (...keys: ActorKey[]) => keys.map((k) => fx.people[k].gid).sort();

describe("the support network, filtered for balancing caseloads", () => {
  it("lists the teachers with no coach (in a group or not), and those with one", async () => {
    const without = await as("admin", NETWORK, { s: fx.schoolGid, coached: false });
    expect(teachersOf(without)).toEqual(gids("peerMember2", "peerMember3", "otherTeacher"));
    expect(without.data?.supportNetwork.totalCount).toBe(3);
    const coached = await as("admin", NETWORK, { s: fx.schoolGid, coached: true });
    expect(teachersOf(coached)).toEqual(gids("peerMember", "plcMember", "plcFacilitator"));
  });

  it("filters by tier, by coach, and by both on the same pairing", async () => {
    expect(teachersOf(await as("admin", NETWORK, { s: fx.schoolGid, tier: "INTENSIVE" }))).toEqual(gids("peerMember"));
    expect(teachersOf(await as("admin", NETWORK, { s: fx.schoolGid, coach: fx.people.coach.gid }))).toEqual(gids("peerMember", "plcFacilitator"));
    expect(teachersOf(await as("admin", NETWORK, { s: fx.schoolGid, coach: fx.people.coach.gid, tier: "TARGETED" }))).toEqual([]);
    expect(teachersOf(await as("admin", NETWORK, { s: fx.schoolGid, coach: fx.people.admin.gid, tier: "TARGETED" }))).toEqual(gids("plcMember"));
  });

  it("a coach of another school matches nobody here", async () => {
    const res = await as("admin", NETWORK, { s: fx.schoolGid, coach: fx.people.otherSchoolAdmin.gid });
    expect(res.data?.supportNetwork).toEqual({ totalCount: 0, edges: [] });
  });
});

const CASELOADS = graphql(`
  query ConsoleCoachCaseloads($s: ID!) {
    coachCaseloads(schoolId: $s) {
      totalCount
      edges {
        node {
          role
          caseload
          caseloadByTier {
            tier
            count
          }
          coach {
            id
            name
          }
        }
      }
    }
  }
`);

describe("coach caseloads", () => {
  it("lists the school's coaches, then its admins, each with their caseload by tier", async () => {
    const res = await as("admin", CASELOADS, { s: fx.schoolGid });
    expect(res.errors).toBeUndefined();
    expect(res.data?.coachCaseloads.totalCount).toBe(2);
    expect(res.data?.coachCaseloads.edges.map((e) => e.node)).toEqual([
      {
        role: "COACH",
        caseload: 2,
        caseloadByTier: [
          { tier: "INTENSIVE", count: 1 },
          { tier: "NETWORK", count: 1 },
        ],
        coach: { id: fx.people.coach.gid, name: fx.people.coach.name },
      },
      { role: "ADMIN", caseload: 1, caseloadByTier: [{ tier: "TARGETED", count: 1 }], coach: { id: fx.people.admin.gid, name: fx.people.admin.name } },
    ]);
  });

  it("is for the school's coaches and admins only", async () => {
    for (const actor of ["peerMember", "otherTeacher", "otherSchoolAdmin"] as const) {
      const res = await as(actor, CASELOADS, { s: fx.schoolGid });
      expect(res.errors?.[0]?.extensions?.code, actor).toBe("FORBIDDEN");
      expect(res.data, actor).toBeNull();
    }
  });
});

const ASSIGN = graphql(
  `
  mutation ConsoleAssignCoach($input: AssignCoachInput!) {
    assignCoach(input: $input) {
      __typename
      ... on MutationAssignCoachSuccess {
        data {
          id
          tier
          focus
          coach {
            id
          }
          teacher {
            id
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const UPDATE = graphql(
  `
  mutation ConsoleUpdateCoachingAssignment($input: UpdateCoachingAssignmentInput!) {
    updateCoachingAssignment(input: $input) {
      __typename
      ... on MutationUpdateCoachingAssignmentSuccess {
        data {
          id
          tier
          focus
          coach {
            id
            name
          }
          teacher {
            id
          }
          cycles {
            totalCount
          }
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
  mutation ConsoleEndCoachingAssignment($id: ID!) {
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
const CYCLE_GOAL = graphql(`
  query ConsoleCycleGoal($id: ID!) {
    node(id: $id) {
      ... on CoachingCycle {
        goal
      }
    }
  }
`);

const assignmentRows = () =>
  app.db.prisma.coachingAssignment.findMany({ select: { id: true, coachId: true, teacherId: true, tier: true, focus: true }, orderBy: { id: "asc" } });

describe("assigning, changing and ending as the school's admin", () => {
  it("each mutation hands back what it made, selected as the console does", async () => {
    const assigned = await as("admin", ASSIGN, {
      input: { schoolId: fx.schoolGid, coachId: fx.people.coach.gid, teacherId: fx.people.otherTeacher.gid, tier: "TARGETED" },
    });
    expect(assigned.errors).toBeUndefined();
    const made = succeeded(assigned.data?.assignCoach).data;
    expect(made).toMatchObject({ tier: "TARGETED", focus: "", coach: { id: fx.people.coach.gid }, teacher: { id: fx.people.otherTeacher.gid } });

    const changed = await as("admin", UPDATE, { input: { assignmentId: made.id, tier: "INTENSIVE", coachId: fx.people.admin.gid } });
    expect(changed.errors).toBeUndefined();
    expect(succeeded(changed.data?.updateCoachingAssignment).data).toMatchObject({
      id: made.id,
      tier: "INTENSIVE",
      coach: { id: fx.people.admin.gid, name: fx.people.admin.name },
      teacher: { id: fx.people.otherTeacher.gid },
    });

    const ended = await as("admin", END, { id: made.id });
    expect(ended.data?.endCoachingAssignment).toEqual({ __typename: "MutationEndCoachingAssignmentSuccess", data: true });
    expect(teachersOf(await as("admin", NETWORK, { s: fx.schoolGid, coached: false }))).toContain(fx.people.otherTeacher.gid);
  });

  it("a new coach takes the pairing over; the previous coach keeps their cycles with the teacher", async () => {
    const res = await as("admin", UPDATE, { input: { assignmentId: ids.plcAssignment, coachId: fx.people.coach.gid } });
    expect(succeeded(res.data?.updateCoachingAssignment).data).toMatchObject({ coach: { id: fx.people.coach.gid }, tier: "TARGETED" });
    const peer = await as("admin", UPDATE, { input: { assignmentId: ids.peerAssignment, coachId: fx.people.admin.gid, focus: "Handover" } });
    expect(succeeded(peer.data?.updateCoachingAssignment).data).toMatchObject({
      coach: { id: fx.people.admin.gid },
      focus: "Handover",
      cycles: { totalCount: 0 },
    });
    const cycle = await app.db.prisma.coachingCycle.findUniqueOrThrow({ where: { id: ids.cycle } });
    expect(cycle).toMatchObject({ coachId: fx.people.coach.id, teacherId: fx.people.peerMember.id, assignmentId: null });
    // The previous coach still reads the cycle they ran.
    const seen = await as("coach", CYCLE_GOAL, { id: gid("CoachingCycle", ids.cycle) });
    expect(asNode(seen.data?.node, "CoachingCycle")).toEqual({ goal: "Wait time" });
  });

  it("refuses a new coach who already coaches the teacher, or who is a teacher, and writes nothing", async () => {
    await app.make.coachingAssignment({ schoolId: fx.schoolId, coachId: fx.people.admin.id, teacherId: fx.people.peerMember2.id });
    const second = await as("admin", ASSIGN, { input: { schoolId: fx.schoolGid, coachId: fx.people.coach.gid, teacherId: fx.people.peerMember2.gid } });
    const secondId = succeeded(second.data?.assignCoach).data.id;
    const before = await assignmentRows();
    const taken = await as("admin", UPDATE, { input: { assignmentId: secondId, coachId: fx.people.admin.gid, tier: "INTENSIVE" } });
    expect(taken.data?.updateCoachingAssignment).toMatchObject({ __typename: "ConflictError", message: "That coach is already assigned to that teacher." });
    const teacher = await as("admin", UPDATE, { input: { assignmentId: secondId, coachId: fx.people.otherTeacher.gid } });
    expect(teacher.data?.updateCoachingAssignment).toMatchObject({
      __typename: "ValidationError",
      issues: [{ path: "input.coachId", message: "The coach must be a coach or admin of the school." }],
    });
    const self = await as("admin", UPDATE, { input: { assignmentId: secondId, coachId: fx.people.peerMember2.gid } });
    expect(self.data?.updateCoachingAssignment.__typename).toBe("ValidationError");
    expect(await assignmentRows()).toEqual(before);
  });
});
