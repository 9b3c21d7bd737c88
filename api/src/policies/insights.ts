// Insights are what a group chooses to share. Its own members see everything; the school's
// coaches and admins see the insight, rolled up by theme, and never who wrote it or which group.
import { holdsScope, knownGroup, leadsSchool, type Actor } from "./actor.ts";
import { groupIdsWhere } from "./groups.ts";

export type InsightFacts = { schoolId: string; groupId: string };

export type InsightView = "none" | "anonymous" | "full";

const NOTHING = { id: { in: [] as string[] } };

export function insightView(actor: Actor, insight: InsightFacts): InsightView {
  if (!holdsScope(actor, "INSIGHTS_READ")) return "none";
  if (knownGroup(actor, insight.groupId)?.membership) return "full";
  return leadsSchool(actor, insight.schoolId) ? "anonymous" : "none";
}

/** Sharing needs read as well as write: the caller gets the shared insight back. */
export function canShareInsight(actor: Actor, groupId: string): boolean {
  const group = knownGroup(actor, groupId);
  return !!group?.membership && !group.archived && holdsScope(actor, "INSIGHTS_WRITE") && holdsScope(actor, "INSIGHTS_READ");
}

export function readableInsightsWhere(actor: Actor) {
  if (actor.kind !== "user" || !holdsScope(actor, "INSIGHTS_READ")) return NOTHING;
  const led = [...actor.schools].filter(([, role]) => role !== "TEACHER").map(([id]) => id);
  return { OR: [{ groupId: { in: groupIdsWhere(actor, (_a, g) => g.membership !== null) } }, { schoolId: { in: led } }] };
}

/**
 * Insights listed under a group name the group, so only its members get them there; leaders
 * read the same insights anonymously through the school-wide list and the theme rollup.
 */
export function groupInsightsWhere(actor: Actor) {
  if (actor.kind !== "user" || !holdsScope(actor, "INSIGHTS_READ")) return NOTHING;
  return { groupId: { in: groupIdsWhere(actor, (_a, g) => g.membership !== null) } };
}

/**
 * Leaders read a school's insights with their time coarsened to the day. The rule covers
 * everything they can ask with a time in it, not only the field: a filter, an ordering, a
 * cursor or a count that used the exact time would let them binary-search the second an
 * insight was shared and match it to a group's meeting.
 */
export function insightTimeIsCoarse(actor: Actor, schoolId: string): boolean {
  return leadsSchool(actor, schoolId);
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** A `since` filter as the actor may use it: a leader's is taken from the start of its day. */
export function insightSinceFor(actor: Actor, schoolId: string, since: Date | null | undefined): Date | null {
  if (!since) return null;
  return insightTimeIsCoarse(actor, schoolId) ? startOfUtcDay(since) : since;
}
