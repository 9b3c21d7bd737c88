// Turn a school's single sign-on off: its settings stay (configureSingleSignOn with enabled turns
// it back on), and from now on no trip to the provider starts or finishes. Sessions already
// started this way stay, like password sign-ins (removing a member ends theirs).
import { forbidden, NotFoundError } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { canManageSingleSignOn } from "../policies/single-sign-on.ts";
import type { Caller, Selection } from "./run-command.ts";

export async function disableSingleSignOn(
  caller: Caller,
  input: { schoolId: string },
  selection: Selection<Prisma.SchoolSignOnProviderSelect, Prisma.SchoolSignOnProviderInclude> = {},
) {
  if (!canManageSingleSignOn(caller.actor, input.schoolId)) throw forbidden();
  const existing = await caller.prisma.schoolSignOnProvider.findUnique({ where: { schoolId: input.schoolId } });
  if (!existing) throw new NotFoundError("Single sign-on for this school");
  return caller.prisma.schoolSignOnProvider.update({ ...selection, where: { id: existing.id }, data: { enabled: false } });
}
