// The school console's groups, in a school that starts empty: the admin creates a PLC with its
// facilitator, changes who facilitates on its page, archives it (its page then says it is
// read-only) and brings it back; a teacher who opens the console is told it is for admins.
import { describe, expect, it } from "vitest";
import { expectText, expectVisible, saveScreenshot, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";
import { openSchoolSection } from "../support/browser.ts";
import { createSchoolWithStaff, signedInAs, type StaffMember } from "../support/people.ts";

const suite = useBrowserSuite({ seedDemo: false });
const PHONE = { width: 390, height: 844 };
/** One journey of several people, each in their own browser: more than the default minute on a loaded two-core machine. */
const JOURNEY_TIMEOUT = 150_000;

const signedIn = (person: StaffMember, viewport?: { width: number; height: number }) => signedInAs(suite, person, viewport);

describe("the school's groups in the console", () => {
  it(
    "an admin creates a PLC with a facilitator, hands the role on, archives it and brings it back",
    async () => {
      const { people } = await createSchoolWithStaff(suite.app.db.prisma, "Birch Lane Elementary", {
        "Sofia Reyes": "ADMIN",
        "Tomas Novak": "TEACHER",
        "Uma Patel": "TEACHER",
        "Victor Chen": "TEACHER",
      });
      const sofia = await signedIn(people["Sofia Reyes"]);
      await openSchoolSection(sofia.page, "Groups");
      const groups = sofia.page.getByRole("region", { name: "Groups", exact: true });
      await expectText(groups, "No active groups yet.");
      await expectText(groups, "Create a PLC or a peer group with the form on this page.");

      const form = sofia.page.getByRole("form", { name: "Create a group" });
      // Errors are sentences next to their field, and nothing is created.
      await form.getByRole("button", { name: "Create the PLC" }).click();
      await expectText(form, "Give the group a name of at least 2 characters.");
      expect(await suite.app.db.prisma.group.count()).toBe(0);

      await form.getByLabel("Name", { exact: true }).fill("Grade 3 Team");
      // Once the name is corrected, its sentence goes.
      expect(await form.getByText("Give the group a name of at least 2 characters.").count()).toBe(0);
      await form.getByLabel("Grade level", { exact: true }).fill("3");
      await form.getByLabel("Subject", { exact: true }).fill("Literacy");
      await form.getByLabel("When it meets").fill("Tuesdays, 3:30");
      await form.getByLabel("Find someone on the staff").fill("tom");
      await form.getByRole("button", { name: "Add Tomas Novak" }).click();
      await form.getByLabel("Find someone on the staff").fill("uma");
      await form.getByRole("button", { name: "Add Uma Patel" }).click();
      // The first person picked facilitates unless the admin says otherwise.
      expect(await form.getByRole("checkbox", { name: "Facilitator (Tomas Novak)" }).isChecked()).toBe(true);
      expect(await form.getByRole("checkbox", { name: "Facilitator (Uma Patel)" }).isChecked()).toBe(false);
      await saveScreenshot(sofia.page, "school groups — creating a PLC (desktop)");
      await form.getByRole("button", { name: "Create the PLC" }).click();
      await expectText(form, "Grade 3 Team was created.");
      await expectText(groups, "Facilitated by Tomas Novak.");
      await expectText(groups, "2 members: Tomas Novak, Uma Patel.");
      const stored = await suite.app.db.prisma.group.findFirstOrThrow({ where: { name: "Grade 3 Team" }, include: { members: { include: { user: true } } } });
      expect(stored).toMatchObject({ kind: "PLC", gradeLevel: "3", subject: "Literacy", meetingCadence: "Tuesdays, 3:30" });
      expect(Object.fromEntries(stored.members.map((m) => [m.user.name, m.role]))).toEqual({ "Tomas Novak": "FACILITATOR", "Uma Patel": "MEMBER" });

      // On the PLC's page: Uma facilitates too, Victor joins.
      await groups.getByRole("link", { name: "Members and settings of Grade 3 Team" }).click();
      await expectVisible(sofia.page.getByRole("heading", { level: 1, name: "Grade 3 Team" }));
      const members = sofia.page.getByRole("region", { name: "Members" });
      await members.getByRole("button", { name: "Make facilitator: Uma Patel" }).click();
      await expectVisible(members.getByRole("button", { name: "Make a member: Uma Patel" }));
      await members.getByLabel("Add a colleague").fill("victor");
      await members.getByRole("button", { name: "Add Victor Chen" }).click();
      await expectText(members, "3 people");
      await saveScreenshot(sofia.page, "school groups — a PLC's page, managed by the admin (desktop)");
      await expect
        .poll(async () => (await suite.app.db.prisma.groupMember.findMany({ where: { groupId: stored.id, role: "FACILITATOR" } })).length, {
          timeout: UI_TIMEOUT,
        })
        .toBe(2);

      // Archived: listed apart, and its page says it is read-only.
      await openSchoolSection(sofia.page, "Groups");
      await groups.getByRole("button", { name: "Archive Grade 3 Team" }).click();
      const archived = sofia.page.getByRole("region", { name: "Archived groups" });
      await expectText(archived, "Grade 3 Team");
      await expectText(groups, "No active groups yet.");
      await sofia.page.setViewportSize(PHONE);
      await saveScreenshot(sofia.page, "school groups — the console with an archived PLC (390 px)");

      const tomas = await signedIn(people["Tomas Novak"], PHONE);
      await tomas.page.goto("/");
      const tomasGroups = tomas.page.getByRole("region", { name: "My groups" });
      // Archived groups stay on their members' Home, marked read-only, so they can still read them.
      await expectText(tomasGroups, "You are not in a group yet.");
      await expectText(tomasGroups, "Read-only");
      await expectVisible(tomasGroups.getByRole("link", { name: "Grade 3 Team" }));
      await archived.getByRole("link", { name: "Grade 3 Team", exact: true }).click();
      await expectText(sofia.page.getByRole("note"), "This group is archived: everything in it can still be read, but nothing can be changed.");
      expect(await sofia.page.getByRole("form", { name: "Group settings" }).count()).toBe(0);
      await saveScreenshot(sofia.page, "school groups — an archived PLC's page (390 px)");
      await sofia.page.getByRole("button", { name: "Unarchive the group" }).click();
      await expectVisible(sofia.page.getByRole("form", { name: "Group settings" }));
      expect((await suite.app.db.prisma.group.findUniqueOrThrow({ where: { id: stored.id } })).archivedAt).toBeNull();
      await tomas.page.reload();
      await expectText(tomas.page.getByRole("region", { name: "My groups" }), "Grade 3 Team");

      // A teacher who opens the console is told whose it is, with where to go instead.
      await tomas.page.goto("/school/groups");
      await expectText(tomas.page.getByRole("main"), "The school console is for the school's admins.");
      await saveScreenshot(tomas.page, "school groups — a teacher opening the console (390 px)");
    },
    JOURNEY_TIMEOUT,
  );
});
