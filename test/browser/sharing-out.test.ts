// Sharing out of a peer group, the only way its work reaches leadership. From the meeting view
// (where the peer agenda says "Decide whether to share an insight with coaches") Ana shares an
// insight; the form says who will see it; Dana, the coach, then finds its theme and title on
// her dashboard with neither Ana's name nor the group's. Ana shares her lesson plan with
// coaches, Dana opens it, and when Ana stops sharing it Dana's open page loses it at once.
import { describe, expect, it } from "vitest";
import { appPath, checkScreen, DEMO, DEMO_LESSON_TITLE, expectText, expectVisible, globalIdOf, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

describe("sharing out of a peer group", () => {
  it("Ana shares an insight from the meeting view; the coach sees its theme without the author or the group", async () => {
    const prisma = suite.app.db.prisma;
    const session = await prisma.session.findFirstOrThrow({ where: { title: "Wait time experiment: what changed?" } });
    const ana = await suite.signedIn(DEMO.ana);
    await ana.page.goto(appPath.session(session.id));
    await expectText(ana.page.getByRole("region", { name: "Agenda" }), "Decide whether to share an insight with coaches");
    const panel = ana.page.getByRole("region", { name: "Share an insight" });
    await panel.getByRole("button", { name: "Share an insight…" }).click();
    const form = panel.getByRole("form", { name: "Share an insight with coaches" });
    await expectText(
      form,
      "Coaches and admins in your school will see this insight's title, text and themes, and the day it was shared, without your name or Questioning Circle's name.",
    );
    await form.getByLabel("Themes").fill("Wait time, student talk");
    await form.getByLabel("Title").fill("Three seconds of silence doubled the hands");
    await form.getByLabel("What the group learned").fill("Waiting three full seconds after a question roughly doubled how many students offered an answer.");
    await checkScreen(ana.page, "share an insight from the meeting", { show: panel });
    await form.getByRole("button", { name: "Share with coaches" }).click();
    await expectText(form, "“Three seconds of silence doubled the hands” is shared.");

    const stored = await prisma.insight.findFirstOrThrow({ where: { title: "Three seconds of silence doubled the hands" }, include: { author: true } });
    expect(stored).toMatchObject({ groupId: session.groupId, themes: ["wait time", "student talk"] });
    expect(stored.author.email).toBe(DEMO.ana.email);

    // The group page lists what the group shared, with who shared it, for its members.
    await ana.page.goto(`/groups/${encodeURIComponent(globalIdOf("Group", session.groupId))}`);
    const sharing = ana.page.getByRole("region", { name: "Share with coaches" });
    await expectText(sharing, "Three seconds of silence doubled the hands");
    await expectText(sharing, DEMO.ana.name);
    await checkScreen(ana.page, "group page sharing section", { show: sharing });

    const dana = await suite.signedIn(DEMO.dana);
    await dana.page.goto("/coach");
    const insights = dana.page.getByRole("region", { name: "Shared insights by theme" });
    await expectText(insights, "Student talk");
    await insights.getByText("Read the insight on “student talk”").click();
    await expectText(insights, "Three seconds of silence doubled the hands");
    const seen = await insights.innerText();
    expect(seen).not.toContain(DEMO.ana.name);
    expect(seen).not.toContain("Questioning Circle");
    await checkScreen(dana.page, "coach sees the shared insight", { show: insights });
  });

  it("Ana shares her lesson plan with coaches and stops sharing it; the coach's open page loses it", async () => {
    const doc = await suite.app.db.prisma.document.findFirstOrThrow({ where: { title: DEMO_LESSON_TITLE } });
    const ana = await suite.signedIn(DEMO.ana);
    await ana.page.goto(appPath.document(doc.id));
    await expectText(ana.page.locator("main"), "Only the members of Questioning Circle can see this document.");
    await ana.page.getByRole("button", { name: "Share with coaches" }).click();
    await expectText(ana.page.locator("main"), "Shared with coaches: the coaches and admins of your school can open and read this document");
    await checkScreen(ana.page, "document shared with coaches");
    await expect.poll(async () => (await suite.app.db.prisma.document.findUniqueOrThrow({ where: { id: doc.id } })).sharedWithCoachesAt).not.toBeNull();

    const dana = await suite.signedIn(DEMO.dana);
    await dana.page.goto(appPath.document(doc.id));
    await expectVisible(dana.page.getByRole("heading", { level: 1, name: DEMO_LESSON_TITLE }));
    await expectText(dana.page.locator("main"), "Read only");
    expect(await dana.page.getByRole("button", { name: /sharing with coaches|Share with coaches/ }).count()).toBe(0);

    await ana.page.getByRole("button", { name: "Stop sharing with coaches" }).click();
    await expectText(ana.page.locator("main"), "Only the members of Questioning Circle can see this document.");
    // Dana's page was open: its live connection is closed, and the page says so.
    await expectText(dana.page.locator("main"), "You no longer have access to this document.");
    await checkScreen(dana.page, "coach loses an unshared document");
    await dana.page.reload();
    await expectVisible(dana.page.getByRole("heading", { level: 1, name: "Document not available" }));
    expect(await dana.page.locator("body").innerText()).not.toContain("chlorophyll");
  });
});
