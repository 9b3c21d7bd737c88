// A new school brings in its staff, in a real browser, from an empty database: the admin invites a
// teacher by keyboard, takes the link from the page, and the teacher (a browser of their own)
// creates an account with it and lands signed in on the school's home; an invitation is revoked
// with a confirmation. Then a roster CSV with a mistake is refused by row and column, and the
// fixed file is previewed and imported. Screenshots at desktop and phone width.
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "@staffroom/api/testing";
import { expectText, expectVisible, globalIdOf, saveScreenshot, sessionToken, signIn, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";
import { invite } from "../support/invitations.ts";
import { startMailbox } from "../support/smtp.ts";
import { graphql } from "../support/graphql.ts";
import { SignIn, succeeded } from "../support/operations.ts";

const VIEWER_SCHOOLS = graphql(`
  query AcceptedViewerSchools {
    viewer {
      email
    }
    mySchools {
      edges {
        node {
          name
          viewerRole
        }
      }
    }
  }
`);

const mailbox = await startMailbox();
const suite = useBrowserSuite({ seedDemo: false, mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" } });
afterAll(() => mailbox.close());

const PHONE = { width: 390, height: 844 };
const ADMIN = { email: "principal@lakeside.test", name: "Rosa Alvarez", password: "lakeside principal" };

/** The school and its first admin, as sign-up and "create your school" leave them. */
async function lakesideSchool() {
  const prisma = suite.app.db.prisma;
  expect(await prisma.school.count()).toBe(0); // an empty database: no demo school
  return prisma.school.create({
    data: {
      name: "Lakeside Middle School",
      slug: "lakeside",
      members: { create: { role: "ADMIN", user: { create: { email: ADMIN.email, name: ADMIN.name, passwordHash: await hashPassword(ADMIN.password) } } } },
    },
  });
}

describe("bringing in staff", () => {
  it("the admin invites a teacher; the teacher accepts the link in their own browser and lands signed in on the school's home", async () => {
    const school = await lakesideSchool();
    const admin = await suite.newUser("admin");
    await signIn(admin.page, ADMIN.email, ADMIN.password);
    await admin.page.goto("/school/invitations");
    await expectVisible(admin.page.getByRole("heading", { level: 2, name: "Invitations" }));
    await expectText(admin.page.locator(".state--empty"), "No invitations waiting");
    await saveScreenshot(admin.page, "invitations — empty");

    // By keyboard: the addresses, Tab to the role, choose Teacher, Tab to the button, Enter.
    await admin.page.getByLabel("Email addresses").focus();
    await admin.page.keyboard.type("Maya.Singh@lakeside.test");
    await admin.page.keyboard.press("Tab");
    await expect.poll(() => admin.page.evaluate(`document.activeElement?.name`)).toBe("role");
    await admin.page.keyboard.press("Tab");
    await admin.page.keyboard.press("Enter");
    const linkField = admin.page.getByLabel("Invitation link for maya.singh@lakeside.test").first();
    await expectVisible(linkField);
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${suite.app.url}/invitations/sri_`));
    const invitations = admin.page.locator(".invitation-list");
    await expectText(invitations, "maya.singh@lakeside.test");
    await expectText(invitations, "Teacher");
    // The same link went out by email.
    expect((await mailbox.next("maya.singh@lakeside.test")).text).toContain(link);
    await saveScreenshot(admin.page, "invitations — sent, with the link to copy");

    // An address that belongs to the school already: the sentence sits next to the field.
    await admin.page.getByLabel("Email addresses").fill(ADMIN.email);
    await admin.page.getByRole("button", { name: "Send invitations" }).click();
    await expectText(admin.page.locator(".field__error"), `${ADMIN.email} already belongs to this school.`);

    const teacher = await suite.newUser("Maya", { viewport: PHONE });
    await teacher.page.goto(link);
    await expectVisible(teacher.page.getByRole("heading", { name: "Join Lakeside Middle School" }));
    await expectText(teacher.page.locator("main"), "You are invited to join Lakeside Middle School on Staffroom as a teacher.");
    expect(await teacher.page.getByLabel("Email", { exact: true }).inputValue()).toBe("maya.singh@lakeside.test");
    await saveScreenshot(teacher.page, "accept invitation — phone");
    // Too short a password is said next to its field, and nothing is created.
    await teacher.page.getByLabel("Your name").fill("Maya Singh");
    await teacher.page.getByLabel("Choose a password").fill("short");
    await teacher.page.getByRole("button", { name: "Create account and join" }).click();
    await expectText(teacher.page.locator(".field__error"), "Choose a password of at least 10 characters.");
    await teacher.page.getByLabel("Choose a password").fill("maya's long passphrase");
    await teacher.page.getByRole("button", { name: "Create account and join" }).click();
    await teacher.page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
    await expectVisible(teacher.page.getByRole("heading", { level: 1, name: "Welcome, Maya" }));
    await saveScreenshot(teacher.page, "accepted — home, phone");
    const token = await sessionToken(teacher.page);
    const me = await suite.app.gql(VIEWER_SCHOOLS, {}, token);
    expect(me.data).toEqual({ viewer: { email: "maya.singh@lakeside.test" }, mySchools: { edges: [{ node: { name: school.name, viewerRole: "TEACHER" } }] } });

    // The used link now says so, in a sentence, to anyone.
    const again = await suite.newUser("the same link again");
    await again.page.goto(link);
    await expectText(again.page.getByRole("alert"), "This invitation link is no longer valid.");

    // Accepted: gone from the admin's pending list. A second invitation is revoked after confirming.
    await admin.page.reload();
    await admin.page.getByLabel("Email addresses").fill("leo.park@lakeside.test");
    await admin.page.getByLabel("Role").selectOption("COACH");
    await admin.page.getByRole("button", { name: "Send invitations" }).click();
    await expectText(invitations, "leo.park@lakeside.test");
    await expect.poll(() => invitations.getByText("maya.singh@lakeside.test").count()).toBe(0);
    await admin.page.getByRole("button", { name: "Revoke the invitation for leo.park@lakeside.test" }).click();
    const dialog = admin.page.getByRole("dialog", { name: "Revoke the invitation for leo.park@lakeside.test?" });
    await expectVisible(dialog);
    await saveScreenshot(admin.page, "invitations — revoke confirmation", { fullPage: false });
    await dialog.getByRole("button", { name: "Revoke invitation" }).click();
    await expectText(admin.page.locator(".state--empty"), "No invitations waiting");
    // Its link, which no longer works, is not offered for copying anywhere on the page.
    await expect.poll(() => admin.page.getByLabel("Invitation link for leo.park@lakeside.test").count()).toBe(0);
    expect(await suite.app.db.prisma.invitation.findFirst({ where: { email: "leo.park@lakeside.test" }, select: { revokedAt: true } })).toMatchObject({
      revokedAt: expect.any(Date),
    });

    const phone = await suite.newUser("admin on a phone", { viewport: PHONE });
    await signIn(phone.page, ADMIN.email, ADMIN.password);
    await phone.page.goto("/school/invitations");
    await phone.page.getByLabel("Email addresses").fill("nia.cole@lakeside.test, omar.farouk@lakeside.test");
    await phone.page.getByRole("button", { name: "Send invitations" }).click();
    await expectText(phone.page.locator(".invitation-list"), "omar.farouk@lakeside.test");
    await saveScreenshot(phone.page, "invitations — phone");
    // Nothing wider than the screen.
    expect(await phone.page.evaluate(`document.documentElement.scrollWidth`)).toBeLessThanOrEqual(PHONE.width);
  });

  it("imports a roster: a mistake is shown by row and column, then the fixed file is previewed and imported", async () => {
    const admin = await suite.newUser("admin importing");
    await signIn(admin.page, ADMIN.email, ADMIN.password);
    await admin.page.goto("/school/import");
    await expectVisible(admin.page.getByRole("heading", { level: 2, name: "Import staff" }));
    await expectVisible(admin.page.getByRole("link", { name: "Download the template" }));

    const header = "email,first name,last name,role,grades,subjects";
    const withMistake = [header, "ines.ruiz@lakeside.test,Ines,Ruiz,teacher,6;7,Math", "tom.ng@lakeside,Tom,Ng,teacher,8,Science", ""].join("\n");
    await admin.page.getByLabel("Staff file (CSV)").setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(withMistake) });
    const problems = admin.page.locator(".roster-problems");
    await expectText(problems, "The file has a problem, so nothing was imported.");
    await expectText(problems, "Row 3, email: “tom.ng@lakeside” is not an email address.");
    await saveScreenshot(admin.page, "roster import — a problem by row and column");
    expect(await suite.app.db.prisma.invitation.count({ where: { email: "ines.ruiz@lakeside.test" } })).toBe(0);

    const fixed = withMistake.replace("tom.ng@lakeside,", "tom.ng@lakeside.test,");
    await admin.page.getByLabel("Staff file (CSV)").setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
    await expectText(admin.page.locator("main"), "2 new, 0 updated, 0 unchanged.");
    const plan = admin.page.getByRole("region", { name: "What the import will do (scrolls)" });
    await expectText(plan, "New: will be invited");
    await expectText(plan, "Tom Ng");
    expect(await suite.app.db.prisma.invitation.count({ where: { email: { in: ["ines.ruiz@lakeside.test", "tom.ng@lakeside.test"] } } })).toBe(0);
    await saveScreenshot(admin.page, "roster import — preview");
    await admin.page.getByRole("button", { name: "Import: 2 new, 0 updated" }).click();
    await expectText(admin.page.getByRole("status").filter({ hasText: "Imported" }), "Imported: 2 new, 0 updated, 0 unchanged.");
    expect(
      await suite.app.db.prisma.invitation.findMany({
        where: { email: { in: ["ines.ruiz@lakeside.test", "tom.ng@lakeside.test"] } },
        select: { name: true, grades: true },
        orderBy: { email: "asc" },
      }),
    ).toEqual([
      { name: "Ines Ruiz", grades: ["6", "7"] },
      { name: "Tom Ng", grades: ["8"] },
    ]);
    await saveScreenshot(admin.page, "roster import — imported");

    // The same file again, on a phone: nothing to change.
    const phone = await suite.newUser("admin importing on a phone", { viewport: PHONE });
    await signIn(phone.page, ADMIN.email, ADMIN.password);
    await phone.page.goto("/school/import");
    await phone.page.getByLabel("Staff file (CSV)").setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
    await expectText(phone.page.locator("main"), "0 new, 0 updated, 2 unchanged.");
    await expectText(phone.page.locator("main"), "Nothing to change");
    await saveScreenshot(phone.page, "roster import — phone, nothing to change");
    expect(await phone.page.evaluate(`document.documentElement.scrollWidth`)).toBeLessThanOrEqual(PHONE.width);
  });

  it("someone who already has an account signs in on the invitation page and joins the school", async () => {
    const prisma = suite.app.db.prisma;
    await prisma.user.create({ data: { email: "sam.lee@elsewhere.test", name: "Sam Lee", passwordHash: await hashPassword("sam's long passphrase") } });
    const signedIn = await suite.app.gql(SignIn, {
      input: { email: ADMIN.email, password: ADMIN.password },
    });
    const school = await prisma.school.findFirstOrThrow({ where: { slug: "lakeside" } });
    const [sent] = await invite(suite.app, succeeded(signedIn.data?.signIn).data.token, globalIdOf("School", school.id), ["sam.lee@elsewhere.test"], "COACH");

    const sam = await suite.newUser("Sam");
    await sam.page.goto(sent!.link);
    await sam.page.getByRole("button", { name: "Sign in to join" }).click();
    await sam.page.getByLabel("Password", { exact: true }).fill("not the password");
    await sam.page.getByRole("button", { name: "Sign in and join" }).click();
    await expectText(sam.page.getByRole("alert"), "That email and password do not match an account.");
    await sam.page.getByLabel("Password", { exact: true }).fill("sam's long passphrase");
    await sam.page.getByRole("button", { name: "Sign in and join" }).click();
    await sam.page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
    await expectVisible(sam.page.getByRole("heading", { level: 1, name: "Welcome, Sam" }));
    // Coaches and admins see the coach dashboard: the viewer was reloaded with the new school.
    await expectVisible(sam.page.getByRole("link", { name: "Coach dashboard" }));
    expect(await prisma.schoolMember.findMany({ where: { schoolId: school.id, user: { email: "sam.lee@elsewhere.test" } }, select: { role: true } })).toEqual([
      { role: "COACH" },
    ]);
  });

  it("a teacher who opens the admin pages is told, in a sentence, that they are for admins", async () => {
    const prisma = suite.app.db.prisma;
    const school = await prisma.school.findFirstOrThrow({ where: { slug: "lakeside" } });
    await prisma.user.create({
      data: {
        email: "ken@lakeside.test",
        name: "Ken Ito",
        passwordHash: await hashPassword("ken's long passphrase"),
        schoolMemberships: { create: { schoolId: school.id, role: "TEACHER" } },
      },
    });
    const teacher = await suite.newUser("Ken");
    await signIn(teacher.page, "ken@lakeside.test", "ken's long passphrase");
    for (const path of ["/school/invitations", "/school/import"]) {
      await teacher.page.goto(path);
      await expectText(teacher.page.locator("main"), "The school console is for the school's admins.");
    }
  });
});
