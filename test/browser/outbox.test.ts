// The outbox in the app, on the embedded default with no mail server: the admin invites someone,
// opens School › Outbox, finds the invitation email (kept in the outbox, in words) and reads the
// link in its text; a kind filter and "Load more" page through it. A teacher reads their own
// emails on the one settings page and is offered no outbox: its address answers like a missing
// page. Screens checked with axe at desktop and 390 px.
import { describe, expect, it } from "vitest";
import { checkScreen, DEMO, expectText, expectVisible, globalIdOf, sessionToken, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";
import { graphql } from "../support/graphql.ts";
import { invite } from "../support/invitations.ts";
import { MutationError } from "../support/operations.ts";

const REQUEST_RESET = graphql(
  `
  mutation OutboxPageRequestReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);

const suite = useBrowserSuite();
const PRIYA = { email: "principal@demo.test", name: "Priya Natarajan" };

describe("the outbox and my emails", () => {
  it("the admin invites someone, opens the Outbox, sees the invitation email and reads its link; filters by kind and loads more", async () => {
    const admin = await suite.signedIn(PRIYA);
    const page = admin.page;
    await page.getByRole("navigation").getByRole("link", { name: "School", exact: true }).click();
    await page.getByRole("navigation", { name: "School sections" }).getByRole("link", { name: "Outbox" }).click();
    await expectVisible(page.getByRole("heading", { level: 2, name: "Outbox" }));
    await expectText(page.locator(".state--empty"), "No emails yet");
    await expectText(page.locator(".state--empty"), "SMTP_URL");
    await checkScreen(page, "outbox — empty");

    // Invite by the page, as an admin does; the email is made after the invitation commits.
    await page.getByRole("navigation", { name: "School sections" }).getByRole("link", { name: "Invitations" }).click();
    await page.getByLabel("Email addresses").fill("omar.haddad@demo.test");
    await page.getByRole("button", { name: "Send invitations" }).click();
    const linkField = page.getByLabel("Invitation link for omar.haddad@demo.test").first();
    await expectVisible(linkField);
    const link = await linkField.inputValue();
    await suite.app.services.outbox.settled();

    await page.getByRole("navigation", { name: "School sections" }).getByRole("link", { name: "Outbox" }).click();
    const today = page.getByRole("region", { name: "Today" });
    const row = today.locator(".email").filter({ hasText: "omar.haddad@demo.test" });
    await expectText(row, "To omar.haddad@demo.test");
    await expectText(row, "Invitation");
    await expectText(row, "Kept in the outbox: no mail server is set");
    expect(await row.locator(".email__text").count()).toBe(0);
    // By keyboard: focus "Read", Enter opens the text; the link in it is the one the page showed.
    const read = row.getByRole("button", { name: /^Read “.+” to omar\.haddad@demo\.test$/ });
    await read.focus();
    await page.keyboard.press("Enter");
    const text = row.locator(".email__text");
    await expectVisible(text);
    expect(await row.getByRole("button", { name: /^Close/ }).getAttribute("aria-expanded")).toBe("true");
    const mailed = ((await text.textContent()) ?? "").match(/https?:\/\/\S+\/invitations\/\S+/)?.[0];
    expect(mailed).toBe(link);
    // Plain text, never markup: the school's name and the link sit in one text node's element.
    expect(await text.evaluate((element) => element.children.length)).toBe(0);
    await checkScreen(page, "outbox — an invitation open", { show: text });

    // The filter: no password resets yet, then all kinds again.
    await page.getByLabel("Kind").selectOption({ label: "Password reset" });
    await expectText(page.locator(".state--empty"), "No password reset emails yet");
    await page.getByLabel("Kind").selectOption({ label: "Invitation" });
    await expectText(page.locator(".email-list"), "omar.haddad@demo.test");

    // Paging: 21 more invitations make two pages; "Load more" adds the rest under the same day.
    const token = (await sessionToken(page))!;
    const school = await suite.app.db.prisma.school.findFirstOrThrow({ where: { members: { some: { user: { email: PRIYA.email } } } } });
    await invite(
      suite.app,
      token,
      globalIdOf("School", school.id),
      Array.from({ length: 21 }, (_, i) => `new.staff.${i}@demo.test`),
    );
    await suite.app.services.outbox.settled();
    await page.getByLabel("Kind").selectOption({ label: "All kinds" });
    await expectText(page.getByRole("status").filter({ hasText: "emails, newest first" }), "22 emails, newest first.");
    await expect.poll(() => page.locator(".email").count(), { timeout: UI_TIMEOUT }).toBe(20);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => page.locator(".email").count(), { timeout: UI_TIMEOUT }).toBe(22);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    expect(await page.getByRole("region", { name: "Today" }).count()).toBe(1);
  });

  it("a teacher reads their own emails on the settings page, is offered no outbox, and its address answers like a missing page", async () => {
    const reset = await suite.app.gql(REQUEST_RESET, { input: { email: DEMO.ana.email } });
    expect(reset.data?.requestPasswordReset.__typename).toBe("MutationRequestPasswordResetSuccess");
    await suite.app.services.outbox.settled();

    const ana = await suite.signedIn(DEMO.ana);
    const page = ana.page;
    expect(await page.getByRole("navigation").getByRole("link", { name: "School", exact: true }).count()).toBe(0);
    await page.getByRole("navigation").getByRole("link", { name: "Settings" }).click();
    for (const section of ["Notifications", "Calendar", "Emails"]) await expectVisible(page.getByRole("main").getByRole("region", { name: section }));
    const emails = page.getByRole("main").getByRole("region", { name: "Emails" });
    const row = emails.locator(".email").filter({ hasText: "Set a new Staffroom password" });
    await expectText(row, "Password reset");
    await expectText(row, "Kept in the outbox: no mail server is set");
    // Her own emails only: someone else's invitation is not among them, and no recipient column.
    expect(await emails.getByText("omar.haddad@demo.test").count()).toBe(0);
    expect(await row.locator(".email__to").count()).toBe(0);
    await row.getByRole("button", { name: "Read “Set a new Staffroom password”" }).click();
    await expectText(row.locator(".email__text"), "/reset-password?token=");
    await checkScreen(page, "settings — notifications, calendar and my emails", { show: row });

    // The old notification settings address lands on the settings page's section.
    await page.goto("/settings/notifications");
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).hash).toBe("/settings#notifications");
    await expectVisible(page.getByRole("main").getByRole("region", { name: "Notifications" }).getByRole("group", { name: "Replies to my feedback" }));

    await page.goto("/school/outbox");
    await expectVisible(page.getByRole("heading", { level: 1, name: "Page not found" }));
    expect(await page.locator(".email").count()).toBe(0);
    await checkScreen(page, "outbox — a teacher's direct visit");
  });
});
