// Give a school member another role. Admins only; the last admin stays one.
import { forbidden } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { SchoolRole } from "../generated/prisma/enums.ts";
import { assertAnotherAdmin, canManageSchoolMembers, loadSchoolMember } from "../policies/schools.ts";
import type { Caller, Selection } from "./run-command.ts";

/** Returns once the member's live connections were re-checked: a smaller role binds at once. */
export async function changeSchoolMemberRole(
  caller: Caller,
  input: { memberId: string; role: SchoolRole },
  selection: Selection<Prisma.SchoolMemberSelect, Prisma.SchoolMemberInclude> = {},
) {
  const member = await loadSchoolMember(caller, input.memberId);
  if (!canManageSchoolMembers(caller.actor, member.schoolId)) throw forbidden();
  if (member.role === "ADMIN" && input.role !== "ADMIN") await assertAnotherAdmin(caller.prisma, member.schoolId, member.id);
  const updated = await caller.prisma.schoolMember.update({ ...selection, where: { id: member.id }, data: { role: input.role } });
  await caller.services.events.accessChanged({ userIds: [member.userId] });
  return updated;
}
