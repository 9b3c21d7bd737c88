// Trust boundaries for coaching, insights and PLC assessment data (README, "Who can see what"):
// - a coaching assignment: the pair, and the school's coaches and admins;
// - a coaching cycle: its coach and its teacher only (not even an admin);
// - a coaching note: its coach only (not the teacher, not an admin);
// - an observation: its cycle's coach; its teacher only when marked for them; an action step and
//   a pairing's caseload signals: the pair (an admin sees the pairing, not what its cycles say);
// - an insight: its group's members in full; the school's coaches and admins read it with no
//   author and no group, and see it in the theme rollup;
// - assessment rows: the PLC's members only; leaders get the summary with small cells withheld.
// Every actor, through node(id), the parent's connections and their counts, nested relations,
// filters and rollups; and every write, with the database unchanged when it is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiScope } from "@staffroom/api/testing";
import { startTestApp, type GqlResult, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import type { TypedDocument } from "../support/graphql-http.ts";
import { asNode } from "../support/operations.ts";
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
  sharedObservation: string;
  coachObservation: string;
  actionStep: string;
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
  await prisma.coachingCycle.update({ where: { id: cycle.id }, data: { lookFors: ["Wait time"], nextCheckBackOn: new Date("2020-01-01") } });
  const sharedObservation = await app.make.coachingObservation({ cycleId: cycle.id, lookFor: "Wait time", body: "For the teacher", forTeacher: true });
  const coachObservation = await app.make.coachingObservation({ cycleId: cycle.id, body: "Coach only", forTeacher: false });
  const actionStep = await app.make.coachingActionStep({ cycleId: cycle.id, text: "Trust action step" });
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
  await throwawayAssessment();
  // A pre- and a post-assessment of one standard, 12 students each in two classes, some below the
  // line: pre vs post, the per-class comparison and the students below the line.
  const classResults = (level: "BELOW" | "MEETS") => ({
    create: Array.from({ length: 12 }, (_, i) => ({
      studentRef: `P-${i}`,
      score: 40 + i,
      proficiency: i < 6 ? level : ("MEETS" as const),
      classLabel: i % 2 ? "Room 1" : "Room 2",
    })),
  });
  await app.make.assessment({
    groupId: fx.plcGroupId,
    title: "Pre",
    standard: "4.OA.5",
    kind: "PRE",
    administeredOn: new Date("2025-09-01"),
    results: classResults("BELOW"),
  });
  await app.make.assessment({
    groupId: fx.plcGroupId,
    title: "Post",
    standard: "4.OA.5",
    kind: "POST",
    administeredOn: new Date("2025-09-02"),
    results: classResults("BELOW"),
  });
  Object.assign(ids, {
    assignment: gid("CoachingAssignment", assignment.id),
    otherAssignment: gid("CoachingAssignment", other.id),
    cycle: gid("CoachingCycle", cycle.id),
    note: gid("CoachingNote", note.id),
    sharedObservation: gid("CoachingObservation", sharedObservation.id),
    coachObservation: gid("CoachingObservation", coachObservation.id),
    actionStep: gid("CoachingActionStep", actionStep.id),
    peerInsight: gid("Insight", peerInsight.id),
    plcInsight: gid("Insight", plcInsight.id),
    bigAssessment: gid("Assessment", big.id),
    smallAssessment: gid("Assessment", small.id),
    resultRow: gid("AssessmentResult", (await prisma.assessmentResult.findFirstOrThrow({ where: { assessmentId: big.id } })).id),
  });
});
afterAll(() => app?.close());

type Connection = { totalCount: number; edges: unknown[] };
type ReadPath<R = unknown, V = unknown> = {
  name: string;
  query: TypedDocument<R, V>;
  variables: () => NoInfer<V>;
  pick: (data: R) => unknown;
  /** Connections: the count must equal what is shown, so refused rows never leak through it. */
  connection?: (data: R) => Connection | null | undefined;
};
/** A path typed by its document, kept in a table of paths whose documents differ. */
const readPath = <R, V>(path: ReadPath<R, V>) => path as unknown as ReadPath;
type ReadCase = { resource: string; scope: ApiScope; tokenOwner: ActorKey; expected: Record<TrustActor, Shown>; paths: ReadPath[] };

const hasId = (list: { edges: { node: { id: string } }[] } | null | undefined, id: string) => list?.edges.some((e) => e.node.id === id);

const READS: ReadCase[] = [
  {
    resource: "coaching assignment",
    scope: "COACHING_READ",
    tokenOwner: "plcMember",
    expected: { ...hiddenFromAll, plcMember: "shown", coach: "shown", admin: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "node(id) with coach and teacher",
        query: graphql(`
          query TrustCoachingAssignmentNode($id: ID!) {
            node(id: $id) {
              ... on CoachingAssignment {
                id
                tier
                coach {
                  id
                }
                teacher {
                  id
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.assignment }),
        pick: (d) => {
          const node = asNode(d.node, "CoachingAssignment");
          return node?.teacher.id === fx.people.plcMember.gid && node.coach.id === fx.people.coach.gid;
        },
      }),
      readPath({
        name: "coachingAssignments(tier) connection",
        query: graphql(`
          query TrustCoachingAssignmentsByTier($s: ID!) {
            coachingAssignments(schoolId: $s, tier: TARGETED) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
        `),
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => hasId(d.coachingAssignments, ids.assignment),
        connection: (d) => d.coachingAssignments,
      }),
      readPath({
        name: "coachingAssignments(teacherId) count",
        query: graphql(`
          query TrustCoachingAssignmentsOfTeacherCount($s: ID!, $t: ID!) {
            coachingAssignments(schoolId: $s, teacherId: $t) {
              totalCount
            }
          }
        `),
        variables: () => ({ s: fx.schoolGid, t: fx.people.plcMember.gid }),
        pick: (d) => d.coachingAssignments.totalCount,
      }),
    ],
  },
  {
    resource: "support network (every teacher's assignments)",
    scope: "COACHING_READ",
    tokenOwner: "coach",
    expected: { ...hiddenFromAll, coach: "shown", admin: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "supportNetwork rows, groups and assignments",
        query: graphql(`
          query TrustSupportNetwork($s: ID!) {
            supportNetwork(schoolId: $s) {
              totalCount
              edges {
                node {
                  teacher {
                    id
                  }
                  groups {
                    id
                  }
                  supportTier
                  assignments {
                    id
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => d.supportNetwork.edges.some((e) => e.node.assignments.some((a) => a.id === ids.assignment)),
        connection: (d) => d.supportNetwork,
      }),
      readPath({
        name: "supportNetwork filtered by coach and tier",
        query: graphql(`
          query TrustSupportNetworkByCoachAndTier($s: ID!, $c: ID!) {
            supportNetwork(schoolId: $s, coachId: $c, tier: TARGETED) {
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
        `),
        variables: () => ({ s: fx.schoolGid, c: fx.people.coach.gid }),
        pick: (d) => d.supportNetwork.edges.some((e) => e.node.teacher.id === fx.people.plcMember.gid),
        connection: (d) => d.supportNetwork,
      }),
      readPath({
        name: "supportNetwork count of teachers with no coach",
        query: graphql(`
          query TrustSupportNetworkUncoachedCount($s: ID!) {
            supportNetwork(schoolId: $s, coached: false) {
              totalCount
            }
          }
        `),
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => d.supportNetwork.totalCount,
      }),
      readPath({
        name: "coachCaseloads: every coach's caseload by tier",
        query: graphql(`
          query TrustCoachCaseloads($s: ID!) {
            coachCaseloads(schoolId: $s) {
              totalCount
              edges {
                node {
                  caseload
                  caseloadByTier {
                    tier
                    count
                  }
                  coach {
                    id
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => d.coachCaseloads.edges.find((e) => e.node.coach.id === fx.people.coach.gid)?.node.caseload,
        connection: (d) => d.coachCaseloads,
      }),
    ],
  },
  {
    resource: "coaching cycle",
    scope: "COACHING_READ",
    tokenOwner: "plcMember",
    expected: { ...hiddenFromAll, plcMember: "shown", coach: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "node(id)",
        query: graphql(`
          query TrustCoachingCycleNode($id: ID!) {
            node(id: $id) {
              ... on CoachingCycle {
                id
                goal
                sharedNotes
                phase
                step
                lookFors
                nextCheckBackOn
                checkBack
                lastContactAt
                teacher {
                  id
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.cycle }),
        pick: (d) => asNode(d.node, "CoachingCycle")?.goal,
      }),
      readPath({
        name: "nested assignment (seen by the pair)",
        query: graphql(`
          query TrustCoachingCycleAssignment($id: ID!) {
            node(id: $id) {
              ... on CoachingCycle {
                assignment {
                  id
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.cycle }),
        pick: (d) => asNode(d.node, "CoachingCycle")?.assignment?.id === ids.assignment,
      }),
      readPath({
        name: "myCoachingCycles connection",
        query: graphql(`
          query TrustMyActiveCoachingCycles {
            myCoachingCycles(active: true) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
        `),
        variables: () => ({}),
        pick: (d) => hasId(d.myCoachingCycles, ids.cycle),
        connection: (d) => d.myCoachingCycles,
      }),
      readPath({
        name: "the assignment's cycles connection",
        query: graphql(`
          query TrustCoachingAssignmentCycles($id: ID!) {
            node(id: $id) {
              ... on CoachingAssignment {
                cycles {
                  totalCount
                  edges {
                    node {
                      id
                      goal
                    }
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.assignment }),
        pick: (d) => hasId(asNode(d.node, "CoachingAssignment")?.cycles, ids.cycle),
        connection: (d) => asNode(d.node, "CoachingAssignment")?.cycles,
      }),
    ],
  },
  {
    resource: "coaching note",
    scope: "COACHING_READ",
    tokenOwner: "coach",
    expected: { ...hiddenFromAll, coach: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "node(id)",
        query: graphql(`
          query TrustCoachingNoteNode($id: ID!) {
            node(id: $id) {
              ... on CoachingNote {
                id
                body
                cycle {
                  id
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.note }),
        pick: (d) => asNode(d.node, "CoachingNote")?.body,
      }),
      readPath({
        name: "the cycle's notes connection",
        query: graphql(`
          query TrustCoachingCycleNotes($id: ID!) {
            node(id: $id) {
              ... on CoachingCycle {
                notes {
                  totalCount
                  edges {
                    node {
                      id
                      body
                    }
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.cycle }),
        pick: (d) => hasId(asNode(d.node, "CoachingCycle")?.notes, ids.note),
        connection: (d) => asNode(d.node, "CoachingCycle")?.notes,
      }),
      readPath({
        name: "notes nested under the assignment's cycles",
        query: graphql(`
          query TrustCoachingAssignmentCycleNoteCounts($id: ID!) {
            node(id: $id) {
              ... on CoachingAssignment {
                cycles {
                  edges {
                    node {
                      notes {
                        totalCount
                      }
                    }
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.assignment }),
        pick: (d) => asNode(d.node, "CoachingAssignment")?.cycles.edges[0]?.node.notes.totalCount,
      }),
    ],
  },
  {
    resource: "coaching observation marked for the teacher",
    scope: "COACHING_READ",
    tokenOwner: "plcMember",
    expected: { ...hiddenFromAll, plcMember: "shown", coach: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "node(id)",
        query: graphql(`
          query TrustSharedObservationNode($id: ID!) {
            node(id: $id) {
              ... on CoachingObservation {
                id
                body
                lookFor
              }
            }
          }
        `),
        variables: () => ({ id: ids.sharedObservation }),
        pick: (d) => asNode(d.node, "CoachingObservation")?.body,
      }),
      readPath({
        name: "the cycle's observations connection",
        query: graphql(`
          query TrustCycleObservations($id: ID!) {
            node(id: $id) {
              ... on CoachingCycle {
                observations {
                  totalCount
                  edges {
                    node {
                      id
                      body
                    }
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.cycle }),
        pick: (d) => hasId(asNode(d.node, "CoachingCycle")?.observations, ids.sharedObservation),
        connection: (d) => asNode(d.node, "CoachingCycle")?.observations,
      }),
    ],
  },
  {
    resource: "coaching observation kept by the coach",
    scope: "COACHING_READ",
    tokenOwner: "coach",
    expected: { ...hiddenFromAll, coach: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "node(id)",
        query: graphql(`
          query TrustCoachObservationNode($id: ID!) {
            node(id: $id) {
              ... on CoachingObservation {
                id
                body
              }
            }
          }
        `),
        variables: () => ({ id: ids.coachObservation }),
        pick: (d) => asNode(d.node, "CoachingObservation")?.body,
      }),
      readPath({
        name: "the cycle's observations connection (counted as shown)",
        query: graphql(`
          query TrustCycleCoachObservations($id: ID!) {
            node(id: $id) {
              ... on CoachingCycle {
                observations {
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
        variables: () => ({ id: ids.cycle }),
        pick: (d) => hasId(asNode(d.node, "CoachingCycle")?.observations, ids.coachObservation),
        connection: (d) => asNode(d.node, "CoachingCycle")?.observations,
      }),
      readPath({
        name: "more observations counted than the teacher is shown",
        query: graphql(`
          query TrustCycleObservationCount($id: ID!) {
            node(id: $id) {
              ... on CoachingCycle {
                observations {
                  totalCount
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.cycle }),
        pick: (d) => (asNode(d.node, "CoachingCycle")?.observations.totalCount ?? 0) > 1,
      }),
    ],
  },
  {
    resource: "coaching action step",
    scope: "COACHING_READ",
    tokenOwner: "plcMember",
    expected: { ...hiddenFromAll, plcMember: "shown", coach: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "node(id)",
        query: graphql(`
          query TrustActionStepNode($id: ID!) {
            node(id: $id) {
              ... on CoachingActionStep {
                id
                text
                done
              }
            }
          }
        `),
        variables: () => ({ id: ids.actionStep }),
        pick: (d) => asNode(d.node, "CoachingActionStep")?.text,
      }),
      readPath({
        name: "the cycle's open action steps",
        query: graphql(`
          query TrustCycleActionSteps($id: ID!) {
            node(id: $id) {
              ... on CoachingCycle {
                actionSteps(done: false) {
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
        variables: () => ({ id: ids.cycle }),
        pick: (d) => hasId(asNode(d.node, "CoachingCycle")?.actionSteps, ids.actionStep),
        connection: (d) => asNode(d.node, "CoachingCycle")?.actionSteps,
      }),
    ],
  },
  {
    resource: "caseload signals (from the pair's cycles)",
    scope: "COACHING_READ",
    tokenOwner: "plcMember",
    expected: { ...hiddenFromAll, plcMember: "shown", coach: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "the assignment's signals",
        query: graphql(`
          query TrustAssignmentSignals($id: ID!) {
            node(id: $id) {
              ... on CoachingAssignment {
                signals {
                  lastContactAt
                  daysSinceContact
                  nextCheckBackOn
                  checkBack
                  openActionSteps
                  goalStatus
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.assignment }),
        pick: (d) => {
          const signals = asNode(d.node, "CoachingAssignment")?.signals;
          if (!signals) return null;
          // Either everything the cycles say, or nothing of it.
          const told = [
            signals.lastContactAt !== null,
            signals.daysSinceContact !== null,
            signals.nextCheckBackOn !== null,
            signals.checkBack === "OVERDUE",
            signals.openActionSteps === 1,
            signals.goalStatus === "IN_PROGRESS",
          ];
          expect(new Set(told).size, JSON.stringify(signals)).toBe(1);
          return told[0];
        },
      }),
      readPath({
        name: "coachingAssignments filtered by teacher, with signals",
        query: graphql(`
          query TrustAssignmentsSignals($s: ID!, $t: ID!) {
            coachingAssignments(schoolId: $s, teacherId: $t) {
              edges {
                node {
                  signals {
                    openActionSteps
                    goalStatus
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ s: fx.schoolGid, t: fx.people.plcMember.gid }),
        pick: (d) => d.coachingAssignments.edges[0]?.node.signals.openActionSteps,
      }),
    ],
  },
  {
    resource: "peer group insight (body)",
    scope: "INSIGHTS_READ",
    tokenOwner: "peerMember",
    expected: { ...hiddenFromAll, peerMember: "shown", peerMember2: "shown", peerMember3: "shown", coach: "shown", admin: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "node(id)",
        query: graphql(`
          query TrustInsightNode($id: ID!) {
            node(id: $id) {
              ... on Insight {
                id
                title
                body
                themes
              }
            }
          }
        `),
        variables: () => ({ id: ids.peerInsight }),
        pick: (d) => asNode(d.node, "Insight")?.body,
      }),
      readPath({
        name: "insights(theme) connection",
        query: graphql(`
          query TrustInsightsByTheme($s: ID!) {
            insights(schoolId: $s, theme: "Peer Theme") {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
        `),
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => hasId(d.insights, ids.peerInsight),
        connection: (d) => d.insights,
      }),
      readPath({
        name: "insightThemes rollup",
        query: graphql(`
          query TrustInsightThemes($s: ID!) {
            insightThemes(schoolId: $s) {
              theme
              count
            }
          }
        `),
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => d.insightThemes.find((t) => t.theme === "peer theme")?.count,
      }),
    ],
  },
  {
    resource: "peer group insight's author and group",
    scope: "INSIGHTS_READ",
    tokenOwner: "peerMember",
    expected: { ...hiddenFromAll, peerMember: "shown", peerMember2: "shown", peerMember3: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "node(id) author",
        query: graphql(`
          query TrustInsightAuthor($id: ID!) {
            node(id: $id) {
              ... on Insight {
                author {
                  id
                  name
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.peerInsight }),
        pick: (d) => asNode(d.node, "Insight")?.author?.id,
      }),
      readPath({
        name: "node(id) group",
        query: graphql(`
          query TrustInsightGroup($id: ID!) {
            node(id: $id) {
              ... on Insight {
                group {
                  id
                  name
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.peerInsight }),
        pick: (d) => asNode(d.node, "Insight")?.group?.id,
      }),
      readPath({
        name: "authors through the school-wide list",
        query: graphql(`
          query TrustInsightsWithAuthors($s: ID!) {
            insights(schoolId: $s) {
              edges {
                node {
                  id
                  author {
                    id
                  }
                  group {
                    id
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ s: fx.schoolGid }),
        pick: (d) => d.insights.edges.find((e) => e.node.id === ids.peerInsight)?.node.author?.id,
      }),
      readPath({
        name: "the group's insights connection",
        query: graphql(`
          query TrustGroupInsights($id: ID!) {
            node(id: $id) {
              ... on Group {
                insights {
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
        variables: () => ({ id: fx.peerGroupGid }),
        pick: (d) => hasId(asNode(d.node, "Group")?.insights, ids.peerInsight),
        connection: (d) => asNode(d.node, "Group")?.insights,
      }),
    ],
  },
  {
    resource: "assessment rows",
    scope: "ASSESSMENTS_READ",
    tokenOwner: "plcMember",
    expected: { ...hiddenFromAll, plcFacilitator: "shown", plcMember: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "node(id) of a row",
        query: graphql(`
          query TrustAssessmentResultNode($id: ID!) {
            node(id: $id) {
              ... on AssessmentResult {
                studentRef
                score
                proficiency
                assessment {
                  id
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.resultRow }),
        pick: (d) => asNode(d.node, "AssessmentResult")?.studentRef,
      }),
      readPath({
        name: "the assessment's results connection",
        query: graphql(`
          query TrustAssessmentResultsMeeting($id: ID!) {
            node(id: $id) {
              ... on Assessment {
                results(proficiency: MEETS) {
                  totalCount
                  edges {
                    node {
                      studentRef
                    }
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.bigAssessment }),
        pick: (d) => asNode(d.node, "Assessment")?.results?.edges.length,
      }),
      readPath({
        name: "rows nested under the PLC's assessments",
        query: graphql(`
          query TrustGroupAssessmentResultCounts($id: ID!) {
            node(id: $id) {
              ... on Group {
                assessments {
                  edges {
                    node {
                      results {
                        totalCount
                      }
                    }
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ id: fx.plcGroupGid }),
        pick: (d) => asNode(d.node, "Group")?.assessments.edges[0]?.node.results?.totalCount,
      }),
      readPath({
        name: "the assessment's per-class comparison",
        query: graphql(`
          query TrustAssessmentByClass($id: ID!) {
            node(id: $id) {
              ... on Assessment {
                byClass {
                  classLabel
                  summary {
                    count
                  }
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.bigAssessment }),
        pick: (d) => asNode(d.node, "Assessment")?.byClass?.length,
      }),
      readPath({
        name: "a row's class",
        query: graphql(`
          query TrustAssessmentResultClass($id: ID!) {
            node(id: $id) {
              ... on AssessmentResult {
                classLabel
              }
            }
          }
        `),
        variables: () => ({ id: ids.resultRow }),
        pick: (d) => asNode(d.node, "AssessmentResult") && "classLabel" in asNode(d.node, "AssessmentResult")!,
      }),
      readPath({
        name: "pre vs post: the matched students",
        query: graphql(`
          query TrustPrePostMatched($id: ID!) {
            assessmentPrePost(groupId: $id) {
              standard
              matched {
                count
                levelUp
              }
            }
          }
        `),
        variables: () => ({ id: fx.plcGroupGid }),
        pick: (d) => d.assessmentPrePost.find((c) => c.standard === "4.OA.5")?.matched?.count,
      }),
      readPath({
        name: "studentsBelowProficiency",
        query: graphql(`
          query TrustStudentsBelowProficiency($id: ID!) {
            studentsBelowProficiency(groupId: $id) {
              studentRef
              classLabel
              timesBelow
            }
          }
        `),
        variables: () => ({ id: fx.plcGroupGid }),
        pick: (d) => d.studentsBelowProficiency.length,
      }),
      readPath({
        name: "exact small-cell summary",
        query: graphql(`
          query TrustAssessmentExactSummary($id: ID!) {
            node(id: $id) {
              ... on Assessment {
                summary {
                  count
                  exact
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.smallAssessment }),
        pick: (d) => {
          const node = asNode(d.node, "Assessment");
          return node?.summary.exact && node.summary.count;
        },
      }),
    ],
  },
  {
    resource: "assessment aggregates (10 or more students)",
    scope: "ASSESSMENTS_READ",
    tokenOwner: "coach",
    expected: { ...hiddenFromAll, plcFacilitator: "shown", plcMember: "shown", coach: "shown", admin: "shown", tokenWithScope: "shown" },
    paths: [
      readPath({
        name: "node(id) summary",
        query: graphql(`
          query TrustAssessmentSummary($id: ID!) {
            node(id: $id) {
              ... on Assessment {
                summary {
                  count
                  meanScore
                  minimumCellSize
                }
              }
            }
          }
        `),
        variables: () => ({ id: ids.bigAssessment }),
        pick: (d) => asNode(d.node, "Assessment")?.summary.count,
      }),
      readPath({
        name: "node(id) kind",
        query: graphql(`
          query TrustAssessmentKind($id: ID!) {
            node(id: $id) {
              ... on Assessment {
                kind
              }
            }
          }
        `),
        variables: () => ({ id: ids.bigAssessment }),
        pick: (d) => asNode(d.node, "Assessment")?.kind,
      }),
      readPath({
        name: "the PLC's assessments connection",
        query: graphql(`
          query TrustGroupAssessmentsByStandard($id: ID!) {
            node(id: $id) {
              ... on Group {
                assessments(standard: "4.OA.1") {
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
        variables: () => ({ id: fx.plcGroupGid }),
        pick: (d) => hasId(asNode(d.node, "Group")?.assessments, ids.bigAssessment),
        connection: (d) => asNode(d.node, "Group")?.assessments,
      }),
      readPath({
        name: "assessmentSummaryByStandard",
        query: graphql(`
          query TrustAssessmentSummaryByStandard($id: ID!) {
            assessmentSummaryByStandard(groupId: $id) {
              standard
              summary {
                count
              }
            }
          }
        `),
        variables: () => ({ id: fx.plcGroupGid }),
        pick: (d) => d.assessmentSummaryByStandard.find((s) => s.standard === "4.OA.1")?.summary.count,
      }),
      readPath({
        name: "assessmentSummaryByStandard of one kind",
        query: graphql(`
          query TrustAssessmentSummaryByStandardKind($id: ID!) {
            assessmentSummaryByStandard(groupId: $id) {
              standard
              kind
              summary {
                count
              }
            }
          }
        `),
        variables: () => ({ id: fx.plcGroupGid }),
        pick: (d) => d.assessmentSummaryByStandard.find((s) => s.standard === "4.OA.5" && s.kind === "PRE")?.summary.count,
      }),
      readPath({
        name: "pre vs post: the two pools and the change",
        query: graphql(`
          query TrustPrePostPools($id: ID!) {
            assessmentPrePost(groupId: $id) {
              standard
              pre {
                count
              }
              post {
                count
              }
              meanChange
            }
          }
        `),
        variables: () => ({ id: fx.plcGroupGid }),
        pick: (d) => d.assessmentPrePost.find((c) => c.standard === "4.OA.5")?.post.count,
      }),
    ],
  },
];

function connectionOf(result: GqlResult<unknown>, path: ReadPath) {
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
      graphql(`
        query TrustCoachSmallCellSummary($id: ID!) {
          node(id: $id) {
            ... on Assessment {
              summary {
                count
                meanScore
                suppressed
                byProficiency {
                  count
                }
              }
              results {
                totalCount
              }
            }
          }
        }
      `),
      { id: ids.smallAssessment },
      fx.people.coach.token,
    );
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(res.data?.node).toEqual({
      summary: { count: null, meanScore: null, suppressed: true, byProficiency: Array(4).fill({ count: null }) },
      results: null,
    });
  });

  it("an admin reads an insight with no author and no group, and no error", async () => {
    const res = await app.gql(
      graphql(`
        query TrustAdminReadsInsight($id: ID!) {
          node(id: $id) {
            ... on Insight {
              title
              anonymous
              author {
                id
              }
              group {
                id
              }
            }
          }
        }
      `),
      { id: ids.plcInsight },
      fx.people.admin.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.node).toEqual({ title: "PLC insight", anonymous: true, author: null, group: null });
  });
});

// ───────────── writes ─────────────

type Outcome = "done" | "refused" | "invalid";
type WriteCase<R = unknown, V = unknown> = {
  name: string;
  field: string;
  scope: ApiScope;
  tokenOwner: ActorKey;
  expected: Record<TrustActor, Outcome>;
  query: TypedDocument<R, V>;
  variables: () => NoInfer<V>;
  /** A fingerprint of what the write would change: equal before and after when refused. */
  snapshot: () => Promise<unknown>;
  /** Puts things back after a write that went through, so every actor starts from the same state. */
  undo: () => Promise<void>;
};
/** A write typed by its document, kept in a table of writes whose documents differ. */
const writeCase = <R, V>(write: WriteCase<R, V>) => write as unknown as WriteCase;

const refusedToAll = Object.fromEntries(TRUST_ACTORS.map((a) => [a, "refused"])) as Record<TrustActor, Outcome>;
/** An assessment uploaded by mistake, deleted by whoever may and put back for the next actor. */
const THROWAWAY_ASSESSMENT = "0a0a0a0a-0000-4000-8000-00000000a55e";
const throwawayAssessment = async () =>
  void (await app.make.assessment({
    id: THROWAWAY_ASSESSMENT,
    groupId: fx.plcGroupId,
    title: "Uploaded by mistake",
    standard: "4.OA.9",
    results: { create: [{ studentRef: "W-1", score: 12, proficiency: "BELOW" }] },
  }));
const uuid = (relayId: string) => Buffer.from(relayId, "base64").toString().split(":")[1]!;
/** The trust cycle's last contact as made, put back after a write that is contact. */
let cycleContact: Date;
beforeAll(async () => {
  cycleContact = (await app.db.prisma.coachingCycle.findUniqueOrThrow({ where: { id: uuid(ids.cycle) } })).lastContactAt;
});

/** Without createdAt, so an ended assignment put back counts as the same. */
const assignmentRows = () =>
  app.db.prisma.coachingAssignment.findMany({ select: { id: true, coachId: true, teacherId: true, tier: true, focus: true }, orderBy: { id: "asc" } });

const UpdateCoachingAssignment = graphql(`
  mutation TrustUpdateCoachingAssignment($input: UpdateCoachingAssignmentInput!) {
    updateCoachingAssignment(input: $input) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);

const WRITES: WriteCase[] = [
  writeCase({
    name: "assignCoach",
    field: "assignCoach",
    scope: "COACHING_WRITE",
    tokenOwner: "admin",
    expected: { ...refusedToAll, coach: "done", admin: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustAssignCoach($input: AssignCoachInput!) {
        assignCoach(input: $input) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ input: { schoolId: fx.schoolGid, coachId: fx.people.coach.gid, teacherId: fx.people.otherTeacher.gid, tier: "INTENSIVE" as const } }),
    snapshot: () => assignmentRows(),
    undo: async () => void (await app.db.prisma.coachingAssignment.deleteMany({ where: { teacherId: fx.people.otherTeacher.id } })),
  }),
  writeCase({
    name: "updateCoachingAssignment",
    field: "updateCoachingAssignment",
    scope: "COACHING_WRITE",
    tokenOwner: "admin",
    expected: { ...refusedToAll, coach: "done", admin: "done", tokenWithScope: "done" },
    query: UpdateCoachingAssignment,
    variables: () => ({ input: { assignmentId: ids.assignment, tier: "INTENSIVE" as const, focus: "Changed" } }),
    snapshot: () => assignmentRows(),
    undo: async () =>
      void (await app.db.prisma.coachingAssignment.update({ where: { id: uuid(ids.assignment) }, data: { tier: "TARGETED", focus: "Feedback" } })),
  }),
  writeCase({
    name: "updateCoachingAssignment: a new coach",
    field: "updateCoachingAssignment",
    scope: "COACHING_WRITE",
    tokenOwner: "admin",
    expected: { ...refusedToAll, coach: "done", admin: "done", tokenWithScope: "done" },
    query: UpdateCoachingAssignment,
    variables: () => ({ input: { assignmentId: ids.otherAssignment, coachId: fx.people.admin.gid } }),
    snapshot: async () => [await assignmentRows(), await app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } })],
    undo: async () => void (await app.db.prisma.coachingAssignment.update({ where: { id: uuid(ids.otherAssignment) }, data: { coachId: fx.people.coach.id } })),
  }),
  writeCase({
    name: "endCoachingAssignment",
    field: "endCoachingAssignment",
    scope: "COACHING_WRITE",
    tokenOwner: "admin",
    expected: { ...refusedToAll, coach: "done", admin: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustEndCoachingAssignment($id: ID!) {
        endCoachingAssignment(assignmentId: $id) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ id: ids.otherAssignment }),
    snapshot: () => assignmentRows(),
    undo: async () =>
      void (await app.make.coachingAssignment({
        id: uuid(ids.otherAssignment),
        schoolId: fx.schoolId,
        coachId: fx.people.coach.id,
        teacherId: fx.people.peerMember3.id,
      })),
  }),
  writeCase({
    name: "startCoachingCycle",
    field: "startCoachingCycle",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    // The admin may start cycles, but only with their own coachees: peerMember3 is the coach's.
    expected: { ...refusedToAll, coach: "done", admin: "invalid", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustStartCoachingCycle($input: StartCoachingCycleInput!) {
        startCoachingCycle(input: $input) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ input: { schoolId: fx.schoolGid, teacherId: fx.people.peerMember3.gid, goal: "A new cycle" } }),
    snapshot: () => app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } }),
    undo: async () => void (await app.db.prisma.coachingCycle.deleteMany({ where: { goal: "A new cycle" } })),
  }),
  writeCase({
    name: "updateCoachingCycle",
    field: "updateCoachingCycle",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    expected: { ...refusedToAll, coach: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustUpdateCoachingCycle($input: UpdateCoachingCycleInput!) {
        updateCoachingCycle(input: $input) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ input: { cycleId: ids.cycle, goal: "Rewritten goal", sharedNotes: "Rewritten" } }),
    snapshot: () => app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } }),
    undo: async () => void (await app.db.prisma.coachingCycle.update({ where: { id: uuid(ids.cycle) }, data: { goal: "Trust cycle goal", sharedNotes: "" } })),
  }),
  writeCase({
    name: "advanceCoachingCycle",
    field: "advanceCoachingCycle",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    expected: { ...refusedToAll, coach: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustAdvanceCoachingCycle($id: ID!) {
        advanceCoachingCycle(cycleId: $id) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ id: ids.cycle }),
    snapshot: () => app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } }),
    undo: async () =>
      void (await app.db.prisma.coachingCycle.update({
        where: { id: uuid(ids.cycle) },
        data: { phase: "IDENTIFY", step: "GOAL", completedAt: null, lastContactAt: cycleContact },
      })),
  }),
  writeCase({
    name: "addCoachingNote",
    field: "addCoachingNote",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    expected: { ...refusedToAll, coach: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustAddCoachingNote($input: AddCoachingNoteInput!) {
        addCoachingNote(input: $input) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ input: { cycleId: ids.cycle, body: "Another private note" } }),
    snapshot: () => app.db.prisma.coachingNote.findMany({ orderBy: { id: "asc" } }),
    undo: async () => void (await app.db.prisma.coachingNote.deleteMany({ where: { body: "Another private note" } })),
  }),
  writeCase({
    name: "startCoachingCycle with assign (an unsupported teacher)",
    field: "startCoachingCycle",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    // Leaders pair themselves with the teacher and start; nobody else may.
    expected: { ...refusedToAll, coach: "done", admin: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustStartCoachingCycleAssigning($input: StartCoachingCycleInput!) {
        startCoachingCycle(input: $input) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ input: { schoolId: fx.schoolGid, teacherId: fx.people.otherTeacher.gid, goal: "Assigned and started", assign: true } }),
    snapshot: async () => [await assignmentRows(), await app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } })],
    undo: async () => {
      await app.db.prisma.coachingCycle.deleteMany({ where: { goal: "Assigned and started" } });
      await app.db.prisma.coachingAssignment.deleteMany({ where: { teacherId: fx.people.otherTeacher.id } });
    },
  }),
  writeCase({
    name: "addCoachingObservation",
    field: "addCoachingObservation",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    expected: { ...refusedToAll, coach: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustAddCoachingObservation($input: AddCoachingObservationInput!) {
        addCoachingObservation(input: $input) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ input: { cycleId: ids.cycle, lookFor: "Wait time", body: "Trust observation", forTeacher: true } }),
    snapshot: async () => [
      await app.db.prisma.coachingObservation.findMany({ orderBy: { id: "asc" } }),
      await app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } }),
    ],
    undo: async () => {
      await app.db.prisma.coachingObservation.deleteMany({ where: { body: "Trust observation" } });
      await app.db.prisma.coachingCycle.update({ where: { id: uuid(ids.cycle) }, data: { lastContactAt: cycleContact } });
    },
  }),
  writeCase({
    name: "addCoachingActionStep",
    field: "addCoachingActionStep",
    scope: "COACHING_WRITE",
    tokenOwner: "coach",
    expected: { ...refusedToAll, coach: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustAddCoachingActionStep($input: AddCoachingActionStepInput!) {
        addCoachingActionStep(input: $input) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ input: { cycleId: ids.cycle, text: "Trust new step" } }),
    snapshot: async () => [
      await app.db.prisma.coachingActionStep.findMany({ orderBy: { id: "asc" } }),
      await app.db.prisma.coachingCycle.findMany({ orderBy: { id: "asc" } }),
    ],
    undo: async () => {
      await app.db.prisma.coachingActionStep.deleteMany({ where: { text: "Trust new step" } });
      await app.db.prisma.coachingCycle.update({ where: { id: uuid(ids.cycle) }, data: { lastContactAt: cycleContact } });
    },
  }),
  writeCase({
    name: "setCoachingActionStepDone",
    field: "setCoachingActionStepDone",
    scope: "COACHING_WRITE",
    tokenOwner: "plcMember",
    // The teacher ticks their own steps, and so does their coach.
    expected: { ...refusedToAll, plcMember: "done", coach: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustSetCoachingActionStepDone($id: ID!) {
        setCoachingActionStepDone(coachingActionStepId: $id, done: true) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ id: ids.actionStep }),
    snapshot: () => app.db.prisma.coachingActionStep.findMany({ orderBy: { id: "asc" } }),
    undo: async () => void (await app.db.prisma.coachingActionStep.update({ where: { id: uuid(ids.actionStep) }, data: { doneAt: null } })),
  }),
  writeCase({
    name: "shareInsight",
    field: "shareInsight",
    scope: "INSIGHTS_WRITE",
    tokenOwner: "peerMember",
    expected: { ...refusedToAll, peerMember: "done", peerMember2: "done", peerMember3: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustShareInsight($input: ShareInsightInput!) {
        shareInsight(input: $input) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ input: { groupId: fx.peerGroupGid, title: "Shared in trust test", body: "Body", themes: ["trust"] } }),
    snapshot: async () => [await app.db.prisma.insight.findMany({ orderBy: { id: "asc" } }), await app.db.prisma.activityEvent.count()],
    undo: async () => {
      await app.db.prisma.insight.deleteMany({ where: { title: "Shared in trust test" } });
      await app.db.prisma.activityEvent.deleteMany({ where: { type: "INSIGHT_SHARED" } });
    },
  }),
  writeCase({
    name: "recordAssessment",
    field: "recordAssessment",
    scope: "ASSESSMENTS_WRITE",
    tokenOwner: "plcMember",
    expected: { ...refusedToAll, plcFacilitator: "done", plcMember: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustRecordAssessment($input: RecordAssessmentInput!) {
        recordAssessment(input: $input) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({
      input: {
        groupId: fx.plcGroupGid,
        title: "Recorded in trust test",
        standard: "4.OA.3",
        kind: "PRE" as const,
        classLabel: "Room 9",
        administeredOn: "2025-10-01",
        results: [{ studentRef: "Z-1", score: 50, proficiency: "APPROACHING" as const, classLabel: "Room 8" }],
      },
    }),
    snapshot: async () => [await app.db.prisma.assessment.findMany({ orderBy: { id: "asc" } }), await app.db.prisma.assessmentResult.count()],
    undo: async () => void (await app.db.prisma.assessment.deleteMany({ where: { title: "Recorded in trust test" } })),
  }),
  writeCase({
    name: "deleteAssessment",
    field: "deleteAssessment",
    scope: "ASSESSMENTS_WRITE",
    tokenOwner: "plcFacilitator",
    // The PLC's facilitators only: members record data, leaders see summaries, neither deletes.
    expected: { ...refusedToAll, plcFacilitator: "done", tokenWithScope: "done" },
    query: graphql(`
      mutation TrustDeleteAssessment($id: ID!) {
        deleteAssessment(assessmentId: $id) {
          __typename
          ... on BaseError {
            code
          }
        }
      }
    `),
    variables: () => ({ id: gid("Assessment", THROWAWAY_ASSESSMENT) }),
    snapshot: () =>
      app.db.prisma.assessment.findMany({
        where: { groupId: fx.plcGroupId },
        orderBy: { id: "asc" },
        select: { id: true, title: true, _count: { select: { results: true } } },
      }),
    undo: () => throwawayAssessment(),
  }),
];

function outcomeOf(result: GqlResult<unknown>, field: string): Outcome {
  const payload = (result.data as Record<string, { __typename?: string } | null> | undefined)?.[field];
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

const ASSESSMENT_CAN_DELETE = graphql(`
  query TrustAssessmentCanDelete($id: ID!) {
    node(id: $id) {
      ... on Assessment {
        id
        viewerCanDelete
      }
    }
  }
`);

describe("Assessment.viewerCanDelete", () => {
  // Whoever sees the assessment learns only whether they themselves may delete it: the PLC's
  // facilitator (and their token with ASSESSMENTS_WRITE); everyone else who sees it reads false.
  const expected: Partial<Record<TrustActor, boolean>> = { plcFacilitator: true, tokenWithScope: true, plcMember: false, coach: false, admin: false };
  it.each(TRUST_ACTORS)("%s", async (actor) => {
    const gql = await asActor(app, fx, actor, "plcFacilitator", "ASSESSMENTS_WRITE");
    const node = asNode((await gql(ASSESSMENT_CAN_DELETE, { id: ids.bigAssessment })).data?.node, "Assessment");
    // tokenWithoutScope holds ASSESSMENTS_READ: it sees the assessment, and may not delete it.
    const want = actor === "tokenWithoutScope" ? false : expected[actor];
    expect(node?.viewerCanDelete ?? "hidden").toBe(want ?? "hidden");
  });
});
