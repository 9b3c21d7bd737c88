// The admin console's People section (issue 11, item 5), as the demo school's principal uses it:
// find people by name, email and role; change a role (and be told why the last admin cannot step
// down); deactivate a teacher whose editor is open in another browser, which closes at once and
// says why; see them under "Deactivated", where they cannot sign in; reactivate them. At desktop
// width and at 390 px, with screenshots; and a teacher who opens /school is told who it is for.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  appPath,
  DEMO,
  DEMO_LESSON_TITLE,
  expectText,
  expectVisible,
  fillSignInForm,
  openEditor,
  saveScreenshot,
  signIn,
  useBrowserSuite,
} from "../support/browser.ts";

const suite = useBrowserSuite();

const PRINCIPAL = { email: "principal@demo.test", name: "Priya Natarajan" };
const PHONE = { width: 390, height: 844 };

const peopleTable = (page: Page) => page.getByRole("table");
const rowOf = (page: Page, name: string) =>
  peopleTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: new RegExp(name) }) });

async function rowNames(page: Page): Promise<string[]> {
  return (await peopleTable(page).getByRole("rowheader").allInnerTexts()).map((text) => text.replace(/\s*You$/, "").trim());
}

async function openPeople(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "School" }).click();
  await page.waitForURL("**/school/people");
  await expectVisible(page.getByRole("heading", { level: 1, name: "School" }));
  await expectVisible(page.getByRole("heading", { level: 2, name: "People" }));
  await expectText(page.locator(".people__count"), "11 people");
}

/** Types into the search box and waits until the list shows exactly `expected`. */
async function searchFor(page: Page, text: string, expected: string[]) {
  await page.getByLabel("Search by name or email").fill(text);
  await expect.poll(() => rowNames(page), { timeout: 15_000, message: `people matching "${text}"` }).toEqual(expected);
}

describe("People in the school console", () => {
  it("lets the admin find people, change a role, deactivate a teacher (closing her open editor) and reactivate her", async () => {
    const priya = await suite.signedIn(PRINCIPAL);
    const { page } = priya;
    await openPeople(page);
    await expectText(page.locator(".page-header"), "Maple Grove Elementary");
    const sections = page.getByRole("navigation", { name: "School sections" });
    expect(await sections.getByRole("link").allInnerTexts()).toEqual([
      "People",
      "Invitations",
      "Import",
      "Groups",
      "Coaching",
      "Outbox",
      "API tokens",
      "Sign-in (single sign-on)",
      "Settings",
    ]);
    await expect.poll(() => sections.getByRole("link", { name: "People" }).getAttribute("aria-current")).toBe("page");
    await saveScreenshot(page, "school-people — desktop");

    // Search by name (any part, any case), by email address, then filter by role.
    await searchFor(page, "ANA", ["Ana Lopez", "Dana Rivera", "Hana Sato"]);
    await searchFor(page, "BEN@demo", ["Ben Carter"]);
    await searchFor(page, "nobody-like-this", []);
    await expectText(page.locator("main"), "No one matches these filters.");
    await page.getByLabel("Search by name or email").fill("");
    await expectText(page.locator(".people__count"), "11 people");
    await page.getByLabel("Role").selectOption("COACH");
    await expect.poll(() => rowNames(page)).toEqual(["Dana Rivera", "Emeka Okafor"]);
    await page.getByLabel("Role").selectOption("");
    await expectText(page.locator(".people__count"), "11 people");

    // The last admin cannot step down: the dialog says why, nothing changes.
    await rowOf(page, PRINCIPAL.name)
      .getByRole("button", { name: `Change role of ${PRINCIPAL.name}` })
      .click();
    const roleDialog = page.getByRole("dialog", { name: `Change ${PRINCIPAL.name}'s role` });
    await roleDialog.getByLabel("Role").selectOption("TEACHER");
    await roleDialog.getByRole("button", { name: "Save role" }).click();
    await expectText(roleDialog.getByRole("alert"), "A school needs at least one admin.");
    await roleDialog.getByRole("button", { name: "Cancel" }).click();

    // A role change by keyboard alone: the row's button, the select, Save.
    await rowOf(page, DEMO.ben.name)
      .getByRole("button", { name: `Change role of ${DEMO.ben.name}` })
      .focus();
    await page.keyboard.press("Enter");
    const benDialog = page.getByRole("dialog", { name: `Change ${DEMO.ben.name}'s role` });
    await expectVisible(benDialog);
    await page.keyboard.press("Tab"); // from Cancel (focused first) back to the Role select
    await benDialog.getByLabel("Role").focus();
    await page.keyboard.press("ArrowDown"); // Teacher → Coach
    await benDialog.getByRole("button", { name: "Save role" }).focus();
    await page.keyboard.press("Enter");
    await expectText(page.getByRole("status").filter({ hasText: "is now" }), `${DEMO.ben.name} is now a coach.`);
    await expectText(rowOf(page, DEMO.ben.name), "Coach");
    const benId = (await suite.app.db.prisma.user.findUniqueOrThrow({ where: { email: DEMO.ben.email } })).id;
    expect((await suite.app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: benId } })).role).toBe("COACH");

    // Ana has her lesson plan open in her own browser.
    const ana = await suite.signedIn(DEMO.ana);
    const lesson = await suite.app.db.prisma.document.findFirstOrThrow({ where: { title: DEMO_LESSON_TITLE } });
    await openEditor(ana, appPath.document(lesson.id));

    await rowOf(page, DEMO.ana.name)
      .getByRole("button", { name: `Deactivate ${DEMO.ana.name}` })
      .click();
    const confirm = page.getByRole("dialog", { name: `Deactivate ${DEMO.ana.name}?` });
    await expectText(confirm, "Everything they wrote stays");
    await saveScreenshot(page, "school-people — deactivate dialog", { fullPage: false });
    await confirm.getByRole("button", { name: "Deactivate" }).click();
    await expectText(page.getByRole("status").filter({ hasText: "deactivated" }), `${DEMO.ana.name} was deactivated`);
    await expect.poll(() => rowNames(page)).not.toContain(DEMO.ana.name);
    await expectText(page.locator(".people__count"), "10 people");

    // Her editor closed at once and says why; her work is still there for the school.
    await expectVisible(ana.page.getByRole("alert").filter({ hasText: "This document is closed" }));
    await expectText(ana.page.getByRole("alert"), "An admin of your school deactivated your account, so this document closed.");
    expect(await ana.page.getByRole("textbox", { name: DEMO_LESSON_TITLE }).count()).toBe(0);
    await saveScreenshot(ana.page, "school-people — the deactivated teacher's editor closed");
    expect(
      await suite.app.db.prisma.document.count({
        where: { id: lesson.id, creatorId: (await suite.app.db.prisma.user.findUniqueOrThrow({ where: { email: DEMO.ana.email } })).id },
      }),
    ).toBe(1);

    // Signing in again tells her why she cannot.
    await ana.page.getByRole("button", { name: "Go to the sign-in page" }).click();
    await ana.page.waitForURL("**/sign-in");
    await fillSignInForm(ana.page, DEMO.ana.email, "staffroom-demo");
    await expectText(ana.page.getByRole("alert"), "An admin of Maple Grove Elementary deactivated your account. Ask them to reactivate it to sign in again.");
    await saveScreenshot(ana.page, "school-people — sign-in refused after deactivation");

    // Under "Deactivated", Priya reactivates her; then Ana signs in as before.
    await page.getByLabel("Status").selectOption("DEACTIVATED");
    await expect.poll(() => rowNames(page)).toEqual([DEMO.ana.name]);
    await expectText(rowOf(page, DEMO.ana.name), "Deactivated");
    await saveScreenshot(page, "school-people — deactivated filter");
    await rowOf(page, DEMO.ana.name)
      .getByRole("button", { name: `Reactivate ${DEMO.ana.name}` })
      .click();
    await page
      .getByRole("dialog", { name: `Reactivate ${DEMO.ana.name}?` })
      .getByRole("button", { name: "Reactivate" })
      .click();
    await expectText(page.getByRole("status").filter({ hasText: "reactivated" }), `${DEMO.ana.name} was reactivated and can sign in again.`);
    await expectVisible(page.getByText("No one is deactivated."));
    await page.getByLabel("Status").selectOption("ACTIVE");
    await expectText(page.locator(".people__count"), "11 people");

    // Back to where she was: her lesson plan, live and editable again.
    await signIn(ana.page, DEMO.ana.email);
    await expectText(ana.page.getByRole("status").filter({ hasText: /Live|Connecting/ }), "Live — changes are saved");
    await expectVisible(ana.page.getByRole("textbox", { name: DEMO_LESSON_TITLE }));
  });

  it("works at 390 px: the sections wrap above the list, each person is a card", async () => {
    const priya = await suite.signedIn(PRINCIPAL, { viewport: PHONE });
    const { page } = priya;
    await page.goto("/school");
    await page.waitForURL("**/school/people");
    await expectText(page.locator(".people__count"), "people");
    const width = await page.evaluate<number>(`document.documentElement.scrollWidth`);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await expectVisible(rowOf(page, DEMO.chloe.name).getByRole("button", { name: `Deactivate ${DEMO.chloe.name}` }));
    await saveScreenshot(page, "school-people — 390 px", { fullPage: false });
    await saveScreenshot(page, "school-people — 390 px full");
  });

  it("tells a teacher who opens /school that it is for admins, and shows no School link", async () => {
    const chloe = await suite.signedIn(DEMO.chloe);
    await expectVisible(chloe.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }));
    expect(await chloe.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "School" }).count()).toBe(0);
    await chloe.page.goto("/school");
    await expectText(chloe.page.locator("main"), "The school console is for the school's admins.");
    expect(await chloe.page.getByRole("table").count()).toBe(0);
  });
});
