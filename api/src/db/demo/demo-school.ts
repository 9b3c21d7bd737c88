// Demo data: Maple Grove Elementary. (Placeholder people only; the full school follows.)
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { hashPassword } from "../../auth/secrets.ts";

export const DEMO_PASSWORD = "staffroom-demo";
export const DEMO_SCHOOL = { name: "Maple Grove Elementary", slug: "maple-grove" };

type DemoPerson = { key: string; email: string; name: string; role: "TEACHER" | "COACH" | "ADMIN" };
export const DEMO_PEOPLE: DemoPerson[] = [
  { key: "admin", email: "principal@demo.test", name: "Priya Natarajan", role: "ADMIN" },
  { key: "coach1", email: "coach.rivera@demo.test", name: "Dana Rivera", role: "COACH" },
  { key: "coach2", email: "coach.okafor@demo.test", name: "Emeka Okafor", role: "COACH" },
  { key: "t1", email: "ana@demo.test", name: "Ana Lopez", role: "TEACHER" },
  { key: "t2", email: "ben@demo.test", name: "Ben Carter", role: "TEACHER" },
  { key: "t3", email: "chloe@demo.test", name: "Chloe Nguyen", role: "TEACHER" },
  { key: "t4", email: "david@demo.test", name: "David Kim", role: "TEACHER" },
  { key: "t5", email: "elena@demo.test", name: "Elena Petrova", role: "TEACHER" },
  { key: "t6", email: "farah@demo.test", name: "Farah Haddad", role: "TEACHER" },
  { key: "t7", email: "gabe@demo.test", name: "Gabe Thompson", role: "TEACHER" },
  { key: "t8", email: "hana@demo.test", name: "Hana Sato", role: "TEACHER" },
];

export async function seedDemoSchool(prisma: PrismaClient): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    const school = await tx.school.create({ data: DEMO_SCHOOL });
    for (const p of DEMO_PEOPLE) {
      await tx.user.create({
        data: { email: p.email, name: p.name, passwordHash, schoolMemberships: { create: { schoolId: school.id, role: p.role } } },
      });
    }
  });
}
