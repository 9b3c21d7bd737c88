// A follow-up that is not on any action plan (a meeting ended without one) is changed where it is
// listed: Ana marks hers done from home and removes another after saying yes; an item on a plan
// offers neither (its board is where it changes). When Ben makes her an owner of one, her
// notification's link lands on the group page with that item in view and focused.
import { describe, expect, it } from "vitest";
import { startSession } from "@staffroom/api/testing";
import { checkScreen, DEMO, expectVisible, globalIdOf, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";
import { graphql } from "../support/graphql.ts";
import { CreateActionItem, dataOf, MutationError, succeeded } from "../support/operations.ts";

const suite = useBrowserSuite();
const UI_WAIT = 15_000;

describe("action items outside a plan", () => {
  it("Ana marks one done and removes another from home; a plan's item links to its board instead", async () => {
    const prisma = suite.app.db.prisma;
    const circle = await prisma.group.findFirstOrThrow({ where: { name: "Questioning Circle" } });
    const ana = await prisma.user.findFirstOrThrow({ where: { email: DEMO.ana.email } });
    const make = async (title: string) => {
      const item = await suite.app.make.actionItem({ groupId: circle.id, title, dueDate: new Date(Date.now() + 3 * 86_400_000) });
      await suite.app.make.actionItemOwner({ actionItemId: item.id, userId: ana.id });
      return item;
    };
    const done = await make("Collect the exit tickets");
    const removed = await make("Book the library for Thursday");

    const { page } = await suite.signedIn(DEMO.ana);
    const list = page.getByRole("region", { name: "My open action items" });
    await expectVisible(list.getByText("Collect the exit tickets", { exact: true }));
    // Demo items live on a plan: they link to it and offer no buttons here.
    await expectVisible(list.getByRole("link", { name: "What we'll try before we meet again" }));
    expect(await list.getByRole("button", { name: "Mark “Send the group the revised leaf lesson” done" }).count()).toBe(0);

    await list.getByRole("button", { name: "Mark “Collect the exit tickets” done" }).press("Enter");
    await list.getByText("Collect the exit tickets", { exact: true }).waitFor({ state: "detached", timeout: UI_WAIT });
    expect(await prisma.actionItem.findUniqueOrThrow({ where: { id: done.id } })).toMatchObject({ status: "DONE" });

    await list.getByRole("button", { name: "Remove “Book the library for Thursday”" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove “Book the library for Thursday”?" });
    await expectVisible(dialog);
    await checkScreen(page, "action item, remove asks first");
    await dialog.getByRole("button", { name: "Remove action item" }).click();
    await list.getByText("Book the library for Thursday", { exact: true }).waitFor({ state: "detached", timeout: UI_WAIT });
    expect(await prisma.actionItem.findUnique({ where: { id: removed.id } })).toBeNull();
    await checkScreen(page, "home, open action items after done and remove", { show: list });
  });
});

describe("a notification about an item outside a plan", () => {
  it("Ben makes Ana an owner; her notification opens the group page with that item focused", async () => {
    const prisma = suite.app.db.prisma;
    const circle = await prisma.group.findFirstOrThrow({ where: { name: "Questioning Circle" } });
    const [ana, ben] = await Promise.all([
      prisma.user.findFirstOrThrow({ where: { email: DEMO.ana.email } }),
      prisma.user.findFirstOrThrow({ where: { email: DEMO.ben.email } }),
    ]);
    await prisma.notification.deleteMany({ where: { recipientId: ana.id } });
    const { token } = await startSession(prisma, ben.id, 3600_000);
    const title = `Film the number talk ${Math.random().toString(36).slice(2, 7)}`;
    succeeded(
      dataOf(
        await suite.app.gql(
          CreateActionItem,
          { input: { groupId: globalIdOf("Group", circle.id), title, ownerIds: [globalIdOf("User", ana.id)], dueDate: "2031-03-14" } },
          token,
        ),
      ).createActionItem,
    );
    const item = await prisma.actionItem.findFirstOrThrow({ where: { title } });

    const { page } = await suite.signedIn(DEMO.ana);
    const bell = page.getByRole("button", { name: /^Notifications,/ });
    await expect.poll(() => bell.getAttribute("aria-label"), { timeout: UI_TIMEOUT }).toBe("Notifications, 1 unread");
    await bell.click();
    await page
      .getByRole("region", { name: "Notifications" })
      .getByRole("link", { name: `Unread: Ben Carter made you an owner of “${title}”` })
      .click();
    await page.waitForURL((url) => url.pathname === `/groups/${globalIdOf("Group", circle.id)}`, { timeout: UI_TIMEOUT });
    const row = page.locator(`[data-item-id="${globalIdOf("ActionItem", item.id)}"]`);
    await expect
      .poll(() => page.evaluate(`document.activeElement?.getAttribute("data-item-id")`), { timeout: UI_TIMEOUT })
      .toBe(globalIdOf("ActionItem", item.id));
    expect(await row.getAttribute("aria-current")).toBe("true");
    await expectVisible(row.getByText(title, { exact: true }));
    await checkScreen(page, "group page, the linked action item focused", { fullPage: false, show: row });
  });
});
