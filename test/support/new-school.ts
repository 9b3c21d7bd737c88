// A school that has just set itself up, for browser tests on an empty database: its staff with
// real passwords (so they sign in through the real sign-in page), and nothing else unless asked.
import { hashPassword } from "@staffroom/api/testing";
import type { PrismaClient } from "@staffroom/api/prisma";

export const STAFF_PASSWORD = "a long staff passphrase";

export type StaffMember = { id: string; name: string; email: string };

export async function createSchoolWithStaff<Key extends string>(
  prisma: PrismaClient,
  school: { name: string; slug: string },
  staff: Record<Key, { name: string; role: "TEACHER" | "COACH" | "ADMIN" }>,
): Promise<{ schoolId: string; people: Record<Key, StaffMember> }> {
  const created = await prisma.school.create({ data: school });
  const passwordHash = await hashPassword(STAFF_PASSWORD);
  const people = {} as Record<Key, StaffMember>;
  for (const [key, person] of Object.entries(staff) as [Key, { name: string; role: "TEACHER" | "COACH" | "ADMIN" }][]) {
    const email = `${key.toLowerCase()}@${school.slug}.test`;
    const user = await prisma.user.create({
      data: { email, name: person.name, passwordHash, schoolMemberships: { create: { schoolId: created.id, role: person.role } } },
    });
    people[key] = { id: user.id, name: user.name, email };
  }
  return { schoolId: created.id, people };
}
