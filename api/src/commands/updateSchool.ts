// Change a school's settings (name, time zone, grade levels, subjects). Admins only.
import { forbidden } from "../domain/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { canManageSchool, canReadSchool } from "../policies/schools.ts";
import { NotFoundError } from "../domain/errors.ts";
import type { SchoolSettings } from "./createSchool.ts";
import type { Caller, Selection } from "./run-command.ts";

/** Only the settings given change; they are validated and tidied already (schema/schools.ts). */
export async function updateSchool(
  caller: Caller,
  input: { schoolId: string } & Partial<SchoolSettings>,
  selection: Selection<Prisma.SchoolSelect, Prisma.SchoolInclude> = {},
) {
  const { schoolId, ...changes } = input;
  // Staff of the school know it exists and hear "not yours to change"; anyone else, "not found".
  if (!canReadSchool(caller.actor, schoolId)) throw new NotFoundError("That school");
  if (!canManageSchool(caller.actor, schoolId)) throw forbidden("Only the school's admins can change its settings.");
  return caller.prisma.school.update({ ...selection, where: { id: schoolId }, data: changes });
}
