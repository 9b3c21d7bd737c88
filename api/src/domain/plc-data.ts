// The PLC questions asked of a PLC's results, as plain computations over rows (who may ask them is
// the policies' business): how the students moved from a pre-assessment to the post-assessment of
// the same standard, and which students stand below the proficiency line, for intervention groups.
import type { AssessmentKind, Proficiency } from "../generated/prisma/enums.ts";

/** One result with what it belongs to; `administeredOn` and `createdAt` order a student's results. */
export type ResultRowFacts = {
  studentRef: string;
  score: number;
  proficiency: Proficiency;
  classLabel: string | null;
  assessment: { id: string; title: string; standard: string; kind: AssessmentKind; administeredOn: Date; createdAt: Date };
};

/** BELOW and APPROACHING: the students a PLC plans an intervention for ("what if they don't learn it?"). */
export const BELOW_THE_LINE: ReadonlySet<Proficiency> = new Set<Proficiency>(["BELOW", "APPROACHING"]);

const LEVEL_RANK: Record<Proficiency, number> = { BELOW: 0, APPROACHING: 1, MEETS: 2, EXCEEDS: 3 };

const later = (a: ResultRowFacts, b: ResultRowFacts) =>
  a.assessment.administeredOn.getTime() - b.assessment.administeredOn.getTime() ||
  a.assessment.createdAt.getTime() - b.assessment.createdAt.getTime() ||
  (a.assessment.id < b.assessment.id ? -1 : a.assessment.id > b.assessment.id ? 1 : 0);

/** Each student's latest result among `rows`. */
function latestByStudent(rows: readonly ResultRowFacts[]): Map<string, ResultRowFacts> {
  const latest = new Map<string, ResultRowFacts>();
  for (const row of rows) {
    const seen = latest.get(row.studentRef);
    if (!seen || later(row, seen) > 0) latest.set(row.studentRef, row);
  }
  return latest;
}

export type MatchedGrowth = {
  /** Students with both a pre- and a post-assessment result on the standard. */
  count: number;
  preMean: number | null;
  postMean: number | null;
  meanChange: number | null;
  /** Students whose proficiency level went up, stayed, went down (latest pre against latest post). */
  levelUp: number;
  levelSame: number;
  levelDown: number;
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Matched students of one standard: each one's latest PRE result against their latest POST result. */
export function matchedGrowth(rows: readonly ResultRowFacts[]): MatchedGrowth {
  const pre = latestByStudent(rows.filter((r) => r.assessment.kind === "PRE"));
  const post = latestByStudent(rows.filter((r) => r.assessment.kind === "POST"));
  let count = 0;
  let preSum = 0;
  let postSum = 0;
  let levelUp = 0;
  let levelSame = 0;
  let levelDown = 0;
  for (const [student, before] of pre) {
    const after = post.get(student);
    if (!after) continue;
    count += 1;
    preSum += before.score;
    postSum += after.score;
    const moved = LEVEL_RANK[after.proficiency] - LEVEL_RANK[before.proficiency];
    if (moved > 0) levelUp += 1;
    else if (moved < 0) levelDown += 1;
    else levelSame += 1;
  }
  const preMean = count ? round2(preSum / count) : null;
  const postMean = count ? round2(postSum / count) : null;
  return {
    count,
    preMean,
    postMean,
    meanChange: count ? round2(postSum / count - preSum / count) : null,
    levelUp,
    levelSame,
    levelDown,
  };
}

export type StandardStanding = { standard: string; proficiency: Proficiency; score: number; assessment: ResultRowFacts["assessment"] };

export type StudentBelowTheLine = {
  studentRef: string;
  /** The class of the student's latest result. */
  classLabel: string | null;
  /** The standards whose latest result for this student is BELOW or APPROACHING, by standard. */
  standards: StandardStanding[];
  /** How many of the student's results, across every assessment, were below the line. */
  timesBelow: number;
  /** How many results the student has in all. */
  resultCount: number;
};

/**
 * The students below the proficiency line: those whose latest result on some standard is BELOW or
 * APPROACHING. Those below on the most standards come first, then those below most often.
 */
export function studentsBelowTheLine(rows: readonly ResultRowFacts[]): StudentBelowTheLine[] {
  const byStudent = new Map<string, ResultRowFacts[]>();
  for (const row of rows) byStudent.set(row.studentRef, [...(byStudent.get(row.studentRef) ?? []), row]);
  const out: StudentBelowTheLine[] = [];
  for (const [studentRef, results] of byStudent) {
    const byStandard = new Map<string, ResultRowFacts[]>();
    for (const r of results) byStandard.set(r.assessment.standard, [...(byStandard.get(r.assessment.standard) ?? []), r]);
    const standards: StandardStanding[] = [];
    for (const [standard, standardRows] of byStandard) {
      const latest = latestByStudent(standardRows).get(studentRef)!;
      if (BELOW_THE_LINE.has(latest.proficiency))
        standards.push({ standard, proficiency: latest.proficiency, score: latest.score, assessment: latest.assessment });
    }
    if (standards.length === 0) continue;
    standards.sort((a, b) => a.standard.localeCompare(b.standard));
    const latestOverall = latestByStudent(results).get(studentRef)!;
    out.push({
      studentRef,
      classLabel: latestOverall.classLabel,
      standards,
      timesBelow: results.filter((r) => BELOW_THE_LINE.has(r.proficiency)).length,
      resultCount: results.length,
    });
  }
  return out.sort((a, b) => b.standards.length - a.standards.length || b.timesBelow - a.timesBelow || a.studentRef.localeCompare(b.studentRef));
}
