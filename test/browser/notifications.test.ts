// The bell as Ana uses it: Ben replies to the feedback Ana gave on a passage of her lesson plan, her
// bell shows 1 without a reload, the list (grouped by day) links straight to the passage, and the
// settings page sets how each kind reaches her. Keyboard: Escape closes the list, focus returns.
import { describe, expect, it } from "vitest";
import { startSession } from "@staffroom/api/testing";
import { graphql } from "../support/graphql.ts";
import { dataOf, succeeded, MutationError } from "../support/operations.ts";
import {
  afterPendingEvents,
  appPath,
  checkScreen,
  DEMO,
  DEMO_LESSON_TITLE,
  expectText,
  expectVisible,
  globalIdOf,
  openEditor,
  UI_TIMEOUT,
  useBrowserSuite,
} from "../support/browser.ts";

const suite = useBrowserSuite();

const REPLY = graphql(
  `
  mutation BrowserNotificationsReply($id: ID!, $body: String!) {
    replyToFeedback(feedbackId: $id, body: $body) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);

async function person(email: string) {
  return suite.app.db.prisma.user.findUniqueOrThrow({ where: { email } });
}

describe("notifications in the browser", () => {
  it("Ben replies to Ana's feedback → Ana's bell shows 1 without reload → clicking opens the passage", async () => {
    const [ana, ben] = await Promise.all([person(DEMO.ana.email), person(DEMO.ben.email)]);
    const lesson = await suite.app.db.prisma.document.findFirstOrThrow({ where: { title: DEMO_LESSON_TITLE } });
    // A clean slate for the count, whatever the demo or earlier tests left.
    await suite.app.db.prisma.notification.deleteMany({ where: { recipientId: ana.id } });

    // Ana gives feedback on a passage of her lesson plan (a line she adds, then selects).
    const anaPage = await suite.signedIn(DEMO.ana);
    const page = anaPage.page;
    const editor = await openEditor(anaPage, appPath.document(lesson.id));
    const nonce = Math.random().toString(36).slice(2, 8);
    const passage = `Exit ticket: one leaf, one reason ${nonce}`;
    await editor.focus();
    await page.keyboard.press("Control+End");
    await afterPendingEvents(page);
    await page.keyboard.press("Enter");
    await page.keyboard.type(passage);
    await page.keyboard.press("Shift+Home");
    const form = page.getByRole("form", { name: "Give feedback" });
    await expectText(form, passage);
    await form.getByRole("radio", { name: "Question" }).check();
    await form.getByLabel("Your feedback").fill(`Is one reason enough? ${nonce}`);
    await form.getByRole("button", { name: "Add question" }).click();
    const mine = { documentId: lesson.id, authorId: ana.id, body: `Is one reason enough? ${nonce}` };
    await expect.poll(() => suite.app.db.prisma.feedback.count({ where: mine }), { timeout: UI_TIMEOUT }).toBe(1);
    const thread = await suite.app.db.prisma.feedback.findFirstOrThrow({ where: mine });
    expect(thread.anchor).not.toBeNull();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();

    const bell = page.getByRole("button", { name: /^Notifications,/ });
    await expect.poll(() => bell.getAttribute("aria-label"), { timeout: UI_TIMEOUT }).toBe("Notifications, none unread");

    // The empty list says what will show up here.
    await bell.click();
    const panel = page.getByRole("region", { name: "Notifications" });
    await expectText(panel, "Nothing yet. You will be told here when someone gives feedback on your documents");
    await page.keyboard.press("Escape");
    await expect.poll(() => panel.isVisible()).toBe(false);
    expect(await page.evaluate(`document.activeElement?.getAttribute("aria-label")`)).toBe("Notifications, none unread");
    await page.evaluate(`window.__staffroomNotReloaded = true`);

    const { token } = await startSession(suite.app.db.prisma, ben.id, 3600_000);
    succeeded(
      dataOf(await suite.app.gql(REPLY, { id: globalIdOf("Feedback", thread.id), body: "After the sort it worked much better in my room too." }, token))
        .replyToFeedback,
    );

    await expect.poll(() => bell.getAttribute("aria-label"), { timeout: UI_TIMEOUT }).toBe("Notifications, 1 unread");
    expect(await page.evaluate(`window.__staffroomNotReloaded === true`), "the page was reloaded").toBe(true);

    await bell.click();
    await expectVisible(panel.getByRole("heading", { name: "Today" }));
    const link = panel.getByRole("link", { name: `Unread: Ben Carter replied to your feedback on “${DEMO_LESSON_TITLE}”` });
    await expectVisible(link);
    await checkScreen(page, "notifications list", { fullPage: false });

    await link.click();
    await page.waitForURL((url) => url.pathname.startsWith("/documents/") && url.searchParams.get("feedback") === globalIdOf("Feedback", thread.id), {
      timeout: UI_TIMEOUT,
    });
    // The thread is the current one, focused, and its passage is highlighted in the editor.
    const current = page.locator(`[data-thread-id="${globalIdOf("Feedback", thread.id)}"][aria-current="true"]`);
    await expectVisible(current);
    await expect
      .poll(() => page.evaluate(`document.activeElement?.getAttribute("data-thread-id")`), { timeout: UI_TIMEOUT })
      .toBe(globalIdOf("Feedback", thread.id));
    await expectText(page.locator(".feedback-anchor-active"), passage);
    await expect.poll(() => bell.getAttribute("aria-label"), { timeout: UI_TIMEOUT }).toBe("Notifications, none unread");
  });

  it("the settings page: every kind as a radio group with a legend, a choice saved and kept", async () => {
    const anaPage = await suite.signedIn(DEMO.ana);
    const page = anaPage.page;
    await page.getByRole("button", { name: /^Notifications,/ }).click();
    await page.getByRole("region", { name: "Notifications" }).getByRole("link", { name: "Notification settings" }).click();
    // One settings page: the link lands on its Notifications section.
    await expectVisible(page.getByRole("main").getByRole("heading", { level: 2, name: "Notifications" }));
    await expect.poll(() => new URL(page.url()).hash).toBe("#notifications");
    const replies = page.getByRole("group", { name: "Replies to my feedback" });
    await expectVisible(replies);
    expect(await page.getByRole("group").count()).toBeGreaterThanOrEqual(9);
    expect(await replies.getByRole("radio", { name: "Email at once" }).isChecked()).toBe(true);
    await checkScreen(page, "notification settings");

    await replies.getByRole("radio", { name: "In the app" }).check();
    await expectText(page.getByRole("status").filter({ hasText: "Saved" }), "Saved: Replies to my feedback, in the app.");
    await page.reload();
    await expectVisible(page.getByRole("group", { name: "Replies to my feedback" }));
    expect(await page.getByRole("group", { name: "Replies to my feedback" }).getByRole("radio", { name: "In the app" }).isChecked()).toBe(true);
  });
});
