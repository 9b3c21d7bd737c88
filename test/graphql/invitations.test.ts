// Inviting staff by email, as an admin and as the invited person: links emailed over real SMTP
// and returned to the admin, hashed at rest, single-use, expiring, replaced by a resend, revoked;
// the accept page's public preview answers the same for every link that no longer works; an
// account is created (or a signed-in one joins, only with the invited address) and lands in the
// school with the invited role. Every refusal is a typed error with a sentence and writes nothing.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSession } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { ACCEPT_INVITATION, INVITATION_PREVIEW, INVITE_STAFF, invite, RESEND_INVITATION, REVOKE_INVITATION, tokenOf } from "../support/invitations.ts";
import { startMailbox, type Mailbox } from "../support/smtp.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { asNode, failed, failedWith, SignIn, succeeded } from "../support/operations.ts";

const VIEWER_SCHOOLS = graphql(`
  query InvitedViewerSchools {
    viewer {
      email
    }
    mySchools {
      edges {
        node {
          viewerRole
        }
      }
    }
  }
`);
const INVITATION_STATUS = graphql(`
  query InvitationStatus($id: ID!) {
    node(id: $id) {
      ... on Invitation {
        status
      }
    }
  }
`);
const SCHOOL_INVITATIONS = graphql(`
  query SchoolInvitations($school: ID!, $first: Int, $after: String, $open: Boolean) {
    node(id: $school) {
      ... on School {
        invitations(first: $first, after: $after, open: $open) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              email
              status
            }
          }
        }
      }
    }
  }
`);

const PUBLIC_URL = "https://staffroom.school.test";
const PASSWORD = "correct horse battery";
const NO_LONGER_VALID = /^This invitation link is no longer valid\./;

let mailbox: Mailbox;
let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startTestApp({ mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" }, publicUrl: PUBLIC_URL });
  fx = await buildSchoolFixture(app.db.prisma, "inv");
});
afterAll(async () => {
  await app?.close();
  await mailbox?.close();
});

const admin = () => fx.people.admin.token;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const invitationRows = (email: string) => app.db.prisma.invitation.findMany({ where: { email }, orderBy: { createdAt: "asc" } });
const preview = async (token: string) => (await app.gql(INVITATION_PREVIEW, { token })).data!.invitationByToken;
const accept = (input: VariablesOf<typeof ACCEPT_INVITATION>["input"], token?: string) => app.gql(ACCEPT_INVITATION, { input }, token);

describe("inviting", () => {
  it("invites several addresses with a role: each gets an email with its link, the admin gets the same links, only hashes are stored", async () => {
    const result = await app.gql(
      INVITE_STAFF,
      { input: { schoolId: fx.schoolGid, emails: ["  Maya.Singh@School.TEST ", "leo@school.test", "leo@school.test"], role: "COACH" } },
      admin(),
    );
    expect(result.data?.inviteStaff.__typename).toBe("MutationInviteStaffSuccess");
    const sent = succeeded(result.data?.inviteStaff).data.invitations;
    // Lower-cased, trimmed and counted once.
    expect(sent.map((s) => s.invitation.email)).toEqual(["maya.singh@school.test", "leo@school.test"]);
    for (const { link, invitation } of sent) {
      expect(invitation).toMatchObject({ role: "COACH", status: "PENDING", invitedBy: { name: fx.people.admin.name } });
      expect(link.startsWith(`${PUBLIC_URL}/invitations/sri_`)).toBe(true);
      // Fourteen days from now.
      const days = (Date.parse(invitation.expiresAt) - Date.parse(invitation.sentAt)) / 86_400_000;
      expect(days).toBe(14);
      const email = await mailbox.next(invitation.email);
      expect(email.subject).toMatch(/^Join Fixture School inv-/);
      expect(email.text).toContain(link);
      expect(email.text).toContain("as a coach");
      const [row] = await invitationRows(invitation.email);
      expect(row!.tokenHash).toBe(sha256(tokenOf(link)));
      expect(JSON.stringify(row)).not.toContain(tokenOf(link));
    }
  });

  it("says so, in a sentence, for an address that already belongs to the school, and writes nothing", async () => {
    const before = await app.db.prisma.invitation.count();
    const result = await app.gql(
      INVITE_STAFF,
      { input: { schoolId: fx.schoolGid, emails: ["new.person@school.test", fx.people.coach.email.toUpperCase()], role: "TEACHER" } },
      admin(),
    );
    expect(result.data?.inviteStaff).toEqual({
      __typename: "ConflictError",
      code: "CONFLICT",
      message: `${fx.people.coach.email} already belongs to this school.`,
    });
    expect(await app.db.prisma.invitation.count()).toBe(before);
    expect(mailbox.to("new.person@school.test")).toEqual([]);
  });

  it("refuses an address whose invitation is still waiting (resend it instead), and bad addresses, with sentences", async () => {
    await invite(app, admin(), fx.schoolGid, ["twice@school.test"]);
    const again = await app.gql(INVITE_STAFF, { input: { schoolId: fx.schoolGid, emails: ["twice@school.test"], role: "ADMIN" } }, admin());
    expect(again.data?.inviteStaff).toMatchObject({
      code: "CONFLICT",
      message: "twice@school.test already has an invitation waiting: resend it from the list instead.",
    });
    expect(await invitationRows("twice@school.test")).toHaveLength(1);

    const bad = await app.gql(
      INVITE_STAFF,
      { input: { schoolId: fx.schoolGid, emails: ["ok@school.test", "not an address", "a@b"], role: "TEACHER" } },
      admin(),
    );
    expect(bad.data?.inviteStaff).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [{ path: "input.emails", message: "“not an address”, “a@b” are not email addresses." }],
    });
    const none = await app.gql(INVITE_STAFF, { input: { schoolId: fx.schoolGid, emails: [" "], role: "TEACHER" } }, admin());
    expect(failedWith(none.data?.inviteStaff, "ValidationError").issues).toEqual([{ path: "input.emails", message: "Enter at least one email address." }]);
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@school.test`);
    const tooMany = await app.gql(INVITE_STAFF, { input: { schoolId: fx.schoolGid, emails: many, role: "TEACHER" } }, admin());
    expect(failedWith(tooMany.data?.inviteStaff, "ValidationError").issues[0]?.message).toMatch(/^Invite at most 50 people at once/);
    expect(await app.db.prisma.invitation.count({ where: { email: { in: ["ok@school.test", ...many] } } })).toBe(0);
  });

  it("replaces an expired invitation when the address is invited again", async () => {
    const [first] = await invite(app, admin(), fx.schoolGid, ["late@school.test"]);
    await app.db.prisma.invitation.updateMany({ where: { email: "late@school.test" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const [second] = await invite(app, admin(), fx.schoolGid, ["late@school.test"], "ADMIN");
    const rows = await invitationRows("late@school.test");
    expect(rows.map((r) => [r.role, r.revokedAt !== null])).toEqual([
      ["TEACHER", true],
      ["ADMIN", false],
    ]);
    expect((await preview(first!.token)).valid).toBe(false);
    expect((await preview(second!.token)).valid).toBe(true);
  });
});

describe("the accept page's preview", () => {
  it("shows the school, the role and the invited address, and the roster's name when there is one", async () => {
    const [sent] = await invite(app, admin(), fx.schoolGid, ["preview@school.test"], "COACH");
    const shown = await preview(sent!.token);
    expect(shown).toEqual({
      valid: true,
      message: expect.stringMatching(/^You are invited to join Fixture School inv-\w+ on Staffroom as a coach\.$/),
      schoolName: expect.stringMatching(/^Fixture School inv-/),
      role: "COACH",
      email: "preview@school.test",
      name: null,
    });
  });

  it("answers the same for an unknown, expired, revoked, replaced and used link", async () => {
    const [expired, revoked, replaced, used] = await invite(app, admin(), fx.schoolGid, [
      "p1@school.test",
      "p2@school.test",
      "p3@school.test",
      "p4@school.test",
    ]);
    await app.db.prisma.invitation.update({ where: { tokenHash: sha256(expired!.token) }, data: { expiresAt: new Date(Date.now() - 1) } });
    await app.gql(REVOKE_INVITATION, { id: revoked!.id }, admin());
    await app.gql(RESEND_INVITATION, { id: replaced!.id }, admin());
    expect((await accept({ token: used!.token, name: "Pat Four", password: PASSWORD })).data?.acceptInvitation.__typename).toBe(
      "MutationAcceptInvitationSuccess",
    );

    const answers = await Promise.all([`sri_${"x".repeat(43)}`, "nonsense", expired!.token, revoked!.token, replaced!.token, used!.token].map(preview));
    for (const answer of answers) {
      expect(answer).toEqual({ valid: false, message: expect.stringMatching(NO_LONGER_VALID), schoolName: null, role: null, email: null, name: null });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    // Accepting any of them is refused with the same sentence.
    for (const link of [expired, revoked, replaced, used]) {
      const refused = await accept({ token: link!.token, name: "Someone", password: PASSWORD });
      expect(refused.data?.acceptInvitation).toEqual({ __typename: "ExpiredLinkError", code: "LINK_EXPIRED", message: answers[0]!.message });
    }
  });
});

describe("accepting", () => {
  it("creates the account for the invited address, signed in, in the school with the invited role; the link works once", async () => {
    const [sent] = await invite(app, admin(), fx.schoolGid, ["Nadia@School.test"], "COACH");
    const result = await accept({ token: sent!.token, name: "  Nadia Haddad ", password: PASSWORD });
    expect(result.data?.acceptInvitation).toMatchObject({
      __typename: "MutationAcceptInvitationSuccess",
      data: { viewer: { name: "Nadia Haddad", email: "nadia@school.test" }, school: { name: expect.stringMatching(/^Fixture School/), viewerRole: "COACH" } },
    });
    const session = succeeded(result.data?.acceptInvitation).data.token;
    expect((await app.gql(VIEWER_SCHOOLS, {}, session)).data).toEqual({
      viewer: { email: "nadia@school.test" },
      mySchools: { edges: [{ node: { viewerRole: "COACH" } }] },
    });
    const signIn = await app.gql(SignIn, {
      input: { email: "nadia@school.test", password: PASSWORD },
    });
    expect(signIn.data?.signIn.__typename).toBe("MutationSignInSuccess");
    const [row] = await invitationRows("nadia@school.test");
    expect(row!.acceptedAt).not.toBeNull();

    const again = await accept({ token: sent!.token, name: "Someone Else", password: PASSWORD });
    expect(failed(again.data?.acceptInvitation).code).toBe("LINK_EXPIRED");
    expect(await app.db.prisma.user.count({ where: { email: "nadia@school.test" } })).toBe(1);
  });

  it("asks for a name and a password in sentences, and writes nothing without them", async () => {
    const [sent] = await invite(app, admin(), fx.schoolGid, ["quiet@school.test"]);
    const missing = await accept({ token: sent!.token });
    expect(missing.data?.acceptInvitation).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [
        { path: "input.name", message: "Enter your name." },
        { path: "input.password", message: "Choose a password of at least 10 characters." },
      ],
    });
    const short = await accept({ token: sent!.token, name: "Quinn", password: "short" });
    expect(failedWith(short.data?.acceptInvitation, "ValidationError").issues).toEqual([
      { path: "input.password", message: "Choose a password of at least 10 characters." },
    ]);
    expect(await app.db.prisma.user.count({ where: { email: "quiet@school.test" } })).toBe(0);
    expect((await preview(sent!.token)).valid).toBe(true);
  });

  it("tells a signed-out visitor whose address already has an account to sign in, and then lets that account join", async () => {
    // The other school's admin has an account already; this school invites them as a teacher.
    const person = fx.people.otherSchoolAdmin;
    const [sent] = await invite(app, admin(), fx.schoolGid, [person.email]);
    const signedOut = await accept({ token: sent!.token, name: "Anyone", password: PASSWORD });
    expect(signedOut.data?.acceptInvitation).toEqual({
      __typename: "ConflictError",
      code: "CONFLICT",
      message: `${person.email} already has a Staffroom account. Sign in with it to accept the invitation.`,
    });
    const joined = await accept({ token: sent!.token }, person.token);
    expect(joined.data?.acceptInvitation).toMatchObject({ data: { token: null, viewer: { id: person.gid }, school: { viewerRole: "TEACHER" } } });
    expect(
      await app.db.prisma.schoolMember.findMany({ where: { userId: person.id }, select: { schoolId: true, role: true }, orderBy: { role: "asc" } }),
    ).toEqual(
      expect.arrayContaining([
        { schoolId: fx.schoolId, role: "TEACHER" },
        { schoolId: fx.otherSchoolId, role: "ADMIN" },
      ]),
    );
  });

  it("refuses a signed-in account whose email is not the invited address, saying whose invitation it is", async () => {
    const [sent] = await invite(app, admin(), fx.schoolGid, ["intended@school.test"], "ADMIN");
    const someoneElse = await accountElsewhere("someone.else@other.test");
    const refused = await accept({ token: sent!.token }, someoneElse.token);
    expect(refused.data?.acceptInvitation).toEqual({
      __typename: "RuleViolationError",
      code: "RULE_VIOLATION",
      message: `This invitation is for intended@school.test, but you are signed in as ${someoneElse.email}. Sign out, then open the link again to accept it as intended@school.test.`,
    });
    expect((await preview(sent!.token)).valid).toBe(true);
    expect(await app.db.prisma.schoolMember.count({ where: { userId: someoneElse.id, schoolId: fx.schoolId } })).toBe(0);
  });

  it("an integrator's API token cannot accept an invitation for its owner", async () => {
    const owner = await app.db.prisma.user.findUniqueOrThrow({ where: { id: fx.people.plcMember.id } });
    const [sent] = await invite(app, fx.people.otherSchoolAdmin.token, gid("School", fx.otherSchoolId), [owner.email]);
    const apiToken = await fx.apiToken("plcMember", ["SCHOOL_READ", "SCHOOL_WRITE"]);
    const refused = await accept({ token: sent!.token }, apiToken);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await preview(sent!.token)).valid).toBe(true);
  });
});

describe("resending and revoking", () => {
  it("resending makes a new link and emails it; the old link stops working at once", async () => {
    const [sent] = await invite(app, admin(), fx.schoolGid, ["resend@school.test"]);
    await mailbox.next("resend@school.test");
    const resent = await app.gql(RESEND_INVITATION, { id: sent!.id }, admin());
    expect(resent.data?.resendInvitation).toMatchObject({
      __typename: "MutationResendInvitationSuccess",
      data: { invitation: { id: sent!.id, status: "PENDING" } },
    });
    const newLink = succeeded(resent.data?.resendInvitation).data.link;
    expect(newLink).not.toBe(sent!.link);
    expect((await mailbox.next("resend@school.test")).text).toContain(newLink);
    expect((await preview(sent!.token)).valid).toBe(false);
    expect((await preview(tokenOf(newLink))).valid).toBe(true);
    expect(await invitationRows("resend@school.test")).toHaveLength(1);
  });

  it("an expired invitation can be resent; a revoked or accepted one cannot, with a sentence", async () => {
    const [expired, revoked, accepted] = await invite(app, admin(), fx.schoolGid, ["r1@school.test", "r2@school.test", "r3@school.test"]);
    await app.db.prisma.invitation.update({ where: { id: databaseId(expired!.id) }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(asNode((await app.gql(INVITATION_STATUS, { id: expired!.id }, admin())).data?.node, "Invitation")?.status).toBe("EXPIRED");
    const renewed = await app.gql(RESEND_INVITATION, { id: expired!.id }, admin());
    expect(succeeded(renewed.data?.resendInvitation).data.invitation.status).toBe("PENDING");

    const revokedResult = await app.gql(REVOKE_INVITATION, { id: revoked!.id }, admin());
    expect(revokedResult.data?.revokeInvitation).toMatchObject({ data: { id: revoked!.id, status: "REVOKED" } });
    expect((await app.gql(RESEND_INVITATION, { id: revoked!.id }, admin())).data?.resendInvitation).toEqual({
      __typename: "RuleViolationError",
      code: "INVALID_STATE",
      message: "This invitation was revoked. Invite r2@school.test again to send a new one.",
    });

    await accept({ token: accepted!.token, name: "Rae Three", password: PASSWORD });
    expect((await app.gql(REVOKE_INVITATION, { id: accepted!.id }, admin())).data?.revokeInvitation).toMatchObject({
      code: "INVALID_STATE",
      message: "r3@school.test already accepted this invitation: remove them from the school's people instead.",
    });
    expect(failed((await app.gql(RESEND_INVITATION, { id: accepted!.id }, admin())).data?.resendInvitation).message).toBe(
      "r3@school.test already accepted this invitation.",
    );
  });
});

describe("the admin's list", () => {
  it("lists open invitations, most recently sent first, page by page, with a total", async () => {
    const list = async (variables: VariablesOf<typeof SCHOOL_INVITATIONS>) =>
      asNode((await app.gql(SCHOOL_INVITATIONS, variables, admin())).data?.node, "School")!.invitations;
    const all = await list({ school: fx.schoolGid, first: 100 });
    const open = await app.db.prisma.invitation.count({ where: { schoolId: fx.schoolId, acceptedAt: null, revokedAt: null } });
    expect(all.totalCount).toBe(open);
    expect(all.edges.every((e) => ["PENDING", "EXPIRED"].includes(e.node.status))).toBe(true);

    const first = await list({ school: fx.schoolGid, first: 2 });
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list({ school: fx.schoolGid, first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.email)).toEqual(all.edges.slice(2, 4).map((e) => e.node.email));

    const everything = await list({ school: fx.schoolGid, first: 100, open: false });
    expect(everything.totalCount).toBe(await app.db.prisma.invitation.count({ where: { schoolId: fx.schoolId } }));
    expect(everything.edges.map((e) => e.node.status)).toEqual(expect.arrayContaining(["ACCEPTED", "REVOKED"]));
  });
});

/** A signed-in account that belongs to no school of the fixture. */
async function accountElsewhere(email: string) {
  const user = await app.make.user({ email, name: "Someone Else", passwordHash: "scrypt$unused" });
  const { token } = await startSession(app.db.prisma, user.id, 3600_000);
  return { id: user.id, email, token };
}

/** An invitation's database id from its global id. */
function databaseId(globalId: string): string {
  return Buffer.from(globalId, "base64").toString().split(":")[1]!;
}
