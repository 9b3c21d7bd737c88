// @mentions as a teacher uses them (issue 13, item 4): Ana types "@Be" in her lesson plan and in
// the feedback box, the suggestion list (only people who can read the document) offers Ben, she
// picks him with the keyboard, and Ben gets a MENTIONED notification for each.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { afterPendingEvents, appPath, checkScreen, DEMO, DEMO_LESSON_TITLE, expectText, openEditor, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

async function setUp() {
  const prisma = suite.app.db.prisma;
  const doc = await prisma.document.findFirstOrThrow({ where: { title: DEMO_LESSON_TITLE } });
  const ben = await prisma.user.findUniqueOrThrow({ where: { email: DEMO.ben.email } });
  const mentionsOfBen = (where: { feedbackId: null } | { feedbackId: { not: null } }) =>
    prisma.notification.count({ where: { kind: "MENTIONED", recipientId: ben.id, documentId: doc.id, ...where } });
  return { url: appPath.document(doc.id), mentionsOfBen };
}

/** The open suggestion list, and that its chosen option is Ben. */
async function benIsSuggested(page: Page) {
  const list = page.getByRole("listbox", { name: "People to mention" });
  await expectText(list, DEMO.ben.name);
  await expectText(list.locator('[role="option"][aria-selected="true"]'), DEMO.ben.name);
  await expectText(page.getByRole("status").filter({ hasText: "to mention" }), "Enter to mention");
}

describe("@mentions", () => {
  it("in the live editor: @Be suggests Ben, Enter mentions him, and Ben is notified once", async () => {
    const { url, mentionsOfBen } = await setUp();
    const before = await mentionsOfBen({ feedbackId: null });
    const ana = await suite.signedIn(DEMO.ana);
    const editor = await openEditor(ana, url);
    await editor.focus();
    await ana.page.keyboard.press("Control+End");
    await afterPendingEvents(ana.page);
    await ana.page.keyboard.press("Enter");
    await ana.page.keyboard.type("Ask @Be");
    await benIsSuggested(ana.page);
    await checkScreen(ana.page, "mention suggestions in the editor");
    await ana.page.keyboard.press("Enter");
    await expectText(editor.locator(".mention"), `@${DEMO.ben.name}`);
    await expect.poll(() => mentionsOfBen({ feedbackId: null }), { timeout: UI_TIMEOUT }).toBe(before + 1);
  });

  it("in the feedback box: @Be suggests Ben, Enter writes @Ben Carter, and adding the feedback notifies him", async () => {
    const { url, mentionsOfBen } = await setUp();
    const before = await mentionsOfBen({ feedbackId: { not: null } });
    const ana = await suite.signedIn(DEMO.ana);
    await openEditor(ana, url);
    const form = ana.page.getByRole("form", { name: "Give feedback" });
    const box = form.getByLabel("Your feedback");
    await box.click();
    await ana.page.keyboard.type("Nice hook, @Be");
    await benIsSuggested(ana.page);
    await checkScreen(ana.page, "mention suggestions in the feedback box");
    // Escape closes the list and keeps the text; moving the caret back after "@Be" opens it again.
    await box.focus();
    await ana.page.keyboard.press("Escape");
    await expect.poll(() => ana.page.getByRole("listbox", { name: "People to mention" }).count(), { timeout: UI_TIMEOUT }).toBe(0);
    await expect.poll(() => box.inputValue()).toBe("Nice hook, @Be");
    await ana.page.keyboard.press("ArrowLeft");
    await ana.page.keyboard.press("End");
    await benIsSuggested(ana.page);
    await ana.page.keyboard.press("ArrowDown");
    await ana.page.keyboard.press("ArrowUp");
    await ana.page.keyboard.press("Enter");
    await expect.poll(() => box.inputValue(), { timeout: UI_TIMEOUT }).toBe(`Nice hook, @${DEMO.ben.name} `);
    await ana.page.keyboard.type("what do you think?");
    await form.getByRole("button", { name: "Add glow" }).click();
    await expect.poll(() => box.inputValue(), { timeout: UI_TIMEOUT }).toBe("");
    await expect.poll(() => mentionsOfBen({ feedbackId: { not: null } }), { timeout: UI_TIMEOUT }).toBe(before + 1);
  });
});
