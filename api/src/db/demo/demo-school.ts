// Demo data: Maple Grove Elementary, the school `npm start` shows on an empty database.
// One transaction, a handful of createMany statements, so the first start on PGlite stays quick.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { hashPassword } from "../../auth/secrets.ts";
import { seedCoaching } from "./coaching.ts";
import { seedDocuments } from "./documents.ts";
import { seedGoalsAndActions } from "./goals.ts";
import { seedGroups } from "./groups.ts";
import { seedMeetings } from "./meetings.ts";
import { demoClock, newId, type SeedContext } from "./seed-context.ts";

export const DEMO_PASSWORD = "staffroom-demo";
export const DEMO_SCHOOL = { name: "Maple Grove Elementary", slug: "maple-grove" };

type DemoPerson = { key: string; email: string; name: string; role: "TEACHER" | "COACH" | "ADMIN" };
export const DEMO_PEOPLE: DemoPerson[] = [
  { key: "priya", email: "principal@demo.test", name: "Priya Natarajan", role: "ADMIN" },
  { key: "dana", email: "coach.rivera@demo.test", name: "Dana Rivera", role: "COACH" },
  { key: "emeka", email: "coach.okafor@demo.test", name: "Emeka Okafor", role: "COACH" },
  { key: "ana", email: "ana@demo.test", name: "Ana Lopez", role: "TEACHER" },
  { key: "ben", email: "ben@demo.test", name: "Ben Carter", role: "TEACHER" },
  { key: "chloe", email: "chloe@demo.test", name: "Chloe Nguyen", role: "TEACHER" },
  { key: "david", email: "david@demo.test", name: "David Kim", role: "TEACHER" },
  { key: "elena", email: "elena@demo.test", name: "Elena Petrova", role: "TEACHER" },
  { key: "farah", email: "farah@demo.test", name: "Farah Haddad", role: "TEACHER" },
  { key: "gabe", email: "gabe@demo.test", name: "Gabe Thompson", role: "TEACHER" },
  { key: "hana", email: "hana@demo.test", name: "Hana Sato", role: "TEACHER" },
];

export async function seedDemoSchool(prisma: PrismaClient): Promise<void> {
  // Hashing is deliberately slow: once for everyone, outside the transaction.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const clock = demoClock();
  await prisma.$transaction(
    async (tx) => {
      const schoolId = newId();
      const people = Object.fromEntries(DEMO_PEOPLE.map((p) => [p.key, newId()]));
      const joined = clock.at(-120, 8);
      await tx.school.create({ data: { id: schoolId, ...DEMO_SCHOOL, createdAt: joined } });
      await tx.user.createMany({
        data: DEMO_PEOPLE.map((p) => ({ id: people[p.key]!, email: p.email, name: p.name, passwordHash, createdAt: joined })),
      });
      await tx.schoolMember.createMany({
        data: DEMO_PEOPLE.map((p) => ({ schoolId, userId: people[p.key]!, role: p.role, createdAt: joined })),
      });

      const ctx: SeedContext = { tx, schoolId, people, clock, activity: [] };
      const groups = await seedGroups(ctx);
      const sessions = await seedMeetings(ctx, groups);
      const documents = await seedDocuments(ctx, groups, sessions);
      await seedGoalsAndActions(ctx, groups, documents);
      await seedCoaching(ctx, groups);

      await tx.activityEvent.createMany({
        data: ctx.activity.map((event) => ({
          schoolId,
          groupId: event.groupId ?? null,
          actorId: event.actorId,
          type: event.type,
          subjectId: event.subjectId ?? null,
          payload: event.payload ?? {},
          createdAt: event.at,
        })),
      });
    },
    // PGlite on a cold data folder is slower than a warm PostgreSQL; don't let the default 5 s trip it.
    { maxWait: 30_000, timeout: 120_000 },
  );
}
