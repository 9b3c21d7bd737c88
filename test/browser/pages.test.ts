// Every main page, reached the way a person would (links from Home and the group page), checked
// for the content that makes it that page and with axe-core, and saved as screenshots at desktop
// and phone width to look at (test/artifacts/screenshots/). Also two pages signed in on a phone.
import { describe, expect, it } from "vitest";
import { appPath, checkScreen, DEMO, expectText, expectVisible, PHONE, saveScreenshot, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

const LESSON_TITLE = "Why do leaves change colour? (Grade 4 science inquiry)";

describe("the main pages", () => {
  it("sign-in, home, group page, lesson plan with feedback and versions, and the action-plan board (Ana)", async () => {
    const visitor = await suite.newUser("signed out");
    await visitor.page.goto("/sign-in");
    await expectText(visitor.page.getByRole("region", { name: "Demo logins" }), DEMO.ana.email);
    await checkScreen(visitor.page, "01 sign-in");

    const { page } = await suite.signedIn(DEMO.ana);
    const groups = page.getByRole("region", { name: "My groups" });
    await expectVisible(groups.getByRole("link", { name: "Questioning Circle" }));
    await expectVisible(page.getByRole("region", { name: "Upcoming meetings" }).getByRole("link").first());
    await expectVisible(page.getByRole("region", { name: "My open action items" }).getByRole("listitem").first());
    await expectVisible(page.getByRole("region", { name: "New feedback on my documents" }));
    await checkScreen(page, "02 home");

    await groups.getByRole("link", { name: "Questioning Circle" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Questioning Circle" }));
    for (const section of ["Documents", "Meetings", "Action items", "Goals", "Norms", "Members"]) {
      await expectVisible(page.getByRole("region", { name: section }));
    }
    await expectText(page.getByRole("region", { name: "Members" }), DEMO.chloe.name);
    await checkScreen(page, "03 group page");

    await page.getByRole("region", { name: "Documents" }).getByRole("link", { name: LESSON_TITLE }).click();
    const editor = page.getByRole("textbox", { name: LESSON_TITLE });
    await expectText(editor, "chlorophyll");
    const threads = page.getByRole("list", { name: "Feedback threads" });
    await expectVisible(threads.getByRole("listitem", { name: `Glow from ${DEMO.chloe.name}` }));
    await checkScreen(page, "04 document editor with feedback sidebar");

    // Version history: save a version, then preview it.
    await page.getByRole("tab", { name: "Versions" }).click();
    await page.getByLabel("Version name").fill("Ready to teach");
    await page.getByRole("button", { name: "Save version" }).click();
    const saved = page.getByRole("list", { name: "Saved versions" });
    await expectText(saved, "Ready to teach");
    await checkScreen(page, "05 version history");
    await saved.getByRole("button", { name: "Preview Ready to teach" }).click();
    await expectText(page.getByRole("document", { name: "Content of Ready to teach" }), "chlorophyll");
    await checkScreen(page, "06 version preview", { fullPage: false });
    await page.keyboard.press("Escape");

    // Back to the group, on to its action plan.
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Questioning Circle" }).click();
    await page.getByRole("region", { name: "Documents" }).getByRole("link", { name: "What we'll try before we meet again" }).click();
    await expectVisible(page.getByRole("list", { name: "Open items" }).getByRole("listitem").first());
    await expectText(page.locator("main"), /\d+ items · \d+ overdue/);
    await checkScreen(page, "07 action-plan board");
  });

  it("the meeting view of a meeting in progress (David, Discourse Lab)", async () => {
    const session = await suite.app.db.prisma.session.findFirstOrThrow({ where: { status: "LIVE", group: { name: "Discourse Lab" } } });
    const david = await suite.signedIn(DEMO.david);
    await david.page.goto(appPath.session(session.id));
    await expectVisible(david.page.getByRole("heading", { level: 1, name: session.title }));
    await expectText(david.page.getByRole("region", { name: "Agenda" }), "Pick the number string");
    await expectVisible(david.page.getByRole("timer").first());
    await expectText(david.page.getByRole("region", { name: "Attendance" }), "Elena Petrova");
    await expectVisible(david.page.getByRole("region", { name: "Live notes" }));
    await expectText(david.page.getByRole("status").filter({ hasText: /Live|Connecting|Offline/ }), "Live — changes are saved");
    await checkScreen(david.page, "08 meeting view");
  });

  it("the coach dashboard (Dana)", async () => {
    const dana = await suite.signedIn(DEMO.dana);
    await dana.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coach dashboard" }).click();
    await expectVisible(dana.page.getByRole("heading", { level: 1, name: "Coach dashboard" }));
    await expectText(dana.page.getByRole("region", { name: "Support network" }), "Ana Lopez");
    await expectVisible(dana.page.getByRole("region", { name: "My caseload" }));
    await expectVisible(dana.page.getByRole("region", { name: "Shared insights by theme" }));
    await checkScreen(dana.page, "09 coach dashboard");
  });

  it("PLC data (Hana, Grade 4 Team)", async () => {
    const hana = await suite.signedIn(DEMO.hana);
    await hana.page.getByRole("region", { name: "My groups" }).getByRole("link", { name: "Grade 4 Team" }).click();
    await hana.page.getByRole("link", { name: "Student data" }).click();
    await expectVisible(hana.page.getByRole("heading", { level: 1, name: "Grade 4 Team: student data" }));
    await expectVisible(hana.page.getByRole("region", { name: "Results by standard" }).getByRole("table"));
    await expectVisible(hana.page.getByRole("region", { name: "Record an assessment" }));
    await checkScreen(hana.page, "10 PLC data");
  });

  it("an address with nothing at it says so and leads home", async () => {
    const ana = await suite.signedIn(DEMO.ana);
    await ana.page.goto("/no-such-page");
    await expectVisible(ana.page.getByRole("heading", { level: 1, name: "Page not found" }));
    await checkScreen(ana.page, "13 page not found");
    await ana.page.getByRole("link", { name: "Go to your home page" }).click();
    await expectVisible(ana.page.getByRole("heading", { level: 1, name: "Welcome, Ana" }));
  });

  it("home and the lesson plan on a phone-sized screen", async () => {
    const ana = await suite.signedIn(DEMO.ana, { viewport: PHONE });
    await expectVisible(ana.page.getByRole("region", { name: "My groups" }).getByRole("link", { name: "Questioning Circle" }));
    await checkScreen(ana.page, "11 home (phone)");
    await saveScreenshot(ana.page, "11 home (phone, first screen)", { fullPage: false });
    // Nothing wider than the screen: no sideways scrolling of the page itself.
    expect(await ana.page.evaluate<number>(`document.documentElement.scrollWidth`)).toBeLessThanOrEqual(PHONE.width);

    const lesson = await suite.app.db.prisma.document.findFirstOrThrow({ where: { title: LESSON_TITLE } });
    await ana.page.goto(appPath.document(lesson.id));
    await expectText(ana.page.getByRole("textbox", { name: LESSON_TITLE }), "chlorophyll");
    await checkScreen(ana.page, "12 document editor (phone)");
    await saveScreenshot(ana.page, "12 document editor (phone, first screen)", { fullPage: false });
    // At phone width the feedback is a tab beside the document, not below it.
    await ana.page.getByRole("tab", { name: "Feedback" }).click();
    await expectVisible(ana.page.getByRole("list", { name: "Feedback threads" }).getByRole("listitem").first());
    await saveScreenshot(ana.page, "12 document editor (phone, feedback)", { fullPage: false });
    expect(await ana.page.evaluate<number>(`document.documentElement.scrollWidth`)).toBeLessThanOrEqual(PHONE.width);
  });
});
