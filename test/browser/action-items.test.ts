// A follow-up that is not on any action plan (a meeting ended without one) is changed where it is
// listed: Ana marks hers done from home and removes another after saying yes; an item on a plan
// offers neither (its board is where it changes).
import { describe, expect, it } from "vitest";
import { checkScreen, DEMO, expectVisible, useBrowserSuite } from "../support/browser.ts";

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
