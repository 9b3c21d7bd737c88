// Housekeeping in the browser (issue 12, item 5, and item 7's editor at phone width): a teacher
// renames and deletes a document from its page while a colleague has it open (the colleague's
// editor closes with a sentence and does not reconnect), and from the group's list; authors edit
// and delete their own feedback and replies while a colleague watches the sidebar update live; a
// private reflection says "Private" and offers no feedback form; at 390 px the feedback is a tab
// away; a PLC facilitator deletes a wrongly uploaded assessment.
import { describe, expect, it } from "vitest";
import { appPath, checkScreen, DEMO, expectText, expectVisible, globalIdOf, openEditor, PHONE, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";

const suite = useBrowserSuite();

const groupPath = (id: string) => `/groups/${encodeURIComponent(globalIdOf("Group", id))}`;

async function demoPerson(name: string) {
  return suite.app.db.prisma.user.findFirstOrThrow({ where: { name } });
}
async function demoGroup(name: string) {
  return suite.app.db.prisma.group.findFirstOrThrow({ where: { name } });
}
/** A fresh lesson plan of the Questioning Circle, by Ana. */
async function newPlan(title: string) {
  const [group, ana] = await Promise.all([demoGroup("Questioning Circle"), demoPerson(DEMO.ana.name)]);
  const doc = await suite.app.make.document({ groupId: group.id, creatorId: ana.id, kind: "LESSON_PLAN", title });
  return { doc, group };
}

describe("renaming and deleting a document", () => {
  it("from its page: renamed, then deleted while a colleague has it open", async () => {
    const nonce = Math.random().toString(36).slice(2, 8);
    const { doc, group } = await newPlan(`Plan to tidy ${nonce}`);
    const [ana, ben] = await Promise.all([suite.signedIn(DEMO.ana), suite.signedIn(DEMO.ben)]);
    await openEditor(ana, appPath.document(doc.id), `Plan to tidy ${nonce}`);
    await openEditor(ben, appPath.document(doc.id), `Plan to tidy ${nonce}`);

    // Rename, by keyboard: the dialog opens with the title selected for editing.
    await ana.page.getByRole("button", { name: `Rename Plan to tidy ${nonce}` }).click();
    const renameDialog = ana.page.getByRole("dialog", { name: /Rename/ });
    await renameDialog.getByLabel("New title").fill(`Tidy plan ${nonce}`);
    await checkScreen(ana.page, "document rename dialog", { fullPage: false });
    await ana.page.keyboard.press("Enter");
    await expectVisible(ana.page.getByRole("heading", { level: 1, name: `Tidy plan ${nonce}` }));
    expect((await suite.app.db.prisma.document.findUniqueOrThrow({ where: { id: doc.id } })).title).toBe(`Tidy plan ${nonce}`);

    // Delete: the dialog says what goes; Cancel keeps it.
    await ana.page.getByRole("button", { name: `Delete Tidy plan ${nonce}` }).click();
    const deleteDialog = ana.page.getByRole("dialog", { name: `Delete “Tidy plan ${nonce}”?` });
    await expectText(deleteDialog, "with all its feedback and replies and its version history");
    await checkScreen(ana.page, "document delete dialog", { fullPage: false });
    await deleteDialog.getByRole("button", { name: "Delete document" }).click();

    // Ana lands on the group's page, which says what went.
    await ana.page.waitForURL((url) => url.pathname === groupPath(group.id), { timeout: UI_TIMEOUT });
    await expectText(ana.page.getByRole("status").filter({ hasText: "was deleted" }), `“Tidy plan ${nonce}” was deleted, with its feedback and history.`);
    expect(await suite.app.db.prisma.document.count({ where: { id: doc.id } })).toBe(0);

    // Ben's editor closed with a sentence naming who deleted it, and it stays closed.
    const closed = ben.page.getByRole("alert").filter({ hasText: "This document was deleted" });
    await expectText(closed, `This document was deleted by ${DEMO.ana.name}.`);
    await expect.poll(() => ben.page.getByRole("textbox", { name: `Plan to tidy ${nonce}` }).count()).toBe(0);
    const socketsBefore = ben.websockets.filter((url) => url.includes("/collab/")).length;
    await ben.page.waitForTimeout(1500);
    expect(ben.websockets.filter((url) => url.includes("/collab/")).length, "the closed editor does not reconnect").toBe(socketsBefore);
    await checkScreen(ben.page, "document deleted while open");
    await checkScreen(ana.page, "group page after deleting a document");
  });

  it("from the group's list of documents", async () => {
    const nonce = Math.random().toString(36).slice(2, 8);
    const { doc: keep, group } = await newPlan(`Listed plan ${nonce}`);
    const { doc: drop } = await newPlan(`Listed extra ${nonce}`);
    const ana = await suite.signedIn(DEMO.ana);
    await ana.page.goto(groupPath(group.id));
    const documents = ana.page.getByRole("region", { name: "Documents" });

    await documents.getByRole("button", { name: `Rename Listed plan ${nonce}` }).click();
    await ana.page.getByRole("dialog").getByLabel("New title").fill(`Listed plan, renamed ${nonce}`);
    await ana.page.getByRole("dialog").getByRole("button", { name: "Rename" }).click();
    await expectVisible(documents.getByRole("link", { name: `Listed plan, renamed ${nonce}` }));

    await documents.getByRole("button", { name: `Delete Listed extra ${nonce}` }).click();
    await ana.page.getByRole("dialog").getByRole("button", { name: "Delete document" }).click();
    await expectText(documents, `“Listed extra ${nonce}” was deleted`);
    await expect.poll(() => documents.getByRole("link", { name: `Listed extra ${nonce}` }).count()).toBe(0);
    expect(await suite.app.db.prisma.document.count({ where: { id: { in: [keep.id, drop.id] } } })).toBe(1);
    await checkScreen(ana.page, "group documents with rename and delete");
  });
});

describe("feedback its author edits and deletes", () => {
  it("Ben edits and deletes his own feedback and reply; Ana sees each change live and cannot change his", async () => {
    const nonce = Math.random().toString(36).slice(2, 8);
    const { doc } = await newPlan(`Feedback plan ${nonce}`);
    const [anaUser, benUser] = await Promise.all([demoPerson(DEMO.ana.name), demoPerson(DEMO.ben.name)]);
    const thread = await suite.app.make.feedback({ documentId: doc.id, authorId: benUser.id, kind: "GLOW", body: `Strong hook ${nonce}` });
    await suite.app.make.feedback({ documentId: doc.id, authorId: anaUser.id, parentId: thread.id, kind: "NOTE", body: `Thanks ${nonce}` });
    const [ana, ben] = await Promise.all([suite.signedIn(DEMO.ana), suite.signedIn(DEMO.ben)]);
    await openEditor(ana, appPath.document(doc.id), `Feedback plan ${nonce}`);
    await openEditor(ben, appPath.document(doc.id), `Feedback plan ${nonce}`);
    const anaThreads = ana.page.getByRole("list", { name: "Feedback threads" });
    const benThreads = ben.page.getByRole("list", { name: "Feedback threads" });
    await expectText(anaThreads, `Strong hook ${nonce}`);

    // Ana may edit her reply, not Ben's glow.
    await expect.poll(() => anaThreads.getByRole("button", { name: "Edit your glow" }).count()).toBe(0);
    await expectVisible(anaThreads.getByRole("button", { name: "Edit your reply" }));

    // Ben turns his glow into a grow and rewrites it.
    await benThreads.getByRole("button", { name: "Edit your glow" }).click();
    const form = ben.page.getByRole("form", { name: "Edit your glow" });
    await form.getByRole("radio", { name: "Grow" }).check();
    await form.getByLabel("Your glow").fill(`The hook could name the skill ${nonce}`);
    await checkScreen(ben.page, "editing own feedback");
    await form.getByRole("button", { name: "Save" }).click();
    await expectText(benThreads, `The hook could name the skill ${nonce}`);
    await expectText(anaThreads, `The hook could name the skill ${nonce}`);
    await expectText(anaThreads.getByRole("heading", { level: 3 }), `Grow from ${DEMO.ben.name}`);

    // Ana edits her reply.
    await anaThreads.getByRole("button", { name: "Edit your reply" }).click();
    await ana.page.getByRole("form", { name: "Edit your reply" }).getByLabel("Your reply").fill(`Good idea ${nonce}`);
    await ana.page.getByRole("form", { name: "Edit your reply" }).getByRole("button", { name: "Save" }).click();
    await expectText(benThreads, `Good idea ${nonce}`);

    // Ben deletes his thread: the dialog says Ana's reply goes too.
    await benThreads.getByRole("button", { name: "Delete your grow" }).click();
    const dialog = ben.page.getByRole("dialog", { name: "Delete your grow?" });
    await expectText(dialog, "The reply to it goes too, whoever wrote it.");
    await checkScreen(ben.page, "delete own feedback dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => anaThreads.getByText(`The hook could name the skill ${nonce}`).count(), { timeout: UI_TIMEOUT }).toBe(0);
    await expect.poll(() => benThreads.getByText(`The hook could name the skill ${nonce}`).count()).toBe(0);
    expect(await suite.app.db.prisma.feedback.count({ where: { documentId: doc.id } })).toBe(0);
    await expectText(ana.page.locator(".feedback [role=status]"), `${DEMO.ben.name} deleted feedback.`);
  });
});

it("a private reflection says Private and offers no feedback form to its author", async () => {
  const reflection = await suite.app.db.prisma.document.findFirstOrThrow({ where: { title: "My own questions, counted" } });
  const ben = await suite.signedIn(DEMO.ben);
  await openEditor(ben, appPath.document(reflection.id), "My own questions, counted");
  await expectText(ben.page.locator(".page-header"), "Private");
  await expectText(ben.page.locator(".page-header"), "Only you can see this reflection.");
  await expectText(ben.page.locator(".feedback"), "This reflection is private: only you can open it, so there is no feedback to give here.");
  expect(await ben.page.getByRole("form", { name: "Give feedback" }).count()).toBe(0);
  await checkScreen(ben.page, "private reflection");
});

it("at 390 px the document and its feedback are tabs, reached by keyboard", async () => {
  const nonce = Math.random().toString(36).slice(2, 8);
  const { doc } = await newPlan(`Phone plan ${nonce}`);
  const ben = await demoPerson(DEMO.ben.name);
  await suite.app.make.feedback({ documentId: doc.id, authorId: ben.id, kind: "QUESTION", body: `What do they write down? ${nonce}` });
  const ana = await suite.signedIn(DEMO.ana, { viewport: PHONE });
  await openEditor(ana, appPath.document(doc.id), `Phone plan ${nonce}`);

  const tabs = ana.page.getByRole("tablist", { name: "Document and its tools" });
  await expectVisible(tabs);
  const documentTab = tabs.getByRole("tab", { name: "Document" });
  expect(await documentTab.getAttribute("aria-selected")).toBe("true");
  // The tab list sits above the document: no scrolling past the document to find the feedback.
  const box = await tabs.boundingBox();
  expect(box && box.y + box.height).toBeLessThan(PHONE.height);

  await documentTab.focus();
  await ana.page.keyboard.press("ArrowRight");
  const feedbackTab = tabs.getByRole("tab", { name: "Feedback" });
  expect(await feedbackTab.getAttribute("aria-selected")).toBe("true");
  await expect.poll(() => ana.page.evaluate(`document.activeElement?.textContent`)).toBe("Feedback");
  await expectText(ana.page.getByRole("list", { name: "Feedback threads" }), `What do they write down? ${nonce}`);
  await expectVisible(ana.page.getByRole("form", { name: "Give feedback" }));
  expect(await ana.page.getByRole("textbox", { name: `Phone plan ${nonce}` }).isVisible()).toBe(false);
  await checkScreen(ana.page, "editor feedback tab at phone width", { fullPage: false });

  await ana.page.keyboard.press("ArrowLeft");
  await expectVisible(ana.page.getByRole("textbox", { name: `Phone plan ${nonce}` }));
  await checkScreen(ana.page, "editor document tab at phone width", { fullPage: false });
});

it("a PLC facilitator deletes a wrongly uploaded assessment; a member is not offered it", async () => {
  const nonce = Math.random().toString(36).slice(2, 8);
  const group = await demoGroup("Grade 4 Team");
  const wrong = await suite.app.make.assessment({
    groupId: group.id,
    title: `Wrong file ${nonce}`,
    standard: "4.NF.9",
    results: { create: [1, 2, 3].map((i) => ({ studentRef: `W-${nonce}-${i}`, score: 40, proficiency: "BELOW" as const })) },
  });
  const dataPath = `${groupPath(group.id)}/data`;

  const ana = await suite.signedIn(DEMO.ana); // a member of the Grade 4 Team, not its facilitator
  await ana.page.goto(dataPath);
  await expectVisible(ana.page.getByRole("heading", { name: `Wrong file ${nonce}` }));
  expect(await ana.page.getByRole("button", { name: `Delete assessment Wrong file ${nonce}` }).count()).toBe(0);

  const hana = await suite.signedIn(DEMO.hana);
  await hana.page.goto(dataPath);
  await hana.page.getByRole("button", { name: `Delete assessment Wrong file ${nonce}` }).click();
  const dialog = hana.page.getByRole("dialog", { name: `Delete “Wrong file ${nonce}”?` });
  await expectText(dialog, "all 3 student results go for good");
  await checkScreen(hana.page, "delete assessment dialog", { fullPage: false });
  await dialog.getByRole("button", { name: "Delete assessment" }).click();
  await expectText(hana.page.getByRole("status").filter({ hasText: "was deleted" }), `“Wrong file ${nonce}” was deleted, with all its student results.`);
  await expect.poll(() => hana.page.getByRole("heading", { name: `Wrong file ${nonce}` }).count()).toBe(0);
  expect(await suite.app.db.prisma.assessment.count({ where: { id: wrong.id } })).toBe(0);
  await checkScreen(hana.page, "PLC data after deleting an assessment");
});
