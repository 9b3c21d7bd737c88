// A PLC facilitator (Hana, Grade 4 Team) writes the group's norms on its page: adds one, rewords
// it, moves it by keyboard (the move is announced and focus stays on it), and removes it after
// confirming. A plain member sees the norms without the editing buttons.
import { describe, expect, it } from "vitest";
import { checkScreen, DEMO, expectText, globalIdOf, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

describe("editing a group's norms", () => {
  it("a facilitator adds, rewords, reorders by keyboard and removes a norm", async () => {
    const group = await suite.app.db.prisma.group.findFirstOrThrow({ where: { name: "Grade 4 Team" } });
    const texts = async () => (await suite.app.db.prisma.norm.findMany({ where: { groupId: group.id }, orderBy: { position: "asc" } })).map((n) => n.text);
    const before = await texts();
    const hana = await suite.signedIn(DEMO.hana);
    await hana.page.goto(`/groups/${encodeURIComponent(globalIdOf("Group", group.id))}`);
    const norms = hana.page.getByRole("region", { name: "Norms" });

    await norms.getByLabel("New norm").fill("Start and end on time");
    await norms.getByRole("button", { name: "Add the norm" }).click();
    await expectText(norms.locator(".norm-list"), "Start and end on time");
    await expect.poll(texts, { timeout: UI_TIMEOUT }).toEqual([...before, "Start and end on time"]);

    await norms.getByRole("button", { name: "Reword: Start and end on time" }).click();
    const reword = norms.getByRole("form", { name: /Reword/ });
    await reword.getByLabel("Norm").fill("Start and end on time, every time");
    await reword.getByRole("button", { name: "Save" }).click();
    await expect.poll(texts, { timeout: UI_TIMEOUT }).toEqual([...before, "Start and end on time, every time"]);

    // Keyboard: focus "Move up" and press Enter; the move is announced and focus stays on the norm's button.
    expect(before.length, "the demo PLC has norms to move past").toBeGreaterThan(0);
    await norms.getByRole("button", { name: "Move up: Start and end on time, every time" }).focus();
    await hana.page.keyboard.press("Enter");
    await expectText(norms.getByRole("status"), `moved to position ${before.length} of ${before.length + 1}`);
    await expect.poll(texts, { timeout: UI_TIMEOUT }).toEqual([...before.slice(0, -1), "Start and end on time, every time", ...before.slice(-1)]);
    expect(await hana.page.evaluate<string>(`document.activeElement?.getAttribute("aria-label") ?? ""`)).toMatch(
      /^Move (up|down): Start and end on time, every time$/,
    );
    await checkScreen(hana.page, "norms-editing group page (facilitator)", { show: norms });

    await norms.getByRole("button", { name: "Remove: Start and end on time, every time" }).click();
    const confirm = hana.page.getByRole("dialog", { name: "Remove this norm?" });
    await confirm.getByRole("button", { name: "Remove the norm" }).click();
    await expect.poll(texts, { timeout: UI_TIMEOUT }).toEqual(before);
  });

  it("a PLC member reads the norms without editing them", async () => {
    const group = await suite.app.db.prisma.group.findFirstOrThrow({ where: { name: "Grade 4 Team" } });
    const ana = await suite.signedIn(DEMO.ana);
    await ana.page.goto(`/groups/${encodeURIComponent(globalIdOf("Group", group.id))}`);
    const norms = ana.page.getByRole("region", { name: "Norms" });
    await expectText(norms, "Norms");
    expect(await norms.getByRole("button", { name: /^(Move up|Reword|Remove):/ }).count()).toBe(0);
    expect(await norms.getByLabel("New norm").count()).toBe(0);
  });
});
