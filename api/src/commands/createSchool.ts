// A new school with its first admin: the signed-in person starting it.
import { ConflictError } from "../domain/errors.ts";
import { requireActingUser } from "../policies/actor.ts";
import type { Caller } from "./run-command.ts";

/** `slug` is the school's address, already normalised (trimmed, lower case). */
export async function createSchool(caller: Caller, input: { name: string; slug: string }) {
  const adminId = requireActingUser(caller.actor);
  if (await caller.prisma.school.findUnique({ where: { slug: input.slug } })) {
    throw new ConflictError(`The address "${input.slug}" is taken by another school.`);
  }
  // One statement tree: the school and its first admin are written together.
  return caller.prisma.school.create({
    data: { name: input.name, slug: input.slug, members: { create: { userId: adminId, role: "ADMIN" } } },
  });
}
