// Two teachers of the same peer group (Ana and Ben, Questioning Circle) in two browser contexts on
// Ana's lesson plan: each sees the other's typing and the other's named caret, the server keeps
// both edits, feedback Ben anchors to a passage appears in Ana's sidebar without a reload, and a
// version Ana restores replaces the content on Ben's screen at once.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  afterPendingEvents,
  appPath,
  checkScreen,
  DEMO,
  expectText,
  expectVisible,
  globalIdOf,
  sessionToken,
  UI_TIMEOUT,
  useBrowserSuite,
  DEMO_LESSON_TITLE,
  openEditor,
} from "../support/browser.ts";
import { asNode, DocumentMarkdown } from "../support/operations.ts";

const suite = useBrowserSuite();

const LESSON_TITLE = DEMO_LESSON_TITLE;

async function lessonPlan() {
  const doc = await suite.app.db.prisma.document.findFirstOrThrow({ where: { title: LESSON_TITLE } });
  return { url: appPath.document(doc.id), gid: globalIdOf("Document", doc.id) };
}

/** Types a new line at the very end of the document. */
async function typeAtEnd(page: Page, editor: ReturnType<Page["getByRole"]>, text: string) {
  await editor.focus();
  await page.keyboard.press("Control+End");
  // Control+End moves the browser's selection; ProseMirror adopts it on the next selectionchange
  // event. Let that event run before Enter, or Enter splits the line the caret was on before.
  await afterPendingEvents(page);
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
}

/** Marks the page, so a later check can tell that it was never reloaded. */
async function markPage(page: Page) {
  await page.evaluate(`window.__staffroomNotReloaded = true`);
}
async function stillSamePage(page: Page) {
  expect(await page.evaluate(`window.__staffroomNotReloaded === true`), "the page was reloaded").toBe(true);
}

describe("co-editing a lesson plan", () => {
  it("opening a lesson plan changes nothing until someone types", async () => {
    const { url } = await lessonPlan();
    const doc = await suite.app.db.prisma.document.findFirstOrThrow({ where: { title: LESSON_TITLE } });
    const storedUpdates = () => suite.app.db.prisma.documentUpdate.count({ where: { documentId: doc.id } });
    const before = await storedUpdates();
    const ana = await suite.signedIn(DEMO.ana);
    const editor = await openEditor(ana, url);
    // An editor that "normalises" the document on open (Tiptap's trailing paragraph after a
    // final list did) would store an update for every visit.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await storedUpdates()).toBe(before);
    expect(await ana.page.getByRole("button", { name: "Undo" }).getAttribute("aria-disabled")).toBe("true");
    await typeAtEnd(ana.page, editor, "x");
    await expect.poll(storedUpdates, { timeout: UI_TIMEOUT }).toBeGreaterThan(before);
  });

  it("each teacher sees the other's text and named caret, and the server keeps both edits", async () => {
    const { url, gid } = await lessonPlan();
    const [ana, ben] = await Promise.all([suite.signedIn(DEMO.ana), suite.signedIn(DEMO.ben)]);
    const [anaEditor, benEditor] = await Promise.all([openEditor(ana, url), openEditor(ben, url)]);
    const nonce = Math.random().toString(36).slice(2, 8);
    const anaLine = `Ana adds a think-pair-share here ${nonce}`;
    const benLine = `Ben suggests a wait-time count ${nonce}`;

    // One after the other: typing at "the end" at the same moment would interleave the lines.
    await typeAtEnd(ana.page, anaEditor, anaLine);
    await expectText(benEditor, anaLine);
    await typeAtEnd(ben.page, benEditor, benLine);
    await expectText(anaEditor, benLine);
    await expectText(benEditor, anaLine); // Ben's line went after Ana's, not over it

    // Each sees the other's caret, labelled with their name, inside the editor; and who is here.
    await expectText(anaEditor.locator(".collaboration-carets__label"), DEMO.ben.name);
    await expectText(benEditor.locator(".collaboration-carets__label"), DEMO.ana.name);
    await expectText(ana.page.getByRole("region", { name: "People here now" }), DEMO.ben.name);
    await expectText(ben.page.getByRole("region", { name: "People here now" }), DEMO.ana.name);
    await checkScreen(ana.page, "co-editing (Ana sees Ben's caret)");

    // Both edits reached the server (what an integrator reads through GraphQL).
    const token = await sessionToken(ana.page);
    await expect
      .poll(async () => asNode((await suite.app.gql(DocumentMarkdown, { id: gid }, token)).data?.node, "Document")?.content?.markdown ?? "", {
        timeout: UI_TIMEOUT,
      })
      .toMatch(new RegExp(`^(- )?${anaLine}$[\\s\\S]*^(- )?${benLine}$`, "m")); // each its own line (or list item), in the order typed
  });

  it("feedback anchored to selected text appears live in the other teacher's sidebar", async () => {
    const { url } = await lessonPlan();
    const [ana, ben] = await Promise.all([suite.signedIn(DEMO.ana), suite.signedIn(DEMO.ben)]);
    const [, benEditor] = await Promise.all([openEditor(ana, url), openEditor(ben, url)]);
    const anaThreads = ana.page.getByRole("list", { name: "Feedback threads" });
    await expectVisible(anaThreads.getByRole("listitem").first()); // the demo's earlier feedback is listed
    await markPage(ana.page);

    const nonce = Math.random().toString(36).slice(2, 8);
    const passage = `Students predict before the demo ${nonce}`;
    const body = `Could they write the prediction down first? ${nonce}`;
    await typeAtEnd(ben.page, benEditor, passage);
    await ben.page.keyboard.press("Shift+Home"); // select the line just typed

    const form = ben.page.getByRole("form", { name: "Give feedback" });
    const anchor = form.getByRole("checkbox", { name: /About the selected text/ });
    await expectText(form, passage); // the form quotes the selection
    expect(await anchor.isChecked()).toBe(true);
    await form.getByRole("radio", { name: "Grow" }).check();
    await form.getByLabel("Your feedback").fill(body);
    await form.getByRole("button", { name: "Add grow" }).click();

    // Ana's sidebar: the new thread, from Ben, quoting the passage, without a reload.
    const thread = anaThreads.getByRole("listitem", { name: `Grow from ${DEMO.ben.name}` }).filter({ hasText: body });
    await expectVisible(thread);
    await expectVisible(thread.getByRole("button", { name: `Show the passage in the document: ${passage}` }));
    await stillSamePage(ana.page);
    await thread.scrollIntoViewIfNeeded();
    await checkScreen(ana.page, "feedback arrived live (Ana's screen)", { fullPage: false });
  });

  it("restoring a saved version changes the document on the other teacher's screen at once", async () => {
    const { url } = await lessonPlan();
    const [ana, ben] = await Promise.all([suite.signedIn(DEMO.ana), suite.signedIn(DEMO.ben)]);
    const [anaEditor, benEditor] = await Promise.all([openEditor(ana, url), openEditor(ben, url)]);
    await markPage(ben.page);
    const nonce = Math.random().toString(36).slice(2, 8);
    const versionName = `Before the exit-ticket rewrite ${nonce}`;

    await ana.page.getByRole("tab", { name: "Versions" }).click();
    await ana.page.getByLabel("Version name").fill(versionName);
    await ana.page.getByRole("button", { name: "Save version" }).click();
    const saved = ana.page.getByRole("list", { name: "Saved versions" });
    await expectText(saved, versionName);

    const later = `Exit ticket rewritten by Ben ${nonce}`;
    await typeAtEnd(ben.page, benEditor, later);
    await expectText(anaEditor, later);

    await saved.getByRole("button", { name: `Restore ${versionName}` }).click();
    const dialog = ana.page.getByRole("dialog", { name: new RegExp(`Restore .${versionName}.\\?`) });
    await checkScreen(ana.page, "restore a version: confirm", { fullPage: false });
    await dialog.getByRole("button", { name: "Restore this version" }).click();

    // Ben's editor drops the line he wrote after the version, without a reload; nothing else is lost.
    await expect.poll(() => benEditor.innerText(), { timeout: UI_TIMEOUT }).not.toContain(later);
    await expectText(benEditor, "chlorophyll");
    await stillSamePage(ben.page);
    // And what the restore replaced was kept as a version of its own.
    await expectText(saved, `Before restoring ${versionName}`);
  });
});
