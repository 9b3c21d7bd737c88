// Reading a PLC's assessment results from CSV (a file or text pasted from a spreadsheet) and
// checking every row before anything is sent. The api's recordAssessment is all-or-nothing too;
// checking here first means a teacher sees every problem at once, by spreadsheet row and column,
// and the rules below mirror the api's (api/src/schema/assessments.ts) so the two agree.
import Papa from "papaparse";

export type Proficiency = "BELOW" | "APPROACHING" | "MEETS" | "EXCEEDS";
export const PROFICIENCY_LEVELS: readonly Proficiency[] = ["BELOW", "APPROACHING", "MEETS", "EXCEEDS"];

export type CsvColumn = "student" | "score" | "proficiency" | "class";
/** The columns every file needs; a class column is optional. */
export const CSV_COLUMNS: readonly CsvColumn[] = ["student", "score", "proficiency"];
const ALL_COLUMNS: readonly CsvColumn[] = [...CSV_COLUMNS, "class"];

/** The api takes 1–500 rows per assessment. */
export const MAX_ROWS = 500;
const MAX_STUDENT_REF = 40;
const MAX_CLASS_LABEL = 80;
/** Same pattern as the api: a code like "4A-01", never a name (no spaces) or an email (no "@"). */
const STUDENT_REF = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const EXAMPLE_CSV = ["student,score,proficiency", "4A-01,95,EXCEEDS", "4A-02,78,MEETS", "4B-09,61,APPROACHING", "4B-10,42,BELOW", ""].join("\n");

// Header names people actually use in gradebook exports, compared without case, spaces or
// punctuation ("Score %" reads as "score", "Student ID" as "studentid").
const HEADER_ALIASES: Record<string, CsvColumn> = {
  student: "student",
  studentref: "student",
  studentid: "student",
  studentcode: "student",
  studentnumber: "student",
  studentno: "student",
  id: "student",
  sisid: "student",
  localid: "student",
  pupilid: "student",
  score: "score",
  scorepercent: "score",
  scorepct: "score",
  percent: "score",
  percentage: "score",
  percentscore: "score",
  pct: "score",
  proficiency: "proficiency",
  proficiencylevel: "proficiency",
  level: "proficiency",
  performancelevel: "proficiency",
  teacher: "class",
  teachername: "class",
  class: "class",
  classname: "class",
  section: "class",
  period: "class",
  homeroom: "class",
};

// Columns of students' names. Staffroom never stores a name, so such a column is never sent; a
// code made from a name (even scrambled) could be traced back to the student, so a file whose only
// student column holds names is refused with what to use instead.
const NAME_HEADERS = new Set([
  "name",
  "studentname",
  "fullname",
  "studentfullname",
  "firstname",
  "lastname",
  "surname",
  "givenname",
  "pupilname",
  "learner",
  "learnername",
]);

/** How each column may be headed, for the messages. */
export const HEADER_EXAMPLES: Record<CsvColumn, string> = {
  student: '"Student ID", "Student" or "Student code"',
  score: '"Score", "Score %", "Percent" or "Percentage"',
  proficiency: '"Proficiency" or "Level"',
  class: '"Teacher", "Class", "Section" or "Period"',
};

export type ResultRow = {
  /** The row number a spreadsheet shows for this line (the header is row 1). */
  row: number;
  student: string;
  score: number | null;
  proficiency: Proficiency | null;
  /** From the file's Teacher or Class column; null when it has none (the form's class applies). */
  classLabel: string | null;
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
  /** Columns of students' names in the file: never sent. */
  nameColumns: string[];
  /** Whether the file names each row's class (a Teacher or Class column). */
  hasClass: boolean;
};

export type AssessmentResultDraft = { studentRef: string; score: number; proficiency: Proficiency; classLabel?: string };

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
  if (headerIndex < 0) {
    return { rows: [], problems: [{ row: null, column: null, message: "The CSV is empty." }], ignoredColumns: [], nameColumns: [], hasClass: false };
  }

  const header = lines[headerIndex] ?? [];
  const columnAt = new Map<CsvColumn, number>();
  const ignoredColumns: string[] = [];
  const nameColumns: string[] = [];
  header.forEach((name, index) => {
    const normalised = normaliseHeader(name);
    if (NAME_HEADERS.has(normalised)) {
      nameColumns.push(name.trim());
      return;
    }
    const column = HEADER_ALIASES[normalised];
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
  const hasClass = columnAt.has("class");
  const missing = CSV_COLUMNS.filter((c) => !columnAt.has(c));
  if (missing.length) {
    const unplaced = ignoredColumns.length ? ` Columns not recognised: ${ignoredColumns.map((c) => `"${c}"`).join(", ")}.` : "";
    for (const column of missing) {
      const message =
        column === "student" && nameColumns.length
          ? `The column ${nameColumns.map((c) => `"${c}"`).join(" and ")} holds students' names, and Staffroom never stores names. Add a column of student codes headed ${HEADER_EXAMPLES.student} (your school's student ID, or a code such as 4A-01); the names can stay in the file, they are not sent.`
          : `No ${column} column: the first row needs one headed ${HEADER_EXAMPLES[column]}.${unplaced}`;
      problems.push({ row: headerIndex + 1, column: null, message });
    }
    return { rows: [], problems, ignoredColumns, nameColumns, hasClass };
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

    const classText = hasClass ? cell("class") : "";
    if (classText.length > MAX_CLASS_LABEL) problem("class", `Class is longer than ${MAX_CLASS_LABEL} characters.`);

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
      classLabel: classText || null,
      cells: { student, score: scoreText, proficiency: proficiencyText, class: classText },
      valid: rowProblems.length === 0,
    });
  }

  // A "Student" column of names: one sentence about the column rather than one per row.
  const studentCells = rows.map((r) => r.student).filter(Boolean);
  if (studentCells.length > 0 && studentCells.filter((v) => /\s/.test(v)).length * 2 >= studentCells.length) {
    const headed = header[columnAt.get("student") ?? 0]?.trim() ?? "student";
    problems.push({
      row: headerIndex + 1,
      column: "student",
      message: `The "${headed}" column looks like students' names, and Staffroom never stores names. Use a column of student codes instead (your school's student ID, or a code such as 4A-01).`,
    });
  }
  if (rows.length === 0) problems.push({ row: null, column: null, message: "The CSV has a header row but no students." });
  if (rows.length > MAX_ROWS) {
    problems.push({ row: null, column: null, message: `The CSV has ${rows.length} students; record at most ${MAX_ROWS} at a time (split the file).` });
  }
  return { rows, problems: sortProblems(problems), ignoredColumns, nameColumns, hasClass };
}

/** The rows to send, or null while any problem remains: nothing is half-imported. */
export function resultsToRecord(check: CsvCheck): AssessmentResultDraft[] | null {
  if (check.problems.length > 0 || check.rows.length === 0) return null;
  const results: AssessmentResultDraft[] = [];
  for (const row of check.rows) {
    if (!row.valid || row.score === null || !row.proficiency) return null;
    results.push({ studentRef: row.student, score: row.score, proficiency: row.proficiency, ...(row.classLabel ? { classLabel: row.classLabel } : {}) });
  }
  return results;
}

const RESULT_FIELD_COLUMN: Record<string, CsvColumn> = { studentRef: "student", score: "score", proficiency: "proficiency", classLabel: "class" };

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
  const columnOrder = (c: CsvColumn | null) => (c === null ? -1 : ALL_COLUMNS.indexOf(c));
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || columnOrder(a.column) - columnOrder(b.column));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
