// The demo school that `npm start` shows on an empty database. Its full content is built in
// db/demo/; this module decides whether to seed and reports the logins to print.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { DEMO_PASSWORD, DEMO_SCHOOL, DEMO_PEOPLE, seedDemoSchool } from "./demo/demo-school.ts";

export type DemoLogin = { email: string; name: string; role: string };
export type DemoSeedResult = { created: boolean; schoolName: string; password: string; logins: DemoLogin[] };

export async function seedDemoSchoolIfEmpty(prisma: PrismaClient): Promise<DemoSeedResult | null> {
  const schools = await prisma.school.count();
  const demoExists = (await prisma.school.count({ where: { slug: DEMO_SCHOOL.slug } })) > 0;
  if (schools > 0 && !demoExists) return null; // a real installation: never add demo data to it
  if (!demoExists) await seedDemoSchool(prisma);
  return {
    created: !demoExists,
    schoolName: DEMO_SCHOOL.name,
    password: DEMO_PASSWORD,
    logins: DEMO_PEOPLE.map((p) => ({ email: p.email, name: p.name, role: p.role })),
  };
}
