// Peer groups organize themselves, in the browser, in a school that starts empty: a teacher
// starts a group with colleagues she finds by name (the size rule said in words), a colleague
// sees it on his phone, edits when it meets and leaves it; the admin sees that the group exists
// and who is in it, never its documents.
import { describe, expect, it } from "vitest";
import { startSession } from "@staffroom/api/testing";
import { expectText, expectVisible, saveScreenshot, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";
import { openSchoolSection } from "../support/browser.ts";
import { createSchoolWithStaff, signedInAs, type StaffMember } from "../support/people.ts";
import { CreateDocument } from "../support/operations.ts";

const suite = useBrowserSuite({ seedDemo: false });
const PHONE = { width: 390, height: 844 };
/** One journey of several people, each in their own browser: more than the default minute on a loaded two-core machine. */
const JOURNEY_TIMEOUT = 150_000;

const signedIn = (person: StaffMember, viewport?: { width: number; height: number }) => signedInAs(suite, person, viewport);

describe("a peer group teachers start themselves", () => {
  it(
    "a teacher starts it with colleagues; a colleague sees it, edits it and leaves; the admin sees who is in it, not its work",
    async () => {
      const { people } = await createSchoolWithStaff(suite.app.db.prisma, "Oak Hill Middle", {
        "Nadia Haddad": "TEACHER",
        "Omar Farouk": "TEACHER",
        "Priya Shah": "TEACHER",
        "Quinn Lee": "TEACHER",
        "Rosa Martinez": "ADMIN",
      });
      expect(await suite.app.db.prisma.group.count()).toBe(0);

      // Nadia has no group yet: Home tells her what to do next.
      const nadia = await signedIn(people["Nadia Haddad"]);
      const myGroups = nadia.page.getByRole("region", { name: "My groups" });
      await expectText(myGroups, "You are not in a group yet.");
      await myGroups.getByRole("link", { name: "Start a peer group" }).click();

      const form = nadia.page.getByRole("form", { name: "Start a peer group" });
      await expectText(form, "A peer group has 3 to 6 teachers, you included; 3 to 5 works best.");
      await form.getByLabel("Name").fill("Wait-time circle");
      await form.getByLabel("Focus").fill("Questions that make students reason");
      await form.getByLabel("When you meet").fill("Every other Thursday after school");
      await form.getByLabel("Find a colleague").fill("omar");
      await form.getByRole("button", { name: "Add Omar Farouk" }).click();
      await expectText(form, "With you, this group will have 2 teachers. Pick at least 1 more.");
      // Too small: the rule, next to the people it is about; nothing is created.
      await form.getByRole("button", { name: "Start the group" }).click();
      await expectText(form, "Pick at least 2 colleagues. A peer group has 3 to 6 teachers, you included; 3 to 5 works best.");
      expect(await suite.app.db.prisma.group.count()).toBe(0);
      await form.getByLabel("Find a colleague").fill("PRI");
      await form.getByRole("button", { name: "Add Priya Shah" }).click();
      await expectText(form, "With you, this group will have 3 teachers.");
      await saveScreenshot(nadia.page, "peer groups — start a peer group (desktop)");
      await form.getByRole("button", { name: "Start the group" }).click();

      await expectVisible(nadia.page.getByRole("heading", { level: 1, name: "Wait-time circle" }));
      const members = nadia.page.getByRole("region", { name: "Members" });
      await expectText(members, "Nadia Haddad (you)");
      await expectText(members, "Omar Farouk");
      await expectText(members, "Priya Shah");
      await saveScreenshot(nadia.page, "peer groups — the new group's page (desktop)");
      const group = await suite.app.db.prisma.group.findFirstOrThrow({ where: { name: "Wait-time circle" } });
      // Nadia writes a lesson plan in the group: the admin must never see it.
      const { token } = await startSession(suite.app.db.prisma, people["Nadia Haddad"].id, 3600_000);
      const doc = await suite.app.gql(
        CreateDocument,
        { input: { groupId: Buffer.from(`Group:${group.id}`).toString("base64"), kind: "LESSON_PLAN", title: "Nadia's private lesson plan" } },
        token,
      );
      expect(doc.data?.createDocument.__typename).toBe("MutationCreateDocumentSuccess");

      // Omar, on his phone: the group is on his Home page.
      const omar = await signedIn(people["Omar Farouk"], PHONE);
      await omar.page.getByRole("region", { name: "My groups" }).getByRole("link", { name: "Wait-time circle" }).click();
      await expectVisible(omar.page.getByRole("heading", { level: 1, name: "Wait-time circle" }));
      const settings = omar.page.getByRole("form", { name: "Group settings" });
      await settings.getByLabel("When you meet").fill("Thursdays, 3:30");
      await settings.getByRole("button", { name: "Save settings" }).click();
      await expectText(settings, "Saved.");
      await expect
        .poll(async () => (await suite.app.db.prisma.group.findUniqueOrThrow({ where: { id: group.id } })).meetingCadence, { timeout: UI_TIMEOUT })
        .toBe("Thursdays, 3:30");
      // Adding a colleague, found by name.
      const omarMembers = omar.page.getByRole("region", { name: "Members" });
      await omarMembers.getByLabel("Add a colleague").fill("quinn");
      await omarMembers.getByRole("button", { name: "Add Quinn Lee" }).click();
      await expectText(omarMembers, "4 people");
      await saveScreenshot(omar.page, "peer groups — a member's view with settings (390 px)");

      // Leaving asks first, and says what it means.
      await omar.page.getByRole("button", { name: "Leave the group" }).click();
      const dialog = omar.page.getByRole("dialog", { name: "Leave Wait-time circle?" });
      await expectText(dialog, "You will no longer see its documents, meetings and notes.");
      await saveScreenshot(omar.page, "peer groups — leave the group (390 px)", { fullPage: false });
      await dialog.getByRole("button", { name: "Leave the group" }).click();
      await omar.page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
      await expectText(omar.page.getByRole("region", { name: "My groups" }), "You are not in a group yet.");
      await nadia.page.reload();
      await expectText(nadia.page.getByRole("region", { name: "Members" }), "3 people");

      // The admin: the group and who is in it, never its work.
      const rosa = await signedIn(people["Rosa Martinez"]);
      await openSchoolSection(rosa.page, "Groups");
      const groups = rosa.page.getByRole("region", { name: "Groups", exact: true });
      await expectText(groups, "Wait-time circle");
      // People who joined together are listed in no particular order.
      await expectText(groups, /3 members: (?=[^.]*Nadia Haddad)(?=[^.]*Priya Shah)(?=[^.]*Quinn Lee)[^.]*\./);
      expect(await groups.innerText()).not.toContain("Omar Farouk");
      await expectText(groups, "Run by its members.");
      await saveScreenshot(rosa.page, "peer groups — the admin's list of groups (desktop)");
      await groups.getByRole("link", { name: "Wait-time circle" }).click();
      await expectVisible(rosa.page.getByRole("heading", { level: 1, name: "Wait-time circle" }));
      await expectText(rosa.page.getByRole("region", { name: "Members" }), "Quinn Lee");
      await expectText(rosa.page.getByRole("region", { name: "The group's work" }), "its documents, meetings, feedback and notes stay within the group");
      expect(await rosa.page.getByRole("region", { name: "Group settings" }).count()).toBe(0);
      expect(await rosa.page.getByRole("region", { name: "Documents" }).count()).toBe(0);
      expect(await rosa.page.locator("body").innerText()).not.toContain("Nadia's private lesson plan");
      await rosa.page.setViewportSize(PHONE);
      await saveScreenshot(rosa.page, "peer groups — the admin looking at a peer group (390 px)");
    },
    JOURNEY_TIMEOUT,
  );
});
