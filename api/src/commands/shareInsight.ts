// Share an insight from your group with the school's coaches, who see it without your name or
// the group's; the group's own members hear of it.
import { forbidden, NotFoundError, RuleViolationError } from "../domain/errors.ts";
import { normaliseTheme } from "../domain/insights.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { holdsScope, knownGroup } from "../policies/actor.ts";
import { canShareInsight } from "../policies/insights.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export type ShareInsight = { groupId: string; title: string; body: string; themes: string[] };

export async function shareInsight(caller: Caller, input: ShareInsight, selection: Selection<Prisma.InsightSelect, Prisma.InsightInclude> = {}) {
  const actor = caller.actor;
  const group = knownGroup(actor, input.groupId);
  // A group the caller may not see (a token without GROUPS_READ) is "not found", like a missing one.
  if (actor.kind !== "user" || !group || !holdsScope(actor, "GROUPS_READ")) throw new NotFoundError("That group");
  if (!group.membership) throw forbidden("Only the group's members share its insights.");
  if (group.archived) throw new RuleViolationError("This group is archived.", "ARCHIVED");
  if (!canShareInsight(actor, group.id)) throw forbidden();
  const themes = [...new Set(input.themes.map(normaliseTheme))];
  return runCommand(caller, async ({ tx, record }) => {
    const insight = await tx.insight.create({
      ...selection,
      data: { schoolId: group.schoolId, groupId: group.id, authorId: actor.userId, title: input.title.trim(), body: input.body.trim(), themes },
    });
    await record({ schoolId: group.schoolId, groupId: group.id, actorId: actor.userId, type: "INSIGHT_SHARED", subjectId: insight.id });
    return insight;
  });
}
