// Importing staff from CSV (Staffroom's template and a OneRoster users.csv): every row is checked
// before anything is written, problems come back by row and column as sentences, and the import is
// all or nothing (checked in the database). People are matched by email: the same file again
// changes nothing, an updated file updates names and roles, and newcomers get one invitation each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { ACCEPT_INVITATION, IMPORT_ROSTER } from "../support/invitations.ts";
import { startMailbox, type Mailbox } from "../support/smtp.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { failed, failedWith, succeeded } from "../support/operations.ts";

let mailbox: Mailbox;
let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startTestApp({ mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" }, publicUrl: "https://staffroom.school.test" });
  fx = await buildSchoolFixture(app.db.prisma, "roster");
});
afterAll(async () => {
  await app?.close();
  await mailbox?.close();
});

const csv = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;
const importCsv = async (text: string, dryRun = false, token = fx.people.admin.token) =>
  (await app.gql(IMPORT_ROSTER, { input: { schoolId: fx.schoolGid, csv: text, dryRun } }, token)).data?.importRoster;

/** Everything an import may write, to check that a refused one wrote nothing. */
const snapshot = async () => ({
  invitations: await app.db.prisma.invitation.findMany({ orderBy: { id: "asc" } }),
  members: await app.db.prisma.schoolMember.findMany({ orderBy: { id: "asc" } }),
  users: await app.db.prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, email: true } }),
});

const TEMPLATE = csv(
  "email,first name,last name,role,grades,subjects",
  "amira.hassan@school.test,Amira,Hassan,teacher,3;4,Math;Science",
  "Jon.Baker@School.test,Jon,Baker,coach,,",
  "li.wei@school.test,Li,Wei,admin,K,",
);

describe("the template", () => {
  it("previews without writing, then imports: new people are invited (and emailed) with the roster's name, grades and subjects", async () => {
    const before = await snapshot();
    const preview = await importCsv(TEMPLATE, true);
    expect(preview).toMatchObject({
      __typename: "MutationImportRosterSuccess",
      data: { format: "STAFFROOM", dryRun: true, summary: "3 new, 0 updated, 0 unchanged." },
    });
    expect(succeeded(preview).data.rows.map((r) => [r.row, r.email, r.outcome])).toEqual([
      [2, "amira.hassan@school.test", "NEW"],
      [3, "jon.baker@school.test", "NEW"],
      [4, "li.wei@school.test", "NEW"],
    ]);
    expect(await snapshot()).toEqual(before);
    expect(mailbox.to("amira.hassan@school.test")).toEqual([]);

    const done = await importCsv(TEMPLATE);
    expect(succeeded(done).data).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0, summary: "3 new, 0 updated, 0 unchanged." });
    expect(succeeded(done).data.rows[0]).toMatchObject({
      name: "Amira Hassan",
      role: "TEACHER",
      grades: ["3", "4"],
      subjects: ["Math", "Science"],
      isMember: false,
    });
    const invitation = await app.db.prisma.invitation.findFirstOrThrow({ where: { email: "amira.hassan@school.test" } });
    expect(invitation).toMatchObject({
      schoolId: fx.schoolId,
      role: "TEACHER",
      name: "Amira Hassan",
      grades: ["3", "4"],
      subjects: ["Math", "Science"],
      invitedById: fx.people.admin.id,
    });
    const email = await mailbox.next("jon.baker@school.test");
    expect(email.text).toContain("as a coach");
  });

  it("the same file again changes nothing and sends nothing: 0 new, 0 updated, 3 unchanged", async () => {
    // The first import's emails are sent by a background job: all of them out before counting.
    await app.services.outbox.settled();
    const before = await snapshot();
    const emailsBefore = mailbox.received.length;
    const again = await importCsv(TEMPLATE);
    expect(succeeded(again).data.summary).toBe("0 new, 0 updated, 3 unchanged.");
    expect(await snapshot()).toEqual(before);
    await app.services.outbox.settled();
    expect(mailbox.received.length).toBe(emailsBefore);
  });

  it("an updated file updates names, roles, grades and subjects of members and of open invitations instead of duplicating them", async () => {
    const coach = fx.people.coach;
    const updated = csv(
      "Email,First Name,Last Name,Role,Grades,Subjects",
      "amira.hassan@school.test,Amira,Hassan-Ortiz,coach,3;4,Math;Science", // invited: new name and role
      "jon.baker@school.test,Jon,Baker,coach,,", // unchanged
      "li.wei@school.test,Li,Wei,admin,K,",
      `${coach.email},Dana,Rivera,teacher,5,ELA`, // a member: name, role, grades, subjects follow the file
      "new.person@school.test,New,Person,teacher,,",
    );
    const preview = await importCsv(updated, true);
    expect(succeeded(preview).data.rows.map((r) => [r.email, r.outcome, r.changes])).toEqual([
      ["amira.hassan@school.test", "UPDATED", ["name", "role"]],
      ["jon.baker@school.test", "UNCHANGED", []],
      ["li.wei@school.test", "UNCHANGED", []],
      [coach.email, "UPDATED", ["name", "role", "grades", "subjects"]],
      ["new.person@school.test", "NEW", []],
    ]);
    const done = await importCsv(updated);
    expect(succeeded(done).data.summary).toBe("1 new, 2 updated, 2 unchanged.");
    expect(await app.db.prisma.invitation.count({ where: { email: "amira.hassan@school.test" } })).toBe(1);
    expect(await app.db.prisma.invitation.findFirstOrThrow({ where: { email: "amira.hassan@school.test" } })).toMatchObject({
      name: "Amira Hassan-Ortiz",
      role: "COACH",
    });
    expect(await app.db.prisma.schoolMember.findFirstOrThrow({ where: { userId: coach.id, schoolId: fx.schoolId }, include: { user: true } })).toMatchObject({
      role: "TEACHER",
      grades: ["5"],
      subjects: ["ELA"],
      user: { name: "Dana Rivera" },
    });
    expect(await app.db.prisma.invitation.count({ where: { email: coach.email } })).toBe(0);
    expect(succeeded(await importCsv(updated)).data.summary).toBe("0 new, 0 updated, 5 unchanged.");
  });

  it("accepting an imported invitation brings the roster's grades and subjects into the membership", async () => {
    const link = (await mailbox.next("li.wei@school.test")).text.match(/https:\/\/\S+\/invitations\/(\S+)/)!;
    const accepted = await app.gql(ACCEPT_INVITATION, { input: { token: decodeURIComponent(link[1]!), name: "Li Wei", password: "correct horse battery" } });
    expect(succeeded(accepted.data?.acceptInvitation).data.school.viewerRole).toBe("ADMIN");
    const user = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "li.wei@school.test" }, include: { schoolMemberships: true } });
    expect(user.schoolMemberships).toMatchObject([{ schoolId: fx.schoolId, role: "ADMIN", grades: ["K"], subjects: [] }]);
    // A member now: the same row again is unchanged, and no new invitation is made.
    expect(succeeded(await importCsv(csv("email,first name,last name,role,grades", "li.wei@school.test,Li,Wei,admin,K"))).data.rows[0]).toMatchObject({
      outcome: "UNCHANGED",
      isMember: true,
    });
  });
});

describe("problems, by row and column, and nothing written", () => {
  it("reports every bad row at once, duplicates inside the file included, and imports none of the good ones", async () => {
    const before = await snapshot();
    const bad = csv(
      "email,first name,last name,role,grades,subjects",
      "good.one@school.test,Good,One,teacher,,", // row 2: fine, but not imported either
      ",No,Email,teacher,,", // row 3
      "not-an-address,Bad,Email,teacher,,", // row 4
      "x@school.test,,Nameless,teacher,,", // row 5
      "y@school.test,Wrong,Role,principal,,", // row 6
      "z@school.test,Empty,Role,,,", // row 7
      "GOOD.ONE@school.test,Good,Again,coach,,", // row 8: the same person as row 2
    );
    const refused = await importCsv(bad);
    expect(refused?.__typename).toBe("RosterImportError");
    expect(failed(refused).code).toBe("INVALID_ROSTER");
    expect(failed(refused).message).toBe("The file has 6 problems, so nothing was imported. Fix them and upload the file again.");
    expect(failedWith(refused, "RosterImportError").problems).toEqual([
      { row: 3, column: "email", message: "The email address is empty: Staffroom invites people by email." },
      { row: 4, column: "email", message: "“not-an-address” is not an email address." },
      { row: 5, column: "first name", message: "The first name is empty." },
      { row: 6, column: "role", message: "“principal” is not a role: use teacher, coach or admin." },
      { row: 7, column: "role", message: "The role is empty: use teacher, coach or admin." },
      { row: 8, column: "email", message: "good.one@school.test is also on row 2: each person may appear once." },
    ]);
    expect(await snapshot()).toEqual(before);
    // The preview says the same.
    expect(failedWith(await importCsv(bad, true), "RosterImportError").problems).toEqual(failedWith(refused, "RosterImportError").problems);
  });

  it("names missing columns, an empty file and a file with nobody in it", async () => {
    expect(failedWith(await importCsv(csv("email,name", "a@school.test,A")), "RosterImportError").problems).toEqual([
      {
        row: 1,
        column: null,
        message: "The header row has no first name, role columns. The template's columns are: email, first name, last name, role, grades, subjects.",
      },
    ]);
    expect(failed(await importCsv("")).message).toBe("The file is empty: it needs a header row and one row per person. Nothing was imported.");
    expect(failedWith(await importCsv(csv("email,first name,last name,role")), "RosterImportError").problems[0]?.message).toBe(
      "The file has a header row but nobody in it.",
    );
    expect(failed(await importCsv('email,first name,role\n"a@school.test,A,teacher\n')).code).toBe("INVALID_ROSTER");
  });

  it("refuses a file that would leave the school without an admin, on the rows that would", async () => {
    const before = await snapshot();
    const admins = await app.db.prisma.schoolMember.findMany({ where: { schoolId: fx.schoolId, role: "ADMIN" }, include: { user: true } });
    const lines = admins.map((m) => `${m.user.email},${m.user.name},,teacher`);
    const refused = await importCsv(csv("email,first name,last name,role", ...lines));
    expect(failedWith(refused, "RosterImportError").problems).toEqual(
      admins.map((m, i) => ({
        row: i + 2,
        column: "role",
        message: `${m.user.email} is an admin, and this file would leave the school without one: keep at least one admin.`,
      })),
    );
    expect(await snapshot()).toEqual(before);
  });

  it("does not count a deactivated admin as the admin who remains", async () => {
    const admins = await app.db.prisma.schoolMember.findMany({ where: { schoolId: fx.schoolId, role: "ADMIN" }, include: { user: true } });
    const away = await app.make.user();
    await app.make.schoolMember({ schoolId: fx.schoolId, userId: away.id, role: "ADMIN", deactivatedAt: new Date() });
    const before = await snapshot();
    const lines = admins.map((m) => `${m.user.email},${m.user.name},,teacher`);
    const refused = await importCsv(csv("email,first name,last name,role", ...lines));
    expect(failedWith(refused, "RosterImportError").problems.map((problem) => problem.row)).toEqual(admins.map((_, i) => i + 2));
    expect(await snapshot()).toEqual(before);
    // Demoting the deactivated admin alone takes nothing from the active ones: it is allowed.
    const demoteAway = await importCsv(csv("email,first name,last name,role", `${away.email},${away.name},,teacher`));
    expect(succeeded(demoteAway).data.rows).toMatchObject([{ email: away.email, outcome: "UPDATED" }]);
  });

  it("limits the file's size and its number of rows, with sentences", async () => {
    const big = csv("email,first name,last name,role", ...Array.from({ length: 2001 }, (_, i) => `p${i}@school.test,P,${i},teacher`));
    expect(failedWith(await importCsv(big), "RosterImportError").problems).toEqual([
      { row: null, column: null, message: "The file has 2,001 rows; at most 2,000 can be imported at once. Split it into smaller files." },
    ]);
    const huge = csv("email,first name,last name,role", `a@school.test,${"A".repeat(200_000)},B,teacher`);
    expect(failed(await importCsv(huge)).message).toBe("The file is too large: at most 200,000 characters. Split it into smaller files. Nothing was imported.");
    const long = csv(
      "email,first name,last name,role,grades",
      `a@school.test,${"A".repeat(130)},B,teacher,${Array.from({ length: 21 }, (_, i) => i).join(";")}`,
    );
    expect(failedWith(await importCsv(long), "RosterImportError").problems).toEqual([
      { row: 2, column: "first name", message: "The name is longer than 120 characters." },
      { row: 2, column: "grades", message: "At most 20 entries, separated by semicolons." },
    ]);
  });

  it("is for the school's admins only", async () => {
    const before = await snapshot();
    for (const who of ["coach", "otherTeacher", "otherSchoolAdmin"] as const) {
      const result = await app.gql(IMPORT_ROSTER, { input: { schoolId: fx.schoolGid, csv: TEMPLATE, dryRun: false } }, fx.people[who].token);
      expect(result.errors?.[0]?.extensions?.code, who).toBe("FORBIDDEN");
      expect(result.data?.importRoster ?? null).toBeNull();
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("a OneRoster users.csv", () => {
  // The 1.1 layout (role in users.csv), which SIS exports still use; grades as a quoted list.
  const ONEROSTER = csv(
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
    't-100,,,true,org-1,teacher,pgarcia,,Paula,Garcia,,,paula.garcia@district.test,,,,"09,10",',
    "t-101,,,true,org-1,aide,rkim,,Robin,Kim,,,robin.kim@district.test,,,,,",
    "a-200,,,true,org-1,administrator,jdoe,,Jordan,Doe,,,jordan.doe@district.test,,,,,",
    "s-300,,,true,org-1,student,kid1,,Kit,Student,,,kit@district.test,,,,05,",
    "g-400,,,true,org-1,guardian,parent1,,Pat,Parent,,,pat@district.test,,,,,",
    "t-102,,,false,org-1,teacher,gone,,Gone,Away,,,gone@district.test,,,,,",
    "t-103,tobedeleted,,true,org-1,teacher,old,,Old,Teacher,,,old@district.test,,,,,",
  );

  it("maps roles (teachers and aides → teacher, administrators → admin) and leaves out students, guardians and switched-off users", async () => {
    const done = await importCsv(ONEROSTER);
    expect(succeeded(done).data).toMatchObject({
      format: "ONEROSTER",
      created: 3,
      skipped: 4,
      summary: "3 new, 0 updated, 0 unchanged, 4 skipped (not staff, or switched off).",
    });
    expect(succeeded(done).data.rows.map((r) => [r.row, r.email, r.name, r.role, r.grades])).toEqual([
      [2, "paula.garcia@district.test", "Paula Garcia", "TEACHER", ["09", "10"]],
      [3, "robin.kim@district.test", "Robin Kim", "TEACHER", []],
      [4, "jordan.doe@district.test", "Jordan Doe", "ADMIN", []],
    ]);
    expect(
      await app.db.prisma.invitation.count({ where: { email: { in: ["kit@district.test", "pat@district.test", "gone@district.test", "old@district.test"] } } }),
    ).toBe(0);
    expect(succeeded(await importCsv(ONEROSTER)).data.summary).toBe("0 new, 0 updated, 3 unchanged, 4 skipped (not staff, or switched off).");
  });

  it("reports OneRoster's own problems by its column names, and explains a users.csv without a role column", async () => {
    const bad = csv(
      "sourcedId,enabledUser,role,givenName,familyName,email",
      ",true,teacher,Ann,Lee,ann@district.test",
      "t-2,true,janitor,Sam,Ray,sam@district.test",
      "t-3,true,teacher,,Fox,fox@district.test",
    );
    expect(failedWith(await importCsv(bad), "RosterImportError").problems).toEqual([
      { row: 2, column: "sourcedId", message: "The sourcedId is empty; OneRoster requires one for every user." },
      { row: 3, column: "role", message: "“janitor” is not a OneRoster role Staffroom knows (teacher, aide, administrator, principal, …)." },
      { row: 4, column: "givenName", message: "The first name is empty." },
    ]);
    const noRole = await importCsv(csv("sourcedId,enabledUser,givenName,familyName,email", "t-1,true,Ann,Lee,ann@district.test"));
    expect(failedWith(noRole, "RosterImportError").problems).toEqual([
      {
        row: 1,
        column: null,
        message:
          "The header row has no role column. OneRoster 1.2 may keep roles in roles.csv: add a role column to users.csv (teacher, administrator, …), or use the Staffroom template.",
      },
    ]);
  });
});
