// Reading a staff roster from CSV: Staffroom's own template, or a OneRoster users.csv exported by
// a student information system. Every row is checked here, and every problem is reported at once
// by spreadsheet row (the header is row 1) and by the column's name as the file spells it, before
// anything is written (commands/importRoster.ts). Parsing is papaparse's, the library the web
// app uses for assessment CSV.
import Papa from "papaparse";
import type { SchoolRole } from "../generated/prisma/enums.ts";
import { looksLikeEmail } from "./invitations.ts";

/** The most a roster file may hold: well above a school's staff, under the api's request-size limit. */
export const ROSTER_LIMITS = { maxCharacters: 200_000, maxRows: 2_000, maxName: 120, maxListItems: 20, maxListItem: 40 } as const;

export type RosterFormat = "STAFFROOM" | "ONEROSTER";

/** The template offered for download: one person per row. */
export const ROSTER_TEMPLATE_HEADER = ["email", "first name", "last name", "role", "grades", "subjects"] as const;

export type RosterRow = {
  /** The row number a spreadsheet shows (the header is row 1). */
  row: number;
  email: string;
  name: string;
  role: SchoolRole;
  grades: string[];
  subjects: string[];
};

export type RosterProblem = {
  /** Spreadsheet row number (the header is row 1); null for the file as a whole. */
  row: number | null;
  /** The column as the file names it; null for the row or the file as a whole. */
  column: string | null;
  message: string;
};

export type ParsedRoster = {
  format: RosterFormat;
  rows: RosterRow[];
  /** Rows that are not staff (students, parents) or are switched off (enabledUser false): left out on purpose. */
  skipped: number;
  problems: RosterProblem[];
  /** The role column's name as the file spells it, for problems found later (the last admin). */
  roleColumn: string;
};

type Column = "email" | "firstName" | "lastName" | "role" | "grades" | "subjects" | "sourcedId" | "enabledUser" | "status" | "preferredFirstName";

// Header names compared without case, spaces or punctuation.
const TEMPLATE_HEADERS: Record<string, Column> = {
  email: "email",
  emailaddress: "email",
  firstname: "firstName",
  givenname: "firstName",
  lastname: "lastName",
  familyname: "lastName",
  surname: "lastName",
  role: "role",
  grades: "grades",
  grade: "grades",
  gradelevels: "grades",
  subjects: "subjects",
  subject: "subjects",
};

const ONEROSTER_HEADERS: Record<string, Column> = {
  sourcedid: "sourcedId",
  status: "status",
  enableduser: "enabledUser",
  givenname: "firstName",
  preferredgivenname: "preferredFirstName",
  familyname: "lastName",
  email: "email",
  role: "role",
  grades: "grades",
};

const TEMPLATE_ROLES: Record<string, SchoolRole> = {
  teacher: "TEACHER",
  coach: "COACH",
  instructionalcoach: "COACH",
  admin: "ADMIN",
  administrator: "ADMIN",
};

/**
 * OneRoster's role vocabulary (1.1's users.csv `role`, 1.2's roles): staff who teach come in as
 * teachers, school and district leaders as admins; learners and families are not staff and are
 * left out. OneRoster has no coach role (coaches are usually "teacher" in a SIS), so "coach" is
 * accepted as well, and a coach imported as a teacher can be made one afterwards.
 */
const ONEROSTER_ROLES: Record<string, SchoolRole | "skip"> = {
  teacher: "TEACHER",
  aide: "TEACHER",
  proctor: "TEACHER",
  counselor: "TEACHER",
  coach: "COACH",
  administrator: "ADMIN",
  principal: "ADMIN",
  siteadministrator: "ADMIN",
  districtadministrator: "ADMIN",
  systemadministrator: "ADMIN",
  student: "skip",
  parent: "skip",
  guardian: "skip",
  relative: "skip",
};

const normalise = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, "");

export function parseRoster(text: string): ParsedRoster {
  const empty = (message: string, format: RosterFormat = "STAFFROOM"): ParsedRoster => ({
    format,
    rows: [],
    skipped: 0,
    problems: [{ row: null, column: null, message }],
    roleColumn: "role",
  });
  if (text.length > ROSTER_LIMITS.maxCharacters) {
    return empty(`The file is too large: at most ${ROSTER_LIMITS.maxCharacters.toLocaleString("en")} characters. Split it into smaller files.`);
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: false });
  const records = parsed.data;
  const headerIndex = records.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) return empty("The file is empty: it needs a header row and one row per person.");
  const dataRows = records.slice(headerIndex + 1).filter((cells) => !isBlank(cells)).length;
  if (dataRows > ROSTER_LIMITS.maxRows) {
    return empty(
      `The file has ${dataRows.toLocaleString("en")} rows; at most ${ROSTER_LIMITS.maxRows.toLocaleString("en")} can be imported at once. Split it into smaller files.`,
    );
  }

  const header = records[headerIndex]!.map((cell) => cell.trim());
  const normalisedHeader = header.map(normalise);
  const format: RosterFormat = normalisedHeader.includes("sourcedid") ? "ONEROSTER" : "STAFFROOM";
  const known = format === "ONEROSTER" ? ONEROSTER_HEADERS : TEMPLATE_HEADERS;
  const columns = new Map<Column, number>();
  normalisedHeader.forEach((name, index) => {
    const column = known[name];
    if (column && !columns.has(column)) columns.set(column, index);
  });

  const problems: RosterProblem[] = [];
  for (const error of parsed.errors) {
    if (error.code === "UndetectableDelimiter") continue; // one column: a comma is right
    problems.push({ row: error.row === undefined ? null : error.row + 1, column: null, message: `The CSV could not be read here: ${error.message}.` });
  }
  const required: Column[] = format === "ONEROSTER" ? ["email", "firstName", "lastName", "role"] : ["email", "firstName", "role"];
  const missing = required.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    const names = missing.map((column) => headerName(format, column));
    const why =
      format === "ONEROSTER" && missing.includes("role")
        ? " OneRoster 1.2 may keep roles in roles.csv: add a role column to users.csv (teacher, administrator, …), or use the Staffroom template."
        : format === "STAFFROOM"
          ? ` The template's columns are: ${ROSTER_TEMPLATE_HEADER.join(", ")}.`
          : "";
    problems.push({
      row: headerIndex + 1,
      column: null,
      message: `The header row has no ${names.join(", ")} column${names.length > 1 ? "s" : ""}.${why}`,
    });
    return { format, rows: [], skipped: 0, problems, roleColumn: "role" };
  }

  const rows: RosterRow[] = [];
  const firstRowOf = new Map<string, number>();
  let skipped = 0;
  records.forEach((cells, index) => {
    if (index <= headerIndex || isBlank(cells)) return;
    const rowNumber = index + 1;
    const cell = (column: Column) => {
      const at = columns.get(column);
      return at === undefined ? "" : (cells[at] ?? "").trim();
    };
    const problem = (column: Column | null, message: string) =>
      problems.push({ row: rowNumber, column: column ? header[columns.get(column)!]! : null, message });

    let role: SchoolRole | null = null;
    const roleText = cell("role");
    if (format === "ONEROSTER") {
      if (cell("enabledUser").toLowerCase() === "false" || normalise(cell("status")) === "tobedeleted") {
        skipped += 1;
        return;
      }
      const mapped = ONEROSTER_ROLES[normalise(roleText)];
      if (mapped === "skip") {
        skipped += 1;
        return;
      }
      if (!cell("sourcedId")) problem("sourcedId", "The sourcedId is empty; OneRoster requires one for every user.");
      if (!mapped)
        problem(
          "role",
          roleText ? `“${roleText}” is not a OneRoster role Staffroom knows (teacher, aide, administrator, principal, …).` : "The role is empty.",
        );
      role = mapped ?? null;
    } else {
      role = TEMPLATE_ROLES[normalise(roleText)] ?? null;
      if (!role) problem("role", roleText ? `“${roleText}” is not a role: use teacher, coach or admin.` : "The role is empty: use teacher, coach or admin.");
    }

    const email = cell("email").toLowerCase();
    if (!email) problem("email", "The email address is empty: Staffroom invites people by email.");
    else if (!looksLikeEmail(email)) problem("email", `“${clip(cell("email"))}” is not an email address.`);
    else if (firstRowOf.has(email)) problem("email", `${email} is also on row ${firstRowOf.get(email)}: each person may appear once.`);
    else firstRowOf.set(email, rowNumber);

    const first = (format === "ONEROSTER" && cell("preferredFirstName")) || cell("firstName");
    const name = [first, cell("lastName")].filter(Boolean).join(" ").replace(/\s+/g, " ");
    if (!first) problem("firstName", "The first name is empty.");
    else if (name.length > ROSTER_LIMITS.maxName) problem("firstName", `The name is longer than ${ROSTER_LIMITS.maxName} characters.`);

    const grades = list(cell("grades"), (message) => problem("grades", message));
    const subjects = list(cell("subjects"), (message) => problem("subjects", message));
    if (role && email && first) rows.push({ row: rowNumber, email, name, role, grades, subjects });
  });

  if (rows.length === 0 && problems.length === 0) {
    problems.push({
      row: null,
      column: null,
      message:
        skipped > 0
          ? "The file has no staff in it: every row is a student, a parent or a switched-off account."
          : "The file has a header row but nobody in it.",
    });
  }
  return { format, rows: problems.length > 0 ? [] : rows, skipped, problems, roleColumn: header[columns.get("role")!]! };
}

/** The column's name as each format's documentation spells it, for "the header has no … column". */
function headerName(format: RosterFormat, column: Column): string {
  const names: Partial<Record<Column, [string, string]>> = {
    email: ["email", "email"],
    firstName: ["first name", "givenName"],
    lastName: ["last name", "familyName"],
    role: ["role", "role"],
  };
  const pair = names[column] ?? [column, column];
  return format === "ONEROSTER" ? pair[1] : pair[0];
}

/** "3;4" or "3, 4" (OneRoster lists grades with commas inside one quoted cell). */
function list(value: string, problem: (message: string) => void): string[] {
  if (!value) return [];
  const items = [
    ...new Set(
      value
        .split(/[;,]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
  if (items.length > ROSTER_LIMITS.maxListItems) problem(`At most ${ROSTER_LIMITS.maxListItems} entries, separated by semicolons.`);
  else if (items.some((item) => item.length > ROSTER_LIMITS.maxListItem)) problem(`Each entry must be at most ${ROSTER_LIMITS.maxListItem} characters.`);
  return items;
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}
