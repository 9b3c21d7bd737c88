// Record a PLC assessment and all its results at once: members of the PLC only.
import { forbidden, NotFoundError, RuleViolationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Proficiency } from "../generated/prisma/enums.ts";
import { knownGroup } from "../policies/actor.ts";
import { assessmentAccess } from "../policies/assessments.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export type RecordAssessment = {
  groupId: string;
  title: string;
  standard: string;
  administeredOn: Date;
  /** studentRef: a pseudonymous student code, never a name. */
  results: { studentRef: string; score: number; proficiency: Proficiency }[];
};

export async function recordAssessment(caller: Caller, input: RecordAssessment, selection: Selection<Prisma.AssessmentSelect, Prisma.AssessmentInclude> = {}) {
  const group = knownGroup(caller.actor, input.groupId);
  if (!group) throw new NotFoundError("That group");
  if (group.kind !== "PLC") throw new RuleViolationError("Assessment data belongs to PLCs; peer groups do not record it.");
  const access = assessmentAccess(caller.actor, group.id);
  if (access.rows && group.archived) throw new RuleViolationError("This group is archived.", "ARCHIVED");
  if (!access.write) throw forbidden("Only the PLC's members record its assessment data.");
  // The assessment and every row in one transaction: it is all recorded, or none of it.
  return runCommand(caller, ({ tx }) =>
    tx.assessment.create({
      ...selection,
      data: {
        groupId: group.id,
        title: input.title.trim(),
        standard: input.standard.trim(),
        administeredOn: input.administeredOn,
        results: {
          createMany: { data: input.results.map((r) => ({ studentRef: r.studentRef.trim(), score: r.score, proficiency: r.proficiency })) },
        },
      },
    }),
  );
}
