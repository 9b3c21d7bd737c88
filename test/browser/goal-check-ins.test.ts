// A teacher's goals in the browser: set a SMART goal on home and check in on it with evidence;
// on a peer group's page, "No goals yet." offers "Add a goal", the group's goal takes check-ins
// (with a new status) and edits, and a goal nobody has checked in on for weeks says so.
import { describe, expect, it } from "vitest";
import { checkScreen, DEMO, expectText, expectVisible, globalIdOf, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

describe("goals and check-ins", () => {
  it("Ana sets a goal of her own on home and checks in on it with evidence", async () => {
    const { page } = await suite.signedIn(DEMO.ana);
    const goals = page.getByRole("region", { name: "My goals" });
    const form = page.getByRole("form", { name: "New goal" });
    await expectVisible(form);
    // Guided: specific, measurable, time-bound.
    for (const step of ["Specific: what will change", "Measurable: how you will know", "Time-bound: by when"]) {
      await expectVisible(form.getByRole("group", { name: step }));
    }
    await form.getByLabel("Goal", { exact: true }).fill("Students explain their reasoning aloud");
    await form.getByLabel("What you will measure").fill("Students who explained, out of 10 asked");
    await form.getByLabel("Where it stands now").fill("2");
    await form.getByLabel("Target").fill("8");
    await form.getByLabel("Due").fill(inDays(45));
    await form.getByRole("button", { name: "Save goal" }).click();

    const card = goals.getByRole("article", { name: "Students explain their reasoning aloud" });
    await expectVisible(card);
    await expectText(card, "No check-in yet.");
    await expectText(card, "0% of the way from 2 to 8.");

    await card.getByRole("button", { name: "Check in" }).click();
    const checkIn = card.getByRole("form", { name: "Check in on “Students explain their reasoning aloud”" });
    await checkIn.getByLabel("Where it stands now").fill("5");
    await checkIn.getByLabel("Evidence").fill("Tallied Tuesday's science lesson: 5 of 10 explained.");
    await checkScreen(page, "goal check-in form");
    await checkIn.getByRole("button", { name: "Save check-in" }).click();

    await expectText(card, "50% of the way from 2 to 8.");
    await expectText(card, "Last check-in");
    expect(await card.locator("progress").getAttribute("value")).toBe("50");
    await card.getByText("Recent check-ins").click();
    await expectText(card, "Tallied Tuesday's science lesson: 5 of 10 explained.");
    await checkScreen(page, "home goal after a check-in", { show: card });

    const stored = await suite.app.db.prisma.goal.findFirstOrThrow({ where: { title: "Students explain their reasoning aloud" }, include: { checkIns: true } });
    expect(stored).toMatchObject({ ownerKind: "TEACHER", visibility: "ONLY_ME", baseline: 2, target: 8 });
    expect(stored.checkIns).toMatchObject([{ value: 5, note: "Tallied Tuesday's science lesson: 5 of 10 explained." }]);
  });

  it("on the Questioning Circle's page Ana adds the group's first goal, checks in with a new status and edits it; an old goal shows its check-in is overdue", async () => {
    const prisma = suite.app.db.prisma;
    const circle = await prisma.group.findFirstOrThrow({ where: { name: "Questioning Circle" } });
    const ana = await prisma.user.findFirstOrThrow({ where: { email: DEMO.ana.email } });
    const { page } = await suite.signedIn(DEMO.ana);
    await page.goto(`/groups/${encodeURIComponent(globalIdOf("Group", circle.id))}`);
    const section = page.getByRole("region", { name: "Goals" });
    await expectText(section, "No goals yet.");

    await section.getByRole("button", { name: "Add a goal" }).click();
    const form = section.getByRole("form", { name: "New group goal" });
    await form.getByLabel("Goal", { exact: true }).fill("Wait five seconds after each question");
    await form.getByLabel("What you will measure").fill("Questions with a full wait, out of 10");
    await form.getByLabel("Where it stands now").fill("3");
    await form.getByLabel("Target").fill("9");
    await form.getByLabel("Due").fill(inDays(30));
    await checkScreen(page, "group goal form");
    await form.getByRole("button", { name: "Save goal" }).click();

    const card = section.getByRole("article", { name: "Wait five seconds after each question" });
    await expectVisible(card);
    await card.getByRole("button", { name: "Check in" }).click();
    const checkIn = card.getByRole("form", { name: "Check in on “Wait five seconds after each question”" });
    await checkIn.getByLabel("Where it stands now").fill("4");
    await checkIn.getByLabel("Evidence").fill("Ben counted in my lesson: 4 of 10.");
    await checkIn.getByLabel("Status").selectOption("AT_RISK");
    await checkIn.getByRole("button", { name: "Save check-in" }).click();
    await expectText(card, "At risk");
    await expectText(card, "17% of the way from 3 to 9.");

    await card.getByRole("button", { name: "Edit goal" }).click();
    const edit = card.getByRole("form", { name: "Edit “Wait five seconds after each question”" });
    await edit.getByLabel("Target").fill("7");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expectText(card, "25% of the way from 3 to 7.");
    const stored = await prisma.goal.findFirstOrThrow({ where: { title: "Wait five seconds after each question" }, include: { checkIns: true } });
    expect(stored).toMatchObject({ ownerKind: "GROUP", groupId: circle.id, target: 7, status: "AT_RISK" });
    expect(stored.checkIns).toMatchObject([{ value: 4, note: "Ben counted in my lesson: 4 of 10." }]);

    // A goal set three weeks ago with no check-in since: the page says a check-in is overdue.
    await suite.app.make.goal({
      schoolId: circle.schoolId,
      groupId: circle.id,
      createdById: ana.id,
      title: "Use think-pair-share weekly",
      createdAt: new Date(Date.now() - 21 * DAY),
    });
    await page.reload();
    const old = section.getByRole("article", { name: "Use think-pair-share weekly" });
    await expectText(old, "Check-in overdue");
    await expectText(old, "A check-in was due by");
    await expectText(section, "1 check-in overdue");
    await expect.poll(() => card.getByText("Check-in overdue").count()).toBe(0);
    await checkScreen(page, "group goals with an overdue check-in", { show: section });
  });
});
