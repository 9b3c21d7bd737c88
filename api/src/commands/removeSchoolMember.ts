// Take someone off a school's staff. Admins only; the last admin stays.
import { forbidden } from "../domain/errors.ts";
import { assertAnotherAdmin, canManageSchoolMembers, loadSchoolMember } from "../policies/schools.ts";
import { runCommand, type Caller } from "./run-command.ts";

/** Returns once the person's live connections in the school were closed or narrowed. */
export async function removeSchoolMember(caller: Caller, memberId: string): Promise<void> {
  const member = await loadSchoolMember(caller, memberId);
  if (!canManageSchoolMembers(caller.actor, member.schoolId)) throw forbidden();
  if (member.role === "ADMIN") await assertAnotherAdmin(caller.prisma, member.schoolId, member.id);
  await runCommand(caller, async ({ tx, accessChanged }) => {
    // Leaving a school also ends the person's group memberships there.
    await tx.groupMember.deleteMany({ where: { userId: member.userId, group: { schoolId: member.schoolId } } });
    await tx.schoolMember.delete({ where: { id: member.id } });
    accessChanged({ userIds: [member.userId] });
  });
}
