// PLC assessment data. Members see the rows (pseudonymous students); leadership sees only
// aggregates, with cells of fewer than SMALL_CELL students suppressed, and with enough other
// cells suppressed that no withheld one can be worked out from those shown.
import { Proficiency, type AssessmentKind } from "../generated/prisma/enums.ts";
import { holdsScope, knownGroup, leadsSchool, type Actor } from "./actor.ts";
import { groupIdsWhere } from "./groups.ts";
import { suppressCells, type Cell, type Relation } from "./suppression.ts";

export const SMALL_CELL = 10;

export type AssessmentAccess = {
  metadata: boolean;
  rows: boolean;
  aggregates: "none" | "full" | "suppressed";
  write: boolean;
  /** Deleting an assessment (a wrong upload): the PLC's facilitators, while it is not archived. */
  manage: boolean;
};

const NONE: AssessmentAccess = { metadata: false, rows: false, aggregates: "none", write: false, manage: false };

export function assessmentAccess(actor: Actor, groupId: string): AssessmentAccess {
  const group = knownGroup(actor, groupId);
  if (group?.kind !== "PLC" || !holdsScope(actor, "ASSESSMENTS_READ")) return NONE;
  if (group.membership) {
    const write = !group.archived && holdsScope(actor, "ASSESSMENTS_WRITE");
    return { metadata: true, rows: true, aggregates: "full", write, manage: write && group.membership === "FACILITATOR" };
  }
  if (leadsSchool(actor, group.schoolId)) return { metadata: true, rows: false, aggregates: "suppressed", write: false, manage: false };
  return NONE;
}

export function readableAssessmentsWhere(actor: Actor) {
  return { groupId: { in: groupIdsWhere(actor, (_a, g) => assessmentAccess(actor, g.id).metadata) } };
}

/** Rows only for the PLC's members: the filter for every list of results. */
export function readableResultsWhere(actor: Actor) {
  return { assessment: { groupId: { in: groupIdsWhere(actor, (_a, g) => assessmentAccess(actor, g.id).rows) } } };
}

export type ResultFacts = { score: number; proficiency: Proficiency };
export type ProficiencyCell = { proficiency: Proficiency; count: number | null; suppressed: boolean };
export type ResultSummary = {
  /** Number of results; null when suppressed. */
  count: number | null;
  meanScore: number | null;
  /** True when the count (and so the mean and every level) is withheld. */
  suppressed: boolean;
  /** True for PLC members, who see exact numbers. */
  exact: boolean;
  byProficiency: ProficiencyCell[];
};

const PROFICIENCY_ORDER = Object.values(Proficiency);

type Totals = { count: number; sum: number; byLevel: Map<Proficiency, number> };

function totalsOf(rows: readonly ResultFacts[]): Totals {
  const byLevel = new Map<Proficiency, number>(PROFICIENCY_ORDER.map((p) => [p, 0]));
  let sum = 0;
  for (const row of rows) {
    byLevel.set(row.proficiency, (byLevel.get(row.proficiency) ?? 0) + 1);
    sum += row.score;
  }
  return { count: rows.length, sum, byLevel };
}

const meanOf = (t: Totals) => (t.count === 0 ? null : Math.round((t.sum / t.count) * 100) / 100);

/** Exact aggregates, for the PLC's members. */
export function exactSummary(rows: readonly ResultFacts[]): ResultSummary {
  const totals = totalsOf(rows);
  return {
    count: totals.count,
    meanScore: meanOf(totals),
    suppressed: false,
    exact: true,
    byProficiency: PROFICIENCY_ORDER.map((p) => ({ proficiency: p, count: totals.byLevel.get(p) ?? 0, suppressed: false })),
  };
}

export type AssessmentFacts = { id: string; standard: string; kind: AssessmentKind; results: readonly ResultFacts[] };

/**
 * Results are pooled by standard and kind: a pre-assessment is never averaged with the
 * post-assessment or a common assessment of the same standard.
 */
export const poolKey = (standard: string, kind: AssessmentKind) => `${kind}:${standard}`;

export type LeaderSummaries = {
  byAssessment: Map<string, ResultSummary>;
  /** By `poolKey(standard, kind)`. */
  byPool: Map<string, ResultSummary>;
};

/**
 * What leadership sees of a PLC's results: every aggregate they can read (each assessment's
 * summary and each pool of one standard and kind, with counts, means and proficiency levels),
 * suppressed together. A cell of fewer than SMALL_CELL students is withheld (zero included), and then
 * others, the smallest first, until none of the withheld ones follows from the shown ones by
 * subtraction: an assessment's count is its levels' total and a part of its standard's pool;
 * a pool's level counts and score sums (mean × count) are its assessments' added up.
 * Pools share no aggregate (a pre/post comparison shows the same two pools' summaries, and its
 * change of mean is worked out from shown means only), so each one is protected on its own.
 */
export function leaderSummaries(assessments: readonly AssessmentFacts[]): LeaderSummaries {
  const byPool = new Map<string, AssessmentFacts[]>();
  for (const a of assessments) {
    const key = poolKey(a.standard, a.kind);
    byPool.set(key, [...(byPool.get(key) ?? []), a]);
  }
  const out: LeaderSummaries = { byAssessment: new Map(), byPool: new Map() };
  for (const [key, members] of byPool) {
    const protectedStandard = protectStandard(members);
    out.byPool.set(key, protectedStandard.pool);
    for (const [id, summary] of protectedStandard.assessments) out.byAssessment.set(id, summary);
  }
  return out;
}

const POOL = "pool";
const countKey = (x: string) => `n:${x}`;
const sumKey = (x: string) => `s:${x}`;
const levelKey = (x: string, p: Proficiency) => `c:${x}:${p}`;

function protectStandard(members: readonly AssessmentFacts[]): { pool: ResultSummary; assessments: Map<string, ResultSummary> } {
  const totals = new Map<string, Totals>(members.map((a) => [a.id, totalsOf(a.results)]));
  totals.set(POOL, totalsOf(members.flatMap((a) => a.results)));
  const cells: Cell[] = [];
  const relations: Relation[] = [];
  const links = new Map<string, string[]>();
  for (const [x, t] of totals) {
    const small = t.count < SMALL_CELL;
    cells.push({ key: countKey(x), value: t.count, primary: small }, { key: sumKey(x), value: t.sum, primary: small });
    for (const p of PROFICIENCY_ORDER) cells.push({ key: levelKey(x, p), value: t.byLevel.get(p) ?? 0, primary: (t.byLevel.get(p) ?? 0) < SMALL_CELL });
    relations.push({ total: countKey(x), parts: PROFICIENCY_ORDER.map((p) => levelKey(x, p)) });
    // A count and its mean are shown together, and a withheld count withholds its levels.
    links.set(countKey(x), [sumKey(x), ...PROFICIENCY_ORDER.map((p) => levelKey(x, p))]);
    links.set(sumKey(x), [countKey(x)]);
  }
  const ids = members.map((a) => a.id);
  relations.push({ total: countKey(POOL), parts: ids.map(countKey) });
  relations.push({ total: sumKey(POOL), parts: ids.map(sumKey) });
  for (const p of PROFICIENCY_ORDER) relations.push({ total: levelKey(POOL, p), parts: ids.map((id) => levelKey(id, p)) });

  const hidden = suppressCells(cells, relations, links);
  const summarise = (x: string): ResultSummary => {
    const t = totals.get(x)!;
    const withheld = hidden.has(countKey(x));
    return {
      count: withheld ? null : t.count,
      meanScore: withheld ? null : meanOf(t),
      suppressed: withheld,
      exact: false,
      byProficiency: PROFICIENCY_ORDER.map((p) => {
        const levelWithheld = hidden.has(levelKey(x, p));
        return { proficiency: p, count: levelWithheld ? null : (t.byLevel.get(p) ?? 0), suppressed: levelWithheld };
      }),
    };
  };
  return { pool: summarise(POOL), assessments: new Map(ids.map((id) => [id, summarise(id)])) };
}
