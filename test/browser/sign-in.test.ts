// Signing in and out through the real pages: a wrong password is refused with a message and no
// session, the right one lands on Home with the teacher's own groups, and signing out ends the
// session on the server (the old token stops working), not just in the page.
import { describe, expect, it } from "vitest";
import {
  checkScreen,
  DEMO,
  DEMO_PASSWORD,
  expectText,
  expectVisible,
  fillSignInForm,
  sessionToken,
  signIn,
  UI_TIMEOUT,
  useBrowserSuite,
} from "../support/browser.ts";
import { Viewer } from "../support/operations.ts";

const suite = useBrowserSuite();

describe("signing in", () => {
  it("sends a signed-out visitor to the sign-in page, which lists the demo logins", async () => {
    const { page } = await suite.newUser("visitor");
    await page.goto("/");
    await page.waitForURL("**/sign-in", { timeout: UI_TIMEOUT });
    await expectVisible(page.getByRole("heading", { name: "Sign in" }));
    const demoLogins = page.getByRole("region", { name: "Demo logins" });
    await expectText(demoLogins, DEMO.ana.email);
    await expectText(demoLogins, DEMO.dana.email);
  });

  it("refuses a wrong password with a clear message and stays signed out", async () => {
    const { page } = await suite.newUser("wrong password");
    await page.goto("/sign-in");
    await fillSignInForm(page, DEMO.ana.email, "not-the-password");
    await expectText(page.getByRole("alert"), "Wrong email or password");
    await checkScreen(page, "sign-in with a wrong password");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await sessionToken(page)).toBeNull();
    // Still signed out: home sends us back here.
    await page.goto("/");
    await page.waitForURL("**/sign-in", { timeout: UI_TIMEOUT });
  });

  it("lands on Home with the teacher's groups after the right password", async () => {
    const { page } = await suite.newUser("Ana");
    await signIn(page, DEMO.ana.email, DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/");
    await expectVisible(page.getByRole("heading", { level: 1, name: "Welcome, Ana" }));
    const groups = page.getByRole("region", { name: "My groups" });
    await expectVisible(groups.getByRole("link", { name: "Questioning Circle" }));
    await expectVisible(groups.getByRole("link", { name: "Grade 4 Team" }));
    // Only her own groups: Discourse Lab and K–5 Math are other people's. (The other link starts a new group.)
    const links = await groups.getByRole("link").allInnerTexts();
    expect(links.map((text) => text.trim()).sort()).toEqual(["Grade 4 Team", "Questioning Circle", "Start a peer group"]);
    await expectText(page.getByRole("banner"), "Ana Lopez");
  });

  it("picking a demo login fills the form, and Enter signs in", async () => {
    const { page } = await suite.newUser("Ben via demo list");
    await page.goto("/sign-in");
    await page.getByRole("button", { name: new RegExp(DEMO.ben.email) }).click();
    await expect.poll(() => page.getByLabel("Email", { exact: true }).inputValue()).toBe(DEMO.ben.email);
    await page.keyboard.press("Enter");
    await expectVisible(page.getByRole("heading", { level: 1, name: "Welcome, Ben" }));
  });

  it("signs out: back to the sign-in page, and the old session token no longer works", async () => {
    const { page } = await suite.signedIn(DEMO.chloe);
    await expectVisible(page.getByRole("heading", { level: 1, name: "Welcome, Chloe" }));
    const token = await sessionToken(page);
    expect(token).toBeTruthy();
    expect((await suite.app.gql(Viewer, {}, token)).data?.viewer?.name).toBe(DEMO.chloe.name);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in", { timeout: UI_TIMEOUT });
    expect(await sessionToken(page)).toBeNull();
    const after = await suite.app.gql(Viewer, {}, token);
    expect(after.status).toBe(401);
    // A reload does not bring the session back.
    await page.goto("/");
    await page.waitForURL("**/sign-in", { timeout: UI_TIMEOUT });
  });
});
