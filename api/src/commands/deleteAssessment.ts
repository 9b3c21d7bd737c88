// Delete an assessment with its results (a wrong upload): the PLC's facilitators only.
import { forbidden, NotFoundError, RuleViolationError } from "../domain/errors.ts";
import { knownGroup } from "../policies/actor.ts";
import { assessmentAccess } from "../policies/assessments.ts";
import { runCommand, type Caller } from "./run-command.ts";

export async function deleteAssessment(caller: Caller, assessmentId: string): Promise<void> {
  const assessment = await caller.prisma.assessment.findUnique({ where: { id: assessmentId }, select: { id: true, groupId: true } });
  const access = assessment ? assessmentAccess(caller.actor, assessment.groupId) : null;
  // One that does not exist and one the caller may not see look the same.
  if (!assessment || !access?.metadata) throw new NotFoundError("That assessment");
  if (access.rows && knownGroup(caller.actor, assessment.groupId)?.archived) throw new RuleViolationError("This group is archived.", "ARCHIVED");
  if (!access.manage) throw forbidden("Only the PLC's facilitators can delete its assessments.");
  // Its results go with it (ON DELETE CASCADE).
  await runCommand(caller, ({ tx }) => tx.assessment.delete({ where: { id: assessment.id } }));
}
