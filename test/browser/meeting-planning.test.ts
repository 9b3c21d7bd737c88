// A PLC facilitator (Hana, Grade 4 Team) schedules a meeting from the group page with the PLC
// template, reorders its agenda by keyboard, starts it, and runs it with a member (Ana) on another
// screen: the shared timer and attendance agree on both screens without a reload.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { afterPendingEvents, checkScreen, DEMO, expectText, globalIdOf, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

/** The seconds a clock such as "4:05" or "−0:10" shows. */
function seconds(clock: string): number {
  const match = /(−?)(\d+):(\d{2})/.exec(clock);
  if (!match) throw new Error(`not a clock: ${clock}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

const clockOf = (page: Page, title: string) => page.getByRole("timer", { name: new RegExp(`^Time for ${title}`) });

describe("planning and running a meeting", () => {
  it("a facilitator schedules with the PLC template and runs it with a member: timers and attendance agree on both screens", async () => {
    const group = await suite.app.db.prisma.group.findFirstOrThrow({ where: { name: "Grade 4 Team" } });
    const hana = await suite.signedIn(DEMO.hana);
    await hana.page.goto(`/groups/${encodeURIComponent(globalIdOf("Group", group.id))}`);
    await hana.page.getByRole("button", { name: "Schedule a meeting" }).click();
    const dialog = hana.page.getByRole("dialog", { name: /Schedule a meeting/ });
    await dialog.getByLabel("Title").fill("Fractions data meeting");
    await dialog.getByLabel("Date").fill("2027-03-04");
    await dialog.getByLabel("Starts at").fill("15:30");
    await dialog.getByLabel("Agenda").selectOption({ label: "The four PLC questions" });
    await checkScreen(hana.page, "meeting-planning schedule dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Schedule the meeting" }).click();

    await expect.poll(() => hana.page.url(), { timeout: UI_TIMEOUT }).toContain("/sessions/");
    const session = await suite.app.db.prisma.session.findFirstOrThrow({
      where: { title: "Fractions data meeting" },
      include: { agendaItems: { orderBy: { position: "asc" } } },
    });
    expect(session.agendaItems.map((i) => i.plcQuestion)).toEqual([null, 1, 2, 3, 4, null]);
    const agenda = hana.page.getByRole("region", { name: "Agenda" });
    await expectText(agenda, "What do we want students to learn?");

    // Keyboard: move the data review below the first question; the move is announced and focus stays on it.
    const dataReview = session.agendaItems[0]!.title;
    await agenda.getByRole("button", { name: `Move down: ${dataReview}` }).focus();
    await hana.page.keyboard.press("Enter");
    await expectText(hana.page.getByRole("status").filter({ hasText: "moved" }), `“${dataReview}” moved to position 2 of 6.`);
    await expect
      .poll(
        async () => (await suite.app.db.prisma.agendaItem.findMany({ where: { sessionId: session.id }, orderBy: { position: "asc" } })).map((i) => i.title)[1],
      )
      .toBe(dataReview);
    expect(await hana.page.evaluate<string>(`document.activeElement?.getAttribute("aria-label") ?? ""`)).toBe(`Move down: ${dataReview}`);

    await hana.page.getByRole("button", { name: "Start meeting" }).click();
    await expectText(hana.page.locator(".page-header"), "In progress");

    // Ana, a member, follows on her own screen.
    const ana = await suite.signedIn(DEMO.ana);
    await ana.page.goto(hana.page.url());
    await expectText(ana.page.getByRole("region", { name: "Agenda" }), "What do we want students to learn?");
    await ana.page.evaluate(`window.__notReloaded = true`);

    // Hana starts the first item's timer: Ana's screen shows it running, with the same time left.
    const first = "What do we want students to learn?";
    await agenda.getByRole("button", { name: `Start timer for ${first}` }).click();
    await expectText(ana.page.locator(".meeting-now"), "running");
    const [onHana, onAna] = [await clockOf(hana.page, first).innerText(), await clockOf(ana.page, first).innerText()];
    expect(Math.abs(seconds(onHana) - seconds(onAna))).toBeLessThanOrEqual(1);

    // Paused, both show exactly the time the server kept.
    await agenda.getByRole("button", { name: `Pause timer for ${first}` }).click();
    await expectText(ana.page.locator(".meeting-now"), "paused");
    const item = await suite.app.db.prisma.agendaItem.findFirstOrThrow({ where: { sessionId: session.id, title: first } });
    expect(item.timerStartedAt).toBeNull();
    const kept = item.minutes * 60 - item.timerUsedSeconds;
    await expect.poll(async () => seconds(await clockOf(ana.page, first).innerText())).toBe(kept);
    expect(seconds(await clockOf(hana.page, first).innerText())).toBe(kept);

    // Ana records herself present: Hana sees it without reloading.
    await ana.page
      .getByRole("group", { name: /Ana Lopez \(you\)/ })
      .getByLabel("Present")
      .check();
    await expect
      .poll(
        () =>
          hana.page
            .getByRole("group", { name: /^Ana Lopez/ })
            .getByLabel("Present")
            .isChecked(),
        { timeout: UI_TIMEOUT },
      )
      .toBe(true);
    // And Hana's tick reaches Ana.
    await agenda.getByLabel(`Addressed: ${first}`).check();
    await expect.poll(() => ana.page.getByRole("region", { name: "Agenda" }).getByLabel(`Addressed: ${first}`).isChecked(), { timeout: UI_TIMEOUT }).toBe(true);
    expect(await ana.page.evaluate(`window.__notReloaded === true`), "Ana's page was reloaded").toBe(true);

    await afterPendingEvents(hana.page);
    await checkScreen(hana.page, "meeting-planning running meeting (facilitator)");
    await checkScreen(ana.page, "meeting-planning running meeting (member)");
  });

  it("on a phone, the current item and the notes come before the agenda", async () => {
    const session = await suite.app.db.prisma.session.findFirstOrThrow({ where: { title: "Fractions data meeting" } });
    const ana = await suite.signedIn(DEMO.ana, { viewport: { width: 390, height: 844 } });
    await ana.page.goto(`/sessions/${encodeURIComponent(globalIdOf("Session", session.id))}`);
    const now = ana.page.locator(".meeting-now");
    await expectText(now, /next up/i);
    const top = async (selector: string) => (await ana.page.locator(selector).first().boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    const [nowY, notesY, agendaY] = [await top(".meeting-now"), await top(".meeting-layout__notes"), await top(".meeting-layout__side")];
    expect(nowY).toBeLessThan(notesY);
    expect(notesY).toBeLessThan(agendaY);
    expect(nowY).toBeLessThan(844);
    await checkScreen(ana.page, "meeting-planning meeting on a phone (first screen)", { fullPage: false });
  });
});
