// A school that never saw Staffroom, in a real browser on an EMPTY database: sign up, confirm
// through the link in the real email, create the school and land on Home as its admin; change
// the school's settings; hand a colleague a password-reset link. Forgot password → the emailed
// link → a new password → sign in, and the old session is gone. Every form, given bad input,
// answers in sentences next to the fields, never with a code.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "@staffroom/api/testing";
import { linkIn, startMailbox } from "../support/smtp.ts";
import { expectText, expectVisible, saveScreenshot, sessionToken, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";
import { openSchoolSection } from "../support/browser.ts";
import { Viewer } from "../support/operations.ts";

const mailbox = await startMailbox();
const suite = useBrowserSuite({ seedDemo: false, mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" } });
afterAll(() => mailbox.close());

const PHONE = { width: 390, height: 844 };
const PASSWORD = "maple leaves in autumn";
/** What an error code looks like (VALIDATION_FAILED, INVALID_CREDENTIALS, …): never on a page. */
const RAW_CODE = /\b[A-Z]{2,}(?:_[A-Z]+)+\b/;

async function expectNoRawCode(page: Page): Promise<void> {
  const text = await page.locator("body").innerText();
  expect(text, "an error code reached the page").not.toMatch(RAW_CODE);
}

/** The field's own error, tied to it (aria-invalid, aria-describedby → the sentence). */
async function expectFieldError(page: Page, label: string, sentence: string | RegExp): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId, `${label} is described by its error`).toBeTruthy();
  await expectText(page.locator(`[id="${errorId}"]`), sentence);
}

async function signUpThroughThePages(page: Page, name: string, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL("**/sign-up", { timeout: UI_TIMEOUT });
  await page.getByLabel("Your name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expectVisible(page.getByRole("heading", { name: "Check your email" }));
  await expectText(page.getByRole("status"), `We sent a link to ${email}.`);
}

describe("a new school, from an empty database", () => {
  it("signs up, confirms from the email, creates the school and lands on Home as its admin", async () => {
    expect(await suite.app.db.prisma.school.count()).toBe(0);
    const { page } = await suite.newUser("Nadia (founder)");
    await signUpThroughThePages(page, "Nadia Haddad", "nadia@maple.test");
    await saveScreenshot(page, "new school 1 check your email");

    const link = linkIn(await mailbox.next("nadia@maple.test"), "/confirm-sign-up");
    expect(link, "a sign-up link in the email").not.toBeNull();
    await page.goto(link!.href);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Finish signing up" }).click();

    // No school yet: a choice, not "a coach or admin can add you".
    await expectVisible(page.getByRole("heading", { level: 1, name: "Welcome, Nadia" }));
    await expectText(page.getByRole("region", { name: "Join your school" }), "ask one of its admins to invite you at nadia@maple.test");
    await saveScreenshot(page, "new school 2 no school yet");
    await page.getByRole("link", { name: "Create your school" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Create your school" }));

    await page.getByLabel("School name", { exact: true }).fill("Maple Grove Elementary");
    await page.getByLabel("Time zone", { exact: true }).selectOption("America/Chicago");
    const grades = page.getByRole("group", { name: "Grade levels" });
    await grades.getByRole("checkbox", { name: "Kindergarten" }).check();
    await grades.getByRole("checkbox", { name: "Grade 1", exact: true }).check();
    // Free entry: typed, then Enter adds it (and does not submit the form).
    await grades.getByRole("textbox", { name: "Another grade level" }).fill("Grade 6 (IB)");
    await page.keyboard.press("Enter");
    await expect.poll(() => grades.getByRole("checkbox", { name: "Grade 6 (IB)" }).isChecked()).toBe(true);
    const subjects = page.getByRole("group", { name: "Subjects" });
    await subjects.getByRole("checkbox", { name: "Math", exact: true }).check();
    await subjects.getByRole("textbox", { name: "Another subject" }).fill("Robotics");
    await subjects.getByRole("button", { name: "Add" }).click();
    await saveScreenshot(page, "new school 3 create your school");
    await page.getByRole("button", { name: "Create the school" }).click();

    await page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
    await expectVisible(page.getByRole("heading", { level: 1, name: "Welcome, Nadia" }));
    const nav = page.getByRole("navigation", { name: "Main" });
    await expectVisible(nav.getByRole("link", { name: "School", exact: true }));
    await expectVisible(nav.getByRole("link", { name: "Coach dashboard" }));
    await saveScreenshot(page, "new school 4 home as admin");

    const school = await suite.app.db.prisma.school.findFirstOrThrow({ include: { members: { include: { user: true } } } });
    expect(school).toMatchObject({
      name: "Maple Grove Elementary",
      timeZone: "America/Chicago",
      gradeLevels: ["Kindergarten", "Grade 1", "Grade 6 (IB)"],
      subjects: ["Math", "Robotics"],
    });
    expect(school.members.map((m) => [m.user.email, m.role])).toEqual([["nadia@maple.test", "ADMIN"]]);

    // The settings page holds the same form, filled in; a change is saved.
    await openSchoolSection(page, "Settings");
    await expectVisible(page.getByRole("heading", { level: 2, name: "Settings" }));
    await expect.poll(() => page.getByLabel("School name", { exact: true }).inputValue()).toBe("Maple Grove Elementary");
    await page.getByRole("group", { name: "Subjects" }).getByRole("checkbox", { name: "Science", exact: true }).check();
    await page.getByRole("group", { name: "Grade levels" }).getByRole("checkbox", { name: "Grade 6 (IB)" }).uncheck();
    await page.getByRole("button", { name: "Save the settings" }).click();
    await expectText(page.getByRole("status"), "The settings are saved.");
    const saved = await suite.app.db.prisma.school.findUniqueOrThrow({ where: { id: school.id } });
    expect(saved).toMatchObject({ gradeLevels: ["Kindergarten", "Grade 1"], subjects: ["Math", "Robotics", "Science"] });
    await saveScreenshot(page, "new school 5 settings");
  });

  it("on a phone: sign-up, the choice, creating the school and its settings fit 390 px", async () => {
    const { page } = await suite.newUser("Omar on a phone", { viewport: PHONE });
    await signUpThroughThePages(page, "Omar Farouk", "omar@cedar.test");
    await saveScreenshot(page, "phone 1 check your email", { fullPage: false });
    const link = linkIn(await mailbox.next("omar@cedar.test"), "/confirm-sign-up");
    await page.goto(link!.href);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Finish signing up" }).click();
    await expectVisible(page.getByRole("link", { name: "Create your school" }));
    await saveScreenshot(page, "phone 2 no school yet");
    await page.getByRole("link", { name: "Create your school" }).click();
    await page.getByLabel("School name", { exact: true }).fill("Cedar Middle School");
    await page.getByRole("group", { name: "Grade levels" }).getByRole("checkbox", { name: "Grade 7" }).check();
    await saveScreenshot(page, "phone 3 create your school");
    await page.getByRole("button", { name: "Create the school" }).click();
    await page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
    await page.goto("/school/settings");
    await expectVisible(page.getByRole("heading", { level: 2, name: "Settings" }));
    // Nothing wider than the screen.
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, "phone 4 settings");
  });
});

describe("passwords", () => {
  it("forgot → the emailed link → a new password → signed in; the old session is gone", async () => {
    const user = await suite.app.db.prisma.user.create({
      data: { email: "ben@maple.test", name: "Ben Carter", passwordHash: await hashPassword("the old passphrase") },
    });
    const laptop = await suite.newUser("Ben's laptop (old session)");
    await laptop.page.goto("/sign-in");
    await laptop.page.getByLabel("Email", { exact: true }).fill(user.email);
    await laptop.page.getByLabel("Password", { exact: true }).fill("the old passphrase");
    await laptop.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await laptop.page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
    const oldToken = await sessionToken(laptop.page);
    expect(oldToken).toBeTruthy();

    const { page } = await suite.newUser("Ben, forgot his password", { viewport: PHONE });
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expectVisible(page.getByRole("heading", { name: "Forgot your password?" }));
    await page.getByLabel("Email", { exact: true }).fill(user.email);
    await saveScreenshot(page, "phone forgot password", { fullPage: false });
    await page.getByRole("button", { name: "Email me a link" }).click();
    await expectText(page.getByRole("status"), "If an account uses this address, an email with a link to set a new password is on its way.");

    const link = linkIn(await mailbox.next(user.email), "/reset-password");
    expect(link, "a reset link in the email").not.toBeNull();
    await page.goto(link!.href);
    await expectVisible(page.getByRole("heading", { name: "Choose a new password" }));
    await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await saveScreenshot(page, "phone reset password", { fullPage: false });
    await page.getByRole("button", { name: "Set the new password" }).click();

    // On the sign-in page, told so, with the address filled in.
    await page.waitForURL("**/sign-in", { timeout: UI_TIMEOUT });
    await expectText(page.getByRole("status"), "Your password was changed. Sign in with your new password.");
    await expect.poll(() => page.getByLabel("Email", { exact: true }).inputValue()).toBe(user.email);
    await page.getByLabel("Password", { exact: true }).fill("a brand new passphrase");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Welcome, Ben" }));

    // The laptop's session ended: the api refuses it, and the app sends it to sign in.
    expect((await suite.app.gql(Viewer, {}, oldToken)).status).toBe(401);
    await laptop.page.reload();
    await laptop.page.waitForURL("**/sign-in", { timeout: UI_TIMEOUT });
    // Chromium logs the refused request itself; that 401 is the point here, not a fault.
    expect(laptop.errors).toEqual([expect.stringMatching(/status of 401 \(Unauthorized\)/)]);
    laptop.errors.length = 0;
    // The link is used up.
    await page.goto(link!.href);
    await page.getByLabel("New password", { exact: true }).fill("yet another passphrase");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await expectText(page.getByRole("alert"), "This password-reset link has expired or was already used. Ask for a new one.");
    await expectVisible(page.getByRole("link", { name: "Ask for a new link" }));
  });

  it("an admin makes a reset link for a colleague, copies it, and the colleague sets a new password with it", async () => {
    const school = await suite.app.db.prisma.school.findFirstOrThrow({ where: { name: "Maple Grove Elementary" } });
    await suite.app.db.prisma.user.create({
      data: {
        email: "chloe@maple.test",
        name: "Chloe Nguyen",
        passwordHash: await hashPassword("forgotten passphrase"),
        schoolMemberships: { create: { schoolId: school.id, role: "TEACHER" } },
      },
    });
    const admin = await suite.newUser("Nadia (admin)");
    await admin.page.goto("/sign-in");
    await admin.page.getByLabel("Email", { exact: true }).fill("nadia@maple.test");
    await admin.page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await admin.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await admin.page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
    await admin.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await admin.page.goto("/school/settings");

    const help = admin.page.getByRole("region", { name: "Help someone sign in" });
    await help.getByRole("button", { name: "Password-reset link for Chloe Nguyen" }).click();
    const dialog = admin.page.getByRole("dialog", { name: "Password-reset link for Chloe Nguyen" });
    await expectVisible(dialog);
    await dialog.getByRole("button", { name: "Make the link" }).click();
    const linkBox = dialog.getByRole("textbox", { name: "Password-reset link" });
    await expectVisible(linkBox);
    const url = await linkBox.inputValue();
    expect(new URL(url).pathname).toBe("/reset-password");
    await dialog.getByRole("button", { name: "Copy link" }).click();
    await expectText(dialog.getByRole("status"), "Copied.");
    expect(await admin.page.evaluate<string>("navigator.clipboard.readText()")).toBe(url);
    await saveScreenshot(admin.page, "admin reset link dialog", { fullPage: false });
    // Chloe is told a link was made (the link itself goes only to the admin).
    expect((await mailbox.next("chloe@maple.test")).subject).toBe("A link to set your Staffroom password was made");
    await dialog.getByRole("button", { name: "Done" }).click();

    const chloe = await suite.newUser("Chloe");
    await chloe.page.goto(url);
    await chloe.page.getByLabel("New password", { exact: true }).fill("chloe's new passphrase");
    await chloe.page.getByRole("button", { name: "Set the new password" }).click();
    await chloe.page.waitForURL("**/sign-in", { timeout: UI_TIMEOUT });
    await chloe.page.getByLabel("Password", { exact: true }).fill("chloe's new passphrase");
    await chloe.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expectVisible(chloe.page.getByRole("heading", { level: 1, name: "Welcome, Chloe" }));
  });
});

describe("bad input is answered in sentences next to the fields, never with a code", () => {
  it("sign-in, sign-up, forgot password and reset password", async () => {
    const { page } = await suite.newUser("someone typing badly");
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expectText(page.getByRole("alert"), "That email and password do not match an account.");
    await expectNoRawCode(page);

    await page.goto("/sign-up");
    await page.getByLabel("Email", { exact: true }).fill("not an address");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expectText(page.getByRole("alert"), "Some of what you entered needs a change.");
    await expectFieldError(page, "Your name", "Is required.");
    await expectFieldError(page, "Email", "Must be an email address.");
    await expectFieldError(page, "Password", "Must be at least 10 characters.");
    await expectNoRawCode(page);
    await saveScreenshot(page, "sign-up with bad input");

    await page.goto("/forgot-password");
    await page.getByLabel("Email", { exact: true }).fill("nope");
    await page.getByRole("button", { name: "Email me a link" }).click();
    await expectFieldError(page, "Email", "Must be an email address.");
    await expectNoRawCode(page);

    await page.goto("/reset-password?token=srp_made-up");
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await expectFieldError(page, "New password", "Must be at least 10 characters.");
    await expectNoRawCode(page);
    await page.getByLabel("New password", { exact: true }).fill("long enough passphrase");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await expectText(page.getByRole("alert"), "This password-reset link has expired or was already used.");
    await expectNoRawCode(page);
  });

  it("creating a school and changing its settings", async () => {
    const { page } = await suite.newUser("Nadia again", { viewport: PHONE });
    await page.goto("/sign-in");
    await page.getByLabel("Email", { exact: true }).fill("nadia@maple.test");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });

    await page.goto("/new-school");
    await page.getByLabel("School name", { exact: true }).fill("M");
    await page.getByRole("button", { name: "Create the school" }).click();
    await expectFieldError(page, "School name", "Must be at least 2 characters.");
    await expectNoRawCode(page);
    await saveScreenshot(page, "phone create school with bad input");

    await page.goto("/school/settings");
    await page.getByLabel("School name", { exact: true }).fill(" ");
    await page.getByRole("button", { name: "Save the settings" }).click();
    await expectFieldError(page, "School name", "Must be at least 2 characters.");
    await expectNoRawCode(page);
  });
});
