// Trust boundaries for coaching, insights and PLC assessment data (README, "Who can see what"):
// - a coaching assignment: the pair, and the school's coaches and admins;
// - a coaching cycle: its coach and its teacher only (not even an admin);
// - a coaching note: its coach only (not the teacher, not an admin);
// - an insight: its group's members in full; the school's coaches and admins read it with no
//   author and no group, and see it in the theme rollup;
// - assessment rows: the PLC's members only; leaders get the summary with small cells withheld.
// Every actor, through node(id), the parent's connections and their counts, nested relations,
// filters and rollups; and every write, with the database unchanged when it is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiScope } from "@staffroom/api/testing";
import { startTestApp, type GqlResult, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { TRUST_ACTORS, asActor, readOutcome, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;

type Shown = "shown" | "hidden";
const hiddenFromAll = Object.fromEntries(TRUST_ACTORS.map((a) => [a, "hidden"])) as Record<TrustActor, Shown>;

const ids = {} as {
  assignment: string;
  otherAssignment: string;
  cycle: string;
  note: string;
  peerInsight: string;
  plcInsight: string;
  bigAssessment: string;
  smallAssessment: string;
  resultRow: string;
};

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "trustcoach");
  const prisma = app.db.prisma;
  const { people } = fx;
  const assignment = await app.make.coachingAssignment({
    schoolId: fx.schoolId,
    coachId: people.coach.id,
    teacherId: people.plcMember.id,
    tier: "TARGETED",
    focus: "Feedback",
  });
  // The coach's second coachee, with no open cycle: the one startCoachingCycle is tried on.
  const other = await app.make.coachingAssignment({ schoolId: fx.schoolId, coachId: people.coach.id, teacherId: people.peerMember3.id });
  const cycle = await app.make.coachingCycle({
    schoolId: fx.schoolId,
    assignmentId: assignment.id,
    coachId: people.coach.id,
    teacherId: people.plcMember.id,
    goal: "Trust cycle goal",
  });
  const note = await app.make.coachingNote({ cycleId: cycle.id, coachId: people.coach.id, body: "Trust private note" });
  const peerInsight = await app.make.insight({
    schoolId: fx.schoolId,
    groupId: fx.peerGroupId,
    authorId: people.peerMember.id,
    title: "Peer insight",
    body: "b",
    themes: ["peer theme"],
  });
  const plcInsight = await app.make.insight({
    schoolId: fx.schoolId,
    groupId: fx.plcGroupId,
    authorId: people.plcFacilitator.id,
    title: "PLC insight",
    body: "b",
    themes: ["plc theme"],
  });
  const results = (n: number) => ({
    create: Array.from({ length: n }, (_, i) => ({ studentRef: `T-${i}`, score: 70 + i, proficiency: "MEETS" as const })),
  });
  const big = await app.make.assessment({
    groupId: fx.plcGroupId,
    title: "Big",
    standard: "4.OA.1",
    administeredOn: new Date("2025-09-10"),
    results: results(12),
  });
  const small = await app.make.assessment({
    groupId: fx.plcGroupId,
    title: "Small",
    standard: "4.OA.2",
    administeredOn: new Date("2025-09-11"),
    results: results(5),
  });
  Object.assign(ids, {
    assignment: gid("CoachingAssignment", assignment.id),
    otherAssignment: gid("CoachingAssignment", other.id),
    cycle: gid("CoachingCycle", cycle.id),
    note: gid("CoachingNote", note.id),
    peerInsight: gid("Insight", peerInsight.id),
    plcInsight: gid("Insight", plcInsight.id),
    bigAssessment: gid("Assessment", big.id),
    smallAssessment: gid("Assessment", small.id),
    resultRow: gid("AssessmentResult", (await prisma.assessmentResult.findFirstOrThrow({ where: { assessmentId: big.id } })).id),
  });
});
afterAll(() => app?.close());

type Result = GqlResult<any>;
type ReadPath = {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
  pick: (data: any) => unknown;
  /** Connections: the count must equal what is shown, so refused rows never leak through it. */
  connection?: (data: any) => { totalCount: number; edges: unknown[] } | undefined;
};
type ReadCase = { resource: string; scope: ApiScope; tokenOwner: ActorKey; expected: Record<TrustActor, Shown>; paths: ReadPath[] };

const hasId = (list: { edges: { node: { id: string } }[] } | undefined, id: string) => list?.edges.some((e) => e.node.id === id);

const READS: ReadCase[] = [
  {
    resource: "coaching assignment",
    scope: "COACHING_READ",
    tokenOwner: "plcMember",
    expected: { ...hiddenFromAll, plcMember: "shown", coach: "shown", admin: "shown", tokenWithScope: "shown" },
    paths: [
      {
        name: "node(id) with coach and teacher",
        query: `query($id: ID!) { node(id: $id) { ... on CoachingAssignment { id tier coach { id } teacher { id } } } }`,
        variables: () => ({ id: ids.assignment }),
        pick: (d) => d.node?.teacher.id === fx.people.plcMember.gid && d.node.coach.id === fx.people.coach.gid,
      },
      {
        name: "coachingAssignments(tier) connection",
        query: `query($s: ID!) { coachingAssignments(schoolId: $s, tier: TARGETED) { totalCount edges { node { id } } } }`,
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => hasId(d.coachingAssignments, ids.assignment),
        connection: (d) => d.coachingAssignments,
      },
      {
        name: "coachingAssignments(teacherId) count",
        query: `query($s: ID!, $t: ID!) { coachingAssignments(schoolId: $s, teacherId: $t) { totalCount } }`,
        variables: () => ({ s: fx.schoolGid, t: fx.people.plcMember.gid }),
        pick: (d) => d.coachingAssignments.totalCount,
      },
    ],
  },
  {
    resource: "support network (every teacher's assignments)",
    scope: "COACHING_READ",
    tokenOwner: "coach",
    expected: { ...hiddenFromAll, coach: "shown", admin: "shown", tokenWithScope: "shown" },
    paths: [
      {
        name: "supportNetwork rows, groups and assignments",
        query: `query($s: ID!) { supportNetwork(schoolId: $s) { totalCount edges { node { teacher { id } groups { id } supportTier assignments { id } } } } }`,
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => d.supportNetwork.edges.some((e: any) => e.node.assignments.some((a: any) => a.id === ids.assignment)),
        connection: (d) => d.supportNetwork,
      },
      {
        name: "supportNetwork filtered by coach and tier",
        query: `query($s: ID!, $c: ID!) { supportNetwork(schoolId: $s, coachId: $c, tier: TARGETED) { totalCount edges { node { teacher { id } } } } }`,
        variables: () => ({ s: fx.schoolGid, c: fx.people.coach.gid }),
        pick: (d) => d.supportNetwork.edges.some((e: any) => e.node.teacher.id === fx.people.plcMember.gid),
        connection: (d) => d.supportNetwork,
      },
      {
        name: "supportNetwork count of teachers with no coach",
        query: `query($s: ID!) { supportNetwork(schoolId: $s, coached: false) { totalCount } }`,
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => d.supportNetwork.totalCount,
      },
      {
        name: "coachCaseloads: every coach's caseload by tier",
        query: `query($s: ID!) { coachCaseloads(schoolId: $s) { totalCount edges { node { caseload caseloadByTier { tier count } coach { id } } } } }`,
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => d.coachCaseloads.edges.find((e: any) => e.node.coach.id === fx.people.coach.gid)?.node.caseload,
        connection: (d) => d.coachCaseloads,
      },
    ],
  },
  {
    resource: "coaching cycle",
    scope: "COACHING_READ",
    tokenOwner: "plcMember",
    expected: { ...hiddenFromAll, plcMember: "shown", coach: "shown", tokenWithScope: "shown" },
    paths: [
      {
        name: "node(id)",
        query: `query($id: ID!) { node(id: $id) { ... on CoachingCycle { id goal sharedNotes phase teacher { id } } } }`,
        variables: () => ({ id: ids.cycle }),
        pick: (d) => d.node?.goal,
      },
      {
        name: "nested assignment (seen by the pair)",
        query: `query($id: ID!) { node(id: $id) { ... on CoachingCycle { assignment { id } } } }`,
        variables: () => ({ id: ids.cycle }),
        pick: (d) => d.node?.assignment?.id === ids.assignment,
      },
      {
        name: "myCoachingCycles connection",
        query: `{ myCoachingCycles(active: true) { totalCount edges { node { id } } } }`,
        variables: () => ({}),
        pick: (d) => hasId(d.myCoachingCycles, ids.cycle),
        connection: (d) => d.myCoachingCycles,
      },
      {
        name: "the assignment's cycles connection",
        query: `query($id: ID!) { node(id: $id) { ... on CoachingAssignment { cycles { totalCount edges { node { id goal } } } } } }`,
        variables: () => ({ id: ids.assignment }),
        pick: (d) => hasId(d.node?.cycles, ids.cycle),
        connection: (d) => d.node?.cycles,
      },
    ],
  },
  {
    resource: "coaching note",
    scope: "COACHING_READ",
    tokenOwner: "coach",
    expected: { ...hiddenFromAll, coach: "shown", tokenWithScope: "shown" },
    paths: [
      {
        name: "node(id)",
        query: `query($id: ID!) { node(id: $id) { ... on CoachingNote { id body cycle { id } } } }`,
        variables: () => ({ id: ids.note }),
        pick: (d) => d.node?.body,
      },
      {
        name: "the cycle's notes connection",
        query: `query($id: ID!) { node(id: $id) { ... on CoachingCycle { notes { totalCount edges { node { id body } } } } } }`,
        variables: () => ({ id: ids.cycle }),
        pick: (d) => hasId(d.node?.notes, ids.note),
        connection: (d) => d.node?.notes,
      },
      {
        name: "notes nested under the assignment's cycles",
        query: `query($id: ID!) { node(id: $id) { ... on CoachingAssignment { cycles { edges { node { notes { totalCount } } } } } } }`,
        variables: () => ({ id: ids.assignment }),
        pick: (d) => d.node?.cycles.edges[0]?.node.notes.totalCount,
      },
    ],
  },
  {
    resource: "peer group insight (body)",
    scope: "INSIGHTS_READ",
    tokenOwner: "peerMember",
    expected: { ...hiddenFromAll, peerMember: "shown", peerMember2: "shown", peerMember3: "shown", coach: "shown", admin: "shown", tokenWithScope: "shown" },
    paths: [
      {
        name: "node(id)",
        query: `query($id: ID!) { node(id: $id) { ... on Insight { id title body themes } } }`,
        variables: () => ({ id: ids.peerInsight }),
        pick: (d) => d.node?.body,
      },
      {
        name: "insights(theme) connection",
        query: `query($s: ID!) { insights(schoolId: $s, theme: "Peer Theme") { totalCount edges { node { id } } } }`,
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => hasId(d.insights, ids.peerInsight),
        connection: (d) => d.insights,
      },
      {
        name: "insightThemes rollup",
        query: `query($s: ID!) { insightThemes(schoolId: $s) { theme count } }`,
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => d.insightThemes.find((t: any) => t.theme === "peer theme")?.count,
      },
    ],
  },
  {
    resource: "peer group insight's author and group",
    scope: "INSIGHTS_READ",
    tokenOwner: "peerMember",
    expected: { ...hiddenFromAll, peerMember: "shown", peerMember2: "shown", peerMember3: "shown", tokenWithScope: "shown" },
    paths: [
      {
        name: "node(id) author",
        query: `query($id: ID!) { node(id: $id) { ... on Insight { author { id name } } } }`,
        variables: () => ({ id: ids.peerInsight }),
        pick: (d) => d.node?.author?.id,
      },
      {
        name: "node(id) group",
        query: `query($id: ID!) { node(id: $id) { ... on Insight { group { id name } } } }`,
        variables: () => ({ id: ids.peerInsight }),
        pick: (d) => d.node?.group?.id,
      },
      {
        name: "authors through the school-wide list",
        query: `query($s: ID!) { insights(schoolId: $s) { edges { node { id author { id } group { id } } } } }`,
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => d.insights.edges.find((e: any) => e.node.id === ids.peerInsight)?.node.author?.id,
      },
      {
        name: "the group's insights connection",
        query: `query($id: ID!) { node(id: $id) { ... on Group { insights { totalCount edges { node { id } } } } } }`,
        variables: () => ({ id: fx.peerGroupGid }),
        pick: (d) => hasId(d.node?.insights, ids.peerInsight),
        connection: (d) => d.node?.insights,
      },
    ],
  },
  {
    resource: "assessment rows",
    scope: "ASSESSMENTS_READ",
    tokenOwner: "plcMember",
    expected: { ...hiddenFromAll, plcFacilitator: "shown", plcMember: "shown", tokenWithScope: "shown" },
    paths: [
      {
        name: "node(id) of a row",
        query: `query($id: ID!) { node(id: $id) { ... on AssessmentResult { studentRef score proficiency assessment { id } } } }`,
        variables: () => ({ id: ids.resultRow }),
        pick: (d) => d.node?.studentRef,
      },
      {
        name: "the assessment's results connection",
        query: `query($id: ID!) { node(id: $id) { ... on Assessment { results(proficiency: MEETS) { totalCount edges { node { studentRef } } } } } }`,
        variables: () => ({ id: ids.bigAssessment }),
        pick: (d) => d.node?.results?.edges.length,
      },
      {
        name: "rows nested under the PLC's assessments",
        query: `query($id: ID!) { node(id: $id) { ... on Group { assessments { edges { node { results { totalCount } } } } } } }`,
        variables: () => ({ id: fx.plcGroupGid }),
        pick: (d) => d.node?.assessments.edges[0]?.node.results?.totalCount,
      },
      {
        name: "exact small-cell summary",
        query: `query($id: ID!) { node(id: $id) { ... on Assessment { summary { count exact } } } }`,
        variables: () => ({ id: ids.smallAssessment }),
        pick: (d) => d.node?.summary.exact && d.node.summary.count,
      },
    ],
  },
  {
    resource: "assessment aggregates (10 or more students)",
    scope: "ASSESSMENTS_READ",
    tokenOwner: "coach",
    expected: { ...hiddenFromAll, plcFacilitator: "shown", plcMember: "shown", coach: "shown", admin: "shown", tokenWithScope: "shown" },
    paths: [
      {
        name: "node(id) summary",
        query: `query($id: ID!) { node(id: $id) { ... on Assessment { summary { count meanScore minimumCellSize } } } }`,
        variables: () => ({ id: ids.bigAssessment }),
        pick: (d) => d.node?.summary.count,
      },
      {
        name: "the PLC's assessments connection",
        query: `query($id: ID!) { node(id: $id) { ... on Group { assessments(standard: "4.OA.1") { totalCount edges { node { id } } } } } }`,
        variables: () => ({ id: fx.plcGroupGid }),
        pick: (d) => hasId(d.node?.assessments, ids.bigAssessment),
        connection: (d) => d.node?.assessments,
      },
      {
        name: "assessmentSummaryByStandard",
        query: `query($id: ID!) { assessmentSummaryByStandard(groupId: $id) { standard summary { count } } }`,
        variables: () => ({ id: fx.plcGroupGid }),
        pick: (d) => d.assessmentSummaryByStandard.find((s: any) => s.standard === "4.OA.1")?.summary.count,
      },
    ],
  },
];

function connectionOf(result: Result, path: ReadPath) {
  try {
    return path.connection?.(result.data);
  } catch {
    return undefined;
  }
}

describe.each(READS)("reading $resource", (read) => {
  const cases = read.paths.flatMap((path) => TRUST_ACTORS.map((actor) => ({ path, actor, name: path.name })));
  it.each(cases)("$name as $actor", async ({ path, actor }) => {
    const gql = await asActor(app, fx, actor, read.tokenOwner, read.scope);
    const result = await gql(path.query, path.variables());
    expect(readOutcome(result, path.pick)).toBe(read.expected[actor]);
    const connection = connectionOf(result, path);
    if (connection) expect(connection.totalCount, "totalCount counts exactly the rows shown").toBe(connection.edges.length);
  });
});

describe("what leaders see of withheld things", () => {
  it("a coach's small-cell summary is suppressed, and asking for rows is FORBIDDEN", async () => {
    const res = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on Assessment { summary { count meanScore suppressed byProficiency { count } } results { totalCount } } } }`,
      { id: ids.smallAssessment },
      fx.people.coach.token,
    );
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(res.data.node).toEqual({
      summary: { count: null, meanScore: null, suppressed: true, byProficiency: Array(4).fill({ count: null }) },
      results: null,
    });
  });

  it("an admin reads an insight with no author and no group, and no error", async () => {
    const res = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on Insight { title anonymous author { id } group { id } } } }`,
      { id: ids.plcInsight },
      fx.people.admin.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toEqual({ title: "PLC insight", anonymous: true, author: null, group: null });
  });
});

// ───────────── writes ─────────────

type Outcome = "done" | "refused" | "invalid";
type WriteCase = {
  name: string;
  field: string;
  scope: ApiScope;
  tokenOwner: ActorKey;
  expected: Record<TrustActor, Outcome>;
  query: string;
  variables: () => Record<string, unknown>;
  /** A fingerprint of what the write would change: equal before and after when refused. */
  snapshot: () => Promise<unknown>;
  /** Puts things back after a write that went through, so every actor starts from the same state. */
  undo: () => Promise<void>;
};

const refusedToAll = Object.fromEntries(TRUST_ACTORS.map((a) => [a, "refused"])) as Record<TrustActor, Outcome>;
const PAYLOAD = `__typename ... on BaseError { code }`;
const uuid = (relayId: string) => Buffer.from(relayId, "base64").toString().split(":")[1]!;

/** Without createdAt, so an ended assignment put back counts as the same. */
const assignmentRows = () =>
  app.db.prisma.coachingAssignment.findMany({ select: { id: true, coachId: true, teacherId: true, tier: true, focus: true }, orderBy: { id: "asc" } });

const WRITES: WriteCase[] = [
  {
    name: "assignCoach",
    field: "assignCoach",
    scope: "COACHING_WRITE",
    tokenOwner: "admin",
    expected: { ...refusedToAll, coach: "done", admin: "done", tokenWithScope: "done" },
    query: `mutation($input: AssignCoachInput!) { assignCoach(input: $input) { ${PAYLOAD} } }`,
    variables: () => ({ input: { schoolId: fx.schoolGid, coachId: fx.people.coach.gid, teacherId: fx.people.otherTeacher.gid, tier: "INTENSIVE" } }),
    snapshot: () => assignmentRows(),
    undo: async () => void (await app.db.prisma.coachingAssignment.deleteMany({ where: { teacherId: fx.people.otherTeacher.id } })),
  },
  {
    name: "updateCoachingAssignment",
    field: "updateCoachingAssignment",
    scope: "COACHING_WRITE",
    tokenOwner: "admin",
    expected: { ...refusedToAll, coach: "done", admin: "done", tokenWithScope: "done" },
    query: `mutation($input: UpdateCoachingAssignmentInput!) { updateCoachingAssignment(input: $input) { ${PAYLOAD} } }`,
    variables: () => ({ input: { assignmentId: ids.assignment, tier: "INTENSIVE", focus: "Changed" } }),
    snapshot: () => assignmentRows(),
    undo: async () =>
      void (await app.db.prisma.coachingAssignment.update({ where: { id: uuid(ids.assignment) }, data: { tier: "TARGETED", focus: "Feedback" } })),
  },
  {
    name: "updateCoachingAssignment: a new coach",
    field: "updateCoachingAssignment",
    scope: "COACHING_WRITE",
    tokenOwner: "admin",
    expected: { ...refusedToAll, coach: "done", admin: "done", tokenWithScope: "done" },
    query: `mutation($input: UpdateCoachingAssignmentInput!) { updateCoachingAssignment(input: $input) { ${PAYLOAD} } }`,
    variables: () => ({ input: { assignmentId: ids.otherAssignment, coachId: fx.people.admin.gid } }),
    snapshot: async () => [await assignmentRows(), await app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } })],
    undo: async () => void (await app.db.prisma.coachingAssignment.update({ where: { id: uuid(ids.otherAssignment) }, data: { coachId: fx.people.coach.id } })),
  },
  {
    name: "endCoachingAssignment",
    field: "endCoachingAssignment",
    scope: "COACHING_WRITE",
    tokenOwner: "admin",
    expected: { ...refusedToAll, coach: "done", admin: "done", tokenWithScope: "done" },
    query: `mutation($id: ID!) { endCoachingAssignment(assignmentId: $id) { ${PAYLOAD} } }`,
    variables: () => ({ id: ids.otherAssignment }),
    snapshot: () => assignmentRows(),
    undo: async () =>
      void (await app.make.coachingAssignment({
        id: uuid(ids.otherAssignment),
        schoolId: fx.schoolId,
        coachId: fx.people.coach.id,
        teacherId: fx.people.peerMember3.id,
      })),
  },
  {
    name: "startCoachingCycle",
    field: "startCoachingCycle",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    // The admin may start cycles, but only with their own coachees: peerMember3 is the coach's.
    expected: { ...refusedToAll, coach: "done", admin: "invalid", tokenWithScope: "done" },
    query: `mutation($input: StartCoachingCycleInput!) { startCoachingCycle(input: $input) { ${PAYLOAD} } }`,
    variables: () => ({ input: { schoolId: fx.schoolGid, teacherId: fx.people.peerMember3.gid, goal: "A new cycle" } }),
    snapshot: () => app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } }),
    undo: async () => void (await app.db.prisma.coachingCycle.deleteMany({ where: { goal: "A new cycle" } })),
  },
  {
    name: "updateCoachingCycle",
    field: "updateCoachingCycle",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    expected: { ...refusedToAll, coach: "done", tokenWithScope: "done" },
    query: `mutation($input: UpdateCoachingCycleInput!) { updateCoachingCycle(input: $input) { ${PAYLOAD} } }`,
    variables: () => ({ input: { cycleId: ids.cycle, goal: "Rewritten goal", sharedNotes: "Rewritten" } }),
    snapshot: () => app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } }),
    undo: async () => void (await app.db.prisma.coachingCycle.update({ where: { id: uuid(ids.cycle) }, data: { goal: "Trust cycle goal", sharedNotes: "" } })),
  },
  {
    name: "advanceCoachingCycle",
    field: "advanceCoachingCycle",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    expected: { ...refusedToAll, coach: "done", tokenWithScope: "done" },
    query: `mutation($id: ID!) { advanceCoachingCycle(cycleId: $id) { ${PAYLOAD} } }`,
    variables: () => ({ id: ids.cycle }),
    snapshot: () => app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } }),
    undo: async () => void (await app.db.prisma.coachingCycle.update({ where: { id: uuid(ids.cycle) }, data: { phase: "IDENTIFY", completedAt: null } })),
  },
  {
    name: "addCoachingNote",
    field: "addCoachingNote",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    expected: { ...refusedToAll, coach: "done", tokenWithScope: "done" },
    query: `mutation($input: AddCoachingNoteInput!) { addCoachingNote(input: $input) { ${PAYLOAD} } }`,
    variables: () => ({ input: { cycleId: ids.cycle, body: "Another private note" } }),
    snapshot: () => app.db.prisma.coachingNote.findMany({ orderBy: { id: "asc" } }),
    undo: async () => void (await app.db.prisma.coachingNote.deleteMany({ where: { body: "Another private note" } })),
  },
  {
    name: "shareInsight",
    field: "shareInsight",
    scope: "INSIGHTS_WRITE",
    tokenOwner: "peerMember",
    expected: { ...refusedToAll, peerMember: "done", peerMember2: "done", peerMember3: "done", tokenWithScope: "done" },
    query: `mutation($input: ShareInsightInput!) { shareInsight(input: $input) { ${PAYLOAD} } }`,
    variables: () => ({ input: { groupId: fx.peerGroupGid, title: "Shared in trust test", body: "Body", themes: ["trust"] } }),
    snapshot: async () => [await app.db.prisma.insight.findMany({ orderBy: { id: "asc" } }), await app.db.prisma.activityEvent.count()],
    undo: async () => {
      await app.db.prisma.insight.deleteMany({ where: { title: "Shared in trust test" } });
      await app.db.prisma.activityEvent.deleteMany({ where: { type: "INSIGHT_SHARED" } });
    },
  },
  {
    name: "recordAssessment",
    field: "recordAssessment",
    scope: "ASSESSMENTS_WRITE",
    tokenOwner: "plcMember",
    expected: { ...refusedToAll, plcFacilitator: "done", plcMember: "done", tokenWithScope: "done" },
    query: `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { ${PAYLOAD} } }`,
    variables: () => ({
      input: {
        groupId: fx.plcGroupGid,
        title: "Recorded in trust test",
        standard: "4.OA.3",
        administeredOn: "2025-10-01",
        results: [{ studentRef: "Z-1", score: 50, proficiency: "APPROACHING" }],
      },
    }),
    snapshot: async () => [await app.db.prisma.assessment.findMany({ orderBy: { id: "asc" } }), await app.db.prisma.assessmentResult.count()],
    undo: async () => void (await app.db.prisma.assessment.deleteMany({ where: { title: "Recorded in trust test" } })),
  },
];

function outcomeOf(result: Result, field: string): Outcome {
  const payload = result.data?.[field];
  if (payload && typeof payload === "object" && payload.__typename === "ValidationError") return "invalid";
  return writeOutcome(result, field);
}

describe.each(WRITES)("writing: $name", (write) => {
  it.each(TRUST_ACTORS)("%s", async (actor) => {
    const gql = await asActor(app, fx, actor, write.tokenOwner, write.scope);
    const before = await write.snapshot();
    const outcome = outcomeOf(await gql(write.query, write.variables()), write.field);
    expect(outcome).toBe(write.expected[actor]);
    if (outcome === "done") {
      expect(await write.snapshot()).not.toEqual(before);
      await write.undo();
    }
    expect(await write.snapshot(), "a refused or undone write leaves the database as it was").toEqual(before);
  });
});
