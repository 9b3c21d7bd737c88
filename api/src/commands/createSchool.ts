// A new school with its first admin, in one transaction.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { ConflictError } from "../domain/errors.ts";

export async function createSchool(prisma: PrismaClient, input: { name: string; slug: string; adminId: string }) {
  if (await prisma.school.findUnique({ where: { slug: input.slug } })) {
    throw new ConflictError(`The address "${input.slug}" is taken by another school.`);
  }
  return prisma.school.create({
    data: { name: input.name, slug: input.slug, members: { create: { userId: input.adminId, role: "ADMIN" } } },
  });
}
