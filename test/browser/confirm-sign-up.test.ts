// Finishing a sign-up from the emailed link, in a real browser: the link is taken from the email
// the app sent over SMTP. Opening the page uses nothing up (mail scanners open links too); the
// sign-up's password and one click create the account and land on Home signed in. A wrong
// password, a used link and a link cut short say so in a sentence and leave the visitor signed out.
import { afterAll, describe, expect, it } from "vitest";
import { linkIn, startMailbox } from "../support/smtp.ts";
import { SIGN_UP } from "../support/sign-up.ts";
import { checkScreen, expectText, expectVisible, sessionToken, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";
import { Viewer } from "../support/operations.ts";

const mailbox = await startMailbox();
const suite = useBrowserSuite({ mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" } });
afterAll(() => mailbox.close());

const PASSWORD = "correct horse battery";

/** Starts a sign-up through the api and returns the link from the email it sent. */
async function signUpLink(email: string, name: string): Promise<string> {
  const started = await suite.app.gql(SIGN_UP, { input: { email, password: PASSWORD, name } });
  expect(started.data?.signUp.__typename).toBe("MutationSignUpSuccess");
  const link = linkIn(await mailbox.next(email), "/confirm-sign-up");
  if (!link) throw new Error(`no sign-up link in the email to ${email}`);
  return link.href;
}

describe("finishing a sign-up from the emailed link", () => {
  it("creates the account with the sign-up's password, signs in and lands on Home", async () => {
    const link = await signUpLink("nadia@school.test", "Nadia Haddad");
    // The link points at this very server (no PUBLIC_URL: the address it listens on).
    expect(new URL(link).origin).toBe(suite.app.url);
    const { page } = await suite.newUser("Nadia");
    await page.goto(link);
    await expectVisible(page.getByRole("heading", { name: "Finish signing up" }));
    await checkScreen(page, "confirm sign-up");
    // Opening the page used nothing up.
    expect(await suite.app.db.prisma.user.count({ where: { email: "nadia@school.test" } })).toBe(0);

    // Not the password the sign-up was started with: refused, and still nothing is created.
    await page.getByLabel("Password", { exact: true }).fill("some other password");
    await page.getByRole("button", { name: "Finish signing up" }).click();
    await expectText(page.getByRole("alert"), "That is not the password this sign-up was started with.");
    expect(await suite.app.db.prisma.user.count({ where: { email: "nadia@school.test" } })).toBe(0);
    expect(await sessionToken(page)).toBeNull();
    await checkScreen(page, "confirm sign-up with the wrong password");

    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Finish signing up" }).click();
    await page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
    await expectVisible(page.getByRole("heading", { level: 1, name: "Welcome, Nadia" }));
    await expectText(page.getByRole("banner"), "Nadia Haddad");
    const token = await sessionToken(page);
    expect((await suite.app.gql(Viewer, {}, token)).data?.viewer).toEqual({ name: "Nadia Haddad", email: "nadia@school.test" });
  });

  it("says in a sentence that a used link no longer works, and stays signed out", async () => {
    const link = await signUpLink("omar@school.test", "Omar Farouk");
    const first = await suite.newUser("Omar");
    await first.page.goto(link);
    await first.page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await first.page.getByRole("button", { name: "Finish signing up" }).click();
    await first.page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });

    const again = await suite.newUser("the same link again");
    await again.page.goto(link);
    await again.page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await again.page.getByRole("button", { name: "Finish signing up" }).click();
    await expectText(again.page.getByRole("alert"), "This link has expired or was already used. Sign up again.");
    await checkScreen(again.page, "confirm sign-up with a used link");
    // Trying again cannot help, so there is nothing to click but sign-in.
    await expect.poll(() => again.page.getByRole("button", { name: "Finish signing up" }).count()).toBe(0);
    expect(new URL(again.page.url()).pathname).toBe("/confirm-sign-up");
    expect(await sessionToken(again.page)).toBeNull();
    expect(await suite.app.db.prisma.user.count({ where: { email: "omar@school.test" } })).toBe(1);
  });

  it("says so when the link was cut short, and offers sign-in", async () => {
    const { page } = await suite.newUser("no token");
    await page.goto("/confirm-sign-up");
    await expectText(page.getByRole("alert"), "This link is incomplete");
    await expect.poll(() => page.getByRole("button", { name: "Finish signing up" }).count()).toBe(0);
    await checkScreen(page, "confirm sign-up with a link cut short");
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL("**/sign-in", { timeout: UI_TIMEOUT });
  });
});
