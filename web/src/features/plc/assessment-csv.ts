// Reading a PLC's assessment results from CSV (a file or text pasted from a spreadsheet) and
// checking every row before anything is sent. The api's recordAssessment is all-or-nothing too;
// checking here first means a teacher sees every problem at once, by spreadsheet row and column,
// and the rules below mirror the api's (api/src/schema/assessments.ts) so the two agree.
import Papa from "papaparse";

export type Proficiency = "BELOW" | "APPROACHING" | "MEETS" | "EXCEEDS";
export const PROFICIENCY_LEVELS: readonly Proficiency[] = ["BELOW", "APPROACHING", "MEETS", "EXCEEDS"];

export type CsvColumn = "student" | "score" | "proficiency";
export const CSV_COLUMNS: readonly CsvColumn[] = ["student", "score", "proficiency"];

/** The api takes 1–500 rows per assessment. */
export const MAX_ROWS = 500;
const MAX_STUDENT_REF = 40;
/** Same pattern as the api: a code like "4A-01", never a name (no spaces) or an email (no "@"). */
const STUDENT_REF = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const EXAMPLE_CSV = ["student,score,proficiency", "4A-01,95,EXCEEDS", "4A-02,78,MEETS", "4B-09,61,APPROACHING", "4B-10,42,BELOW", ""].join("\n");

// Header names people actually use in gradebook exports, compared without case, spaces or punctuation.
const HEADER_ALIASES: Record<string, CsvColumn> = {
  student: "student",
  studentref: "student",
  studentid: "student",
  studentcode: "student",
  studentnumber: "student",
  score: "score",
  percent: "score",
  percentage: "score",
  proficiency: "proficiency",
  proficiencylevel: "proficiency",
  level: "proficiency",
};

export type ResultRow = {
  /** The row number a spreadsheet shows for this line (the header is row 1). */
  row: number;
  student: string;
  score: number | null;
  proficiency: Proficiency | null;
  /** The cells as written, for the preview. */
  cells: Record<CsvColumn, string>;
  valid: boolean;
};

export type CsvProblem = {
  /** Spreadsheet row number; null for a problem with the whole file. */
  row: number | null;
  column: CsvColumn | null;
  message: string;
};

export type CsvCheck = {
  rows: ResultRow[];
  problems: CsvProblem[];
  /** Columns present in the file that are not recorded (e.g. a name column): never sent. */
  ignoredColumns: string[];
};

export type AssessmentResultDraft = { studentRef: string; score: number; proficiency: Proficiency };

const normaliseHeader = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Reads and checks CSV text; `rows` holds every data row, valid or not, in file order. */
export function checkAssessmentCsv(text: string): CsvCheck {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: false });
  const problems: CsvProblem[] = [];
  for (const error of parsed.errors) {
    // A one-column file has no delimiter to detect; Papa falls back to a comma, which is right.
    if (error.code === "UndetectableDelimiter") continue;
    problems.push({ row: error.row === undefined ? null : error.row + 1, column: null, message: error.message });
  }

  const lines = parsed.data;
  // Spreadsheets set to a decimal comma export ";"-separated files with scores like "72,5".
  const decimalComma = parsed.meta.delimiter !== ",";
  const headerIndex = lines.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) return { rows: [], problems: [{ row: null, column: null, message: "The CSV is empty." }], ignoredColumns: [] };

  const header = lines[headerIndex] ?? [];
  const columnAt = new Map<CsvColumn, number>();
  const ignoredColumns: string[] = [];
  header.forEach((name, index) => {
    const column = HEADER_ALIASES[normaliseHeader(name)];
    if (!column) {
      if (name.trim()) ignoredColumns.push(name.trim());
      return;
    }
    if (columnAt.has(column)) {
      problems.push({ row: headerIndex + 1, column, message: `The header names the ${column} column twice.` });
      return;
    }
    columnAt.set(column, index);
  });
  const missing = CSV_COLUMNS.filter((c) => !columnAt.has(c));
  if (missing.length) {
    problems.push({
      row: headerIndex + 1,
      column: null,
      message: `The first row must name the columns student, score and proficiency; ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing.`,
    });
    return { rows: [], problems, ignoredColumns };
  }

  const rows: ResultRow[] = [];
  const firstRowOfStudent = new Map<string, number>();
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const cells = lines[index] ?? [];
    if (isBlank(cells)) continue;
    const row = index + 1;
    const cell = (column: CsvColumn) => (cells[columnAt.get(column) ?? -1] ?? "").trim();
    const rowProblems: CsvProblem[] = [];
    const problem = (column: CsvColumn | null, message: string) => rowProblems.push({ row, column, message });

    if (cells.length > header.length) {
      problem(null, `Has ${cells.length} values but the header names ${header.length} columns (is there an unquoted comma, e.g. "85,5"?).`);
    }

    const student = cell("student");
    if (!student) problem("student", "Student is missing.");
    else if (student.length > MAX_STUDENT_REF) problem("student", `Student code is longer than ${MAX_STUDENT_REF} characters.`);
    else if (!STUDENT_REF.test(student)) {
      problem("student", `"${student}" is not a student code: use a pseudonymous code (letters, digits, . _ -), never a name or email.`);
    } else {
      const first = firstRowOfStudent.get(student);
      if (first !== undefined) problem("student", `Student ${student} already appears in row ${first}.`);
      else firstRowOfStudent.set(student, row);
    }

    const scoreText = cell("score");
    const score = parseScore(scoreText, decimalComma);
    if (!scoreText) problem("score", "Score is missing.");
    else if (score === null) {
      problem(
        "score",
        /^\d+,\d+$/.test(scoreText)
          ? `"${scoreText}" is not a number: write decimals with a dot (${scoreText.replace(",", ".")}).`
          : `"${scoreText}" is not a number.`,
      );
    } else if (score < 0 || score > 100) problem("score", `${scoreText} is out of range: scores are 0–100.`);

    const proficiencyText = cell("proficiency");
    const proficiency = parseProficiency(proficiencyText);
    if (!proficiencyText) problem("proficiency", "Proficiency is missing.");
    else if (!proficiency) problem("proficiency", `"${proficiencyText}" is not a level: use BELOW, APPROACHING, MEETS or EXCEEDS.`);

    problems.push(...rowProblems);
    rows.push({
      row,
      student,
      score,
      proficiency,
      cells: { student, score: scoreText, proficiency: proficiencyText },
      valid: rowProblems.length === 0,
    });
  }

  if (rows.length === 0) problems.push({ row: null, column: null, message: "The CSV has a header row but no students." });
  if (rows.length > MAX_ROWS) {
    problems.push({ row: null, column: null, message: `The CSV has ${rows.length} students; record at most ${MAX_ROWS} at a time (split the file).` });
  }
  return { rows, problems: sortProblems(problems), ignoredColumns };
}

/** The rows to send, or null while any problem remains: nothing is half-imported. */
export function resultsToRecord(check: CsvCheck): AssessmentResultDraft[] | null {
  if (check.problems.length > 0 || check.rows.length === 0) return null;
  const results: AssessmentResultDraft[] = [];
  for (const row of check.rows) {
    if (!row.valid || row.score === null || !row.proficiency) return null;
    results.push({ studentRef: row.student, score: row.score, proficiency: row.proficiency });
  }
  return results;
}

const RESULT_FIELD_COLUMN: Record<string, CsvColumn> = { studentRef: "student", score: "score", proficiency: "proficiency" };

export type ServerIssueMapping = {
  rowProblems: CsvProblem[];
  /** Issues about the assessment's own fields (title, standard, administeredOn), by field name. */
  fieldProblems: Record<string, string>;
  /** Anything else, e.g. "results: takes at most 500 results". */
  otherProblems: string[];
};

/**
 * Maps a ValidationError's issues (paths like "input.results.3.score") back to the CSV rows that
 * were sent (the api counts results from 0, in the order they were sent: `sentRows`).
 */
export function mapServerIssues(issues: readonly { path: string; message: string }[], sentRows: readonly ResultRow[]): ServerIssueMapping {
  const mapping: ServerIssueMapping = { rowProblems: [], fieldProblems: {}, otherProblems: [] };
  for (const issue of issues) {
    const parts = issue.path.split(".");
    if (parts[0] === "input") parts.shift();
    const [field, indexText, resultField] = parts;
    if (field === "results" && indexText !== undefined && /^\d+$/.test(indexText)) {
      const sent = sentRows[Number(indexText)];
      const message = issue.message.replace(/repeats the student of row (\d+)/, (_m, n: string) => {
        const first = sentRows[Number(n)];
        return first ? `repeats the student of row ${first.row}` : "repeats a student";
      });
      mapping.rowProblems.push({
        row: sent?.row ?? null,
        column: resultField ? (RESULT_FIELD_COLUMN[resultField] ?? null) : null,
        message: capitalise(message),
      });
    } else if (field && parts.length === 1 && field !== "results") {
      mapping.fieldProblems[field] = capitalise(issue.message);
    } else {
      mapping.otherProblems.push(capitalise(field === "results" ? `Results: ${issue.message}` : issue.message));
    }
  }
  mapping.rowProblems = sortProblems(mapping.rowProblems);
  return mapping;
}

function parseScore(text: string, decimalComma: boolean): number | null {
  // "85%" is how many gradebooks export a percentage; the unit is the same 0–100.
  let plain = text.endsWith("%") ? text.slice(0, -1).trim() : text;
  if (decimalComma) plain = plain.replace(/^([+-]?\d+),(\d+)$/, "$1.$2");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return null;
  const value = Number(plain);
  return Number.isFinite(value) ? value : null;
}

function parseProficiency(text: string): Proficiency | null {
  const upper = text.trim().toUpperCase();
  return (PROFICIENCY_LEVELS as readonly string[]).includes(upper) ? (upper as Proficiency) : null;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === "");
}

function sortProblems(problems: CsvProblem[]): CsvProblem[] {
  const columnOrder = (c: CsvColumn | null) => (c === null ? -1 : CSV_COLUMNS.indexOf(c));
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || columnOrder(a.column) - columnOrder(b.column));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
