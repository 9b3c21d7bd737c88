// PLC assessment data: an assessment (standard, date) and its results per pseudonymous student.
// The PLC's members see the rows and exact numbers; the school's coaches and admins see
// aggregates only, with every cell of fewer than ten students withheld.
import { z } from "zod";
import { deleteAssessment } from "../commands/deleteAssessment.ts";
import { recordAssessment } from "../commands/recordAssessment.ts";
import type { Context } from "../context.ts";
import type { Proficiency } from "../generated/prisma/enums.ts";
import {
  assessmentAccess,
  exactSummary,
  leaderSummaries,
  readableAssessmentsWhere,
  readableResultsWhere,
  SMALL_CELL,
  type LeaderSummaries,
  type ProficiencyCell,
  type ResultFacts,
  type ResultSummary,
} from "../policies/assessments.ts";
import { builder } from "./builder.ts";
import { ProficiencyEnum } from "./enums.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { forbidden, NotFoundError } from "../domain/errors.ts";
import { GroupRef } from "./groups.ts";

const MAX_RESULTS = 500;

const ProficiencyCountRef = builder.objectRef<ProficiencyCell>("ProficiencyCount").implement({
  fields: (t) => ({
    proficiency: t.expose("proficiency", { type: ProficiencyEnum }),
    count: t.exposeInt("count", { nullable: true, description: "Null when suppressed." }),
    suppressed: t.exposeBoolean("suppressed"),
  }),
});

const AssessmentSummaryRef = builder.objectRef<ResultSummary>("AssessmentSummary").implement({
  description: `Aggregates of results. PLC members get exact numbers. Coaches and admins get cells under ${SMALL_CELL} students withheld (null, suppressed: true), and as many more as it takes (the smallest first) that no withheld number can be worked out from the shown ones, across every assessment and standard summary of the PLC.`,
  fields: (t) => ({
    count: t.exposeInt("count", { nullable: true, description: "Number of results; null when suppressed." }),
    meanScore: t.exposeFloat("meanScore", { nullable: true, description: "Null when there are no results or the count is suppressed." }),
    suppressed: t.exposeBoolean("suppressed", { description: "True when the count, the mean and every level are withheld." }),
    exact: t.exposeBoolean("exact", { description: "True for the PLC's members: nothing is withheld." }),
    byProficiency: t.field({ type: [ProficiencyCountRef], resolve: (s) => s.byProficiency }),
    // The rule itself is public: a page can say "fewer than 10 students" without copying the number.
    minimumCellSize: t.int({
      description: "The fewest students a number shown to coaches and admins may describe; smaller cells are withheld.",
      resolve: () => SMALL_CELL,
    }),
  }),
});

type GroupResults = {
  assessments: { id: string; standard: string; administeredOn: Date; results: ResultFacts[] }[];
  /** Worked out on first use. */
  leaders: () => LeaderSummaries;
};

// Leaders' summaries are suppressed across the whole PLC at once, so each request reads a
// group's results once (one statement) however many assessments and standards it shows, and
// every summary of one response comes from the same reading.
const groupResultsByRequest = new WeakMap<Context, Map<string, Promise<GroupResults>>>();

function groupResults(ctx: Context, groupId: string): Promise<GroupResults> {
  let byGroup = groupResultsByRequest.get(ctx);
  if (!byGroup) {
    byGroup = new Map();
    groupResultsByRequest.set(ctx, byGroup);
  }
  let pending = byGroup.get(groupId);
  if (!pending) {
    pending = ctx.prisma.assessment
      .findMany({
        where: { groupId },
        select: { id: true, standard: true, administeredOn: true, results: { select: { score: true, proficiency: true } } },
      })
      .then((assessments) => {
        let leaders: LeaderSummaries | null = null;
        return { assessments, leaders: () => (leaders ??= leaderSummaries(assessments)) };
      });
    byGroup.set(groupId, pending);
  }
  return pending;
}

async function summaryFor(ctx: Context, assessment: { id: string; groupId: string; results: readonly ResultFacts[] }): Promise<ResultSummary> {
  const aggregates = assessmentAccess(ctx.actor, assessment.groupId).aggregates;
  if (aggregates === "none") throw forbidden();
  if (aggregates === "full") return exactSummary(assessment.results);
  const summary = (await groupResults(ctx, assessment.groupId)).leaders().byAssessment.get(assessment.id);
  if (!summary) throw new NotFoundError("That assessment");
  return summary;
}

export const AssessmentRef = builder.prismaNode("Assessment", {
  id: { field: "id" },
  nullable: true,
  description: "A PLC's common assessment. Its rows are for the PLC's members; leaders see the summary.",
  authScopes: (assessment, ctx) => assessmentAccess(ctx.actor, assessment.groupId).metadata,
  fields: (t) => ({
    title: t.exposeString("title"),
    standard: t.exposeString("standard"),
    administeredOn: t.expose("administeredOn", { type: "Date" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    viewerCanDelete: t.boolean({
      description: "May the viewer delete this assessment (deleteAssessment): the PLC's facilitators.",
      resolve: (assessment, _args, ctx) => assessmentAccess(ctx.actor, assessment.groupId).manage,
    }),
    group: t.relation("group"),
    results: t.relatedConnection("results", {
      cursor: "id",
      totalCount: true,
      nullable: true,
      description: "Per-student rows: the PLC's members only. Anyone else gets FORBIDDEN here.",
      authScopes: (assessment, _args, ctx) => assessmentAccess(ctx.actor, assessment.groupId).rows,
      args: { proficiency: t.arg({ type: ProficiencyEnum, required: false }) },
      query: (args, ctx) => ({
        where: { AND: [readableResultsWhere(ctx.actor)], ...(args.proficiency ? { proficiency: args.proficiency } : {}) },
        orderBy: [{ studentRef: "asc" }, { id: "asc" }],
      }),
    }),
    summary: t.field({
      type: AssessmentSummaryRef,
      select: { id: true, groupId: true, results: { select: { score: true, proficiency: true } } },
      resolve: (assessment, _a, ctx) => summaryFor(ctx, assessment),
    }),
  }),
});

export const AssessmentResultRef = builder.prismaNode("AssessmentResult", {
  id: { field: "id" },
  nullable: true,
  include: { assessment: { select: { groupId: true } } },
  authScopes: (result, ctx) => assessmentAccess(ctx.actor, result.assessment.groupId).rows,
  fields: (t) => ({
    studentRef: t.exposeString("studentRef", { description: "A pseudonymous student code, never a name." }),
    score: t.exposeFloat("score"),
    proficiency: t.expose("proficiency", { type: ProficiencyEnum }),
    assessment: t.relation("assessment"),
  }),
});

builder.prismaObjectFields("Group", (t) => ({
  assessments: t.relatedConnection("assessments", {
    cursor: "id",
    totalCount: true,
    description: "The PLC's assessments, latest first. Empty for peer groups.",
    args: { standard: t.arg.string({ required: false }) },
    query: (args, ctx) => ({
      where: { AND: [readableAssessmentsWhere(ctx.actor)], ...(args.standard ? { standard: args.standard.trim() } : {}) },
      orderBy: [{ administeredOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    }),
  }),
}));

type StandardSummary = { standard: string; assessmentCount: number; latestAdministeredOn: Date; summary: ResultSummary };

const StandardSummaryRef = builder.objectRef<StandardSummary>("StandardSummary").implement({
  description: "All results recorded against one standard, pooled across the PLC's assessments of it.",
  fields: (t) => ({
    standard: t.exposeString("standard"),
    assessmentCount: t.exposeInt("assessmentCount"),
    latestAdministeredOn: t.expose("latestAdministeredOn", { type: "Date" }),
    summary: t.field({ type: AssessmentSummaryRef, resolve: (s) => s.summary }),
  }),
});

builder.queryFields((t) => ({
  assessmentSummaryByStandard: t.field({
    type: [StandardSummaryRef],
    description:
      "Per-standard aggregates of a PLC's results, by standard. Leaders get small cells suppressed, together with the assessment summaries: no withheld number follows from the shown ones.",
    authScopes: { signedIn: true },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }) },
    resolve: async (_root, { groupId }, ctx) => {
      const access = assessmentAccess(ctx.actor, groupId.id);
      if (access.aggregates === "none") throw forbidden();
      const loaded = await groupResults(ctx, groupId.id);
      const assessments = loaded.assessments;
      const forLeaders = access.aggregates === "suppressed" ? loaded.leaders() : null;
      const byStandard = new Map<string, { assessmentCount: number; latestAdministeredOn: Date; rows: ResultFacts[] }>();
      for (const a of assessments) {
        const entry = byStandard.get(a.standard) ?? { assessmentCount: 0, latestAdministeredOn: a.administeredOn, rows: [] };
        entry.assessmentCount += 1;
        if (a.administeredOn > entry.latestAdministeredOn) entry.latestAdministeredOn = a.administeredOn;
        entry.rows.push(...a.results);
        byStandard.set(a.standard, entry);
      }
      return [...byStandard]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([standard, e]) => ({
          standard,
          assessmentCount: e.assessmentCount,
          latestAdministeredOn: e.latestAdministeredOn,
          summary: forLeaders ? forLeaders.byStandard.get(standard)! : exactSummary(e.rows),
        }));
    },
  }),
}));

// A code like "S-0417" or "4B.12": letters, digits, dot, dash, underscore. No spaces or "@", so
// a name or an email address is refused rather than stored.
const STUDENT_REF = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const A_DAY_MS = 24 * 60 * 60 * 1000;

const ResultInput = builder.inputType("AssessmentResultInput", {
  fields: (f) => ({
    studentRef: f.string({ required: true, description: "A pseudonymous student code (1–40 characters), never a name." }),
    score: f.float({ required: true, description: "0–100." }),
    proficiency: f.field({ type: ProficiencyEnum, required: true }),
  }),
});

const resultRow = z.object({
  studentRef: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(40, "must be at most 40 characters")
    .regex(STUDENT_REF, "must be a pseudonymous code (letters, digits, . _ -), not a name or email"),
  score: z.number().finite().min(0, "must be between 0 and 100").max(100, "must be between 0 and 100"),
  proficiency: z.string(),
});

const RecordAssessmentInput = builder.inputType("RecordAssessmentInput", {
  fields: (f) => ({
    groupId: f.globalID({ required: true, for: GroupRef }),
    title: f.string({ required: true }),
    standard: f.string({ required: true, description: 'The standard assessed, e.g. "4.NF.A.1".' }),
    administeredOn: f.field({ type: "Date", required: true }),
    results: f.field({ type: [ResultInput], required: true, description: `1–${MAX_RESULTS} rows, one per student.` }),
  }),
  validate: z.object({
    groupId: z.unknown(),
    title: z.string().trim().min(2, "must be at least 2 characters").max(160, "must be at most 160 characters"),
    standard: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
    administeredOn: z.date().refine((d) => d.getTime() <= Date.now() + A_DAY_MS, "cannot be in the future"),
    results: z
      .array(resultRow)
      .min(1, "needs at least one result")
      .max(MAX_RESULTS, `takes at most ${MAX_RESULTS} results; record larger sets in parts`)
      .superRefine((rows, issue) => {
        const firstRow = new Map<string, number>();
        rows.forEach((row, index) => {
          const ref = row.studentRef.trim();
          const first = firstRow.get(ref);
          if (first === undefined) firstRow.set(ref, index);
          else issue.addIssue({ code: "custom", path: [index, "studentRef"], message: `repeats the student of row ${first}` });
        });
      }),
  }),
});

// ───────────── mutations: parse → command → payload ─────────────

builder.mutationFields((t) => ({
  recordAssessment: t.prismaField({
    type: AssessmentRef,
    description: "Record a PLC assessment and all its results at once. Members of the PLC only; any bad row records nothing.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: RecordAssessmentInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      recordAssessment(
        ctx,
        { ...input, groupId: input.groupId.id, results: input.results.map((r) => ({ ...r, proficiency: r.proficiency as Proficiency })) },
        query,
      ),
  }),
  deleteAssessment: t.field({
    type: "Boolean",
    description: "Delete an assessment with all its results (a wrong upload). The PLC's facilitators only.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { assessmentId: t.arg.globalID({ required: true, for: AssessmentRef }) },
    resolve: async (_root, args, ctx) => {
      await deleteAssessment(ctx, args.assessmentId.id);
      return true;
    },
  }),
}));
