// Calendar links as a teacher makes them (demo school): Ana opens Settings from the header by
// keyboard, makes her calendar link, copies it with the page's button and the copied address
// serves her calendar (ICS, her group's meeting in it); the page tells her how to add it to
// Google, Outlook and Apple Calendar. On her peer group's page, "Add to calendar" makes the group's
// link, which serves only that group's meetings; making a new one stops the old. Desktop and 390 px.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { checkScreen, DEMO, expectText, expectVisible, globalIdOf, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

/** The address fetched by the page itself, as a calendar app would fetch it (no sign-in). */
function fetchFromPage(page: Page, url: string) {
  return page.evaluate<{ status: number; type: string | null; body: string }>(
    `fetch(${JSON.stringify(url)}, { credentials: "omit" }).then(async (r) => ({ status: r.status, type: r.headers.get("content-type"), body: await r.text() }))`,
  );
}

async function copiedLink(page: Page, region: ReturnType<Page["getByRole"]>) {
  await region.getByRole("button", { name: "Copy link" }).click();
  await expectText(region.getByRole("status"), "Copied to the clipboard.");
  const copied = await page.evaluate<string>(`navigator.clipboard.readText()`);
  expect(await region.getByRole("textbox", { name: "Calendar link" }).inputValue()).toBe(copied);
  return copied;
}

describe("calendar links", () => {
  it("a teacher makes her personal link, copies it, and her calendar app reads it; a group's page adds that group's meetings", async () => {
    // The demo school keeps UTC; a school in a zone with clock changes is what a feed must get right.
    await suite.app.db.prisma.school.updateMany({ data: { timeZone: "America/Chicago" } });
    const { page, context } = await suite.signedIn(DEMO.ana);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.app.url });

    // Settings, from the header, by keyboard.
    const settingsLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" });
    await settingsLink.focus();
    await page.keyboard.press("Enter");
    const calendar = page.getByRole("region", { name: "Calendar" });
    await expectText(calendar, "Make a private link for your calendar");
    await checkScreen(page, "calendar — settings, no link yet");

    const make = calendar.getByRole("button", { name: "Make a calendar link" });
    await make.focus();
    await page.keyboard.press("Enter");
    await expectVisible(calendar.getByRole("heading", { name: "Copy your calendar link now" }));
    await expectText(calendar, "Google Calendar");
    await expectText(calendar, "Subscribe from web");
    await expectText(calendar, "New Calendar Subscription");
    const personal = await copiedLink(page, calendar);
    expect(personal).toMatch(new RegExp(`^${suite.app.url}/calendar/src_[A-Za-z0-9_-]{43}\\.ics$`));
    await checkScreen(page, "calendar — settings, the link shown once");

    const feed = await fetchFromPage(page, personal);
    expect(feed).toMatchObject({ status: 200, type: "text/calendar; charset=utf-8" });
    expect(feed.body).toMatch(/^BEGIN:VCALENDAR/);
    expect(feed.body).toContain("BEGIN:VTIMEZONE\r\nTZID:America/Chicago");
    expect(feed.body).toMatch(/DTSTART;TZID=America\/Chicago:\d{8}T\d{6}\r\n/);
    expect(feed.body).toContain("(Questioning Circle)");

    // Back later: the page says the link works, without showing it again.
    await page.reload();
    await expectText(page.getByRole("region", { name: "Calendar" }), "Your link for your calendar works.");
    await expect(page.getByRole("region", { name: "Calendar" }).getByRole("textbox", { name: "Calendar link" }).count()).resolves.toBe(0);

    // The group's own link, on its page.
    const circle = await suite.app.db.prisma.group.findFirstOrThrow({ where: { name: "Questioning Circle" } });
    await page.goto(`/groups/${encodeURIComponent(globalIdOf("Group", circle.id))}`);
    const addToCalendar = page.getByRole("region", { name: "Add to calendar" });
    await expectText(addToCalendar, "Make a private link for Questioning Circle's meetings");
    await addToCalendar.getByRole("button", { name: "Make a calendar link" }).click();
    const groupLink = await copiedLink(page, addToCalendar);
    await checkScreen(page, "calendar — group page, add to calendar", { show: addToCalendar });
    const groupFeed = await fetchFromPage(page, groupLink);
    expect(groupFeed.status).toBe(200);
    const summaries = [...groupFeed.body.matchAll(/^SUMMARY:(.*)$/gm)].map((m) => m[1] ?? "");
    expect(summaries.length).toBeGreaterThan(0);
    for (const summary of summaries) expect(summary).toMatch(/\(Questioning Circle\)\r?$/);

    // A new link stops the old one.
    await page.reload();
    const region = page.getByRole("region", { name: "Add to calendar" });
    await region.getByRole("button", { name: "Make a new link" }).click();
    const dialog = page.getByRole("dialog", { name: "Make a new calendar link?" });
    await expectText(dialog, "The old link stops working at once");
    await dialog.getByRole("button", { name: "Make a new link" }).click();
    const replaced = await copiedLink(page, region);
    expect(replaced).not.toBe(groupLink);
    // Fetched from here, not the page: a 404 in the page would be a console error.
    expect((await fetch(groupLink)).status).toBe(404);
    expect((await fetchFromPage(page, replaced)).status).toBe(200);
    // The personal link is another feed: untouched.
    expect((await fetchFromPage(page, personal)).status).toBe(200);
  });
});
