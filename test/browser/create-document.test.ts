// Creating a document in Chromium through the one CreateDocument operation the group page and the
// meeting page share: on the group page, a typed failure read through the MutationError fragment
// (a validation error's issues shown in words next to the form), then a success that opens the new
// document; on a planned meeting, its notes from the template, opened in the live editor.
import { describe, expect, it } from "vitest";
import { appPath, checkScreen, DEMO, expectText, expectVisible, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

describe("a new document from the group page", () => {
  it("shows the server's validation issue for a blank title, then creates the action plan and opens it", async () => {
    const { page } = await suite.signedIn(DEMO.ana);
    await page.getByRole("region", { name: "My groups" }).getByRole("link", { name: "Questioning Circle" }).click();
    const documents = page.getByRole("region", { name: "Documents" });
    const form = page.getByRole("form", { name: "New document" });
    await expectVisible(documents);

    // Spaces pass the browser's `required`; the api trims them and answers with a ValidationError.
    await form.getByLabel("Kind").selectOption("ACTION_PLAN");
    await form.getByLabel("Title").fill("   ");
    await form.getByRole("button", { name: "Create document" }).click();
    const alert = form.getByRole("alert");
    await expectText(alert, "The document could not be created");
    // In words, never the code.
    await expectText(alert, "Some of what you entered needs a change.");
    await expectText(alert, "Title is required.");
    expect(await alert.innerText()).not.toContain("VALIDATION_FAILED");
    await checkScreen(page, "new document: a blank title");

    await form.getByLabel("Title").fill("After the fractions unit");
    await form.getByRole("button", { name: "Create document" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "After the fractions unit" }));
    // From the action-plan template: the board, with its summary line.
    await expectText(page.locator("main"), /\d+ items?/);
    await checkScreen(page, "new action plan");
  });
});

describe("meeting notes from the meeting page", () => {
  it("a planned meeting without notes gets them from the template, in the live editor", async () => {
    const session = await suite.app.db.prisma.session.findFirstOrThrow({
      where: { status: "PLANNED", group: { name: "Questioning Circle" }, documents: { none: { kind: "MEETING_NOTES" } } },
      orderBy: { startsAt: "asc" },
    });
    const { page } = await suite.signedIn(DEMO.ana);
    await page.goto(appPath.session(session.id));
    await expectVisible(page.getByRole("heading", { level: 1, name: session.title }));
    await checkScreen(page, "planned meeting without notes");
    await page.getByRole("button", { name: "Create meeting notes" }).click();
    await expectVisible(page.getByRole("textbox", { name: `Meeting notes: Notes: ${session.title}` }));
    await expectText(page.getByRole("status").filter({ hasText: /Live|Connecting|Offline/ }), "Live — changes are saved");
    await checkScreen(page, "planned meeting with its new notes");
  });
});
