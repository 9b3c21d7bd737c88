// People for tests that start from an empty database: a school and its staff, each with a
// password they can sign in with through the real sign-in page.
import { hashPassword } from "@staffroom/api/testing";
import type { PrismaClient } from "@staffroom/api/prisma";
import { signIn, type BrowserSuite, type UserPage } from "./browser.ts";

export const STAFF_PASSWORD = "a long staff passphrase";

export type StaffMember = { id: string; email: string; name: string };

/** Creates a school and its staff (name → role); everyone's password is STAFF_PASSWORD. */
export async function createSchoolWithStaff<Name extends string>(
  prisma: PrismaClient,
  schoolName: string,
  staff: Record<Name, "TEACHER" | "COACH" | "ADMIN">,
): Promise<{ schoolId: string; people: Record<Name, StaffMember> }> {
  const slug = `${schoolName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Math.random().toString(36).slice(2, 6)}`;
  const school = await prisma.school.create({ data: { name: schoolName, slug } });
  const passwordHash = await hashPassword(STAFF_PASSWORD);
  const people = {} as Record<Name, StaffMember>;
  for (const [name, role] of Object.entries(staff) as [Name, "TEACHER" | "COACH" | "ADMIN"][]) {
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@${slug}.test`;
    const user = await prisma.user.create({
      data: { email, name, passwordHash, schoolMemberships: { create: { schoolId: school.id, role } } },
    });
    people[name] = { id: user.id, email, name };
  }
  return { schoolId: school.id, people };
}

/** A browser context of this person's, signed in through the real sign-in page. */
export async function signedInAs(suite: BrowserSuite, person: StaffMember, viewport?: { width: number; height: number }): Promise<UserPage> {
  const user = await suite.newUser(person.name, viewport ? { viewport } : {});
  await signIn(user.page, person.email, STAFF_PASSWORD);
  return user;
}
