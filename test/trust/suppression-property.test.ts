// Small-cell suppression must survive subtraction. Leadership sees, for a PLC, every assessment's
// summary and every standard's pooled summary: counts, means (so sums: mean × count) and counts
// per proficiency level. Those numbers are tied by relations anyone can write down:
//
//   an assessment's (or a pool's) count  = the sum of its level counts
//   a standard's pooled count            = the sum of its assessments' counts
//   a standard's pooled level count      = the sum of its assessments' counts at that level
//   a standard's pooled score sum        = the sum of its assessments' score sums
//
// This file plays the attacker. From what a coach is shown over the real API, it writes those
// relations down and asks, for every withheld cell, whether it can be worked out: whether some
// combination of the relations leaves it as the only unknown (exactly: deleting its column from
// the relations restricted to the withheld cells lowers their rank), or whether a relation with
// a shown total leaves its withheld parts nothing (counts are never negative, so all are zero).
// Results are pooled per standard and kind (a pre-assessment is never pooled with the post), so
// each pool is one such table; a pre/post comparison shows the same two pools again, and nothing
// more. Random PLCs come from fast-check; the 4-student case of the issue is spelled out as an example.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql } from "../support/graphql.ts";
import { asNode, succeeded } from "../support/operations.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "suppression");
});
afterAll(() => app?.close());

const LEVELS = ["BELOW", "APPROACHING", "MEETS", "EXCEEDS"] as const;
type Level = (typeof LEVELS)[number];
const SMALL_CELL = 10;

type Summary = { count: number | null; meanScore: number | null; suppressed: boolean; byProficiency: { proficiency: Level; count: number | null }[] };
type Kind = "PRE" | "POST" | "COMMON";
/** One assessment as generated: students per level, a seed for their scores, and its kind (COMMON when left out). */
type AssessmentSpec = { counts: [number, number, number, number]; seed: number; kind?: Kind };

const RECORD = graphql(`
  mutation SuppressionRecordAssessment($input: RecordAssessmentInput!) {
    recordAssessment(input: $input) {
      __typename
      ... on MutationRecordAssessmentSuccess {
        data {
          id
        }
      }
      ... on BaseError {
        code
        message
      }
    }
  }
`);
const SUMMARY_FIELDS = graphql(`
  fragment SuppressionSummary on AssessmentSummary {
    count
    meanScore
    suppressed
    byProficiency {
      proficiency
      count
    }
  }
`);
const LEADER_VIEW = graphql(
  `
  query SuppressionLeaderView($group: ID!) {
    node(id: $group) {
      ... on Group {
        assessments(first: 100) {
          edges {
            node {
              id
              standard
              kind
              summary {
                ...SuppressionSummary
              }
            }
          }
        }
      }
    }
    assessmentSummaryByStandard(groupId: $group) {
      standard
      kind
      summary {
        ...SuppressionSummary
      }
    }
    assessmentPrePost(groupId: $group) {
      standard
      pre {
        ...SuppressionSummary
      }
      post {
        ...SuppressionSummary
      }
      meanChange
    }
  }
`,
  [SUMMARY_FIELDS],
);
/** A pool's name: its standard and kind. */
const poolName = (standard: string, kind: string) => `${standard}|${kind}`;

/** Scores 0–100 from a seed, zeros included now and then. */
function scores(seed: number, n: number): number[] {
  let x = seed >>> 0 || 1;
  return Array.from({ length: n }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % 101;
  });
}

function resultsOf(spec: AssessmentSpec) {
  const rows: { studentRef: string; score: number; proficiency: Level }[] = [];
  const all = scores(
    spec.seed,
    spec.counts.reduce((a, b) => a + b, 0),
  );
  LEVELS.forEach((level, i) => {
    for (let k = 0; k < spec.counts[i]!; k++) rows.push({ studentRef: `S-${rows.length + 1}`, score: all[rows.length]!, proficiency: level });
  });
  return rows;
}

/** A fresh PLC with the given standards' assessments, recorded by a member over the API. */
async function plcWith(standards: AssessmentSpec[][]) {
  const group = await app.make.group({ schoolId: fx.schoolId, kind: "PLC", name: "Property PLC", members: { create: [{ userId: fx.people.plcMember.id }] } });
  const groupGid = gid("Group", group.id);
  const truth = new Map<string, { standard: string; rows: ReturnType<typeof resultsOf> }>();
  for (const [s, assessments] of standards.entries()) {
    for (const [a, spec] of assessments.entries()) {
      const results = resultsOf(spec);
      const res = await app.gql(
        RECORD,
        { input: { groupId: groupGid, title: `Check ${s}.${a}`, standard: `STD.${s}`, kind: spec.kind ?? "COMMON", administeredOn: "2026-02-02", results } },
        fx.people.plcMember.token,
      );
      expect(res.data?.recordAssessment?.__typename, JSON.stringify(res)).toBe("MutationRecordAssessmentSuccess");
      truth.set(succeeded(res.data?.recordAssessment).data.id, { standard: `STD.${s}`, rows: results });
    }
  }
  return { groupGid, truth };
}

// ───────────── the attacker ─────────────

type Variable = string;
type LinearRelation = { total: Variable; parts: Variable[] };

/** What a coach sees of one standard, as named cells (null when withheld), and the relations that tie them. */
function standardTable(pool: Summary, assessments: { id: string; summary: Summary }[]) {
  const shown = new Map<Variable, number | null>();
  const countCells = new Set<Variable>();
  const add = (name: string, s: Summary) => {
    shown.set(`count(${name})`, s.count);
    countCells.add(`count(${name})`);
    // The score sum is mean × count: it is known exactly when both are shown.
    shown.set(`sum(${name})`, s.count !== null && s.meanScore !== null ? s.meanScore * s.count : null);
    for (const level of LEVELS) {
      const cell = s.byProficiency.find((c) => c.proficiency === level);
      shown.set(`${level}(${name})`, cell?.count ?? null);
      countCells.add(`${level}(${name})`);
    }
  };
  add("pool", pool);
  for (const a of assessments) add(a.id, a.summary);
  const relations: LinearRelation[] = [];
  for (const name of ["pool", ...assessments.map((a) => a.id)]) relations.push({ total: `count(${name})`, parts: LEVELS.map((l) => `${l}(${name})`) });
  relations.push({ total: "count(pool)", parts: assessments.map((a) => `count(${a.id})`) });
  relations.push({ total: "sum(pool)", parts: assessments.map((a) => `sum(${a.id})`) });
  for (const level of LEVELS) relations.push({ total: `${level}(pool)`, parts: assessments.map((a) => `${level}(${a.id})`) });
  return { shown, countCells, relations };
}

/** Rank of an integer matrix, exactly (fraction-free elimination over BigInt). */
function rank(matrix: bigint[][]): number {
  const m = matrix.map((row) => [...row]);
  const columns = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < columns && r < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (pivot === -1) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i]![c] === 0n) continue;
      const a = m[r]![c]!;
      const b = m[i]![c]!;
      m[i] = m[i]!.map((v, k) => v * a - m[r]![k]! * b);
    }
    r++;
  }
  return r;
}

/** Every withheld cell the attacker can work out, with the reason. */
function derivable(table: ReturnType<typeof standardTable>): string[] {
  const hidden = [...table.shown].filter(([, v]) => v === null).map(([k]) => k);
  const found: string[] = [];
  // Linear: restrict each relation to the withheld cells (the shown ones are constants).
  const matrix = table.relations
    .map((r) => hidden.map((h) => (r.total === h ? 1n : 0n) - BigInt(r.parts.filter((p) => p === h).length)))
    .filter((row) => row.some((v) => v !== 0n));
  const full = rank(matrix);
  hidden.forEach((h, i) => {
    if (rank(matrix.map((row) => row.filter((_, k) => k !== i))) < full) found.push(`${h} by subtraction`);
  });
  // Sign: a shown count total whose shown parts already add up to it leaves the withheld parts zero.
  for (const r of table.relations) {
    const total = table.shown.get(r.total);
    if (total === null || total === undefined || !table.countCells.has(r.total)) continue;
    const withheld = r.parts.filter((p) => table.shown.get(p) === null);
    const shownSum = r.parts.reduce((sum, p) => sum + (table.shown.get(p) ?? 0), 0);
    if (withheld.length > 0 && total - shownSum === 0) found.push(...withheld.map((p) => `${p} is zero`));
  }
  return found;
}

async function leaderView(groupGid: string) {
  const res = await app.gql(LEADER_VIEW, { group: groupGid }, fx.people.coach.token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const assessments: { id: string; standard: string; kind: Kind; summary: Summary }[] = asNode(res.data?.node, "Group")!.assessments.edges.map((e) => ({
    ...e.node,
    kind: e.node.kind as Kind,
  }));
  const pools = new Map<string, Summary>(res.data!.assessmentSummaryByStandard.map((s) => [poolName(s.standard, s.kind), s.summary]));
  const prePost: { standard: string; pre: Summary; post: Summary; meanChange: number | null }[] = res.data!.assessmentPrePost;
  return { assessments, pools, prePost };
}

/** Checks everything a coach sees of a PLC: nothing derivable, small cells withheld, shown numbers true. */
async function auditPlc(groupGid: string, truth: Map<string, { standard: string; rows: ReturnType<typeof resultsOf> }>) {
  const { assessments, pools, prePost } = await leaderView(groupGid);
  const problems: string[] = [];
  // Pre vs post shows the pools again, and a change of mean only from two shown means.
  for (const c of prePost) {
    if (JSON.stringify(c.pre) !== JSON.stringify(pools.get(poolName(c.standard, "PRE")))) problems.push(`${c.standard}: pre is not its pool`);
    if (JSON.stringify(c.post) !== JSON.stringify(pools.get(poolName(c.standard, "POST")))) problems.push(`${c.standard}: post is not its pool`);
    if (c.meanChange !== null && (c.pre.meanScore === null || c.post.meanScore === null)) problems.push(`${c.standard}: a change from a withheld mean`);
  }
  for (const [standard, pool] of pools) {
    const parts = assessments.filter((a) => poolName(a.standard, a.kind) === standard);
    problems.push(...derivable(standardTable(pool, parts)).map((p) => `${standard}: ${p}`));
    const truthOf = (rows: { score: number; proficiency: Level }[]) => ({
      count: rows.length,
      mean: rows.reduce((s, r) => s + r.score, 0) / rows.length,
      levels: LEVELS.map((l) => rows.filter((r) => r.proficiency === l).length),
    });
    const check = (name: string, shown: Summary, t: ReturnType<typeof truthOf>) => {
      if (t.count < SMALL_CELL && shown.count !== null) problems.push(`${name}: ${t.count} students shown`);
      if (shown.count !== null && shown.count !== t.count) problems.push(`${name}: count ${shown.count} is not ${t.count}`);
      if (shown.meanScore !== null && Math.abs(shown.meanScore - t.mean) > 0.005 + 1e-9) problems.push(`${name}: mean ${shown.meanScore} is not ${t.mean}`);
      if (shown.count === null && shown.meanScore !== null) problems.push(`${name}: a mean without its count`);
      LEVELS.forEach((level, i) => {
        const cell = shown.byProficiency.find((c) => c.proficiency === level)!;
        if (t.levels[i]! < SMALL_CELL && cell.count !== null) problems.push(`${name}: ${level} of ${t.levels[i]} shown`);
        if (cell.count !== null && cell.count !== t.levels[i]) problems.push(`${name}: ${level} ${cell.count} is not ${t.levels[i]}`);
      });
    };
    check(`${standard} pool`, pool, truthOf(parts.flatMap((a) => truth.get(a.id)!.rows)));
    for (const a of parts) check(`${standard} ${a.id}`, a.summary, truthOf(truth.get(a.id)!.rows));
  }
  return problems;
}

// ───────────── examples ─────────────

const spec = (counts: Partial<Record<Level, number>>, seed = 7, kind: Kind = "COMMON"): AssessmentSpec => ({
  counts: LEVELS.map((l) => counts[l] ?? 0) as AssessmentSpec["counts"],
  seed,
  kind,
});

describe("complementary suppression, by example", () => {
  it("a 4-student retake is not the pool of its standard minus the other assessment", async () => {
    const { groupGid, truth } = await plcWith([[spec({ MEETS: 4 }), spec({ BELOW: 6, MEETS: 14 })]]);
    const { assessments, pools } = await leaderView(groupGid);
    const pool = pools.get("STD.0|COMMON")!;
    const withStudents = (n: number) => assessments.find((a) => truth.get(a.id)!.rows.length === n)!.summary;
    const [small, big] = [withStudents(4), withStudents(20)];
    expect(small!.count).toBeNull();
    // The pool of 24 stays; the other assessment (the next smallest cell) is withheld with it,
    // so neither 24 − 20 nor 24 × mean − 20 × mean is there to compute.
    expect(pool.count).toBe(24);
    expect(big).toMatchObject({ count: null, meanScore: null, suppressed: true });
    expect(await auditPlc(groupGid, truth)).toEqual([]);
  });

  it("a level withheld in one assessment is not its pooled level minus the other assessment's", async () => {
    const { groupGid, truth } = await plcWith([[spec({ BELOW: 3, MEETS: 20 }), spec({ BELOW: 12, MEETS: 15 })]]);
    const { assessments, pools } = await leaderView(groupGid);
    const below = (s: Summary) => s.byProficiency.find((c) => c.proficiency === "BELOW")!.count;
    expect(pools.get("STD.0|COMMON")!.count).toBe(50);
    const levels = [pools.get("STD.0|COMMON")!, ...assessments.map((a) => a.summary)].map(below);
    // 15 below in the pool and 12 in one assessment would give the hidden 3 away.
    expect(levels.filter((n) => n !== null).length).toBeLessThanOrEqual(1);
    expect(await auditPlc(groupGid, truth)).toEqual([]);
  });

  it("a 4-student post-assessment is withheld beside its pre-assessment, and so is the change of mean", async () => {
    const { groupGid, truth } = await plcWith([[spec({ BELOW: 10, MEETS: 12 }, 3, "PRE"), spec({ MEETS: 4 }, 5, "POST")]]);
    const { pools, prePost } = await leaderView(groupGid);
    expect(pools.get("STD.0|PRE")!.count).toBe(22);
    expect(pools.get("STD.0|POST")!.count).toBeNull();
    expect(prePost).toHaveLength(1);
    expect(prePost[0]).toMatchObject({ pre: { count: 22 }, post: { count: null, meanScore: null }, meanChange: null });
    expect(await auditPlc(groupGid, truth)).toEqual([]);
  });

  it("the members of the PLC still see every number", async () => {
    const { groupGid } = await plcWith([[spec({ MEETS: 4 }), spec({ BELOW: 6, MEETS: 14 })]]);
    const res = await app.gql(LEADER_VIEW, { group: groupGid }, fx.people.plcMember.token);
    const counts = asNode(res.data?.node, "Group")!
      .assessments.edges.map((e) => e.node.summary.count)
      .sort((a, b) => a! - b!);
    expect(counts).toEqual([4, 20]);
    expect(res.data?.assessmentSummaryByStandard[0]?.summary.byProficiency.map((c) => c.count)).toEqual([6, 0, 18, 0]);
  });
});

// ───────────── the property ─────────────

const levelCount = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: SMALL_CELL - 1 }), fc.integer({ min: SMALL_CELL, max: 30 }));
const assessmentSpec: fc.Arbitrary<AssessmentSpec> = fc.record({
  counts: fc.tuple(levelCount, levelCount, levelCount, levelCount).filter((c) => c.some((n) => n > 0)),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  kind: fc.constantFrom<Kind>("PRE", "POST", "COMMON"),
});
const plcSpec = fc.array(fc.array(assessmentSpec, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });

describe("complementary suppression, as a property", () => {
  it("for random PLCs, no withheld count or sum can be worked out from what a coach sees", async () => {
    let cases = 0;
    let withheldCells = 0;
    await fc.assert(
      fc.asyncProperty(plcSpec, async (standards) => {
        const { groupGid, truth } = await plcWith(standards);
        const problems = await auditPlc(groupGid, truth);
        const { assessments, pools } = await leaderView(groupGid);
        for (const s of [...assessments.map((a) => a.summary), ...pools.values()]) {
          withheldCells += (s.count === null ? 2 : 0) + s.byProficiency.filter((c) => c.count === null).length;
        }
        cases++;
        expect(problems).toEqual([]);
      }),
      { numRuns: 40 },
    );
    // The property was tried on data that had something to protect.
    expect(cases).toBe(40);
    expect(withheldCells).toBeGreaterThan(40);
    // 40 PLCs of up to 12 assessments, each recorded over the API: room for a busy CI machine.
  }, 240_000);
});
