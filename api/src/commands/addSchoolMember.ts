// Add an existing account to a school by email, with a role. Admins only.
import { ConflictError, forbidden, NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { SchoolRole } from "../generated/prisma/enums.ts";
import { canManageSchoolMembers } from "../policies/schools.ts";
import { normaliseEmail } from "./signIn.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function addSchoolMember(
  caller: Caller,
  input: { schoolId: string; email: string; role: SchoolRole },
  selection: Selection<Prisma.SchoolMemberSelect, Prisma.SchoolMemberInclude> = {},
) {
  const schoolId = input.schoolId;
  if (!canManageSchoolMembers(caller.actor, schoolId)) throw forbidden();
  const user = await caller.prisma.user.findUnique({ where: { email: normaliseEmail(input.email) } });
  if (!user) throw new NotFoundError(`An account with the email ${input.email.trim()}`);
  const existing = await caller.prisma.schoolMember.findUnique({ where: { schoolId_userId: { schoolId, userId: user.id } } });
  if (existing?.deactivatedAt) throw new ConflictError(`${user.name} is a deactivated member of this school: reactivate them instead.`);
  if (existing) throw new ConflictError(`${user.name} is already a member of this school.`);
  return caller.prisma.schoolMember.create({ ...selection, data: { schoolId, userId: user.id, role: input.role } });
}
