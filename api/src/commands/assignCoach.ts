// Pair a coach (a COACH or ADMIN of the school) with a teacher: coaches and admins only.
import { ConflictError, forbidden, ValidationError, type FieldIssue } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { SupportTier } from "../generated/prisma/enums.ts";
import { assertInSchool, canManageAssignments } from "../policies/coaching.ts";
import type { Caller, Selection } from "./run-command.ts";

export type AssignCoach = { schoolId: string; coachId: string; teacherId: string; tier?: SupportTier | null; focus?: string | null };

export async function assignCoach(
  caller: Caller,
  input: AssignCoach,
  selection: Selection<Prisma.CoachingAssignmentSelect, Prisma.CoachingAssignmentInclude> = {},
) {
  const { schoolId, coachId, teacherId } = input;
  assertInSchool(caller.actor, schoolId);
  if (!canManageAssignments(caller.actor, schoolId)) throw forbidden("Only the school's coaches and admins assign coaches.");
  await assertCanCoach(caller.prisma, { schoolId, coachId, teacherId });
  const existing = await caller.prisma.coachingAssignment.findUnique({ where: { schoolId_teacherId_coachId: { schoolId, teacherId, coachId } } });
  if (existing) throw new ConflictError(ALREADY_ASSIGNED);
  try {
    return await caller.prisma.coachingAssignment.create({
      ...selection,
      data: { schoolId, coachId, teacherId, tier: input.tier ?? "NETWORK", focus: input.focus?.trim() ?? "" },
    });
  } catch (error) {
    // Two admins assigning the same pair at once: the unique index decides, the loser hears why.
    if (isUniqueViolation(error)) throw new ConflictError(ALREADY_ASSIGNED);
    throw error;
  }
}

export const ALREADY_ASSIGNED = "That coach is already assigned to that teacher.";

/** The pairing rule: the coach is a coach or admin of the school, the teacher is on its (active) staff, and they are two people. */
export async function assertCanCoach(
  prisma: Pick<Prisma.TransactionClient, "schoolMember">,
  { schoolId, coachId, teacherId }: { schoolId: string; coachId: string; teacherId: string },
) {
  const staff = await prisma.schoolMember.findMany({ where: { schoolId, userId: { in: [coachId, teacherId] }, deactivatedAt: null } });
  const roleOf = (userId: string) => staff.find((m) => m.userId === userId)?.role;
  const issues: FieldIssue[] = [];
  const coachRole = roleOf(coachId);
  if (coachRole !== "COACH" && coachRole !== "ADMIN") issues.push({ path: "input.coachId", message: "The coach must be a coach or admin of the school." });
  if (!roleOf(teacherId)) issues.push({ path: "input.teacherId", message: "The teacher must be on the school's staff." });
  if (coachId === teacherId) issues.push({ path: "input.teacherId", message: "A coach cannot be assigned to themselves." });
  if (issues.length) throw new ValidationError(issues);
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
