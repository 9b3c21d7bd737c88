// The admin console's Coaching section, from an empty database: a new school's admin sees who has
// no support network and each coach's caseload, assigns a coach to a teacher (by keyboard),
// changes the tier and the coach, filters, and ends the pairing; the database agrees at each
// step. A teacher who opens the page is told who it is for. Desktop and 390 px phone.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createSchoolWithStaff, STAFF_PASSWORD, type StaffMember } from "../support/new-school.ts";
import { expectText, expectVisible, saveScreenshot, signIn, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite({ seedDemo: false });
const PHONE = { width: 390, height: 844 };

type Key = "rosa" | "malik" | "ana" | "ben" | "carla";
let school: { schoolId: string; people: Record<Key, StaffMember> } | undefined;

async function theSchool() {
  if (school) return school;
  const prisma = suite.app.db.prisma;
  school = await createSchoolWithStaff<Key>(
    prisma,
    { name: "Cedar Park Middle", slug: "cedar-park" },
    {
      rosa: { name: "Rosa Alvarez", role: "ADMIN" },
      malik: { name: "Malik Johnson", role: "COACH" },
      ana: { name: "Ana Ruiz", role: "TEACHER" },
      ben: { name: "Ben Osei", role: "TEACHER" },
      carla: { name: "Carla Diaz", role: "TEACHER" },
    },
  );
  const { schoolId, people } = school;
  // Ana and Ben meet as a peer group; Malik already coaches Ben. Carla has nobody.
  await prisma.group.create({
    data: { schoolId, kind: "PEER", name: "Tuesday Circle", members: { create: [{ userId: people.ana.id }, { userId: people.ben.id }] } },
  });
  await prisma.coachingAssignment.create({
    data: { schoolId, coachId: people.malik.id, teacherId: people.ben.id, tier: "INTENSIVE", focus: "Classroom routines" },
  });
  return school;
}

async function signedIn(person: StaffMember, viewport?: { width: number; height: number }) {
  const user = await suite.newUser(person.name, viewport ? { viewport } : {});
  await signIn(user.page, person.email, STAFF_PASSWORD);
  return user;
}

const teacherCard = (page: Page, name: string) =>
  page
    .getByRole("region", { name: "Teachers" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3, name }) });

async function pairingsOf(teacherId: string) {
  return suite.app.db.prisma.coachingAssignment.findMany({ where: { teacherId }, select: { coachId: true, tier: true, focus: true } });
}

describe("the Coaching section of the school console", () => {
  it("an admin assigns a coach by keyboard, changes the tier and the coach, filters, and ends it", async () => {
    const { people } = await theSchool();
    const { page } = await signedIn(people.rosa);
    await page.goto("/school/coaching");
    await expectVisible(page.getByRole("heading", { level: 2, name: "Coaching" }));

    // Who has no network, and who coaches how many.
    await expectText(page.locator(".network-banner"), "1 of 3 teachers has no support network");
    await expectText(page.locator(".network-banner"), "No group and no coach: Carla Diaz.");
    const coaches = page.getByRole("region", { name: "Coaches and their caseloads" });
    await expectText(coaches, "Malik Johnson");
    await expectText(coaches, "1 teacher · 1 intensive");
    await expectText(coaches, "No teachers yet");
    await expectText(teacherCard(page, "Carla Diaz"), "No support network");
    await expectText(teacherCard(page, "Ana Ruiz"), "Tuesday Circle (peer group)");
    await saveScreenshot(page, "school-coaching — desktop, before assigning");

    // Assign by keyboard: focus the button, Enter; the dialog's first field has focus.
    await teacherCard(page, "Carla Diaz").getByRole("button", { name: "Assign a coach to Carla Diaz" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Assign a coach to Carla Diaz" });
    await expectVisible(dialog);
    expect(await page.evaluate(`document.activeElement?.closest("dialog") !== null && document.activeElement.tagName`)).toBe("SELECT");
    // Submitting without a coach says so next to the field, and writes nothing.
    await dialog.getByRole("button", { name: "Assign coach" }).click();
    await expectText(dialog, "Choose a coach.");
    await dialog.getByLabel("Coach", { exact: true }).selectOption({ label: "Malik Johnson (1 teacher)" });
    await dialog.getByLabel("Support tier").selectOption("TARGETED");
    await dialog.getByLabel("Focus (optional)").fill("Questioning in maths");
    await page.keyboard.press("Enter"); // submits the form from its text field
    await expectText(page.getByRole("status").filter({ hasText: "coaching Carla" }), "Malik Johnson is now coaching Carla Diaz at the targeted tier.");
    expect(await dialog.isVisible()).toBe(false);
    expect(await pairingsOf(people.carla.id)).toEqual([{ coachId: people.malik.id, tier: "TARGETED", focus: "Questioning in maths" }]);
    await expectText(page.locator(".network-banner"), "All 3 teachers have a support network");
    await expectText(coaches, "2 teachers · 1 intensive, 1 targeted");
    await expectText(teacherCard(page, "Carla Diaz"), "Questioning in maths");
    expect(await teacherCard(page, "Carla Diaz").innerText()).not.toContain("No support network");

    // Change the tier, and hand Carla to Rosa (an admin may coach) to balance the caseloads.
    await teacherCard(page, "Carla Diaz").getByRole("button", { name: "Change Malik Johnson's coaching of Carla Diaz" }).click();
    const change = page.getByRole("dialog", { name: "Change Carla Diaz's coaching" });
    await change.getByLabel("Support tier").selectOption("INTENSIVE");
    await expectText(change, "Intensive: frequent one-to-one coaching");
    await change.getByLabel("Coach", { exact: true }).selectOption({ label: "Rosa Alvarez (0 teachers)" });
    await change.getByRole("button", { name: "Save changes" }).click();
    await expectText(page.getByRole("status").filter({ hasText: "coaches Carla" }), "Rosa Alvarez now coaches Carla Diaz at the intensive tier.");
    expect(await pairingsOf(people.carla.id)).toEqual([{ coachId: people.rosa.id, tier: "INTENSIVE", focus: "Questioning in maths" }]);
    await expectText(coaches, "1 teacher · 1 intensive");

    // Filters: teachers with no coach, then a coach's teachers.
    const teachers = page.getByRole("region", { name: "Teachers" });
    await teachers.getByLabel("Show").selectOption({ label: "No coach" });
    await expectText(teachers, "1 teacher match");
    expect(await teachers.getByRole("heading", { level: 3 }).allInnerTexts()).toEqual(["Ana Ruiz"]);
    await teachers.getByLabel("Show").selectOption("all");
    await teachers.getByLabel("Coached by").selectOption({ label: "Malik Johnson (1)" });
    await expect.poll(() => teachers.getByRole("heading", { level: 3 }).allInnerTexts(), { timeout: UI_TIMEOUT }).toEqual(["Ben Osei"]);
    await teachers.getByLabel("Coached by").selectOption("");
    await expect.poll(() => teachers.getByRole("heading", { level: 3 }).count(), { timeout: UI_TIMEOUT }).toBe(3);

    // End it, after a confirmation; Carla is flagged again.
    await teacherCard(page, "Carla Diaz").getByRole("button", { name: "End Rosa Alvarez's coaching of Carla Diaz" }).click();
    const confirm = page.getByRole("dialog", { name: "End Rosa Alvarez's coaching of Carla Diaz?" });
    await expectText(confirm, "The coaching cycles they ran together stay with the two of them.");
    await saveScreenshot(page, "school-coaching — desktop, ending a pairing", { fullPage: false });
    await confirm.getByRole("button", { name: "End coaching" }).click();
    await expectText(page.getByRole("status").filter({ hasText: "no longer" }), "Rosa Alvarez no longer coaches Carla Diaz.");
    expect(await pairingsOf(people.carla.id)).toEqual([]);
    await expectText(teacherCard(page, "Carla Diaz"), "No support network");
    await expectText(page.locator(".network-banner"), "1 of 3 teachers has no support network");
    await saveScreenshot(page, "school-coaching — desktop, after ending");
  });

  it("works at 390 px wide, with nothing wider than the screen", async () => {
    const { people } = await theSchool();
    const { page } = await signedIn(people.rosa, PHONE);
    await page.goto("/school/coaching");
    await expectVisible(teacherCard(page, "Ben Osei").getByRole("button", { name: "Change Malik Johnson's coaching of Ben Osei" }));
    expect(await page.evaluate(`document.documentElement.scrollWidth`)).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, "school-coaching — phone 390");
    await teacherCard(page, "Carla Diaz").getByRole("button", { name: "Assign a coach to Carla Diaz" }).click();
    await expectVisible(page.getByRole("dialog", { name: "Assign a coach to Carla Diaz" }));
    await saveScreenshot(page, "school-coaching — phone 390, assign dialog", { fullPage: false });
  });

  it("a teacher who opens it is told who manages coaching, and sees no one's data", async () => {
    const { people } = await theSchool();
    const { page } = await signedIn(people.carla);
    await page.goto("/school/coaching");
    await expectText(page.locator("main"), "The school console is for the school's admins.");
    const text = await page.locator("main").innerText();
    expect(text).not.toContain("Ben Osei");
    expect(text).not.toContain("Malik Johnson");
  });
});
