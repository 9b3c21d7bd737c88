// PLC data that answers the PLC questions: an assessment's kind keeps a pre-assessment apart from
// the post-assessment of the same standard (pooled per kind, never averaged together); a
// standard's pre and post side by side with the matched students; the results class by class
// (the recording member's class by default, or the class each row names); and the students below
// the proficiency line on their latest result of a standard, for intervention groups.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { asNode, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
let groupId: string;
let groupGid: string;

const RECORD = graphql(`
  mutation PlcQuestionsRecord($input: RecordAssessmentInput!) {
    recordAssessment(input: $input) {
      __typename
      ... on MutationRecordAssessmentSuccess {
        data {
          id
          kind
        }
      }
      ... on BaseError {
        code
        message
      }
    }
  }
`);

type Input = VariablesOf<typeof RECORD>["input"];
type Row = Input["results"][number];
const row = (studentRef: string, score: number, proficiency: Row["proficiency"], classLabel?: string): Row => ({
  studentRef,
  score,
  proficiency,
  ...(classLabel ? { classLabel } : {}),
});

async function record(input: Omit<Input, "groupId">, token = fx.people.plcMember.token) {
  const res = await app.gql(RECORD, { input: { groupId: groupGid, ...input } }, token);
  return succeeded(res.data?.recordAssessment).data;
}

const ids = {} as Record<"pre" | "post" | "common" | "unit2", string>;

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "plcquestions");
  // A PLC of its own, so nothing else is pooled with these results.
  const group = await app.make.group({
    schoolId: fx.schoolId,
    kind: "PLC",
    name: "Questions PLC",
    members: { create: [{ userId: fx.people.plcMember.id }, { userId: fx.people.plcFacilitator.id, role: "FACILITATOR" }] },
  });
  groupId = group.id;
  groupGid = gid("Group", group.id);
  ids.pre = (
    await record({
      title: "Fractions pre",
      standard: "4.NF.1",
      kind: "PRE",
      administeredOn: "2026-01-10",
      results: [row("A-1", 30, "BELOW"), row("A-2", 50, "APPROACHING"), row("A-3", 80, "MEETS"), row("A-4", 40, "BELOW")],
    })
  ).id;
  ids.post = (
    await record(
      {
        title: "Fractions post",
        standard: "4.NF.1",
        kind: "POST",
        administeredOn: "2026-02-10",
        classLabel: "Room 12",
        // A-4 missed the post-assessment; B-9 joined late and only sat the post.
        results: [row("A-1", 70, "MEETS"), row("A-2", 60, "APPROACHING"), row("A-3", 75, "MEETS"), row("B-9", 20, "BELOW", "Room 14")],
      },
      fx.people.plcFacilitator.token,
    )
  ).id;
  ids.common = (
    await record({
      title: "Fractions common",
      standard: "4.NF.1",
      administeredOn: "2026-02-12",
      results: [row("A-1", 90, "EXCEEDS"), row("A-2", 90, "EXCEEDS")],
    })
  ).id;
  ids.unit2 = (
    await record({
      title: "Decimals check",
      standard: "4.NF.6",
      kind: "FORMATIVE",
      administeredOn: "2026-02-01",
      results: [row("A-1", 45, "APPROACHING"), row("A-3", 85, "MEETS")],
    })
  ).id;
});
afterAll(() => app?.close());

const BY_STANDARD = graphql(`
  query PlcQuestionsByStandard($id: ID!) {
    assessmentSummaryByStandard(groupId: $id) {
      standard
      kind
      assessmentCount
      summary {
        count
        meanScore
      }
    }
  }
`);

describe("an assessment's kind", () => {
  it("defaults to COMMON, and results are pooled per standard and kind, never across kinds", async () => {
    const res = await app.gql(BY_STANDARD, { id: groupGid }, fx.people.plcMember.token);
    expect(res.errors).toBeUndefined();
    expect(res.data?.assessmentSummaryByStandard).toEqual([
      { standard: "4.NF.1", kind: "PRE", assessmentCount: 1, summary: { count: 4, meanScore: 50 } },
      { standard: "4.NF.1", kind: "POST", assessmentCount: 1, summary: { count: 4, meanScore: 56.25 } },
      { standard: "4.NF.1", kind: "COMMON", assessmentCount: 1, summary: { count: 2, meanScore: 90 } },
      { standard: "4.NF.6", kind: "FORMATIVE", assessmentCount: 1, summary: { count: 2, meanScore: 65 } },
    ]);
  });
});

const PRE_POST = graphql(`
  query PlcQuestionsPrePost($id: ID!) {
    assessmentPrePost(groupId: $id) {
      standard
      preAssessmentCount
      postAssessmentCount
      pre {
        count
        meanScore
      }
      post {
        count
        meanScore
      }
      meanChange
      matched {
        count
        preMean
        postMean
        meanChange
        levelUp
        levelSame
        levelDown
      }
    }
  }
`);

describe("pre vs post", () => {
  it("sets a standard's pre pool beside its post pool, with the matched students only counted where both exist", async () => {
    const res = await app.gql(PRE_POST, { id: groupGid }, fx.people.plcFacilitator.token);
    expect(res.errors).toBeUndefined();
    expect(res.data?.assessmentPrePost).toEqual([
      {
        standard: "4.NF.1",
        preAssessmentCount: 1,
        postAssessmentCount: 1,
        pre: { count: 4, meanScore: 50 },
        post: { count: 4, meanScore: 56.25 },
        meanChange: 6.25,
        // A-1 30→70 (up), A-2 50→60 (same level), A-3 80→75 (same level); A-4 and B-9 unmatched.
        matched: { count: 3, preMean: 53.33, postMean: 68.33, meanChange: 15, levelUp: 1, levelSame: 2, levelDown: 0 },
      },
    ]);
  });

  it("matches each student's latest pre with their latest post when a standard has several", async () => {
    await record({
      title: "Fractions post, retake",
      standard: "4.NF.1",
      kind: "POST",
      administeredOn: "2026-02-20",
      results: [row("A-3", 55, "APPROACHING")],
    });
    const res = await app.gql(PRE_POST, { id: groupGid }, fx.people.plcMember.token);
    const comparison = res.data?.assessmentPrePost[0];
    expect(comparison?.postAssessmentCount).toBe(2);
    // The post pool has all five post results; A-3 is matched on the retake (80→55, down a level).
    expect(comparison?.post).toEqual({ count: 5, meanScore: 56 });
    expect(comparison?.matched).toEqual({ count: 3, preMean: 53.33, postMean: 61.67, meanChange: 8.33, levelUp: 1, levelSame: 1, levelDown: 1 });
    await app.db.prisma.assessment.deleteMany({ where: { title: "Fractions post, retake" } });
  });
});

const BY_CLASS = graphql(`
  query PlcQuestionsByClass($id: ID!) {
    node(id: $id) {
      ... on Assessment {
        byClass {
          classLabel
          summary {
            count
            meanScore
            exact
          }
        }
        results {
          edges {
            node {
              studentRef
              classLabel
            }
          }
        }
      }
    }
  }
`);

describe("per-class comparison", () => {
  it("puts results in the recording member's class by default", async () => {
    const res = await app.gql(BY_CLASS, { id: ids.pre }, fx.people.plcFacilitator.token);
    const node = asNode(res.data?.node, "Assessment");
    expect(node?.byClass).toEqual([{ classLabel: fx.people.plcMember.name, summary: { count: 4, meanScore: 50, exact: true } }]);
  });

  it("uses the class a row names, then the assessment's class, and compares the classes", async () => {
    const res = await app.gql(BY_CLASS, { id: ids.post }, fx.people.plcMember.token);
    const node = asNode(res.data?.node, "Assessment");
    expect(node?.byClass).toEqual([
      { classLabel: "Room 12", summary: { count: 3, meanScore: 68.33, exact: true } },
      { classLabel: "Room 14", summary: { count: 1, meanScore: 20, exact: true } },
    ]);
    expect(node?.results?.edges.map((e) => e.node)).toEqual([
      { studentRef: "A-1", classLabel: "Room 12" },
      { studentRef: "A-2", classLabel: "Room 12" },
      { studentRef: "A-3", classLabel: "Room 12" },
      { studentRef: "B-9", classLabel: "Room 14" },
    ]);
  });

  it("keeps results recorded before classes were kept, under no class, last", async () => {
    const old = await app.make.assessment({ groupId, title: "Before classes", standard: "4.NF.9" });
    await app.make.assessmentResult({ assessmentId: old.id, studentRef: "Z-1", score: 40, classLabel: null });
    await app.make.assessmentResult({ assessmentId: old.id, studentRef: "Z-2", score: 60, classLabel: "Room 12" });
    const res = await app.gql(BY_CLASS, { id: gid("Assessment", old.id) }, fx.people.plcMember.token);
    expect(asNode(res.data?.node, "Assessment")?.byClass?.map((c) => c.classLabel)).toEqual(["Room 12", null]);
    await app.db.prisma.assessment.delete({ where: { id: old.id } });
  });

  it("refuses a class label that is empty or too long, recording nothing", async () => {
    const before = await app.db.prisma.assessment.count();
    const res = await app.gql(
      RECORD,
      {
        input: {
          groupId: groupGid,
          title: "Bad class",
          standard: "4.NF.1",
          administeredOn: "2026-02-01",
          classLabel: "x".repeat(81),
          results: [row("A-1", 10, "BELOW", " ")],
        },
      },
      fx.people.plcMember.token,
    );
    expect(res.data?.recordAssessment?.__typename).toBe("ValidationError");
    expect(await app.db.prisma.assessment.count()).toBe(before);
  });
});

const BELOW = graphql(`
  query PlcQuestionsBelow($id: ID!) {
    studentsBelowProficiency(groupId: $id) {
      studentRef
      classLabel
      timesBelow
      resultCount
      standards {
        standard
        proficiency
        score
        assessmentTitle
        assessmentKind
        administeredOn
      }
    }
  }
`);

describe("students below the proficiency line", () => {
  it("lists each student whose latest result on a standard is below or approaching, most standards first", async () => {
    const res = await app.gql(BELOW, { id: groupGid }, fx.people.plcMember.token);
    expect(res.errors).toBeUndefined();
    expect(res.data?.studentsBelowProficiency).toEqual([
      // met 4.NF.1 in the end (latest: the common assessment), but approaches 4.NF.6.
      {
        studentRef: "A-1",
        classLabel: fx.people.plcMember.name,
        timesBelow: 2,
        resultCount: 4,
        standards: [
          {
            standard: "4.NF.6",
            proficiency: "APPROACHING",
            score: 45,
            assessmentTitle: "Decimals check",
            assessmentKind: "FORMATIVE",
            administeredOn: "2026-02-01",
          },
        ],
      },
      // A-4 sat only the pre-assessment: their latest result on 4.NF.1 is still below.
      {
        studentRef: "A-4",
        classLabel: fx.people.plcMember.name,
        timesBelow: 1,
        resultCount: 1,
        standards: [
          { standard: "4.NF.1", proficiency: "BELOW", score: 40, assessmentTitle: "Fractions pre", assessmentKind: "PRE", administeredOn: "2026-01-10" },
        ],
      },
      {
        studentRef: "B-9",
        classLabel: "Room 14",
        timesBelow: 1,
        resultCount: 1,
        standards: [
          { standard: "4.NF.1", proficiency: "BELOW", score: 20, assessmentTitle: "Fractions post", assessmentKind: "POST", administeredOn: "2026-02-10" },
        ],
      },
    ]);
    // A-2 approached twice, then exceeded on the latest (common) assessment: not listed. A-3 met every time.
  });

  it("is for the PLC's members: a coach and an admin are refused, as is a group that does not exist", async () => {
    for (const token of [fx.people.coach.token, fx.people.admin.token, fx.people.otherTeacher.token]) {
      const res = await app.gql(BELOW, { id: groupGid }, token);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      expect(res.data).toBeNull();
    }
    const missing = await app.gql(BELOW, { id: gid("Group", "00000000-0000-4000-8000-000000000000") }, fx.people.plcMember.token);
    expect(missing.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });
});
