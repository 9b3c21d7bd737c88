// The web app in a real browser: Debian's chromium driven by playwright-core, against the real api
// (in-process, real HTTP on port 0) on a fresh PostgreSQL database holding the demo school, serving
// the built web app from web/dist. One Chromium for the whole run (support/chromium-server.ts), one
// connection to it per test file, and one context (a separate person, with their own storage and
// sockets) per signed-in user.
//
// Every page is watched: a console error or an uncaught exception in any page fails the test it
// happened in (the issue asks for "no errors in the browser console").
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, type TestContext, vi } from "vitest";
import type { Config } from "@staffroom/api/config";
import { DEMO_PASSWORD } from "@staffroom/api/testing";
import { accessibilityViolations, describeViolation, expectAccessible } from "./accessibility.ts";
import { startTestApp, type TestApp } from "./app.ts";
import { CHROMIUM_PATH } from "./chromium-path.ts";
import { CHROMIUM_ARGS } from "./chromium-server.ts";

export const WEB_DIST = path.resolve(import.meta.dirname, "../../web/dist");
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../artifacts/screenshots");
export { DEMO_PASSWORD };
export { expectAccessible } from "./accessibility.ts";

/** How long a UI expectation may wait for the app (live edits travel through the server). Generous on purpose: CI shares two cores. */
export const UI_TIMEOUT = 15_000;

/** The demo logins the browser tests use (README "Demo logins"). */
export const DEMO = {
  ana: { email: "ana@demo.test", name: "Ana Lopez" }, // Questioning Circle (peer), Grade 4 Team (PLC)
  ben: { email: "ben@demo.test", name: "Ben Carter" }, // Questioning Circle, K–5 Math
  chloe: { email: "chloe@demo.test", name: "Chloe Nguyen" }, // Questioning Circle
  david: { email: "david@demo.test", name: "David Kim" }, // Discourse Lab (peer), Grade 4 Team
  hana: { email: "hana@demo.test", name: "Hana Sato" }, // facilitates Grade 4 Team
  dana: { email: "coach.rivera@demo.test", name: "Dana Rivera" }, // coach, member of Grade 4 Team
} as const;
export type DemoLogin = { email: string; name: string };

export type UserPage = {
  label: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far in this context's pages. */
  errors: string[];
  /** URLs of every websocket this context's pages opened (graphql-ws, /collab/<room>). */
  websockets: string[];
};

export type BrowserSuite = {
  readonly app: TestApp;
  readonly browser: Browser;
  /** A new browser context (a person of their own) with one page, watched for console errors. */
  newUser(label: string, options?: { viewport?: { width: number; height: number } }): Promise<UserPage>;
  /** `newUser` + sign in through the real sign-in page; resolves once the app has left /sign-in. */
  signedIn(login: DemoLogin, options?: { viewport?: { width: number; height: number } }): Promise<UserPage>;
};

/**
 * Registers the hooks of a browser test file: starts the app and connects to the run's Chromium once (beforeAll),
 * closes every context after each test and fails the test on any console error (afterEach),
 * and stops everything at the end. Use the returned object inside tests only. `appConfig` adds
 * to the app's test config (e.g. where it sends email); `{ seedDemo: false }` starts from an
 * empty database.
 */
export function useBrowserSuite(appConfig: Partial<Config> = {}): BrowserSuite {
  // A browser test checks each screen with axe at two widths, on two shared cores: more time than
  // the default minute.
  vi.setConfig({ testTimeout: 180_000 });
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  let users: UserPage[] = [];

  beforeAll(async () => {
    assertWebBuilt();
    // Sign-in attempts are limited per address; every context here comes from 127.0.0.1.
    [app, browser] = await Promise.all([
      startTestApp({ seedDemo: true, signIn: { perAccount: 5, perAddress: 500, windowSeconds: 900 }, ...appConfig }),
      connectChromium(),
    ]);
    // `seedDemo: false` starts from an empty database, as a new school does.
    if (appConfig.seedDemo !== false && !app.demo?.created) throw new Error("the demo school was not seeded: the browser tests sign in as its people");
  });

  afterEach(async (ctx: TestContext) => {
    const open = users;
    users = [];
    const failed = ctx.task.result?.state === "fail";
    if (failed) {
      // What each person saw when the test failed, for the CI artifacts.
      for (const user of open) await saveScreenshot(user.page, `FAILED ${ctx.task.name} — ${user.label}`).catch(() => {});
    }
    // Every page still open at the end of a test is checked with axe, so each new test is
    // covered; tests also call expectAccessible on the pages they pass through on the way.
    const inaccessible = failed || !app ? [] : await endOfTestViolations(open, app.url);
    await Promise.all(open.map((user) => user.context.close().catch(() => {})));
    const errors = open.flatMap((user) => user.errors.map((error) => `[${user.label}] ${error}`));
    expect(errors, "errors in the browser console").toEqual([]);
    expect(inaccessible.join("\n\n"), "axe-core: serious or critical violations on the pages open at the end of the test").toBe("");
  });

  afterAll(async () => {
    // For a connected browser this closes every context the file made, and disconnects.
    await browser?.close();
    await app?.close();
  });

  const suite: BrowserSuite = {
    get app() {
      if (!app) throw new Error("the browser suite has not started (use it inside tests)");
      return app;
    },
    get browser() {
      if (!browser) throw new Error("the browser suite has not started (use it inside tests)");
      return browser;
    },
    async newUser(label, options = {}) {
      const context = await suite.browser.newContext({ baseURL: suite.app.url, viewport: options.viewport ?? { width: 1280, height: 800 } });
      context.setDefaultTimeout(UI_TIMEOUT);
      const user: UserPage = { label, context, page: await context.newPage(), errors: [], websockets: [] };
      watchConsole(user);
      const trackSockets = (page: Page) => page.on("websocket", (socket) => user.websockets.push(socket.url()));
      trackSockets(user.page);
      context.on("page", trackSockets);
      users.push(user);
      return user;
    },
    async signedIn(login, options) {
      const user = await suite.newUser(login.name, options);
      await signIn(user.page, login.email);
      return user;
    },
  };
  return suite;
}

/** The axe violations of each app page the people of a test still have open, described for a person. */
async function endOfTestViolations(open: UserPage[], appUrl: string): Promise<string[]> {
  const found: string[] = [];
  for (const user of open) {
    for (const page of user.context.pages()) {
      if (page.isClosed() || !page.url().startsWith(appUrl)) continue;
      const violations = await accessibilityViolations(page);
      if (violations.length > 0) found.push(`[${user.label}] ${page.url()}\n${violations.map(describeViolation).join("\n")}`);
    }
  }
  return found;
}

export function assertWebBuilt(): void {
  if (!existsSync(path.join(WEB_DIST, "index.html"))) {
    throw new Error(
      `The built web app is missing (${path.join(WEB_DIST, "index.html")}). ` +
        "Build it first: `npm run build --workspace web` (npm test builds it through turbo).",
    );
  }
}

/** A Chromium of the caller's own. */
export async function launchChromium(): Promise<Browser> {
  assertChromiumInstalled();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A connection to the run's shared Chromium (support/chromium-server.ts, launched on first use); without that set-up (another vitest config), a Chromium of the file's own. */
export async function connectChromium(): Promise<Browser> {
  const server = inject("chromiumServer");
  if (!server) return launchChromium();
  assertChromiumInstalled();
  const response = await fetch(server);
  const answer = await response.text();
  if (!response.ok) throw new Error(`Chromium did not start: ${answer}`);
  return chromium.connect(answer);
}

function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No chromium at ${CHROMIUM_PATH}. Install Debian's: apt-get install -y --no-install-recommends chromium (npm test does when it may).`);
  }
}

function watchConsole(user: UserPage) {
  user.context.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url, lineNumber } = message.location();
    user.errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
  });
  user.context.on("weberror", (webError) => {
    const error = webError.error();
    user.errors.push(`uncaught: ${error.stack ?? error.message}`);
  });
}

/** Signs in through the real sign-in page and waits until the app has navigated away from it. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await fillSignInForm(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: UI_TIMEOUT });
}

export async function fillSignInForm(page: Page, email: string, password: string): Promise<void> {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/sign-in")) await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/**
 * Saves a PNG to test/artifacts/screenshots/<name>.png and returns its path: the whole page from
 * its top, or (`fullPage: false`) just what is on screen — for modals, whose backdrop covers only
 * the screen, and for a phone's first screenful.
 */
export async function saveScreenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.,() –-]+/g, "_").slice(0, 150)}.png`);
  // Sticky toolbars and sidebars sit where the last scroll left them; from the top they sit where a reader first sees them.
  if (fullPage) await page.evaluate(`window.scrollTo(0, 0)`);
  // Carets blink and animations move: freeze them so screenshots are stable to look at.
  await page.screenshot({ path: file, fullPage, animations: "disabled", caret: "hide" });
  return file;
}

/** A phone's screen (an iPhone 12–15), the narrowest width every screen must work at. */
export const PHONE = { width: 390, height: 844 } as const;

/**
 * A screen of the app as a person sees it, once the test has it ready: checked with axe-core and
 * saved as `<name>.png`; then, when the page is wider than a phone, at the phone's width too
 * (`<name> (phone).png`), checked with axe again there and never wider than the screen (no
 * sideways scrolling of the page). The page is back at its own size afterwards. `fullPage: false`
 * saves only what is on screen (modals, a phone's first screenful), scrolled to `show` if given.
 */
export async function checkScreen(page: Page, name: string, { fullPage = true, show }: { fullPage?: boolean; show?: Locator } = {}): Promise<void> {
  await expectAccessible(page, name);
  await show?.scrollIntoViewIfNeeded();
  await saveScreenshot(page, name, { fullPage });
  const own = page.viewportSize();
  if (!own || own.width <= PHONE.width) return;
  await page.setViewportSize(PHONE);
  try {
    await afterPendingEvents(page);
    await expectAccessible(page, `${name} (phone)`);
    await show?.scrollIntoViewIfNeeded();
    await saveScreenshot(page, `${name} (phone)`, { fullPage });
    const width = await page.evaluate<number>(`document.documentElement.scrollWidth`);
    if (width > PHONE.width) expect.fail(`${name}: ${width} px wide on a ${PHONE.width} px phone; what sticks out:\n${(await overflowing(page)).join("\n")}`);
  } finally {
    await page.setViewportSize(own);
    await afterPendingEvents(page);
  }
}

/** The elements that reach past the right edge of the screen, outermost first, as tag.class (right edge). */
function overflowing(page: Page): Promise<string[]> {
  // A string expression: the test package compiles without the DOM library.
  return page.evaluate<string[]>(`[...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
    .slice(0, 10)
    .map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\\s+/).join(".") : "") + " (right edge " + Math.round(e.getBoundingClientRect().right) + " px)")`);
}

/** Resolves once the page has run the events already queued (e.g. selectionchange after a key press) and painted a frame. */
export async function afterPendingEvents(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))`);
}

/** Waits (auto-retrying) until the locator's text contains `text`. */
export async function expectText(locator: Locator, text: string | RegExp, timeout = UI_TIMEOUT): Promise<void> {
  await expect
    .poll(async () => (await locator.allInnerTexts()).join("\n"), { timeout, message: `text ${String(text)} in ${locator}` })
    .toMatch(typeof text === "string" ? new RegExp(escapeRegExp(text)) : text);
}

/** Waits until the locator matches at least one visible element. */
export async function expectVisible(locator: Locator, timeout = UI_TIMEOUT): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout });
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Database id → relay global id, as the schema and the web app's URLs encode it. */
export const globalIdOf = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString("base64");

/** The web app's URLs for database ids (web/src/app/paths.ts: relay global ids, URI-encoded — base64 may hold "/"). */
export const appPath = {
  document: (id: string) => `/documents/${encodeURIComponent(globalIdOf("Document", id))}`,
  session: (id: string) => `/sessions/${encodeURIComponent(globalIdOf("Session", id))}`,
};

/** The session token the web app keeps for this page (web/src/app/auth.tsx), or null when signed out. */
export function sessionToken(page: Page): Promise<string | null> {
  // A string expression: the test package compiles without the DOM library.
  return page.evaluate<string | null>(`window.localStorage.getItem("staffroom.sessionToken")`);
}

/** The demo lesson plan the co-editing tests open (Ana's, in the Questioning Circle). */
export const DEMO_LESSON_TITLE = "Why do leaves change colour? (Grade 4 science inquiry)";

/** Opens a document and waits until its editor has the server's content and accepts typing. */
export async function openEditor(user: UserPage, url: string, title = DEMO_LESSON_TITLE): Promise<Locator> {
  await user.page.goto(url);
  const editor = user.page.getByRole("textbox", { name: title });
  await expectVisible(editor);
  await user.page.locator(`[aria-label="${title}"][aria-readonly="false"]`).waitFor({ timeout: UI_TIMEOUT });
  await expectText(user.page.getByRole("status").filter({ hasText: /Live|Connecting|Offline/ }), "Live — changes are saved");
  return editor;
}

/** Opens a section of the school console as an admin does: "School" in the header, then the section's link. */
export async function openSchoolSection(page: Page, section: string): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "School", exact: true }).click();
  await page.getByRole("navigation", { name: "School sections" }).getByRole("link", { name: section, exact: true }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/school/"), { timeout: UI_TIMEOUT });
}
