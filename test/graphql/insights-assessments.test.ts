import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TypedDocument } from "../support/app.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import type { GqlArgs } from "../support/graphql-http.ts";
import { asNode, failed, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "insight");
});
afterAll(() => app?.close());

const as = <R, V>(actor: ActorKey, document: TypedDocument<R, V>, variables?: V) => app.gql(document, ...([variables, fx.people[actor].token] as GqlArgs<V>));

const SHARE = graphql(
  `
  mutation InsightShare($input: ShareInsightInput!) {
    shareInsight(input: $input) {
      __typename
      ... on MutationShareInsightSuccess {
        data {
          id
          title
          body
          themes
          anonymous
          author {
            name
          }
          group {
            name
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const INSIGHTS = graphql(`
  query InsightsList($school: ID!, $theme: String) {
    insights(schoolId: $school, theme: $theme) {
      totalCount
      edges {
        node {
          title
          themes
          anonymous
          author {
            id
          }
          group {
            id
          }
        }
      }
    }
  }
`);
const THEMES = graphql(`
  query InsightThemes($school: ID!) {
    insightThemes(schoolId: $school) {
      theme
      count
      latestSharedAt
    }
  }
`);
const VIEWER_ID = graphql(`
  query InsightsViewerId {
    viewer {
      id
    }
  }
`);
const INSIGHT_SHARED_AT = graphql(`
  query InsightSharedAt($id: ID!) {
    node(id: $id) {
      ... on Insight {
        sharedAt
      }
    }
  }
`);
const GROUP_INSIGHTS = graphql(`
  query GroupInsights($id: ID!) {
    node(id: $id) {
      ... on Group {
        insights {
          totalCount
          edges {
            node {
              title
              author {
                id
              }
            }
          }
        }
      }
    }
  }
`);

/** The sorted issue paths of a payload that must be a ValidationError. */
function paths(payload: { __typename: string; issues?: { path: string }[] } | null | undefined) {
  return payload!.issues!.map((i) => i.path).sort();
}

describe("insights", () => {
  it("a member shares an insight; themes are trimmed, lower-cased and de-duplicated; the activity is recorded", async () => {
    const res = await as("peerMember", SHARE, {
      input: {
        groupId: fx.peerGroupGid,
        title: "Wait time works",
        body: "Three seconds doubled the hands up.",
        themes: ["  Wait   Time ", "QUESTIONING", "wait time"],
      },
    });
    expect(res.data!.shareInsight).toMatchObject({
      __typename: "MutationShareInsightSuccess",
      data: { themes: ["wait time", "questioning"], anonymous: false, author: { name: fx.people.peerMember.name }, group: { name: "Fixture peer group" } },
    });
    const events = await app.db.prisma.activityEvent.findMany({ where: { type: "INSIGHT_SHARED" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ groupId: fx.peerGroupId, actorId: fx.people.peerMember.id });
  });

  it("refuses bad input with every issue at once, and writes nothing", async () => {
    const before = await app.db.prisma.insight.count();
    const empty = await as("peerMember", SHARE, { input: { groupId: fx.peerGroupGid, title: "x", body: " ", themes: [] } });
    expect(paths(empty.data!.shareInsight)).toEqual(["input.body", "input.themes", "input.title"]);
    const tooMany = await as("peerMember", SHARE, {
      input: {
        groupId: fx.peerGroupGid,
        title: "Fine title",
        body: "Fine",
        themes: ["ok theme", " a ", "b".repeat(41), ...Array.from({ length: 6 }, (_, i) => `theme ${i}`)],
      },
    });
    expect(paths(tooMany.data!.shareInsight)).toEqual(["input.themes", "input.themes.1", "input.themes.2"]);
    expect(await app.db.prisma.insight.count()).toBe(before);
  });

  it("only members share from a group; an archived group takes no more", async () => {
    const before = await app.db.prisma.insight.count();
    const input = { groupId: fx.peerGroupGid, title: "Leader's view", body: "Body", themes: ["feedback"] };
    expect((await as("coach", SHARE, { input })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(failed((await as("otherTeacher", SHARE, { input })).data?.shareInsight).code).toBe("NOT_FOUND");
    const archived = await app.make.group({
      schoolId: fx.schoolId,
      kind: "PEER",
      name: "Old group",
      archivedAt: new Date(),
      members: { create: [{ userId: fx.people.peerMember.id }, { userId: fx.people.peerMember2.id }] },
    });
    const session = await app.gql(VIEWER_ID, {}, fx.people.peerMember.token);
    expect(session.data!.viewer!.id).toBe(fx.people.peerMember.gid);
    const res = await as("peerMember", SHARE, { input: { ...input, groupId: Buffer.from(`Group:${archived.id}`).toString("base64") } });
    expect(res.data!.shareInsight).toMatchObject({ __typename: "RuleViolationError", code: "ARCHIVED" });
    expect(await app.db.prisma.insight.count()).toBe(before);
  });

  it("members see the author and group; coaches and admins read anonymously", async () => {
    await as("peerMember2", SHARE, {
      input: { groupId: fx.peerGroupGid, title: "Cold calling with warmth", body: "Pre-warn the student.", themes: ["Wait time"] },
    });
    await as("plcMember", SHARE, {
      input: { groupId: fx.plcGroupGid, title: "Exit tickets", body: "Sorted into three piles.", themes: ["wait time", "Feedback"] },
    });

    const member = await as("peerMember", INSIGHTS, { school: fx.schoolGid });
    expect(member.data!.insights.totalCount).toBe(2);
    for (const { node } of member.data!.insights.edges) expect(node).toMatchObject({ anonymous: false, group: { id: fx.peerGroupGid } });

    for (const leader of ["coach", "admin"] as const) {
      const res = await as(leader, INSIGHTS, { school: fx.schoolGid });
      expect(res.errors).toBeUndefined();
      expect(res.data!.insights.totalCount).toBe(3);
      for (const { node } of res.data!.insights.edges) expect(node).toMatchObject({ anonymous: true, author: null, group: null });
    }
    const row = await app.db.prisma.insight.findFirstOrThrow({ where: { title: "Exit tickets" } });
    const insightGid = Buffer.from(`Insight:${row.id}`).toString("base64");
    expect(asNode((await as("plcMember", INSIGHT_SHARED_AT, { id: insightGid })).data!.node, "Insight")!.sharedAt).toBe(row.sharedAt.toISOString());
    expect(asNode((await as("coach", INSIGHT_SHARED_AT, { id: insightGid })).data!.node, "Insight")!.sharedAt).toBe(
      `${row.sharedAt.toISOString().slice(0, 10)}T00:00:00.000Z`,
    );
    const filtered = await as("coach", INSIGHTS, { school: fx.schoolGid, theme: " Feedback " });
    expect(filtered.data!.insights.edges.map((e) => e.node.title)).toEqual(["Exit tickets"]);
  });

  it("Group.insights is for the group's members: a coach gets an empty list there", async () => {
    const member = await as("peerMember3", GROUP_INSIGHTS, { id: fx.peerGroupGid });
    expect(asNode(member.data!.node, "Group")!.insights.totalCount).toBe(2);
    const coach = await as("coach", GROUP_INSIGHTS, { id: fx.plcGroupGid });
    expect(asNode(coach.data!.node, "Group")!.insights).toEqual({ totalCount: 0, edges: [] });
  });

  it("rolls themes up by count for leaders; a teacher's rollup covers their own groups", async () => {
    const coach = await as("coach", THEMES, { school: fx.schoolGid });
    expect(coach.data!.insightThemes.map((t) => [t.theme, t.count])).toEqual([
      ["wait time", 3],
      ["feedback", 1],
      ["questioning", 1],
    ]);
    expect(Object.keys(coach.data!.insightThemes[0]!).sort()).toEqual(["count", "latestSharedAt", "theme"]);
    // Leaders get the day only, so a time cannot be matched to a group's meeting.
    const latest = (await app.db.prisma.insight.aggregate({ _max: { sharedAt: true } }))._max.sharedAt!;
    expect(coach.data!.insightThemes[0]!.latestSharedAt).toBe(`${latest.toISOString().slice(0, 10)}T00:00:00.000Z`);

    const plc = await as("plcMember", THEMES, { school: fx.schoolGid });
    const plcLatest = (await app.db.prisma.insight.aggregate({ where: { groupId: fx.plcGroupId }, _max: { sharedAt: true } }))._max.sharedAt!;
    expect(plc.data!.insightThemes[0]!.latestSharedAt).toBe(plcLatest.toISOString());
    expect(plc.data!.insightThemes.map((t) => [t.theme, t.count])).toEqual([
      ["feedback", 1],
      ["wait time", 1],
    ]);
    expect((await as("otherTeacher", THEMES, { school: fx.schoolGid })).data!.insightThemes).toEqual([]);
    expect((await as("otherSchoolAdmin", THEMES, { school: fx.schoolGid })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

// ───────────── assessments ─────────────

const RECORD = graphql(
  `
  mutation AssessmentRecord($input: RecordAssessmentInput!) {
    recordAssessment(input: $input) {
      __typename
      ... on MutationRecordAssessmentSuccess {
        data {
          id
          title
          standard
          administeredOn
          summary {
            count
            meanScore
            suppressed
            exact
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationError],
);
const SUMMARY = graphql(`
  query AssessmentSummary($id: ID!) {
    node(id: $id) {
      ... on Assessment {
        summary {
          count
          meanScore
          suppressed
          exact
          minimumCellSize
          byProficiency {
            proficiency
            count
            suppressed
          }
        }
      }
    }
  }
`);
const RESULTS = graphql(`
  query AssessmentResults($id: ID!, $p: Proficiency) {
    node(id: $id) {
      ... on Assessment {
        title
        summary {
          count
        }
        results(proficiency: $p, first: 2) {
          totalCount
          edges {
            node {
              studentRef
              score
              proficiency
            }
          }
        }
      }
    }
  }
`);
const GROUP_ASSESSMENTS = graphql(`
  query GroupAssessments($id: ID!, $s: String) {
    node(id: $id) {
      ... on Group {
        assessments(standard: $s) {
          totalCount
          edges {
            node {
              title
            }
          }
        }
      }
    }
  }
`);
const BY_STANDARD = graphql(`
  query AssessmentSummaryByStandard($id: ID!) {
    assessmentSummaryByStandard(groupId: $id) {
      standard
      assessmentCount
      latestAdministeredOn
      summary {
        count
        meanScore
        suppressed
        byProficiency {
          proficiency
          count
        }
      }
    }
  }
`);

type Level = "BELOW" | "APPROACHING" | "MEETS" | "EXCEEDS";
const SCORE: Record<Level, number> = { BELOW: 40, APPROACHING: 60, MEETS: 80, EXCEEDS: 95 };

function rows(counts: Partial<Record<Level, number>>) {
  const out: { studentRef: string; score: number; proficiency: Level }[] = [];
  for (const [level, n] of Object.entries(counts) as [Level, number][]) {
    for (let i = 0; i < n; i++) out.push({ studentRef: `S-${out.length + 1}`, score: SCORE[level], proficiency: level });
  }
  return out;
}

type RecordInput = VariablesOf<typeof RECORD>["input"];

async function record(actor: ActorKey, results: RecordInput["results"], extra: Partial<RecordInput> = {}) {
  return as(actor, RECORD, {
    input: { groupId: fx.plcGroupGid, title: "Fractions check", standard: "4.NF.A.1", administeredOn: "2025-10-14", results, ...extra },
  });
}

function cells(summary: { byProficiency: { proficiency: string; count: number | null }[] }) {
  return Object.fromEntries(summary.byProficiency.map((c) => [c.proficiency, c.count]));
}

describe("assessments", () => {
  let nine: string;
  let ten: string;

  it("a PLC member records an assessment and sees exact numbers", async () => {
    const res = await record("plcMember", rows({ MEETS: 6, BELOW: 3 }));
    expect(res.data!.recordAssessment).toMatchObject({
      __typename: "MutationRecordAssessmentSuccess",
      data: { title: "Fractions check", standard: "4.NF.A.1", administeredOn: "2025-10-14", summary: { count: 9, suppressed: false, exact: true } },
    });
    nine = succeeded(res.data!.recordAssessment).data.id;
    const member = asNode((await as("plcFacilitator", SUMMARY, { id: nine })).data!.node, "Assessment")!;
    expect(member.summary.meanScore).toBeCloseTo((6 * 80 + 3 * 40) / 9, 2);
    expect(cells(member.summary)).toEqual({ BELOW: 3, APPROACHING: 0, MEETS: 6, EXCEEDS: 0 });
  });

  it("leaders see nothing of 9 students, and the count and mean of 10 with small buckets withheld", async () => {
    const hidden = asNode((await as("coach", SUMMARY, { id: nine })).data!.node, "Assessment")!;
    // The threshold is stated, so a page can explain a withheld cell ("fewer than 10 students").
    expect(hidden.summary).toMatchObject({ count: null, meanScore: null, suppressed: true, exact: false, minimumCellSize: 10 });
    expect(cells(hidden.summary)).toEqual({ BELOW: null, APPROACHING: null, MEETS: null, EXCEEDS: null });
    expect(hidden.summary.byProficiency.every((c) => c.suppressed)).toBe(true);

    const res = await record("plcFacilitator", rows({ MEETS: 10 }), { standard: "4.NF.A.2" });
    ten = succeeded(res.data!.recordAssessment).data.id;
    const shown = asNode((await as("admin", SUMMARY, { id: ten })).data!.node, "Assessment")!;
    expect(shown.summary).toMatchObject({ count: 10, meanScore: 80, suppressed: false, exact: false });
    // Showing MEETS: 10 would tell that the three withheld levels hold nobody (10 − 10 = 0), so it is withheld too.
    expect(cells(shown.summary)).toEqual({ BELOW: null, APPROACHING: null, MEETS: null, EXCEEDS: null });
  });

  it("withholds a second bucket when only one would be hidden, so subtraction cannot reveal it", async () => {
    const res = await record("plcMember", rows({ BELOW: 12, APPROACHING: 10, MEETS: 15, EXCEEDS: 2 }), { standard: "4.NF.B.3" });
    const coach = asNode((await as("coach", SUMMARY, { id: succeeded(res.data!.recordAssessment).data.id })).data!.node, "Assessment")!;
    expect(coach.summary.count).toBe(39);
    expect(cells(coach.summary)).toEqual({ BELOW: 12, APPROACHING: null, MEETS: 15, EXCEEDS: null });
  });

  it("any bad row refuses the whole assessment, naming every bad row, and writes nothing", async () => {
    const before = [await app.db.prisma.assessment.count(), await app.db.prisma.assessmentResult.count()];
    const results = rows({ MEETS: 12 });
    results[3]!.score = 101;
    results[5]!.studentRef = "Jane Doe";
    results[7]!.studentRef = "S-1";
    results[9]!.studentRef = "x".repeat(41);
    const res = await record("plcMember", results, { title: "x", administeredOn: "2999-01-01" });
    expect(res.data!.recordAssessment.__typename).toBe("ValidationError");
    expect(paths(res.data!.recordAssessment)).toEqual([
      "input.administeredOn",
      "input.results.3.score",
      "input.results.5.studentRef",
      "input.results.7.studentRef",
      "input.results.9.studentRef",
      "input.title",
    ]);
    const tooMany = await record("plcMember", rows({ MEETS: 501 }));
    expect(paths(tooMany.data!.recordAssessment)).toEqual(["input.results"]);
    expect([await app.db.prisma.assessment.count(), await app.db.prisma.assessmentResult.count()]).toEqual(before);
  });

  it("a peer group records no assessment data; leaders do not record rows", async () => {
    const before = await app.db.prisma.assessment.count();
    const peer = await as("peerMember", RECORD, {
      input: { groupId: fx.peerGroupGid, title: "Quiz", standard: "RL.4.1", administeredOn: "2025-10-01", results: rows({ MEETS: 1 }) },
    });
    expect(peer.data!.recordAssessment).toMatchObject({ __typename: "RuleViolationError", code: "RULE_VIOLATION" });
    expect((await record("coach", rows({ MEETS: 1 }))).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(failed((await record("otherTeacher", rows({ MEETS: 1 }))).data?.recordAssessment).code).toBe("NOT_FOUND");
    expect(await app.db.prisma.assessment.count()).toBe(before);
  });

  it("members page through rows; leaders get FORBIDDEN on rows but keep the summary", async () => {
    const member = asNode((await as("plcMember", RESULTS, { id: nine, p: "BELOW" })).data!.node, "Assessment")!;
    expect(member.results!.totalCount).toBe(3);
    expect(member.results!.edges.map((e) => e.node.studentRef)).toEqual(["S-7", "S-8"]);
    const coach = await as("coach", RESULTS, { id: nine });
    expect(coach.errors?.map((e) => [e.extensions?.code, e.path?.join(".")])).toEqual([["FORBIDDEN", "node.results"]]);
    expect(coach.data!.node).toEqual({ title: "Fractions check", summary: { count: null }, results: null });
  });

  it("lists a PLC's assessments by standard, and summarises each standard", async () => {
    await record("plcMember", rows({ MEETS: 4 }), { standard: "4.NF.A.1", administeredOn: "2025-11-02", title: "Fractions retake" });
    const list = async (actor: ActorKey, id: string, s?: string) => asNode((await as(actor, GROUP_ASSESSMENTS, { id, s })).data!.node, "Group")!.assessments;
    expect((await list("coach", fx.plcGroupGid)).totalCount).toBe(4);
    expect((await list("plcMember", fx.plcGroupGid, "4.NF.A.1")).edges.map((e) => e.node.title)).toEqual(["Fractions retake", "Fractions check"]);
    expect((await list("peerMember", fx.peerGroupGid)).totalCount).toBe(0);

    const member = await as("plcMember", BY_STANDARD, { id: fx.plcGroupGid });
    const first = member.data!.assessmentSummaryByStandard[0]!;
    expect(member.data!.assessmentSummaryByStandard.map((s) => s.standard)).toEqual(["4.NF.A.1", "4.NF.A.2", "4.NF.B.3"]);
    expect(first).toMatchObject({ assessmentCount: 2, latestAdministeredOn: "2025-11-02", summary: { count: 13, suppressed: false } });
    expect(cells(first.summary)).toEqual({ BELOW: 3, APPROACHING: 0, MEETS: 10, EXCEEDS: 0 });
    const coach = await as("coach", BY_STANDARD, { id: fx.plcGroupGid });
    const pooled = coach.data!.assessmentSummaryByStandard[0]!;
    expect(pooled.summary).toMatchObject({ count: 13, suppressed: false });
    expect(pooled.summary.meanScore).toBeCloseTo((10 * 80 + 3 * 40) / 13, 2);
    expect(cells(pooled.summary)).toEqual({ BELOW: null, APPROACHING: null, MEETS: 10, EXCEEDS: null });
    expect((await as("peerMember", BY_STANDARD, { id: fx.plcGroupGid })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("cost", () => {
  const NESTED = graphql(`
    query AssessmentsInsightsNested($id: ID!, $s: ID!) {
      node(id: $id) {
        ... on Group {
          assessments(first: 50) {
            totalCount
            edges {
              node {
                title
                summary {
                  count
                  byProficiency {
                    count
                  }
                }
                results(first: 50) {
                  totalCount
                  edges {
                    node {
                      studentRef
                    }
                  }
                }
              }
            }
          }
        }
      }
      insights(schoolId: $s, first: 50) {
        totalCount
        edges {
          node {
            title
            author {
              name
            }
            group {
              name
            }
          }
        }
      }
    }
  `);

  async function statements() {
    let count = 0;
    const stop = app.db.onQuery(() => void count++);
    const res = await as("plcMember", NESTED, { id: fx.plcGroupGid, s: fx.schoolGid });
    stop();
    expect(res.errors).toBeUndefined();
    return { count, assessments: asNode(res.data!.node, "Group")!.assessments.totalCount, insights: res.data!.insights.totalCount };
  }

  it("a nested read of assessments, rows, summaries and insights costs a fixed number of statements", async () => {
    const before = await statements();
    for (let i = 0; i < 3; i++) {
      await record("plcMember", rows({ MEETS: 3 + i, BELOW: 2 }), { standard: `COST.${i}`, title: `Cost ${i}` });
      await as("plcFacilitator", SHARE, { input: { groupId: fx.plcGroupGid, title: `Cost insight ${i}`, body: "b", themes: ["cost"] } });
    }
    const after = await statements();
    expect([after.assessments - before.assessments, after.insights - before.insights]).toEqual([3, 3]);
    expect(after.count).toBe(before.count);
  });
});
