// Reactivate a deactivated school member: admins only. The membership comes back as it was (role,
// groups, coaching); the sessions and API tokens revoked at deactivation stay revoked: the person
// signs in again.
import { forbidden } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { canManageSchoolMembers, loadSchoolMember } from "../policies/schools.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function reactivateSchoolMember(
  caller: Caller,
  memberId: string,
  selection: Selection<Prisma.SchoolMemberSelect, Prisma.SchoolMemberInclude> = {},
) {
  const member = await loadSchoolMember(caller, memberId);
  if (!canManageSchoolMembers(caller.actor, member.schoolId)) throw forbidden("Only the school's admins can reactivate people.");
  return caller.prisma.schoolMember.update({ ...selection, where: { id: member.id }, data: { deactivatedAt: null } });
}
