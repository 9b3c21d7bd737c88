// What leadership can infer of the PLC's per-student and per-class detail. Pre vs post, the
// per-class comparison and the students below the line are the PLC's members' questions; coaches
// and admins keep the aggregates. The test builds two PLCs whose assessments have the same
// aggregates (every count, score and level per assessment) but differ in everything else: which
// students are matched from pre to post (so the matched growth), which class each result is from,
// and which students stay below the line. Everything a coach or an admin can observe (the pools
// per standard and kind, pre vs post, each assessment's summary and metadata, the refusals) must
// be the same for both, while the members see the difference.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
const worlds = {} as Record<"a" | "b", string>;

type Level = "BELOW" | "APPROACHING" | "MEETS" | "EXCEEDS";
const levelOf = (score: number): Level => (score < 40 ? "BELOW" : score < 60 ? "APPROACHING" : score < 80 ? "MEETS" : "EXCEEDS");
const PRE_SCORES = [20, 25, 30, 35, 45, 50, 55, 65, 70, 75, 85, 90];
const POST_SCORES = [30, 45, 50, 55, 62, 66, 70, 74, 81, 86, 88, 95];

/** A PLC with a pre- and a post-assessment of 12 students; `shuffle` decides who got which post score and class. */
async function world(name: string, shuffle: boolean) {
  const group = await app.make.group({ schoolId: fx.schoolId, kind: "PLC", name, members: { create: [{ userId: fx.people.plcMember.id }] } });
  const students = PRE_SCORES.map((_, i) => `S-${i + 1}`);
  const postOrder = shuffle ? [...students].reverse() : students;
  const rows = (scores: number[], order: string[], classOf: (i: number) => string) =>
    scores.map((score, i) => ({ studentRef: order[i]!, score, proficiency: levelOf(score), classLabel: classOf(i) }));
  await app.make.assessment({
    groupId: group.id,
    title: "Pre",
    standard: "5.NBT.1",
    kind: "PRE",
    administeredOn: new Date("2026-01-05"),
    results: { create: rows(PRE_SCORES, students, (i) => (shuffle ? (i < 6 ? "Room 1" : "Room 2") : i % 2 ? "Room 1" : "Room 2")) },
  });
  await app.make.assessment({
    groupId: group.id,
    title: "Post",
    standard: "5.NBT.1",
    kind: "POST",
    administeredOn: new Date("2026-02-05"),
    results: { create: rows(POST_SCORES, postOrder, (i) => (shuffle ? "Room 3" : i % 3 ? "Room 1" : "Room 2")) },
  });
  return gid("Group", group.id);
}

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "plcinference");
  worlds.a = await world("World A", false);
  worlds.b = await world("World B", true);
});
afterAll(() => app?.close());

const SUMMARY = graphql(`
  fragment InferenceSummary on AssessmentSummary {
    count
    meanScore
    suppressed
    byProficiency {
      proficiency
      count
      suppressed
    }
  }
`);

const LEADER_VIEW = graphql(
  `
    query PlcInferenceLeaderView($id: ID!) {
      assessmentSummaryByStandard(groupId: $id) {
        standard
        kind
        assessmentCount
        latestAdministeredOn
        summary {
          ...InferenceSummary
        }
      }
      assessmentPrePost(groupId: $id) {
        standard
        preAssessmentCount
        postAssessmentCount
        meanChange
        pre {
          ...InferenceSummary
        }
        post {
          ...InferenceSummary
        }
      }
      node(id: $id) {
        ... on Group {
          assessments(first: 10) {
            totalCount
            edges {
              node {
                title
                standard
                kind
                administeredOn
                summary {
                  ...InferenceSummary
                }
              }
            }
          }
        }
      }
    }
  `,
  [SUMMARY],
);

const MEMBER_DETAIL = graphql(`
  query PlcInferenceMemberDetail($id: ID!) {
    assessmentPrePost(groupId: $id) {
      matched {
        count
        meanChange
        levelUp
        levelSame
        levelDown
      }
    }
    studentsBelowProficiency(groupId: $id) {
      studentRef
    }
    node(id: $id) {
      ... on Group {
        assessments(first: 10) {
          edges {
            node {
              byClass {
                classLabel
                summary {
                  count
                  meanScore
                }
              }
            }
          }
        }
      }
    }
  }
`);

describe("the per-student and per-class detail, from a leader's seat", () => {
  it.each(["coach", "admin"] as const)("as %s: the same observations in two PLCs that differ only in that detail", async (actor) => {
    const token = fx.people[actor].token;
    const [a, b] = await Promise.all([app.gql(LEADER_VIEW, { id: worlds.a }, token), app.gql(LEADER_VIEW, { id: worlds.b }, token)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    // Something is there to see: both pools of 12, side by side.
    expect(a.data?.assessmentPrePost[0]?.pre.count).toBe(12);
    expect(a.data?.assessmentPrePost[0]?.post.count).toBe(12);
    expect(a.data).toEqual(b.data);
  });

  it.each(["coach", "admin"] as const)("as %s: asking for the detail is refused the same way in both", async (actor) => {
    const token = fx.people[actor].token;
    const [a, b] = await Promise.all([app.gql(MEMBER_DETAIL, { id: worlds.a }, token), app.gql(MEMBER_DETAIL, { id: worlds.b }, token)]);
    expect(a.data).toBeNull();
    expect(a.errors?.map((e) => e.extensions?.code).every((code) => code === "FORBIDDEN")).toBe(true);
    expect({ data: b.data, errors: b.errors?.map((e) => [e.extensions?.code, e.path]) }).toEqual({
      data: a.data,
      errors: a.errors?.map((e) => [e.extensions?.code, e.path]),
    });
  });

  it("the members see how the two PLCs differ", async () => {
    const token = fx.people.plcMember.token;
    const [a, b] = await Promise.all([app.gql(MEMBER_DETAIL, { id: worlds.a }, token), app.gql(MEMBER_DETAIL, { id: worlds.b }, token)]);
    expect(a.errors).toBeUndefined();
    expect(a.data?.assessmentPrePost[0]?.matched).toEqual({ count: 12, meanChange: 13.08, levelUp: 8, levelSame: 4, levelDown: 0 });
    expect(b.data?.assessmentPrePost[0]?.matched?.levelDown).toBeGreaterThan(0);
    expect(a.data?.studentsBelowProficiency.map((s) => s.studentRef)).not.toEqual(b.data?.studentsBelowProficiency.map((s) => s.studentRef));
    expect(a.data).not.toEqual(b.data);
  });
});
