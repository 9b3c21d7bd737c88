// PLC assessment data: an assessment (standard, kind, date) and its results per pseudonymous
// student and class. The PLC's members see the rows, exact numbers, the per-class comparison,
// matched pre/post students and the students below the proficiency line; the school's coaches and
// admins see aggregates only, with every cell of fewer than ten students withheld.
import { z } from "zod";
import { deleteAssessment } from "../commands/deleteAssessment.ts";
import { recordAssessment } from "../commands/recordAssessment.ts";
import type { Context } from "../context.ts";
import type { AssessmentKind, Proficiency } from "../generated/prisma/enums.ts";
import { matchedGrowth, studentsBelowTheLine, type MatchedGrowth, type ResultRowFacts, type StudentBelowTheLine } from "../domain/plc-data.ts";
import {
  assessmentAccess,
  exactSummary,
  leaderSummaries,
  poolKey,
  readableAssessmentsWhere,
  readableResultsWhere,
  SMALL_CELL,
  type LeaderSummaries,
  type ProficiencyCell,
  type ResultFacts,
  type ResultSummary,
} from "../policies/assessments.ts";
import { builder } from "./builder.ts";
import { AssessmentKindEnum, ProficiencyEnum } from "./enums.ts";
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
  assessments: { id: string; standard: string; kind: AssessmentKind; administeredOn: Date; results: ResultFacts[] }[];
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
        select: { id: true, standard: true, kind: true, administeredOn: true, results: { select: { score: true, proficiency: true } } },
      })
      .then((assessments) => {
        let leaders: LeaderSummaries | null = null;
        return { assessments, leaders: () => (leaders ??= leaderSummaries(assessments)) };
      });
    byGroup.set(groupId, pending);
  }
  return pending;
}

// The PLC's rows with their assessments, for the questions only members may ask (matched
// students, the students below the line). Read once per request, and only after the policy said
// the caller may see rows.
const memberRowsByRequest = new WeakMap<Context, Map<string, Promise<ResultRowFacts[]>>>();

function memberRows(ctx: Context, groupId: string): Promise<ResultRowFacts[]> {
  if (!assessmentAccess(ctx.actor, groupId).rows) return Promise.reject(forbidden());
  let byGroup = memberRowsByRequest.get(ctx);
  if (!byGroup) {
    byGroup = new Map();
    memberRowsByRequest.set(ctx, byGroup);
  }
  let pending = byGroup.get(groupId);
  if (!pending) {
    pending = ctx.prisma.assessmentResult.findMany({
      where: { assessment: { groupId } },
      select: {
        studentRef: true,
        score: true,
        proficiency: true,
        classLabel: true,
        assessment: { select: { id: true, title: true, standard: true, kind: true, administeredOn: true, createdAt: true } },
      },
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

const ClassSummaryRef = builder.objectRef<{ classLabel: string | null; summary: ResultSummary }>("ClassSummary").implement({
  description: "One class's results in an assessment, exact: for the PLC's members.",
  fields: (t) => ({
    classLabel: t.exposeString("classLabel", { nullable: true, description: "Null for results recorded without a class." }),
    summary: t.field({ type: AssessmentSummaryRef, resolve: (c) => c.summary }),
  }),
});

const MatchedGrowthRef = builder.objectRef<MatchedGrowth>("MatchedGrowth").implement({
  description: "The students with both a pre- and a post-assessment result on a standard, each one's latest pre against their latest post.",
  fields: (t) => ({
    count: t.exposeInt("count"),
    preMean: t.exposeFloat("preMean", { nullable: true }),
    postMean: t.exposeFloat("postMean", { nullable: true }),
    meanChange: t.exposeFloat("meanChange", { nullable: true }),
    levelUp: t.exposeInt("levelUp", { description: "Matched students whose proficiency level went up." }),
    levelSame: t.exposeInt("levelSame"),
    levelDown: t.exposeInt("levelDown"),
  }),
});

type PrePost = {
  groupId: string;
  standard: string;
  preAssessmentCount: number;
  postAssessmentCount: number;
  pre: ResultSummary;
  post: ResultSummary;
  meanChange: number | null;
};

const PrePostRef = builder.objectRef<PrePost>("PrePostComparison").implement({
  description: "A standard's pre-assessment results beside its post-assessment results.",
  fields: (t) => ({
    standard: t.exposeString("standard"),
    preAssessmentCount: t.exposeInt("preAssessmentCount"),
    postAssessmentCount: t.exposeInt("postAssessmentCount"),
    pre: t.field({ type: AssessmentSummaryRef, resolve: (c) => c.pre }),
    post: t.field({ type: AssessmentSummaryRef, resolve: (c) => c.post }),
    meanChange: t.exposeFloat("meanChange", { nullable: true, description: "Post mean minus pre mean; null when either is withheld." }),
    matched: t.field({
      type: MatchedGrowthRef,
      nullable: true,
      description: "Students matched across the two: the PLC's members only. Anyone else gets FORBIDDEN here.",
      authScopes: (c, _args, ctx) => assessmentAccess(ctx.actor, c.groupId).rows,
      resolve: async (c, _args, ctx) => matchedGrowth((await memberRows(ctx, c.groupId)).filter((r) => r.assessment.standard === c.standard)),
    }),
  }),
});

const StandardStandingRef = builder.objectRef<StudentBelowTheLine["standards"][number]>("StandardStanding").implement({
  description: "A student's latest result on one standard.",
  fields: (t) => ({
    standard: t.exposeString("standard"),
    proficiency: t.expose("proficiency", { type: ProficiencyEnum }),
    score: t.exposeFloat("score"),
    assessmentTitle: t.string({ resolve: (s) => s.assessment.title }),
    assessmentKind: t.field({ type: AssessmentKindEnum, resolve: (s) => s.assessment.kind }),
    administeredOn: t.field({ type: "Date", resolve: (s) => s.assessment.administeredOn }),
  }),
});

const StudentBelowRef = builder.objectRef<StudentBelowTheLine>("StudentBelowProficiency").implement({
  description: "A student (pseudonymous code) below the proficiency line on at least one standard.",
  fields: (t) => ({
    studentRef: t.exposeString("studentRef", { description: "A pseudonymous student code, never a name." }),
    classLabel: t.exposeString("classLabel", { nullable: true, description: "The class of the student's latest result." }),
    standards: t.field({ type: [StandardStandingRef], description: "The standards whose latest result is BELOW or APPROACHING.", resolve: (s) => s.standards }),
    timesBelow: t.exposeInt("timesBelow", { description: "Results below the line across all the PLC's assessments." }),
    resultCount: t.exposeInt("resultCount"),
  }),
});

export const AssessmentRef = builder.prismaNode("Assessment", {
  id: { field: "id" },
  nullable: true,
  description: "A PLC's common assessment. Its rows are for the PLC's members; leaders see the summary.",
  authScopes: (assessment, ctx) => assessmentAccess(ctx.actor, assessment.groupId).metadata,
  fields: (t) => ({
    title: t.exposeString("title"),
    standard: t.exposeString("standard"),
    kind: t.expose("kind", { type: AssessmentKindEnum }),
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
    byClass: t.field({
      type: [ClassSummaryRef],
      nullable: true,
      description:
        "The results class by class (exact numbers), by class label; results recorded without a class come last with a null label. The PLC's members only: anyone else gets FORBIDDEN here.",
      authScopes: (assessment, _args, ctx) => assessmentAccess(ctx.actor, assessment.groupId).rows,
      select: { results: { select: { score: true, proficiency: true, classLabel: true } } },
      resolve: (assessment) => {
        const byLabel = new Map<string | null, ResultFacts[]>();
        for (const r of assessment.results) byLabel.set(r.classLabel, [...(byLabel.get(r.classLabel) ?? []), r]);
        return [...byLabel]
          .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
          .map(([classLabel, rows]) => ({ classLabel, summary: exactSummary(rows) }));
      },
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
    classLabel: t.exposeString("classLabel", { nullable: true, description: "Whose class the student sat it in; null if not recorded." }),
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

type StandardSummary = { standard: string; kind: AssessmentKind; assessmentCount: number; latestAdministeredOn: Date; summary: ResultSummary };

const StandardSummaryRef = builder.objectRef<StandardSummary>("StandardSummary").implement({
  description:
    "All results recorded against one standard in assessments of one kind, pooled across those assessments. Kinds are never pooled together: a pre-assessment is not averaged with the post-assessment.",
  fields: (t) => ({
    standard: t.exposeString("standard"),
    kind: t.expose("kind", { type: AssessmentKindEnum }),
    assessmentCount: t.exposeInt("assessmentCount"),
    latestAdministeredOn: t.expose("latestAdministeredOn", { type: "Date" }),
    summary: t.field({ type: AssessmentSummaryRef, resolve: (s) => s.summary }),
  }),
});

builder.queryFields((t) => ({
  assessmentSummaryByStandard: t.field({
    type: [StandardSummaryRef],
    description:
      "Aggregates of a PLC's results per standard and kind (PRE, POST, COMMON, FORMATIVE), by standard then kind. Leaders get small cells suppressed, together with the assessment summaries: no withheld number follows from the shown ones.",
    authScopes: { signedIn: true },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }) },
    resolve: async (_root, { groupId }, ctx) => {
      const access = assessmentAccess(ctx.actor, groupId.id);
      if (access.aggregates === "none") throw forbidden();
      const loaded = await groupResults(ctx, groupId.id);
      const assessments = loaded.assessments;
      const forLeaders = access.aggregates === "suppressed" ? loaded.leaders() : null;
      return poolsOf(assessments)
        .sort((a, b) => a.standard.localeCompare(b.standard) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
        .map((e) => ({
          standard: e.standard,
          kind: e.kind,
          assessmentCount: e.assessmentCount,
          latestAdministeredOn: e.latestAdministeredOn,
          summary: forLeaders ? forLeaders.byPool.get(poolKey(e.standard, e.kind))! : exactSummary(e.rows),
        }));
    },
  }),
  assessmentPrePost: t.field({
    type: [PrePostRef],
    description:
      "Each standard with both a pre-assessment and a post-assessment: the two pools side by side and the change of mean. Leaders get the same suppressed pools as assessmentSummaryByStandard (the change only when both means are shown); matched students are for the PLC's members.",
    authScopes: { signedIn: true },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }) },
    resolve: async (_root, { groupId }, ctx) => {
      const access = assessmentAccess(ctx.actor, groupId.id);
      if (access.aggregates === "none") throw forbidden();
      const loaded = await groupResults(ctx, groupId.id);
      const forLeaders = access.aggregates === "suppressed" ? loaded.leaders() : null;
      const pools = new Map(poolsOf(loaded.assessments).map((p) => [poolKey(p.standard, p.kind), p]));
      const summaryOf = (standard: string, kind: AssessmentKind) =>
        forLeaders ? forLeaders.byPool.get(poolKey(standard, kind))! : exactSummary(pools.get(poolKey(standard, kind))!.rows);
      const standards = [...new Set(loaded.assessments.map((a) => a.standard))]
        .filter((s) => pools.has(poolKey(s, "PRE")) && pools.has(poolKey(s, "POST")))
        .sort((a, b) => a.localeCompare(b));
      return standards.map((standard) => {
        const pre = summaryOf(standard, "PRE");
        const post = summaryOf(standard, "POST");
        return {
          groupId: groupId.id,
          standard,
          preAssessmentCount: pools.get(poolKey(standard, "PRE"))!.assessmentCount,
          postAssessmentCount: pools.get(poolKey(standard, "POST"))!.assessmentCount,
          pre,
          post,
          meanChange: pre.meanScore !== null && post.meanScore !== null ? Math.round((post.meanScore - pre.meanScore) * 100) / 100 : null,
        };
      });
    },
  }),
  studentsBelowProficiency: t.field({
    type: [StudentBelowRef],
    description:
      "The students whose latest result on some standard is BELOW or APPROACHING, with those standards and how often they were below the line: the list a PLC forms intervention groups from. The PLC's members only (pseudonymous codes); anyone else gets FORBIDDEN.",
    authScopes: { signedIn: true },
    args: { groupId: t.arg.globalID({ required: true, for: GroupRef }) },
    resolve: async (_root, { groupId }, ctx) => studentsBelowTheLine(await memberRows(ctx, groupId.id)),
  }),
}));

const KIND_ORDER: readonly AssessmentKind[] = ["PRE", "POST", "COMMON", "FORMATIVE"];

type Pool = { standard: string; kind: AssessmentKind; assessmentCount: number; latestAdministeredOn: Date; rows: ResultFacts[] };

/** The assessments' results pooled by standard and kind. */
function poolsOf(assessments: GroupResults["assessments"]): Pool[] {
  const pools = new Map<string, Pool>();
  for (const a of assessments) {
    const key = poolKey(a.standard, a.kind);
    const entry = pools.get(key) ?? { standard: a.standard, kind: a.kind, assessmentCount: 0, latestAdministeredOn: a.administeredOn, rows: [] };
    entry.assessmentCount += 1;
    if (a.administeredOn > entry.latestAdministeredOn) entry.latestAdministeredOn = a.administeredOn;
    entry.rows.push(...a.results);
    pools.set(key, entry);
  }
  return [...pools.values()];
}

// A code like "S-0417" or "4B.12": letters, digits, dot, dash, underscore. No spaces or "@", so
// a name or an email address is refused rather than stored.
const STUDENT_REF = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const A_DAY_MS = 24 * 60 * 60 * 1000;

const ResultInput = builder.inputType("AssessmentResultInput", {
  fields: (f) => ({
    studentRef: f.string({ required: true, description: "A pseudonymous student code (1–40 characters), never a name." }),
    score: f.float({ required: true, description: "0–100." }),
    proficiency: f.field({ type: ProficiencyEnum, required: true }),
    classLabel: f.string({ required: false, description: "Whose class the student sat it in (1–80 characters); the assessment's classLabel when left out." }),
  }),
});

const classLabel = z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters");

const resultRow = z.object({
  studentRef: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(40, "must be at most 40 characters")
    .regex(STUDENT_REF, "must be a pseudonymous code (letters, digits, . _ -), not a name or email"),
  score: z.number().finite().min(0, "must be between 0 and 100").max(100, "must be between 0 and 100"),
  proficiency: z.string(),
  classLabel: classLabel.nullish(),
});

const RecordAssessmentInput = builder.inputType("RecordAssessmentInput", {
  fields: (f) => ({
    groupId: f.globalID({ required: true, for: GroupRef }),
    title: f.string({ required: true }),
    standard: f.string({ required: true, description: 'The standard assessed, e.g. "4.NF.A.1".' }),
    administeredOn: f.field({ type: "Date", required: true }),
    kind: f.field({ type: AssessmentKindEnum, required: false, description: "COMMON when left out." }),
    classLabel: f.string({
      required: false,
      description: "The class of every result that names none (1–80 characters); the recording member's name when left out.",
    }),
    results: f.field({ type: [ResultInput], required: true, description: `1–${MAX_RESULTS} rows, one per student.` }),
  }),
  validate: z.object({
    groupId: z.unknown(),
    title: z.string().trim().min(2, "must be at least 2 characters").max(160, "must be at most 160 characters"),
    standard: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
    administeredOn: z.date().refine((d) => d.getTime() <= Date.now() + A_DAY_MS, "cannot be in the future"),
    kind: z.unknown().optional(),
    classLabel: classLabel.nullish(),
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
        {
          ...input,
          groupId: input.groupId.id,
          kind: (input.kind ?? "COMMON") as AssessmentKind,
          classLabel: input.classLabel ?? null,
          results: input.results.map((r) => ({ ...r, proficiency: r.proficiency as Proficiency, classLabel: r.classLabel ?? null })),
        },
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
