// What leadership can infer rather than read. Coaches and admins see an insight's sharedAt as a
// day; whatever else they can ask with a time in it (the `since` filter, the order of a list, its
// cursors, its counts, the theme rollup's order and dates) must then tell them no more than the
// day either. The test builds two worlds that differ only in which of two insights was shared a
// second later, and checks that everything a leader can observe is the same in both, while the
// group's own members still see the exact times.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql, type ResultOf } from "../support/graphql.ts";
import type { TypedDocument } from "../support/graphql-http.ts";
import { buildSchoolFixture, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";

let app: TestApp;
let fx: SchoolFixture;
const insight = {} as Record<"early" | "late", string>;

const DAY = "2026-03-10";
const FIRST = new Date(`${DAY}T09:00:01.000Z`);
const SECOND = new Date(`${DAY}T09:00:02.000Z`);

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "inference");
  const create = (title: string, theme: string, sharedAt: Date) =>
    app.make.insight({ schoolId: fx.schoolId, groupId: fx.peerGroupId, authorId: fx.people.peerMember.id, title, body: "b", themes: [theme], sharedAt });
  insight.early = (await create("Alpha insight", "alpha", FIRST)).id;
  insight.late = (await create("Beta insight", "beta", SECOND)).id;
  // Another day's insight, so day boundaries are exercised too.
  await create("Earlier day", "alpha", new Date("2026-03-09T23:59:59.999Z"));
});
afterAll(() => app?.close());

const as = <R, V>(actor: ActorKey, query: TypedDocument<R, V>, variables: V) => app.gql(query, variables, fx.people[actor].token);

/** Puts the two insights' times the other way round: the second world. */
async function swapTimes() {
  const [a, b] = await Promise.all([insight.early, insight.late].map((id) => app.db.prisma.insight.findUniqueOrThrow({ where: { id } })));
  await app.db.prisma.insight.update({ where: { id: a!.id }, data: { sharedAt: b!.sharedAt } });
  await app.db.prisma.insight.update({ where: { id: b!.id }, data: { sharedAt: a!.sharedAt } });
}

const SINCE_VALUES = [
  null,
  "2026-03-09T23:59:59.999Z",
  `${DAY}T00:00:00.000Z`,
  `${DAY}T09:00:00.000Z`,
  `${DAY}T09:00:01.000Z`,
  `${DAY}T09:00:01.500Z`,
  `${DAY}T09:00:02.000Z`,
  `${DAY}T09:00:02.001Z`,
  `${DAY}T23:59:59.999Z`,
  "2026-03-11T00:00:00.000Z",
];

const LIST = graphql(`
  query TrustInsightsSince($s: ID!, $since: DateTime, $first: Int, $after: String, $last: Int, $before: String) {
    insights(schoolId: $s, since: $since, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          title
          sharedAt
        }
      }
    }
  }
`);
const THEMES = graphql(`
  query TrustInsightThemesSince($s: ID!, $since: DateTime) {
    insightThemes(schoolId: $s, since: $since) {
      theme
      count
      latestSharedAt
    }
  }
`);

/** Everything an actor can observe through every `since` value, whole lists and pages both ways. */
async function observe(actor: ActorKey) {
  const seen: unknown[] = [];
  for (const since of SINCE_VALUES) {
    const whole = await as(actor, LIST, { s: fx.schoolGid, since });
    expect(whole.errors).toBeUndefined();
    seen.push({ since, whole: whole.data!.insights, themes: (await as(actor, THEMES, { s: fx.schoolGid, since })).data!.insightThemes });
    // Walk the list one row at a time forwards and backwards: cursors and page flags as well.
    const pages: unknown[] = [];
    let after: string | null = null;
    for (let i = 0; i < 4; i++) {
      const page: ResultOf<typeof LIST>["insights"] = (await as(actor, LIST, { s: fx.schoolGid, since, first: 1, after })).data!.insights;
      pages.push(page);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    let before: string | null = null;
    for (let i = 0; i < 4; i++) {
      const page: ResultOf<typeof LIST>["insights"] = (await as(actor, LIST, { s: fx.schoolGid, since, last: 1, before })).data!.insights;
      pages.push(page);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    seen.push(pages);
  }
  return seen;
}

describe("coarsened insight times stay coarse in every filter, order, cursor and count", () => {
  it("insight ids are random (version 4) UUIDs, so ordering by id within a day says nothing about time", async () => {
    for (const id of Object.values(insight)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each(["coach", "admin"] as const)("a %s cannot tell which of two insights of the same day was shared first", async (leader) => {
    const before = await observe(leader);
    await swapTimes();
    try {
      const after = await observe(leader);
      expect(after).toEqual(before);
    } finally {
      await swapTimes();
    }
    // And what they observe is the day: a since inside the day counts the whole day.
    const within = await as(leader, LIST, { s: fx.schoolGid, since: `${DAY}T09:00:02.000Z` });
    expect(within.data!.insights.totalCount).toBe(2);
    expect(within.data!.insights.edges.map((e) => e.node.sharedAt)).toEqual([`${DAY}T00:00:00.000Z`, `${DAY}T00:00:00.000Z`]);
    const themes = (await as(leader, THEMES, { s: fx.schoolGid, since: `${DAY}T09:00:02.000Z` })).data!.insightThemes;
    expect(themes).toEqual([
      { theme: "alpha", count: 1, latestSharedAt: `${DAY}T00:00:00.000Z` },
      { theme: "beta", count: 1, latestSharedAt: `${DAY}T00:00:00.000Z` },
    ]);
  });

  it("the group's own members still filter, order and roll up by the exact time", async () => {
    const member = await as("peerMember2", LIST, { s: fx.schoolGid, since: `${DAY}T09:00:02.000Z` });
    expect(member.data!.insights.totalCount).toBe(1);
    expect(member.data!.insights.edges.map((e) => [e.node.title, e.node.sharedAt])).toEqual([["Beta insight", SECOND.toISOString()]]);
    const all = await as("peerMember2", LIST, { s: fx.schoolGid });
    expect(all.data!.insights.edges.map((e) => e.node.title)).toEqual(["Beta insight", "Alpha insight", "Earlier day"]);
    const themes = (await as("peerMember2", THEMES, { s: fx.schoolGid, since: `${DAY}T00:00:00.000Z` })).data!.insightThemes;
    expect(themes).toEqual([
      { theme: "beta", count: 1, latestSharedAt: SECOND.toISOString() },
      { theme: "alpha", count: 1, latestSharedAt: FIRST.toISOString() },
    ]);
    // The members' world does change when the times do: the leaders' sameness above is not for lack of data.
    await swapTimes();
    try {
      const swapped = await as("peerMember2", LIST, { s: fx.schoolGid });
      expect(swapped.data!.insights.edges.map((e) => e.node.title)).toEqual(["Alpha insight", "Beta insight", "Earlier day"]);
    } finally {
      await swapTimes();
    }
  });

  it("a leader's pages follow day, then id, and cover every row once in both directions", async () => {
    const whole = (await as("coach", LIST, { s: fx.schoolGid })).data!.insights;
    const ids = whole.edges.map((e) => e.node.id);
    const sameDay = [insight.early, insight.late]
      .sort()
      .reverse()
      .map((id) => Buffer.from(`Insight:${id}`).toString("base64"));
    expect(ids.slice(0, 2)).toEqual(sameDay);
    const forward = (await as("coach", LIST, { s: fx.schoolGid, first: 2 })).data!.insights;
    const rest = (await as("coach", LIST, { s: fx.schoolGid, first: 2, after: forward.pageInfo.endCursor })).data!.insights;
    expect([...forward.edges, ...rest.edges].map((e) => e.node.id)).toEqual(ids);
    expect([forward.pageInfo.hasNextPage, rest.pageInfo.hasNextPage, rest.pageInfo.hasPreviousPage]).toEqual([true, false, true]);
    const back = (await as("coach", LIST, { s: fx.schoolGid, last: 2, before: rest.edges[0]!.cursor })).data!.insights;
    expect(back.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(back.pageInfo.hasPreviousPage).toBe(false);
  });
});
