// A coach (Dana) and a peer group's document she was not given (Ana's lesson plan in Questioning
// Circle): the UI never lists or links it for her, and its URL shows a clear no-access message with
// none of its content and no live connection. A document a peer group did share with coaches
// opens for her, read-only: the refusal above is about access, not a broken page.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appPath, checkScreen, DEMO, expectText, expectVisible, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

const UNSHARED_TITLE = "Why do leaves change colour? (Grade 4 science inquiry)";
const UNSHARED_PHRASE = "chlorophyll"; // in its text, and in nothing a coach may see
const SHARED_TITLE = "Number talk: 18 × 5 three ways (Grade 3)";
const SHARED_PHRASE = "doubling and halving";

async function documentByTitle(title: string) {
  return suite.app.db.prisma.document.findFirstOrThrow({ where: { title } });
}

async function hrefs(page: Page): Promise<string[]> {
  return page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
}

async function bodyText(page: Page): Promise<string> {
  return page.locator("body").innerText();
}

describe("a coach and a peer group's unshared document", () => {
  it("is neither listed nor linked anywhere the coach can go", async () => {
    const unshared = await documentByTitle(UNSHARED_TITLE);
    const forbiddenPath = appPath.document(unshared.id);
    const dana = await suite.signedIn(DEMO.dana);
    const { page } = dana;
    const seen: string[] = [];

    await expectVisible(page.getByRole("heading", { level: 1, name: "Welcome, Dana" }));
    await expectVisible(page.getByRole("region", { name: "My groups" }));
    seen.push(...(await hrefs(page)));
    expect(await bodyText(page)).not.toContain(UNSHARED_TITLE);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coach dashboard" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Coach dashboard" }));
    const network = page.getByRole("region", { name: "Support network" });
    await expectVisible(network.getByRole("link", { name: "Questioning Circle" }));
    seen.push(...(await hrefs(page)));
    expect(await bodyText(page)).not.toContain(UNSHARED_TITLE);

    // The group itself: members yes, its work no.
    await network.getByRole("link", { name: "Questioning Circle" }).first().click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Questioning Circle" }));
    await expectText(page.getByRole("region", { name: "The group's work" }), "stay within the group");
    await checkScreen(page, "peer group page (coach)");
    await expectText(page.locator("main"), DEMO.ana.name);
    expect(await page.getByRole("region", { name: "Documents" }).count()).toBe(0);
    seen.push(...(await hrefs(page)));
    const text = await bodyText(page);
    expect(text).not.toContain(UNSHARED_TITLE);
    expect(text).not.toContain(UNSHARED_PHRASE);

    expect(seen.length).toBeGreaterThan(5); // the pages did render their links
    expect(seen.filter((href) => href.includes(forbiddenPath))).toEqual([]);
    expect(dana.websockets.filter((url) => url.includes("/collab"))).toEqual([]);
  });

  it("opened by its URL, shows a clear no-access message, no content and no live connection", async () => {
    const unshared = await documentByTitle(UNSHARED_TITLE);
    const dana = await suite.signedIn(DEMO.dana);
    await dana.page.goto(appPath.document(unshared.id));

    await expectVisible(dana.page.getByRole("heading", { level: 1, name: "Document not available" }));
    await expectText(dana.page.locator("main"), "You don't have access to this document");
    const text = await bodyText(dana.page);
    expect(text).not.toContain(UNSHARED_TITLE);
    expect(text).not.toContain(UNSHARED_PHRASE);
    expect(await dana.page.getByRole("textbox").count()).toBe(0); // no editor
    await checkScreen(dana.page, "document not available (coach)");
    expect(dana.websockets.filter((url) => url.includes("/collab"))).toEqual([]);
  });

  it("a document the peer group shared with coaches does open for her, read-only", async () => {
    const shared = await documentByTitle(SHARED_TITLE);
    const dana = await suite.signedIn(DEMO.dana);
    await dana.page.goto(appPath.document(shared.id));

    await expectVisible(dana.page.getByRole("heading", { level: 1, name: SHARED_TITLE }));
    await expectText(dana.page.locator("main"), "Read only");
    const editor = dana.page.getByRole("textbox", { name: SHARED_TITLE });
    await expectText(editor, SHARED_PHRASE);
    expect(await editor.getAttribute("aria-readonly")).toBe("true");
    await checkScreen(dana.page, "shared document, read-only (coach)");
    await expect.poll(() => dana.websockets.filter((url) => url.includes("/collab/")).length, { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
  });
});
