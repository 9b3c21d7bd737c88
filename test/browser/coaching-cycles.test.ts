// A coach (Dana) starts a coaching cycle with a teacher flagged "no support network" straight from
// the support network, moves it to the observation, records an observation for the teacher and one
// for herself, a private note, an action step and a check-back date. The teacher, in a browser of
// their own, sees the step, the observation meant for them and the action step (which they tick
// by keyboard), and never the coach's own observation or her private note. Back on the dashboard
// the caseload card shows the signals, and Dana changes the teacher's tier, then ends the coaching.
import { describe, expect, it } from "vitest";
import { hashPassword } from "@staffroom/api/testing";
import { checkScreen, DEMO, DEMO_PASSWORD, expectText, expectVisible, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

const GOAL = "Students explain their reasoning in every lesson";
const SHARED_OBSERVATION = "Waited three seconds after eight of ten questions.";
const COACH_OBSERVATION = "Seemed rushed in the plenary; ask about planning time.";
const PRIVATE_NOTE = "Nervous about being observed; start with co-teaching.";
const ACTION_STEP = "Count to three after every question";

/** A new teacher of the demo school, in no group and with no coach: flagged on the dashboard. */
async function flaggedTeacher() {
  const prisma = suite.app.db.prisma;
  const school = await prisma.schoolMember.findFirstOrThrow({ where: { user: { email: DEMO.dana.email } } });
  const teacher = { email: "iris.moreau@demo.test", name: "Iris Moreau" };
  await prisma.user.create({
    data: { ...teacher, passwordHash: await hashPassword(DEMO_PASSWORD), schoolMemberships: { create: { schoolId: school.schoolId, role: "TEACHER" } } },
  });
  return teacher;
}

describe("a coaching cycle, from a flagged teacher to what the teacher sees", () => {
  it("the coach starts it from the support network, observes, keeps a private note; the teacher sees only what is meant for them", async () => {
    const teacher = await flaggedTeacher();
    const dana = await suite.signedIn(DEMO.dana);
    const { page } = dana;

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coach dashboard" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Coach dashboard" }));
    const network = page.getByRole("region", { name: "Support network" });
    const row = network.locator("tr", { hasText: teacher.name });
    await expectText(row, "No support network");
    await checkScreen(page, "coach dashboard");

    await row.getByRole("button", { name: `Start a cycle with ${teacher.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Start a coaching cycle with ${teacher.name}` });
    await expectVisible(dialog);
    await expectText(dialog, "starting the cycle makes you their coach");
    await dialog.getByLabel("Goal").fill(GOAL);
    await dialog.getByLabel("Look-fors (optional, one per line)").fill("Wait time\nReasoning questions");
    await checkScreen(page, "start a coaching cycle", { fullPage: false });
    await dialog.getByRole("button", { name: "Start the cycle" }).click();

    await expectVisible(page.getByRole("heading", { level: 1, name: `Coaching cycle with ${teacher.name}` }));
    await expectText(page.locator("main"), GOAL);
    await page.getByRole("button", { name: "Move on to pre-conference" }).click();
    await page.getByRole("button", { name: "Move on to observation" }).click();
    await expectText(page.locator("main"), "Now: Observation.");

    const observations = page.getByRole("region", { name: "Observations" });
    await observations.getByLabel("Look-for").selectOption("Wait time");
    await observations.getByLabel("What you observed").fill(SHARED_OBSERVATION);
    await observations.getByRole("button", { name: "Record the observation" }).click();
    await expectText(observations.getByRole("list", { name: "Observations" }), SHARED_OBSERVATION);
    await observations.getByLabel("What you observed").fill(COACH_OBSERVATION);
    await observations.getByLabel(`Share with ${teacher.name}`).uncheck();
    await observations.getByRole("button", { name: "Record the observation" }).click();
    await expectText(observations.getByRole("list", { name: "Observations" }), COACH_OBSERVATION);
    await expectText(observations, "Only you");

    const notes = page.getByRole("region", { name: "Private notes" });
    await notes.getByLabel("Private note").fill(PRIVATE_NOTE);
    await notes.getByRole("button", { name: "Save the private note" }).click();
    await expectText(notes, PRIVATE_NOTE);

    const steps = page.getByRole("region", { name: `${teacher.name}'s action steps` });
    await steps.getByLabel("New action step").fill(ACTION_STEP);
    await steps.getByRole("button", { name: "Add the step" }).click();
    await expectVisible(steps.getByRole("checkbox", { name: ACTION_STEP }));

    const checkBack = page.getByRole("region", { name: "Next check-back" });
    await checkBack.getByLabel("Check-back date").fill("2030-01-15");
    await checkBack.getByRole("button", { name: "Save the date" }).click();
    await expectText(checkBack, "Scheduled");
    await checkScreen(page, "coaching cycle (coach)");

    // The teacher, in a browser of their own.
    const them = await suite.signedIn(teacher);
    await them.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My coaching" }).click();
    await expectVisible(them.page.getByRole("heading", { level: 1, name: "My coaching" }));
    await checkScreen(them.page, "my coaching (teacher)");
    await them.page.getByRole("link", { name: GOAL }).click();
    await expectVisible(them.page.getByRole("heading", { level: 1, name: `Your coaching cycle with ${DEMO.dana.name}` }));
    const main = them.page.locator("main");
    await expectText(main, "Now: Observation.");
    await expectText(main, SHARED_OBSERVATION);
    const text = (await main.textContent()) ?? "";
    expect(text).not.toContain(COACH_OBSERVATION);
    expect(text).not.toContain(PRIVATE_NOTE);
    expect(await them.page.getByRole("region", { name: "Private notes" }).count()).toBe(0);
    expect(await them.page.getByRole("button", { name: /Move on/ }).count()).toBe(0);

    // They tick their own step, by keyboard.
    const box = them.page.getByRole("checkbox", { name: ACTION_STEP });
    await box.focus();
    await them.page.keyboard.press("Space");
    await expect.poll(() => box.isChecked(), { timeout: UI_TIMEOUT }).toBe(true);
    await expect
      .poll(async () => (await suite.app.db.prisma.coachingActionStep.findFirstOrThrow({ where: { text: ACTION_STEP } })).doneAt !== null, {
        timeout: UI_TIMEOUT,
      })
      .toBe(true);
    await checkScreen(them.page, "coaching cycle (teacher)");

    // Back on the dashboard: the caseload card and its signals; Dana raises the tier.
    await page.getByRole("link", { name: "Coach dashboard" }).first().click();
    const card = page.getByRole("list", { name: "Your coachees" }).getByRole("listitem").filter({ hasText: teacher.name });
    await expectText(card, "Today");
    await expectText(card, "Goal in progress");
    await page.getByLabel("Sort by").selectOption("contact");
    await checkScreen(page, "coach dashboard caseload", { show: card });
    await card.getByRole("button", { name: `Change tier or coach for ${teacher.name}` }).click();
    const change = page.getByRole("dialog", { name: `Change ${teacher.name}'s coaching` });
    await change.getByLabel("Support tier").selectOption("INTENSIVE");
    await change.getByRole("button", { name: "Save changes" }).click();
    await expectText(page.getByRole("region", { name: "My caseload" }), `now coaches ${teacher.name} at the intensive tier`);
    await expectText(card, "Intensive");

    // And ends it, after a confirmation: the card goes, the cycle stays with the two of them.
    await card.getByRole("button", { name: `End coaching of ${teacher.name}` }).click();
    const confirm = page.getByRole("dialog", { name: `End ${DEMO.dana.name}'s coaching of ${teacher.name}?` });
    await confirm.getByRole("button", { name: "End coaching" }).click();
    await expectText(page.getByRole("region", { name: "My caseload" }), `${DEMO.dana.name} no longer coaches ${teacher.name}.`);
    await expect.poll(() => card.count(), { timeout: UI_TIMEOUT }).toBe(0);
    expect(await suite.app.db.prisma.coachingCycle.count({ where: { goal: GOAL } })).toBe(1);
  });
});
