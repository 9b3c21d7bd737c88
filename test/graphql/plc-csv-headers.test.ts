// The headings gradebook exports use are recognised ("Student ID", "Score %", "Percent", "Teacher"…);
// a heading that cannot be placed is named with what was expected; and names are never stored: a
// name column beside a code column is left out of what is sent, and a file whose only student
// column holds names is refused with what to use instead. A Teacher or Class column puts each row
// in its class, which the api keeps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAssessmentCsv, resultsToRecord } from "../../web/src/features/plc/assessment-csv.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { asNode, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "plccsvheaders");
});
afterAll(() => app?.close());

describe("the headings a file may use", () => {
  it.each([
    ["Student ID,Score %,Proficiency Level", "S-1,85%,Meets"],
    ["student_id,Percent,Level", "S-1,85,MEETS"],
    ["Student,Percentage,Proficiency", "S-1,85,meets"],
    ["ID;Score;Level", "S-1;85;meets"],
  ])("reads %s", (header, line) => {
    const check = checkAssessmentCsv(`${header}\n${line}\n`);
    expect(check.problems).toEqual([]);
    expect(resultsToRecord(check)).toEqual([{ studentRef: "S-1", score: 85, proficiency: "MEETS" }]);
  });

  it("names each heading it could not place, and says what it expected", () => {
    const check = checkAssessmentCsv("Student ID,Pts,Lvl\nS-1,85,MEETS\n");
    expect(check.rows).toEqual([]);
    expect(check.problems.map((p) => p.message)).toEqual([
      'No score column: the first row needs one headed "Score", "Score %", "Percent" or "Percentage". Columns not recognised: "Pts", "Lvl".',
      'No proficiency column: the first row needs one headed "Proficiency" or "Level". Columns not recognised: "Pts", "Lvl".',
    ]);
  });
});

describe("students' names", () => {
  it("leaves a name column out of what is sent when a code column is there", () => {
    const check = checkAssessmentCsv("Student Name,Student ID,Score,Proficiency\nAna Diaz,S-1,72,meets\n");
    expect(check.problems).toEqual([]);
    expect(check.nameColumns).toEqual(["Student Name"]);
    expect(JSON.stringify(resultsToRecord(check))).not.toContain("Ana");
  });

  it.each(["Student Name", "Name", "Full name"])("refuses a file whose only student column is %s, saying names are not stored and what to use", (heading) => {
    const check = checkAssessmentCsv(`${heading},Score,Proficiency\nAna Diaz,72,meets\n`);
    expect(resultsToRecord(check)).toBeNull();
    expect(check.problems).toEqual([
      {
        row: 1,
        column: null,
        message: `The column "${heading}" holds students' names, and Staffroom never stores names. Add a column of student codes headed "Student ID", "Student" or "Student code" (your school's student ID, or a code such as 4A-01); the names can stay in the file, they are not sent.`,
      },
    ]);
  });

  it('says once that a "Student" column of names holds names, beside each row it refuses', () => {
    const check = checkAssessmentCsv("Student,Score,Proficiency\nAna Diaz,72,meets\nBo Li,60,approaching\n");
    expect(resultsToRecord(check)).toBeNull();
    expect(check.problems[0]).toEqual({
      row: 1,
      column: "student",
      message:
        "The \"Student\" column looks like students' names, and Staffroom never stores names. Use a column of student codes instead (your school's student ID, or a code such as 4A-01).",
    });
    expect(check.problems.filter((p) => p.row === 2 || p.row === 3).map((p) => p.column)).toEqual(["student", "student"]);
  });
});

const RECORD = graphql(`
  mutation CsvHeadersRecord($input: RecordAssessmentInput!) {
    recordAssessment(input: $input) {
      __typename
      ... on MutationRecordAssessmentSuccess {
        data {
          id
          byClass {
            classLabel
            summary {
              count
            }
          }
        }
      }
      ... on BaseError {
        code
      }
    }
  }
`);

describe("a Teacher or Class column", () => {
  it("puts each row in its class; an empty cell takes the class the form gives", async () => {
    const check = checkAssessmentCsv("Student ID,Teacher,Score,Level\nS-1,Ms Okafor,90,exceeds\nS-2,Mr Lind,55,approaching\nS-3,,70,meets\n");
    expect(check.problems).toEqual([]);
    expect(check.hasClass).toBe(true);
    const results = resultsToRecord(check)!;
    const res = await app.gql(
      RECORD,
      { input: { groupId: fx.plcGroupGid, title: "With classes", standard: "3.OA.1", administeredOn: "2026-01-20", classLabel: "Room 4", results } },
      fx.people.plcMember.token,
    );
    const byClass = asNode({ __typename: "Assessment" as const, ...succeeded(res.data?.recordAssessment).data }, "Assessment")?.byClass;
    expect(byClass).toEqual([
      { classLabel: "Mr Lind", summary: { count: 1 } },
      { classLabel: "Ms Okafor", summary: { count: 1 } },
      { classLabel: "Room 4", summary: { count: 1 } },
    ]);
  });

  it("refuses a class longer than 80 characters at that row", () => {
    const check = checkAssessmentCsv(`Student,Class,Score,Level\nS-1,${"x".repeat(81)},90,exceeds\n`);
    expect(check.problems.map((p) => [p.row, p.column])).toEqual([[2, "class"]]);
  });
});
