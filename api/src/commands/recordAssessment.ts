// Record a PLC assessment and all its results at once: members of the PLC only.
import { forbidden, NotFoundError, RuleViolationError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AssessmentKind, Proficiency } from "../generated/prisma/enums.ts";
import { knownGroup, requireActingUser } from "../policies/actor.ts";
import { assessmentAccess } from "../policies/assessments.ts";
import { runCommand, type Caller, type Selection } from "./run-command.ts";

export type RecordAssessment = {
  groupId: string;
  title: string;
  standard: string;
  administeredOn: Date;
  kind: AssessmentKind;
  /** The class of the results that name none; the recording member's name when null. */
  classLabel: string | null;
  /** studentRef: a pseudonymous student code, never a name. */
  results: { studentRef: string; score: number; proficiency: Proficiency; classLabel: string | null }[];
};

export async function recordAssessment(caller: Caller, input: RecordAssessment, selection: Selection<Prisma.AssessmentSelect, Prisma.AssessmentInclude> = {}) {
  const group = knownGroup(caller.actor, input.groupId);
  if (!group) throw new NotFoundError("That group");
  if (group.kind !== "PLC") throw new RuleViolationError("Assessment data belongs to PLCs; peer groups do not record it.");
  const access = assessmentAccess(caller.actor, group.id);
  if (access.rows && group.archived) throw new RuleViolationError("This group is archived.", "ARCHIVED");
  if (!access.write) throw forbidden("Only the PLC's members record its assessment data.");
  // The assessment and every row in one transaction: it is all recorded, or none of it.
  return runCommand(caller, async ({ tx }) => {
    // By default the results are the recording member's class, under their name.
    const byDefault =
      input.classLabel?.trim() || (await tx.user.findUniqueOrThrow({ where: { id: requireActingUser(caller.actor) }, select: { name: true } })).name;
    return tx.assessment.create({
      ...selection,
      data: {
        groupId: group.id,
        title: input.title.trim(),
        standard: input.standard.trim(),
        kind: input.kind,
        administeredOn: input.administeredOn,
        results: {
          createMany: {
            data: input.results.map((r) => ({
              studentRef: r.studentRef.trim(),
              score: r.score,
              proficiency: r.proficiency,
              classLabel: r.classLabel?.trim() || byDefault,
            })),
          },
        },
      },
    });
  });
}
