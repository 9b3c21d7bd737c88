// A teacher's own goals on Home: the form says in words who will see a new goal (only them,
// unless they choose otherwise), and each goal says who sees it now and lets them change it.
// What the server then shows to whom is the trust tests' job; here, that the page tells the truth
// about the choice it sends.
import { describe, expect, it } from "vitest";
import { checkScreen, DEMO, expectText, expectVisible, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

describe("who sees my goals", () => {
  it("a new goal is Ana's alone unless she picks her coach or a group; the form and the list say so", async () => {
    const { page } = await suite.signedIn(DEMO.ana);
    const goals = page.getByRole("region", { name: "My goals" });
    // The demo goal Ana showed to her coach.
    const demoGoal = goals.getByLabel("Who sees “Ask more questions that make students reason”");
    await expectVisible(demoGoal);
    expect(await demoGoal.inputValue()).toBe("MY_COACH");
    await expectText(goals, "You and the coaches assigned to you will see this goal.");

    const form = page.getByRole("form", { name: "New goal" });
    const audience = form.getByLabel("Who will see this goal");
    expect(await audience.inputValue()).toBe("ONLY_ME");
    await expectText(form, "Only you will see this goal.");
    await audience.selectOption({ label: "Me and the members of Questioning Circle" });
    await expectText(form, "You and the members of Questioning Circle will see this goal.");
    await checkScreen(page, "goal form with its audience");

    await form.getByLabel("Goal", { exact: true }).fill("Wait five seconds after every question");
    await form.getByLabel("What you will measure").fill("Questions followed by a full wait, out of ten");
    await form.getByLabel("Where it stands now").fill("2");
    await form.getByLabel("Target").fill("8");
    await form.getByLabel("Due").fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await form.getByRole("button", { name: "Save goal" }).click();

    const created = goals.getByLabel("Who sees “Wait five seconds after every question”");
    await expectVisible(created);
    expect(await created.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe("Me and the members of Questioning Circle");
    // The form is ready for the next goal, back at the most private choice.
    expect(await audience.inputValue()).toBe("ONLY_ME");

    // Changing her mind: only her, at once.
    await created.selectOption("ONLY_ME");
    await expect.poll(() => created.inputValue(), { timeout: 15_000 }).toBe("ONLY_ME");
    const stored = async () => (await suite.app.db.prisma.goal.findFirstOrThrow({ where: { title: "Wait five seconds after every question" } })).visibility;
    await expect.poll(stored, { timeout: 15_000 }).toBe("ONLY_ME");
  });
});
