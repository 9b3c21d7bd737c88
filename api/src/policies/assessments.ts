// PLC assessment data. Members see the rows (pseudonymous students); leadership sees only
// aggregates, with cells of fewer than SMALL_CELL students suppressed.
import { Proficiency } from "../generated/prisma/enums.ts";
import { holdsScope, knownGroup, leadsSchool, type Actor } from "./actor.ts";
import { groupIdsWhere } from "./groups.ts";

export const SMALL_CELL = 10;

export type AssessmentAccess = {
  metadata: boolean;
  rows: boolean;
  aggregates: "none" | "full" | "suppressed";
  write: boolean;
};

const NONE: AssessmentAccess = { metadata: false, rows: false, aggregates: "none", write: false };

export function assessmentAccess(actor: Actor, groupId: string): AssessmentAccess {
  const group = knownGroup(actor, groupId);
  if (!group || group.kind !== "PLC" || !holdsScope(actor, "ASSESSMENTS_READ")) return NONE;
  if (group.membership) {
    return { metadata: true, rows: true, aggregates: "full", write: !group.archived && holdsScope(actor, "ASSESSMENTS_WRITE") };
  }
  if (leadsSchool(actor, group.schoolId)) return { metadata: true, rows: false, aggregates: "suppressed", write: false };
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
  /** True when the total (and so the mean) is withheld. */
  suppressed: boolean;
  /** True for PLC members, who see exact numbers. */
  exact: boolean;
  byProficiency: ProficiencyCell[];
};

const PROFICIENCY_ORDER = Object.values(Proficiency);

/**
 * Aggregates of a set of results. For leadership ("suppressed"), a total under SMALL_CELL hides
 * everything, and each proficiency bucket under SMALL_CELL (zero included) is withheld. When only
 * one bucket would be withheld, the smallest shown bucket is withheld too (complementary
 * suppression): otherwise total minus the shown buckets would give the hidden one away.
 */
export function summariseResults(rows: readonly ResultFacts[], mode: "full" | "suppressed"): ResultSummary {
  const total = rows.length;
  const counts = new Map<Proficiency, number>(PROFICIENCY_ORDER.map((p) => [p, 0]));
  let sum = 0;
  for (const row of rows) {
    counts.set(row.proficiency, (counts.get(row.proficiency) ?? 0) + 1);
    sum += row.score;
  }
  const mean = total === 0 ? null : Math.round((sum / total) * 100) / 100;
  if (mode === "full") {
    return {
      count: total,
      meanScore: mean,
      suppressed: false,
      exact: true,
      byProficiency: PROFICIENCY_ORDER.map((p) => ({ proficiency: p, count: counts.get(p) ?? 0, suppressed: false })),
    };
  }
  const totalHidden = total < SMALL_CELL;
  const hidden = new Set(PROFICIENCY_ORDER.filter((p) => totalHidden || (counts.get(p) ?? 0) < SMALL_CELL));
  if (!totalHidden && hidden.size === 1) {
    const shown = PROFICIENCY_ORDER.filter((p) => !hidden.has(p));
    const smallest = shown.reduce((a, b) => ((counts.get(b) ?? 0) < (counts.get(a) ?? 0) ? b : a));
    hidden.add(smallest);
  }
  return {
    count: totalHidden ? null : total,
    meanScore: totalHidden ? null : mean,
    suppressed: totalHidden,
    exact: false,
    byProficiency: PROFICIENCY_ORDER.map((p) => ({
      proficiency: p,
      count: hidden.has(p) ? null : (counts.get(p) ?? 0),
      suppressed: hidden.has(p),
    })),
  };
}
