// Insights: what a peer group or PLC chooses to share with the school's coaches. The group's
// members see who wrote it; coaches and admins read it anonymously (no author, no group) and
// see the school's insights rolled up by theme for professional-development planning.
import { z } from "zod";
import type { Context } from "../context.ts";
import { shareInsight } from "../commands/shareInsight.ts";
import { normaliseTheme } from "../domain/insights.ts";
import { holdsScope } from "../policies/actor.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { groupInsightsWhere, insightSinceFor, insightTimeIsCoarse, insightView, readableInsightsWhere, startOfUtcDay } from "../policies/insights.ts";
import { builder } from "./builder.ts";
import { COMMON_ERRORS } from "./error-types.ts";
import { forbidden } from "../domain/errors.ts";
import { GroupRef } from "./groups.ts";
import { SchoolRef } from "./schools.ts";

const MAX_THEMES = 8;
const SINCE_DESCRIPTION = "Only insights shared at or after this time. Coaches and admins see days, so theirs counts from the start of its day (UTC).";

/** Themes are compared as trimmed, lower-case text with single spaces, so "Wait Time " and "wait  time" roll up together. */

const fullViewOnly = (insight: { schoolId: string; groupId: string }, _args: object, ctx: Context) => insightView(ctx.actor, insight) === "full";

export const InsightRef = builder.prismaNode("Insight", {
  id: { field: "id" },
  nullable: true,
  description: "Something a group chose to share with the school's coaches. Coaches and admins never see who wrote it or which group it came from.",
  authScopes: (insight, ctx) => insightView(ctx.actor, insight) !== "none",
  fields: (t) => ({
    title: t.exposeString("title"),
    body: t.exposeString("body"),
    themes: t.exposeStringList("themes"),
    sharedAt: t.field({
      type: "DateTime",
      description: "When it was shared. Leaders get the day only (00:00 UTC), so the time cannot be matched to a group's meeting.",
      resolve: (insight, _a, ctx) => (insightView(ctx.actor, insight) === "full" ? insight.sharedAt : startOfUtcDay(insight.sharedAt)),
    }),
    anonymous: t.boolean({
      description: "True when you see this insight as a leader: its author and group are withheld.",
      resolve: (insight, _a, ctx) => insightView(ctx.actor, insight) !== "full",
    }),
    // Withheld (null, no error) for anyone outside the group: anonymity is the point, not a failure.
    group: t.relation("group", { nullable: true, authScopes: fullViewOnly, unauthorizedResolver: () => null }),
    author: t.relation("author", { nullable: true, authScopes: fullViewOnly, unauthorizedResolver: () => null }),
  }),
});

type ThemeCount = { theme: string; count: number; latestSharedAt: Date };

const InsightThemeCountRef = builder.objectRef<ThemeCount>("InsightThemeCount").implement({
  description: "How many shared insights carry a theme. Counts only: no authors, no groups.",
  fields: (t) => ({
    theme: t.exposeString("theme"),
    count: t.exposeInt("count"),
    latestSharedAt: t.expose("latestSharedAt", { type: "DateTime", description: "For coaches and admins, the day only (00:00 UTC)." }),
  }),
});

builder.prismaObjectFields("Group", (t) => ({
  insights: t.relatedConnection("insights", {
    cursor: "id",
    totalCount: true,
    description: "What the group has shared with coaches. Members only: leaders read insights anonymously through `insights`.",
    args: { theme: t.arg.string({ required: false }) },
    query: (args, ctx) => ({
      where: { AND: [groupInsightsWhere(ctx.actor), themeWhere(args.theme)] },
      orderBy: [{ sharedAt: "desc" }, { id: "desc" }],
    }),
  }),
}));

function themeWhere(theme: string | null | undefined) {
  return theme ? { themes: { has: normaliseTheme(theme) } } : {};
}

function schoolInsightsWhere(ctx: Context, schoolId: string, theme?: string | null, since?: Date | null): Prisma.InsightWhereInput {
  const from = insightSinceFor(ctx.actor, schoolId, since);
  return {
    AND: [readableInsightsWhere(ctx.actor), themeWhere(theme)],
    schoolId,
    ...(from ? { sharedAt: { gte: from } } : {}),
  };
}

type PageQuery = { include?: Prisma.InsightInclude; cursor?: Prisma.InsightWhereUniqueInput; take: number; skip: number };

/**
 * A page of a leader's insights, newest day first and then by id. Ids are random UUIDs, so the
 * order within a day says nothing about the time; and cursors are ids, never times. PostgreSQL
 * could order by the day only through an expression Prisma cannot express, so the page is cut
 * here from the matching ids (one narrow statement), with Prisma's cursor semantics, and its
 * rows are loaded in a second statement.
 */
async function insightPageByDay(ctx: Context, query: PageQuery, where: Prisma.InsightWhereInput) {
  const { cursor, skip, take, include } = query;
  const keys = await ctx.prisma.insight.findMany({ where, select: { id: true, sharedAt: true } });
  const ordered = keys
    .map((k) => ({ id: k.id, day: startOfUtcDay(k.sharedAt).getTime() }))
    .sort((a, b) => b.day - a.day || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((k) => k.id);
  const ids = cutPage(ordered, cursor?.id, skip, take);
  if (ids.length === 0) return [];
  const rows = await ctx.prisma.insight.findMany({ include, where: { id: { in: ids } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Prisma's cursor pagination over an ordered list: a negative `take` reads backwards from the cursor. */
function cutPage(ordered: string[], cursor: string | undefined, skip: number, take: number): string[] {
  const at = cursor === undefined ? null : ordered.indexOf(cursor);
  if (at === -1) return [];
  if (take >= 0) {
    const start = (at ?? 0) + skip;
    return ordered.slice(start, start + take);
  }
  const end = (at === null ? ordered.length : at + 1) - skip;
  return ordered.slice(Math.max(0, end + take), Math.max(0, end));
}

builder.queryFields((t) => ({
  insights: t.prismaConnection({
    type: InsightRef,
    cursor: "id",
    description:
      "Insights of a school you may read: your groups' (with authors), and for coaches and admins every group's, anonymously. Newest first; coaches and admins get newest day first and, within a day, an order that says nothing about the time.",
    authScopes: { signedIn: true },
    args: {
      schoolId: t.arg.globalID({ required: true, for: SchoolRef }),
      theme: t.arg.string({ required: false }),
      since: t.arg({ type: "DateTime", required: false, description: SINCE_DESCRIPTION }),
    },
    totalCount: (_p, args, ctx) => ctx.prisma.insight.count({ where: schoolInsightsWhere(ctx, args.schoolId.id, args.theme, args.since) }),
    resolve: (query, _p, args, ctx) => {
      const where = schoolInsightsWhere(ctx, args.schoolId.id, args.theme, args.since);
      // Leaders see days, so they get the day's order; everyone else the exact time's.
      if (insightTimeIsCoarse(ctx.actor, args.schoolId.id)) return insightPageByDay(ctx, query, where);
      return ctx.prisma.insight.findMany({ ...query, where, orderBy: [{ sharedAt: "desc" }, { id: "desc" }] });
    },
  }),
  insightThemes: t.field({
    type: [InsightThemeCountRef],
    description:
      "Themes of the insights you may read in a school, most frequent first. Coaches and admins get the whole school; a teacher gets their own groups' themes.",
    authScopes: { signedIn: true },
    args: {
      schoolId: t.arg.globalID({ required: true, for: SchoolRef }),
      since: t.arg({ type: "DateTime", required: false, description: SINCE_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.actor.kind !== "user" || !ctx.actor.schools.has(args.schoolId.id) || !holdsScope(ctx.actor, "INSIGHTS_READ")) throw forbidden();
      // One statement whatever the school's size; the themes are counted here, not per row in SQL.
      const rows = await ctx.prisma.insight.findMany({
        where: schoolInsightsWhere(ctx, args.schoolId.id, null, args.since),
        select: { themes: true, sharedAt: true },
      });
      // Leaders see the whole school: their dates are coarsened like an anonymous insight's,
      // before the rollup, so not even the order of two themes of the same day tells the times.
      if (!insightTimeIsCoarse(ctx.actor, args.schoolId.id)) return rollUpThemes(rows);
      return rollUpThemes(rows.map((row) => ({ themes: row.themes, sharedAt: startOfUtcDay(row.sharedAt) })));
    },
  }),
}));

export function rollUpThemes(rows: { themes: string[]; sharedAt: Date }[]): ThemeCount[] {
  const byTheme = new Map<string, ThemeCount>();
  for (const row of rows) {
    for (const theme of new Set(row.themes)) {
      const entry = byTheme.get(theme);
      if (!entry) byTheme.set(theme, { theme, count: 1, latestSharedAt: row.sharedAt });
      else {
        entry.count += 1;
        if (row.sharedAt > entry.latestSharedAt) entry.latestSharedAt = row.sharedAt;
      }
    }
  }
  return [...byTheme.values()].sort((a, b) => b.count - a.count || b.latestSharedAt.getTime() - a.latestSharedAt.getTime() || a.theme.localeCompare(b.theme));
}

const themeText = z.string().transform(normaliseTheme).pipe(z.string().min(2, "must be at least 2 characters").max(40, "must be at most 40 characters"));

const ShareInsightInput = builder.inputType("ShareInsightInput", {
  fields: (f) => ({
    groupId: f.globalID({ required: true, for: GroupRef }),
    title: f.string({ required: true }),
    body: f.string({ required: true }),
    themes: f.stringList({ required: true, description: `1–${MAX_THEMES} themes, 2–40 characters each; stored trimmed and lower-case.` }),
  }),
  validate: z.object({
    groupId: z.unknown(),
    title: z.string().trim().min(2, "must be at least 2 characters").max(160, "must be at most 160 characters"),
    body: z.string().trim().min(1, "must not be empty").max(10_000, "must be at most 10000 characters"),
    // Counted in a refinement rather than .min/.max, which would stop zod before it reports
    // the bad themes themselves.
    themes: z.array(themeText).superRefine((themes, issue) => {
      if (themes.length === 0) issue.addIssue({ code: "custom", message: "needs at least one theme" });
      if (themes.length > MAX_THEMES) issue.addIssue({ code: "custom", message: `takes at most ${MAX_THEMES} themes` });
    }),
  }),
});

builder.mutationFields((t) => ({
  shareInsight: t.prismaField({
    type: InsightRef,
    description: "Share an insight from your group with the school's coaches. They will see it without your name or the group's.",
    errors: { types: COMMON_ERRORS },
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: ShareInsightInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => shareInsight(ctx, { ...input, groupId: input.groupId.id }, query),
  }),
}));
