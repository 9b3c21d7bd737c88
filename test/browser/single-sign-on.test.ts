// Signing in with the school's account, in a real browser against a real OpenID provider
// (oidc-provider, started here): from an empty database, a school's admin sets single sign-on up
// on its settings page (test connection, save), then a teacher the school added signs in through
// the provider's own sign-in page and lands on Home; an address the provider does not vouch for
// ends back on the sign-in page with a sentence. Desktop and phone width.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@staffroom/api/testing";
import { startIdentityProvider, type TestIdentityProvider } from "../support/identity-provider.ts";
import { expectText, expectVisible, fillSignInForm, saveScreenshot, sessionToken, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";
import { Viewer } from "../support/operations.ts";

const suite = useBrowserSuite({ seedDemo: false, singleSignOn: { allowHttpIssuers: true } });
const PASSWORD = "correct horse battery";
const PHONE = { width: 390, height: 844 };

let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await startIdentityProvider({ redirectUri: `${suite.app.url}/auth/oidc/callback` });
  const prisma = suite.app.db.prisma;
  const school = await prisma.school.create({ data: { name: "Lakeside Middle School", slug: "lakeside" } });
  const passwordHash = await hashPassword(PASSWORD);
  for (const [email, name, role] of [
    ["principal@lakeside.test", "Rosa Alvarez", "ADMIN"],
    ["teacher@lakeside.test", "Sam Okoye", "TEACHER"],
    ["phone.teacher@lakeside.test", "Lena Park", "TEACHER"],
  ] as const) {
    await prisma.user.create({ data: { email, name, passwordHash, schoolMemberships: { create: { schoolId: school.id, role } } } });
  }
  idp.accounts.set("sam", { email: "teacher@lakeside.test", emailVerified: true, name: "Sam Okoye" });
  idp.accounts.set("lena", { email: "phone.teacher@lakeside.test", emailVerified: true, name: "Lena Park" });
  idp.accounts.set("unconfirmed", { email: "teacher@lakeside.test", emailVerified: false, name: "Sam Okoye" });
});
afterAll(() => idp?.close());

describe("single sign-on in the browser", () => {
  it("an admin sets it up: the redirect URI to register, a connection test, then save", async () => {
    const { page } = await suite.newUser("Rosa");
    await fillSignInForm(page, "principal@lakeside.test", PASSWORD);
    await page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
    await page.goto("/school/sign-in");
    await expectVisible(page.getByRole("heading", { level: 2, name: "Single sign-on" }));
    await expectText(page.getByRole("region", { name: "Status" }), "Not set up yet");
    expect(await page.getByLabel("Redirect URI").inputValue()).toBe(`${suite.app.url}/auth/oidc/callback`);

    // A wrong issuer: the test says so in a sentence next to the field.
    await page.getByLabel("Issuer URL").fill(`${idp.issuer}/wrong`);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expectText(page.getByRole("region", { name: "Provider" }), "Staffroom could not read the provider's settings");
    expect(await page.getByLabel("Issuer URL").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Issuer URL").fill(idp.issuer);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expectText(page.getByRole("status"), `The provider at ${idp.issuer} answered.`);
    await page.getByLabel("Client ID").fill(idp.clientId);
    await page.getByLabel("Client secret").fill(idp.clientSecret);
    await page.getByLabel("Allowed email domains").fill("lakeside.test");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expectText(page.getByRole("status"), "Saved. Your staff can now sign in with their school account.");
    await expectText(page.getByRole("region", { name: "Status" }), "On: staff whose addresses");
    // The secret is gone from the page: only its last four characters are shown.
    expect(await page.getByLabel("Client secret").inputValue()).toBe("");
    await expectText(page.getByRole("region", { name: "Provider" }), `A secret is stored (…${idp.clientSecret.slice(-4)})`);
    expect(await page.content()).not.toContain(idp.clientSecret);
    await saveScreenshot(page, "single sign-on settings — desktop");

    await page.setViewportSize(PHONE);
    await saveScreenshot(page, "single sign-on settings — 390px");
    const stored = await suite.app.db.prisma.schoolSignOnProvider.findFirstOrThrow();
    expect(stored).toMatchObject({ issuer: idp.issuer, clientId: idp.clientId, allowedDomains: ["lakeside.test"], enabled: true });
  });

  it("a teacher signs in with the school account, through the provider's sign-in page, and lands on Home", async () => {
    const { page } = await suite.newUser("Sam");
    await page.goto("/sign-in");
    await page.getByLabel("School email").fill("teacher@lakeside.test");
    await saveScreenshot(page, "sign in with your school account — desktop");
    await page.getByRole("button", { name: "Continue with your school account" }).click();
    await page.waitForURL((url) => url.href.startsWith(idp.issuer), { timeout: UI_TIMEOUT });
    await page.getByLabel("School account").fill("sam");
    await page.getByLabel("Password").fill("the provider checks this, not Staffroom");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.origin === suite.app.url && url.pathname === "/", { timeout: UI_TIMEOUT });
    await expectText(page.getByRole("banner"), "Sam Okoye");
    // The one-time code is gone from the address bar and the history.
    expect(new URL(page.url()).hash).toBe("");
    const token = await sessionToken(page);
    expect((await suite.app.gql(Viewer, {}, token)).data?.viewer?.email).toBe("teacher@lakeside.test");
    await saveScreenshot(page, "signed in with the school account — desktop");
    // The settings are for admins: a teacher gets a sentence, not the form.
    await page.goto("/school/sign-in");
    await expectText(page.getByRole("main"), "The school console is for the school's admins.");
    expect(await page.getByLabel("Client secret").count()).toBe(0);
  });

  it("at phone width too, and a refusal ends on the sign-in page with a sentence", async () => {
    const { page } = await suite.newUser("Lena", { viewport: PHONE });
    await page.goto("/sign-in");
    await page.getByLabel("School email").fill("phone.teacher@lakeside.test");
    await page.getByLabel("School email").press("Enter");
    await page.waitForURL((url) => url.href.startsWith(idp.issuer), { timeout: UI_TIMEOUT });
    await page.getByLabel("School account").fill("unconfirmed");
    await page.getByLabel("Password").fill("x");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.origin === suite.app.url && url.pathname === "/sign-in", { timeout: UI_TIMEOUT });
    await expectText(page.getByRole("alert"), "did not confirm that this email address is yours");
    expect(await sessionToken(page)).toBeNull();
    await saveScreenshot(page, "school sign-in refused — 390px", { fullPage: false });

    // Keyboard only, in a browser not yet signed in at the provider (which otherwise remembers
    // the account it just signed in and sends it straight back): the school email, Enter, the provider's form.
    const { page: phone } = await suite.newUser("Lena again", { viewport: PHONE });
    await phone.goto("/sign-in");
    await phone.getByLabel("School email").fill("phone.teacher@lakeside.test");
    await phone.getByLabel("School email").press("Enter");
    await phone.waitForURL((url) => url.href.startsWith(idp.issuer), { timeout: UI_TIMEOUT });
    await phone.getByLabel("School account").fill("lena");
    await phone.getByLabel("Password").fill("x");
    await phone.getByLabel("Password").press("Enter");
    await phone.waitForURL((url) => url.origin === suite.app.url && url.pathname === "/", { timeout: UI_TIMEOUT });
    await expectText(phone.getByRole("banner"), "Lena Park");
    await saveScreenshot(phone, "signed in with the school account — 390px", { fullPage: false });
  });

  it("a used or made-up hand-over code says so in a sentence, with the way back", async () => {
    const { page } = await suite.newUser("Someone", { viewport: PHONE });
    await page.goto("/sign-in/school#code=not-a-real-code");
    await expectText(page.getByRole("alert"), "This sign-in has expired or was already used. Sign in with your school account again.");
    // The code left the address bar at once.
    expect(new URL(page.url()).hash).toBe("");
    expect(await sessionToken(page)).toBeNull();
    await saveScreenshot(page, "school sign-in hand-over refused — 390px", { fullPage: false });
    await page.getByRole("link", { name: "Back to the sign-in page" }).click();
    await expectVisible(page.getByLabel("School email"));
  });
});
