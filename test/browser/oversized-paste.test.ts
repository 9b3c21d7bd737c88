// A paste over the server's 4 MiB frame limit (issue 9, item 8). Before, it entered the document,
// the server closed every connection that sent it (1009), and the provider resent it forever: no
// later edit reached anyone. Now the editor refuses it before it enters the document, says so in
// a sentence, and stays editable: the next line Ana types reaches Ben and the server.
import type { Page, WebSocketRoute } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  afterPendingEvents,
  appPath,
  checkScreen,
  DEMO,
  expectText,
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
const PASTE_MARKER = "pasted-lab-report-line";

/** Pastes `lines` lines of text (made in the page: megabytes need not cross the wire) as the clipboard would. */
async function pasteLines(page: Page, lines: number, { repeat = 2 } = {}) {
  await page.evaluate(
    ({ lines, marker, title, repeat }) => {
      const text = `${marker} ${"observations of leaf colour over six weeks ".repeat(repeat)}\n`.repeat(lines);
      const data = new DataTransfer();
      data.setData("text/plain", text);
      const editor = document.querySelector(`[aria-label="${title}"]`)!;
      editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { lines, marker: PASTE_MARKER, title: LESSON_TITLE, repeat },
  );
}

describe("a paste over the 4 MiB limit", () => {
  it("is refused with a message; the document stays editable and the next edit reaches the other teacher and the server", async () => {
    const doc = await suite.app.db.prisma.document.findFirstOrThrow({ where: { title: LESSON_TITLE } });
    const url = appPath.document(doc.id);
    const [ana, ben] = await Promise.all([suite.signedIn(DEMO.ana), suite.signedIn(DEMO.ben)]);
    const [anaEditor, benEditor] = await Promise.all([openEditor(ana, url), openEditor(ben, url)]);

    await anaEditor.focus();
    await ana.page.keyboard.press("Control+End");
    await afterPendingEvents(ana.page);
    // About 4.8 MB of text: 50,000 lines of 96 bytes.
    await pasteLines(ana.page, 50_000);
    const alert = ana.page.getByRole("alert").filter({ hasText: "too large to save" });
    await expectText(alert, "That change is too large to save: one change can be at most 4 MB. Nothing was added; paste it in smaller parts.");
    expect(await anaEditor.textContent()).not.toContain(PASTE_MARKER);
    await checkScreen(ana.page, "oversized paste refused", { fullPage: false, show: alert });

    // Still editable and still syncing: a line typed now reaches Ben and the server.
    const nonce = Math.random().toString(36).slice(2, 8);
    const line = `Typed after the refused paste ${nonce}`;
    await ana.page.keyboard.press("Enter");
    await ana.page.keyboard.type(line);
    await expectText(benEditor, line);
    await expect.poll(() => alert.count(), { timeout: UI_TIMEOUT }).toBe(0); // the message goes once a change went through
    const token = await sessionToken(ana.page);
    const markdown = async () =>
      asNode((await suite.app.gql(DocumentMarkdown, { id: globalIdOf("Document", doc.id) }, token)).data?.node, "Document")?.content?.markdown ?? "";
    await expect.poll(markdown, { timeout: UI_TIMEOUT }).toContain(line);
    expect(await markdown()).not.toContain(PASTE_MARKER);
    expect(
      await ana.page
        .getByRole("status")
        .filter({ hasText: /Live|Connecting|Offline/ })
        .textContent(),
    ).toContain("Live — changes are saved");

    // A paste under the limit still goes in.
    await pasteLines(ana.page, 20);
    await expectText(benEditor, PASTE_MARKER);
  });
});

describe("edits made offline that add up to more than 4 MiB", () => {
  it("stop the reconnect loop on 1009 and tell the user, leaving the page readable", async () => {
    const doc = await suite.app.db.prisma.document.findFirstOrThrow({ where: { title: LESSON_TITLE } });
    const ana = await suite.signedIn(DEMO.ana);
    // Ana's collab socket goes through a switch: "offline" closes it and refuses new ones.
    let offline = false;
    let current: WebSocketRoute | null = null;
    let attempts = 0;
    await ana.page.routeWebSocket(/\/collab\//, (ws) => {
      attempts++;
      if (offline) return ws.close({ code: 4000, reason: "test: offline" });
      current = ws;
      ws.connectToServer();
    });
    const editor = await openEditor(ana, appPath.document(doc.id));

    offline = true;
    await current!.close({ code: 4000, reason: "test: offline" });
    await expectText(ana.page.getByRole("status").filter({ hasText: /Offline/ }), "Offline");
    await editor.focus();
    await ana.page.keyboard.press("Control+End");
    await afterPendingEvents(ana.page);
    // Two pastes of ~2.4 MB: each fits one frame, so the editor takes them; together they do not.
    await pasteLines(ana.page, 2_500, { repeat: 22 });
    await pasteLines(ana.page, 2_500, { repeat: 22 });
    expect(await ana.page.getByRole("alert").filter({ hasText: "too large to save" }).count()).toBe(0);

    offline = false;
    await expectText(ana.page.getByRole("status"), "Your recent changes are too large to save together (over 4 MB) — copy what you need, then reload the page");
    await ana.page.locator(`[aria-label="${LESSON_TITLE}"][aria-readonly="true"]`).waitFor({ timeout: UI_TIMEOUT });
    expect(await editor.textContent()).toContain(PASTE_MARKER); // still there to copy
    await checkScreen(ana.page, "offline edits too large to save", {
      fullPage: false,
      show: ana.page.getByRole("status").filter({ hasText: "too large to save together" }),
    });
    // The provider stopped: no more attempts after the refused one.
    const attemptsAfter = attempts;
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // longer than the provider's longest back-off (2.5 s)
    expect(attempts).toBe(attemptsAfter);
  });
});
