// A school that never saw Staffroom adopts it in the browser alone, on an EMPTY database: its
// first admin signs up (the link from the real email), creates the school, invites two teachers
// and a coach (links taken from the page), imports two more teachers from a CSV file (their links
// from the real email); each person accepts in a browser of their own; a teacher starts a peer
// group (3 to 6 teachers: the two invited and one imported); the admin assigns the coach to the
// other imported teacher; and the coach's support network shows every teacher covered. Every
// screen on the way is checked by axe and at phone width (checkScreen).
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { checkScreen, expectText, expectVisible, openSchoolSection, UI_TIMEOUT, useBrowserSuite } from "../support/browser.ts";
import { linkIn, startMailbox } from "../support/smtp.ts";

const mailbox = await startMailbox();
const suite = useBrowserSuite({ seedDemo: false, mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" } });
afterAll(() => mailbox.close());

/** Six people in browsers of their own, each screen checked at two widths: generous for a busy machine. */
const JOURNEY_TIMEOUT = 400_000;

type Newcomer = { name: string; email: string; password: string };
const ADMIN: Newcomer = { name: "Nadia Haddad", email: "nadia@birch.test", password: "birch trees in spring" };
const ANA: Newcomer = { name: "Ana Ruiz", email: "ana.ruiz@birch.test", password: "ana's long passphrase" };
const BEN: Newcomer = { name: "Ben Osei", email: "ben.osei@birch.test", password: "ben's long passphrase" };
const CARLA: Newcomer = { name: "Carla Diaz", email: "carla.diaz@birch.test", password: "carla's long passphrase" };
const DAN: Newcomer = { name: "Dan Kim", email: "dan.kim@birch.test", password: "dan's long passphrase" };
const ELI: Newcomer = { name: "Eli Stone", email: "eli.stone@birch.test", password: "eli's long passphrase" };

/** The invitation page, in a browser of the invitee's own: a new account, signed in, on Home. */
async function accept(link: string, person: Newcomer): Promise<Page> {
  const { page } = await suite.newUser(person.name);
  await page.goto(link);
  await expectVisible(page.getByRole("heading", { name: "Join Birch Hill School" }));
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Choose a password").fill(person.password);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await page.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
  await expectVisible(page.getByRole("heading", { level: 1, name: `Welcome, ${person.name.split(" ")[0]}` }));
  return page;
}

describe("a school adopts Staffroom in the browser alone", () => {
  it(
    "sign-up → school → invitations and a CSV roster → everyone accepts → a peer group → a coach → everyone has a support network",
    async () => {
      const prisma = suite.app.db.prisma;
      expect(await prisma.school.count()).toBe(0);
      expect(await prisma.user.count()).toBe(0);

      // The first admin signs up and confirms from the email.
      const { page: admin } = await suite.newUser("Nadia (admin)");
      await admin.goto("/sign-in");
      await admin.getByRole("link", { name: "Create an account" }).click();
      await admin.getByLabel("Your name", { exact: true }).fill(ADMIN.name);
      await admin.getByLabel("Email", { exact: true }).fill(ADMIN.email);
      await admin.getByLabel("Password", { exact: true }).fill(ADMIN.password);
      await admin.getByRole("button", { name: "Sign up" }).click();
      await expectVisible(admin.getByRole("heading", { name: "Check your email" }));
      const confirm = linkIn(await mailbox.next(ADMIN.email), "/confirm-sign-up");
      expect(confirm, "a sign-up link in the email").not.toBeNull();
      await admin.goto(confirm!.href);
      await admin.getByLabel("Password", { exact: true }).fill(ADMIN.password);
      await admin.getByRole("button", { name: "Finish signing up" }).click();

      // … creates the school and becomes its admin.
      await admin.getByRole("link", { name: "Create your school" }).click();
      await admin.getByLabel("School name", { exact: true }).fill("Birch Hill School");
      await admin.getByRole("group", { name: "Grade levels" }).getByRole("checkbox", { name: "Grade 4", exact: true }).check();
      await admin.getByRole("button", { name: "Create the school" }).click();
      await admin.waitForURL((url) => url.pathname === "/", { timeout: UI_TIMEOUT });
      const school = await prisma.school.findFirstOrThrow({ include: { members: { include: { user: true } } } });
      expect(school.members.map((m) => [m.user.email, m.role])).toEqual([[ADMIN.email, "ADMIN"]]);

      // Invitations: two teachers at once, then a coach; the links are taken from the page.
      await openSchoolSection(admin, "Invitations");
      await expectVisible(admin.getByRole("heading", { level: 2, name: "Invitations" }));
      await admin.getByLabel("Email addresses").fill(`${ANA.email}, ${BEN.email}`);
      await admin.getByRole("button", { name: "Send invitations" }).click();
      const linkFor = async (email: string) => {
        const field = admin.getByLabel(`Invitation link for ${email}`).first();
        await expectVisible(field);
        return field.inputValue();
      };
      const anaLink = await linkFor(ANA.email);
      const benLink = await linkFor(BEN.email);
      await admin.getByLabel("Email addresses").fill(CARLA.email);
      await admin.getByLabel("Role").selectOption("COACH");
      await admin.getByRole("button", { name: "Send invitations" }).click();
      const carlaLink = await linkFor(CARLA.email);
      await checkScreen(admin, "adoption 1 three invitations sent");

      // A roster file brings two more teachers; they are invited by email.
      await openSchoolSection(admin, "Import");
      const roster = ["email,first name,last name,role,grades,subjects", `${DAN.email},Dan,Kim,teacher,4,Math`, `${ELI.email},Eli,Stone,teacher,4,Science`, ""];
      await admin.getByLabel("Staff file (CSV)").setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(roster.join("\n")) });
      await expectText(admin.locator("main"), "2 new, 0 updated, 0 unchanged.");
      await admin.getByRole("button", { name: "Import: 2 new, 0 updated" }).click();
      await expectText(admin.getByRole("status").filter({ hasText: "Imported" }), "Imported: 2 new, 0 updated, 0 unchanged.");
      await checkScreen(admin, "adoption 2 roster imported");
      const invitationLinkIn = async (email: string) => {
        const link = (await mailbox.next(email)).text.match(/https?:\/\/\S+\/invitations\/\S+/)?.[0];
        expect(link, `an invitation link in ${email}'s email`).toBeTruthy();
        return link!;
      };
      const danLink = await invitationLinkIn(DAN.email);
      const eliLink = await invitationLinkIn(ELI.email);

      // Everyone accepts, each in a browser of their own.
      const ana = await accept(anaLink, ANA);
      await accept(benLink, BEN);
      const carla = await accept(carlaLink, CARLA);
      await accept(danLink, DAN);
      await accept(eliLink, ELI);
      const staff = await prisma.schoolMember.findMany({ where: { schoolId: school.id }, include: { user: true }, orderBy: { user: { name: "asc" } } });
      expect(staff.map((m) => [m.user.name, m.role])).toEqual([
        ["Ana Ruiz", "TEACHER"],
        ["Ben Osei", "TEACHER"],
        ["Carla Diaz", "COACH"],
        ["Dan Kim", "TEACHER"],
        ["Eli Stone", "TEACHER"],
        ["Nadia Haddad", "ADMIN"],
      ]);
      // The roster's grades and subjects came with the imported people.
      expect(staff.find((m) => m.user.name === "Dan Kim")).toMatchObject({ grades: ["4"], subjects: ["Math"] });

      // Before anyone has a group or a coach, the coach sees that nobody is covered.
      await carla.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coach dashboard" }).click();
      await expectText(carla.locator(".network-banner"), "4 of 4 teachers have no support network");

      // Ana starts a peer group with Ben and Dan.
      await ana.getByRole("region", { name: "My groups" }).getByRole("link", { name: "Start a peer group" }).click();
      const form = ana.getByRole("form", { name: "Start a peer group" });
      await form.getByLabel("Name").fill("Grade 4 wait-time circle");
      await form.getByLabel("Focus").fill("Questions that make students reason");
      for (const [search, name] of [
        ["ben", "Ben Osei"],
        ["dan", "Dan Kim"],
      ]) {
        await form.getByLabel("Find a colleague").fill(search!);
        await form.getByRole("button", { name: `Add ${name}` }).click();
      }
      await expectText(form, "With you, this group will have 3 teachers.");
      await form.getByRole("button", { name: "Start the group" }).click();
      await expectVisible(ana.getByRole("heading", { level: 1, name: "Grade 4 wait-time circle" }));
      await checkScreen(ana, "adoption 3 the peer group");

      // The admin assigns the coach to Eli, the one teacher left without a network.
      await openSchoolSection(admin, "Coaching");
      await expectText(admin.locator(".network-banner"), "1 of 4 teachers has no support network");
      await admin.getByRole("button", { name: "Assign a coach to Eli Stone" }).click();
      const dialog = admin.getByRole("dialog", { name: "Assign a coach to Eli Stone" });
      await dialog.getByLabel("Coach", { exact: true }).selectOption({ label: "Carla Diaz (0 teachers)" });
      await dialog.getByRole("button", { name: "Assign coach" }).click();
      await expectText(admin.getByRole("status").filter({ hasText: "coaching Eli" }), "Carla Diaz is now coaching Eli Stone");
      await checkScreen(admin, "adoption 4 coach assigned");

      // The coach's support network: every teacher is covered.
      await carla.reload();
      await expectText(carla.locator(".network-banner"), "All 4 teachers have a support network");
      const table = carla.getByRole("region", { name: "Support network table (scrolls sideways)" });
      for (const name of ["Ana Ruiz", "Ben Osei", "Dan Kim", "Eli Stone"]) await expectText(table, name);
      await checkScreen(carla, "adoption 5 the coach sees everyone covered");
    },
    JOURNEY_TIMEOUT,
  );
});
