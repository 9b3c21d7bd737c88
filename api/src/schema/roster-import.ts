// Importing a staff roster from CSV (commands/importRoster.ts): the file's text goes to the
// server, which parses and checks every row, so a browser, a script or an integrator get the same
// checks and the same answer; `dryRun` is the preview.
import { importRoster, type PlannedRosterRow, type RosterImportResult } from "../commands/importRoster.ts";
import { RosterImportError } from "../domain/errors.ts";
import type { RosterProblem } from "../domain/roster-csv.ts";
import { builder } from "./builder.ts";
import { BaseErrorInterface, COMMON_ERRORS } from "./error-types.ts";
import { SchoolRoleEnum } from "./enums.ts";
import { SchoolRef } from "./schools.ts";

const RosterFormatEnum = builder.enumType("RosterFormat", {
  values: {
    STAFFROOM: { description: "Staffroom's template: email, first name, last name, role, grades, subjects." },
    ONEROSTER: { description: "A OneRoster users.csv (a header with sourcedId)." },
  },
});

const RosterOutcomeEnum = builder.enumType("RosterOutcome", {
  values: {
    NEW: { description: "Not in the school yet: gets an invitation." },
    UPDATED: { description: "A member or an open invitation whose name, role, grades or subjects change." },
    UNCHANGED: { description: "Already there exactly as in the file." },
  },
});

const RosterProblemRef = builder.objectRef<RosterProblem>("RosterProblem").implement({
  fields: (t) => ({
    row: t.exposeInt("row", { nullable: true, description: "The row as a spreadsheet numbers it (the header is row 1); null for the whole file." }),
    column: t.exposeString("column", { nullable: true, description: "The column as the file's header names it; null for the whole row or file." }),
    message: t.exposeString("message"),
  }),
});

builder.objectType(RosterImportError, {
  name: "RosterImportError",
  interfaces: [BaseErrorInterface],
  description: "The file has problems: every one of them, by row and column. Nothing was imported.",
  fields: (t) => ({ problems: t.field({ type: [RosterProblemRef], resolve: (error) => error.problems }) }),
});

const RosterImportRowRef = builder.objectRef<PlannedRosterRow>("RosterImportRow").implement({
  fields: (t) => ({
    row: t.exposeInt("row", { description: "The row as a spreadsheet numbers it (the header is row 1)." }),
    email: t.exposeString("email"),
    name: t.exposeString("name"),
    role: t.expose("role", { type: SchoolRoleEnum }),
    grades: t.exposeStringList("grades"),
    subjects: t.exposeStringList("subjects"),
    outcome: t.expose("outcome", { type: RosterOutcomeEnum }),
    changes: t.exposeStringList("changes", { description: "What an UPDATED row changes: name, role, grades, subjects." }),
    isMember: t.exposeBoolean("isMember", { description: "Already a member of the school (otherwise invited, or to be)." }),
  }),
});

const count = (result: RosterImportResult, outcome: PlannedRosterRow["outcome"]) => result.rows.filter((row) => row.outcome === outcome).length;

const RosterImportRef = builder.objectRef<RosterImportResult>("RosterImport").implement({
  fields: (t) => ({
    format: t.expose("format", { type: RosterFormatEnum }),
    dryRun: t.exposeBoolean("dryRun", { description: "True for a preview: nothing was written." }),
    created: t.int({ description: "People invited (NEW rows).", resolve: (result) => count(result, "NEW") }),
    updated: t.int({ resolve: (result) => count(result, "UPDATED") }),
    unchanged: t.int({ resolve: (result) => count(result, "UNCHANGED") }),
    skipped: t.exposeInt("skipped", { description: "Rows left out on purpose: students, parents, accounts switched off (OneRoster)." }),
    summary: t.string({
      description: 'One sentence, e.g. "2 new, 1 updated, 5 unchanged."',
      resolve: (result) =>
        `${count(result, "NEW")} new, ${count(result, "UPDATED")} updated, ${count(result, "UNCHANGED")} unchanged` +
        (result.skipped > 0 ? `, ${result.skipped} skipped (not staff, or switched off).` : "."),
    }),
    rows: t.field({ type: [RosterImportRowRef], resolve: (result) => result.rows }),
  }),
});

builder.mutationFields((t) => ({
  importRoster: t.field({
    type: RosterImportRef,
    description:
      "Import staff from a CSV file's text (Staffroom's template or a OneRoster users.csv; at most 200,000 characters and 2,000 rows). Admins only. " +
      "Every row is checked first; any problem refuses the whole file (RosterImportError, by row and column). People are matched by email: " +
      "members' names and roles follow the file, and everyone else is invited. With `dryRun: true` nothing is written: the preview.",
    errors: { types: [RosterImportError, ...COMMON_ERRORS] },
    args: {
      input: t.arg({
        required: true,
        type: builder.inputType("ImportRosterInput", {
          fields: (f) => ({
            schoolId: f.globalID({ required: true, for: SchoolRef }),
            csv: f.string({ required: true, description: "The file's text, as read (UTF-8)." }),
            dryRun: f.boolean({ required: false, defaultValue: false }),
          }),
        }),
      }),
    },
    resolve: (_root, { input }, ctx) => importRoster(ctx, { schoolId: input.schoolId.id, csv: input.csv, dryRun: input.dryRun ?? false }),
  }),
}));

builder.prismaObjectFields("SchoolMember", (t) => ({
  grades: t.exposeStringList("grades", { description: "Grade levels, as the roster wrote them (empty until a roster says)." }),
  subjects: t.exposeStringList("subjects", { description: "Subjects, as the roster wrote them (empty until a roster says)." }),
}));
