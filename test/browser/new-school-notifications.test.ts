// A brand-new school's first day with notifications, email and calendars, from an EMPTY database:
// the founder signs up and creates the school; the bell, the outbox and the settings start empty
// and say what will come; she invites a teacher by email; the teacher joins from the emailed link
// and finds her own emails and settings; the founder's bell tells her, without a reload, that
// the teacher joined, and leads to the People page.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { linkIn, startMailbox } from "../support/smtp.ts";
import { checkScreen, expectText, expectVisible, openSchoolSection, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";

const mailbox = await startMailbox();
const suite = useBrowserSuite({ seedDemo: false, mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@cedar.test>" } });
afterAll(() => mailbox.close());

const PASSWORD = "cedar trees in spring";

const bellOf = (page: Page) => page.getByRole("button", { name: /^Notifications, / });

describe("a new school's first notifications, emails and calendar", () => {
  it("founder and first teacher, each in their own browser", async () => {
    expect(await suite.app.db.prisma.school.count()).toBe(0);
    const founder = (await suite.newUser("Nadia (founder)")).page;
    await founder.goto("/sign-up");
    await founder.getByLabel("Your name", { exact: true }).fill("Nadia Haddad");
    await founder.getByLabel("Email", { exact: true }).fill("nadia@cedar.test");
    await founder.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await founder.getByRole("button", { name: "Sign up" }).click();
    const confirm = linkIn(await mailbox.next("nadia@cedar.test"), "/confirm-sign-up");
    await founder.goto(confirm!.href);
    await founder.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await founder.getByRole("button", { name: "Finish signing up" }).click();
    await founder.getByRole("link", { name: "Create your school" }).click();
    await founder.getByLabel("School name", { exact: true }).fill("Cedar Park Elementary");
    await founder.getByLabel("Time zone", { exact: true }).selectOption("America/Denver");
    await founder.getByRole("button", { name: "Create the school" }).click();
    await founder.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });

    // Empty, and saying what will come.
    expect(await bellOf(founder).getAttribute("aria-label")).toBe("Notifications, none unread");
    await bellOf(founder).click();
    await expectText(founder.locator(".bell__panel"), "Nothing yet.");
    await checkScreen(founder, "new school, the bell before anything happened");
    await founder.keyboard.press("Escape");
    await openSchoolSection(founder, "Outbox");
    await expectText(founder.locator("main"), "No emails yet");
    await checkScreen(founder, "new school, an empty outbox");

    // The first invitation goes out by email and shows in the outbox.
    await openSchoolSection(founder, "Invitations");
    await founder.getByLabel("Email addresses").fill("ana@cedar.test");
    await founder.getByRole("button", { name: "Send invitations" }).click();
    await expectVisible(founder.getByLabel("Invitation link for ana@cedar.test").first());
    const invitation = await mailbox.next("ana@cedar.test");
    expect(invitation.subject).toBe("Join Cedar Park Elementary on Staffroom");
    await openSchoolSection(founder, "Outbox");
    await expectText(founder.locator("main"), "Join Cedar Park Elementary on Staffroom");
    await expectText(founder.locator("main"), "ana@cedar.test");

    // The teacher joins from her email, in her own browser.
    const teacher = (await suite.newUser("Ana (first teacher)")).page;
    const invitationLink = invitation.text.match(/https?:\/\/\S+\/invitations\/\S+/)?.[0];
    expect(invitationLink, "the invitation link in the email").toBeTruthy();
    await teacher.goto(invitationLink!);
    await teacher.getByLabel("Your name").fill("Ana Lopez");
    await teacher.getByLabel("Choose a password").fill(PASSWORD);
    await teacher.getByRole("button", { name: "Create account and join" }).click();
    await teacher.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
    expect(await bellOf(teacher).getAttribute("aria-label")).toBe("Notifications, none unread");
    await teacher.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expectVisible(teacher.getByRole("heading", { name: "Notifications" }));
    await expectVisible(teacher.getByRole("button", { name: "Make a calendar link" }));
    await expectText(teacher.locator("#emails"), "Join Cedar Park Elementary on Staffroom");
    expect(await teacher.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "School", exact: true }).count()).toBe(0);
    await checkScreen(teacher, "new school, the first teacher's settings");

    // The founder hears of it without a reload, and the bell leads to People.
    await expect.poll(() => bellOf(founder).getAttribute("aria-label"), { timeout: UI_TIMEOUT }).toBe("Notifications, 1 unread");
    await bellOf(founder).click();
    const news = founder.getByRole("link", { name: "Ana Lopez accepted your invitation and joined the school" });
    await expectVisible(news);
    await checkScreen(founder, "new school, the bell after the first teacher joined");
    await news.click();
    await founder.waitForURL((url) => url.pathname === "/school/people", { timeout: UI_TIMEOUT });
    await expectText(founder.locator("main"), "Ana Lopez");
  });
});
