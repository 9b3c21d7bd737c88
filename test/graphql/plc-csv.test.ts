// The PLC data page's CSV import (web/src/features/plc/assessment-csv.ts) against the real api:
// bad rows are reported by spreadsheet row and column and nothing is sent while any is bad; the
// page's checks agree with recordAssessment's (the same rows refused, for the same columns); a
// refusal by the api maps back to the CSV's row numbers; a clean CSV is recorded whole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAssessmentCsv, EXAMPLE_CSV, mapServerIssues, resultsToRecord, type CsvProblem } from "../../web/src/features/plc/assessment-csv.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { succeeded } from "../support/operations.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "plccsv");
});
afterAll(() => app?.close());

const RECORD = graphql(`
  mutation RecordAssessment($input: RecordAssessmentInput!) {
    recordAssessment(input: $input) {
      __typename
      ... on MutationRecordAssessmentSuccess {
        data {
          id
          summary {
            count
            exact
            byProficiency {
              proficiency
              count
            }
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

function record(results: VariablesOf<typeof RECORD>["input"]["results"], title = "CSV import") {
  return app.gql(RECORD, { input: { groupId: fx.plcGroupGid, title, standard: "4.NF.A.1", administeredOn: "2025-10-14", results } }, fx.people.plcMember.token);
}

const counts = async () => [await app.db.prisma.assessment.count(), await app.db.prisma.assessmentResult.count()];
const cellsOf = (problems: readonly CsvProblem[]) => problems.map((p) => `${p.row}:${p.column}`).sort();

describe("checking a CSV before anything is sent", () => {
  it("names every bad row by spreadsheet row and column, ignores other columns, and has nothing to send", () => {
    const check = checkAssessmentCsv(
      ["Student ID,Name,Score,Level", "4A-01,Ann,95,exceeds", "", "4A-01,Bo,abc,MEETS", "Jane Doe,,101,Good", ",x,,", "4A-03,Cy,85%,meets"].join("\n"),
    );
    expect(check.ignoredColumns).toEqual([]);
    expect(check.nameColumns).toEqual(["Name"]);
    expect(check.rows.map((r) => [r.row, r.valid])).toEqual([
      [2, true],
      [4, false],
      [5, false],
      [6, false],
      [7, true],
    ]);
    expect(check.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [4, "student", "Student 4A-01 already appears in row 2."],
      [4, "score", '"abc" is not a number.'],
      [5, "student", '"Jane Doe" is not a student code: use a pseudonymous code (letters, digits, . _ -), never a name or email.'],
      [5, "score", "101 is out of range: scores are 0–100."],
      [5, "proficiency", '"Good" is not a level: use BELOW, APPROACHING, MEETS or EXCEEDS.'],
      [6, "student", "Student is missing."],
      [6, "score", "Score is missing."],
      [6, "proficiency", "Proficiency is missing."],
    ]);
    expect(resultsToRecord(check)).toBeNull();
  });

  it("refuses a file without the three columns, an empty file and more than 500 students", () => {
    expect(checkAssessmentCsv("student,grade\nS-1,4").problems).toEqual([
      {
        row: 1,
        column: null,
        message: 'No score column: the first row needs one headed "Score", "Score %", "Percent" or "Percentage". Columns not recognised: "grade".',
      },
      { row: 1, column: null, message: 'No proficiency column: the first row needs one headed "Proficiency" or "Level". Columns not recognised: "grade".' },
    ]);
    expect(resultsToRecord(checkAssessmentCsv(" \n\n"))).toBeNull();
    const big = checkAssessmentCsv(["student,score,proficiency", ...Array.from({ length: 501 }, (_, i) => `S-${i},50,BELOW`)].join("\n"));
    expect(big.problems.map((p) => p.message)).toEqual(["The CSV has 501 students; record at most 500 at a time (split the file)."]);
    expect(resultsToRecord(big)).toBeNull();
  });

  it("reads semicolon-separated exports with decimal commas, and tab-separated pasted cells", () => {
    const semicolons = checkAssessmentCsv("student;score;proficiency\r\nM-01;72,5;meets\r\n");
    expect(resultsToRecord(semicolons)).toEqual([{ studentRef: "M-01", score: 72.5, proficiency: "MEETS" }]);
    const tabs = checkAssessmentCsv("student\tscore\tproficiency\nT-1\t40\tBelow\n");
    expect(resultsToRecord(tabs)).toEqual([{ studentRef: "T-1", score: 40, proficiency: "BELOW" }]);
  });
});

describe("the page's checks and recordAssessment", () => {
  it("refuse the same rows for the same columns, and the api's refusal maps back to the CSV's rows", async () => {
    // Rows the page refuses that can still be sent as GraphQL input (numbers, strings), so the
    // api can be asked directly, as if the page's check had been skipped.
    const csv = [
      "student,score,proficiency",
      "S-01,101,MEETS",
      "",
      "Jane Doe,80,MEETS",
      `${"x".repeat(41)},70,MEETS`,
      "S-02,-1,BELOW",
      "S-01,50,APPROACHING",
      "S-03,90,EXCEEDS",
    ].join("\n");
    const check = checkAssessmentCsv(csv);
    expect(resultsToRecord(check)).toBeNull();

    const before = await counts();
    const sent = check.rows.map((r) => ({ studentRef: r.student, score: r.score!, proficiency: r.proficiency! }));
    const res = await record(sent);
    const payload = res.data?.recordAssessment;
    expect(payload?.__typename).toBe("ValidationError");
    const mapped = mapServerIssues(payload?.__typename === "ValidationError" ? payload.issues : [], check.rows);
    expect(mapped.otherProblems).toEqual([]);
    expect(mapped.fieldProblems).toEqual({});
    expect(cellsOf(mapped.rowProblems)).toEqual(cellsOf(check.problems));
    expect(cellsOf(mapped.rowProblems)).toEqual(["2:score", "4:student", "5:student", "6:score", "7:student"].sort());
    // The api counts rows from 0; the page speaks of the spreadsheet's rows.
    expect(mapped.rowProblems.find((p) => p.row === 7)?.message).toBe("Repeats the student of row 2");
    expect(await counts()).toEqual(before);
  });

  it("records a clean CSV whole: every row, the exact summary", async () => {
    const check = checkAssessmentCsv(EXAMPLE_CSV);
    const results = resultsToRecord(check);
    expect(results).toHaveLength(4);
    const before = await counts();
    const res = await record(results ?? []);
    expect(res.data?.recordAssessment.__typename).toBe("MutationRecordAssessmentSuccess");
    expect(succeeded(res.data?.recordAssessment).data.summary).toMatchObject({ count: 4, exact: true });
    const [assessments, rows] = await counts();
    expect([assessments, rows]).toEqual([before[0]! + 1, before[1]! + 4]);
  });
});
