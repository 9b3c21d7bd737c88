// A new school with its first admin: the signed-in person starting it.
import { ConflictError } from "../domain/errors.ts";
import { slugFromName } from "../domain/schools.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { requireActingUser } from "../policies/actor.ts";
import type { Caller } from "./run-command.ts";

export type SchoolSettings = { name: string; timeZone: string; gradeLevels: string[]; subjects: string[] };

/**
 * Settings already validated and tidied (schema/schools.ts). `slug` is the school's address,
 * normalised (trimmed, lower case); without one, the school gets a free one made from its name.
 */
export async function createSchool(caller: Caller, input: SchoolSettings & { slug?: string | null }) {
  const adminId = requireActingUser(caller.actor);
  let slug = input.slug ?? null;
  if (slug && (await caller.prisma.school.findUnique({ where: { slug } }))) {
    throw new ConflictError(`The address "${slug}" is taken by another school.`);
  }
  slug ??= await freeSlug(caller.prisma, slugFromName(input.name));
  try {
    // One statement tree: the school and its first admin are written together.
    return await caller.prisma.school.create({
      data: { ...input, slug, members: { create: { userId: adminId, role: "ADMIN" } } },
    });
  } catch (error) {
    // Another school took the address between the check and the write.
    if ((error as { code?: unknown }).code === "P2002") throw new ConflictError(`The address "${slug}" is taken by another school. Try again.`);
    throw error;
  }
}

/** `base`, or `base-2`, `base-3`… : the first address no school has. */
async function freeSlug(prisma: PrismaClient, base: string): Promise<string> {
  const taken = new Set((await prisma.school.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((s) => s.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}
