// Forgot password → the emailed link → a new password. The request never tells whether an address
// has an account (same answer, same SQL; only the email differs); a link is random, stored only
// as its sha256, works once and expires; using it revokes every session of the account and closes
// its live connections. An admin can make a link for a member of their school, never for someone
// who also belongs to another school. Email goes over real SMTP to an in-process server.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@staffroom/api/testing";
import { startSession } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { failed, succeeded } from "../support/operations.ts";
import { connectClient, synced, type Client } from "../support/collab.ts";
import { linkIn, startMailbox, type Mailbox, type ReceivedEmail } from "../support/smtp.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { subscribeWs, wsClient } from "../support/subscriptions.ts";

const REQUEST = graphql(`
  mutation PasswordResetRequest($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ... on MutationRequestPasswordResetSuccess { data { email message } }
      ... on BaseError { code message }
      ... on RateLimitedError { retryAfterSeconds }
      ... on ValidationError { issues { path message } }
    }
  }
`);
const RESET = graphql(`
  mutation PasswordReset($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      __typename
      ... on MutationResetPasswordSuccess { data { email message } }
      ... on BaseError { code message }
      ... on ValidationError { issues { path message } }
    }
  }
`);
const ADMIN_LINK = graphql(`
  mutation PasswordResetLinkCreate($id: ID!) {
    createPasswordResetLink(memberId: $id) {
      __typename
      ... on MutationCreatePasswordResetLinkSuccess { data { id url expiresAt user { name } } }
      ... on BaseError { code message }
    }
  }
`);
const SIGN_IN = graphql(`
  mutation PasswordResetSignIn($input: SignInInput!) {
    signIn(input: $input) { __typename ... on MutationSignInSuccess { data { token } } ... on BaseError { code } }
  }
`);
const GROUP_ACTIVITY = graphql(`
  subscription PasswordResetGroupActivity($g: ID!) {
    groupActivity(groupId: $g) { id type }
  }
`);
const VIEWER_ID = graphql(`
  query PasswordResetViewerId {
    viewer { id }
  }
`);

/** A payload read as one of its types (only a type: the test's assertions check it). */
function only<P extends { __typename: string }, T extends P["__typename"]>(payload: P | null | undefined, _typename: T) {
  return payload as Extract<P, { __typename: T }>;
}
const OLD_PASSWORD = "the old passphrase";
const NEW_PASSWORD = "a brand new passphrase";

let mailbox: Mailbox;
let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startTestApp({
    mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" },
    publicUrl: "https://staffroom.school.test",
    // Generous per address (every request here comes from one address); 3 per email, as by default.
    passwordReset: { perEmail: 3, perAddress: 500, windowSeconds: 3600, linkTtlMs: 3600_000 },
    signIn: { perAccount: 50, perAddress: 500, windowSeconds: 900 },
  });
  fx = await buildSchoolFixture(app.db.prisma);
  const passwordHash = await hashPassword(OLD_PASSWORD);
  await app.db.prisma.user.updateMany({ where: { id: { in: Object.values(fx.people).map((p) => p.id) } }, data: { passwordHash } });
});
afterAll(async () => {
  await app?.close();
  await mailbox?.close();
});

const resetTokenIn = (email: ReceivedEmail) => linkIn(email, "/reset-password")?.searchParams.get("token") ?? null;

async function requestLink(email: string): Promise<string> {
  const res = await app.gql(REQUEST, { input: { email } });
  expect(res.data!.requestPasswordReset.__typename).toBe("MutationRequestPasswordResetSuccess");
  const token = resetTokenIn(await mailbox.next(email));
  if (!token) throw new Error(`no reset link in the email to ${email}`);
  return token;
}

async function signInWith(email: string, password: string): Promise<string | null> {
  const res = await app.gql(SIGN_IN, { input: { email, password } });
  const payload = res.data!.signIn;
  return (payload.__typename === "MutationSignInSuccess" ? payload.data.token : undefined) ?? null;
}

async function state() {
  const [users, resets, liveSessions] = await Promise.all([
    app.db.prisma.user.findMany({ orderBy: { id: "asc" } }),
    app.db.prisma.passwordReset.findMany({ orderBy: { id: "asc" } }),
    app.db.prisma.authSession.count({ where: { revokedAt: null } }),
  ]);
  return { users, resets, liveSessions };
}

describe("asking for a link never tells whether an address has an account", () => {
  it("answers a known and an unknown address alike, after the same SQL; only the emails differ", async () => {
    const observe = async (email: string) => {
      const statements: string[] = [];
      const stop = app.db.onQuery((sql) => statements.push(sql));
      try {
        const res = await app.gql(REQUEST, { input: { email } });
        return { res, body: JSON.stringify(res).replaceAll(JSON.stringify(email), '"<email>"'), statements };
      } finally {
        stop();
      }
    };
    const known = await observe(fx.people.otherTeacher.email);
    const unknown = await observe("nobody-here@school.test");
    expect(known.res.data!.requestPasswordReset).toEqual({
      __typename: "MutationRequestPasswordResetSuccess",
      data: { email: fx.people.otherTeacher.email, message: "If an account uses this address, an email with a link to set a new password is on its way." },
    });
    expect(unknown.body).toBe(known.body);
    expect(unknown.res.status).toBe(known.res.status);
    expect(unknown.statements).toEqual(known.statements);
    // The link's one statement, then the outbox row in a transaction of its own.
    expect(known.statements).toHaveLength(3);
    expect(known.statements.filter((sql) => sql.includes('"EmailMessage"'))).toHaveLength(1);

    const toKnown = await mailbox.next(fx.people.otherTeacher.email);
    expect(toKnown.subject).toBe("Set a new Staffroom password");
    expect(resetTokenIn(toKnown)).toMatch(/^srp_/);
    expect(toKnown.text).toContain("https://staffroom.school.test/reset-password?token=");
    const toUnknown = await mailbox.next("nobody-here@school.test");
    expect(toUnknown.subject).toBe("Setting a Staffroom password");
    expect(toUnknown.text).toContain("no Staffroom account uses it");
    expect(resetTokenIn(toUnknown)).toBeNull();
    expect(await app.db.prisma.passwordReset.count({ where: { userId: fx.people.otherTeacher.id } })).toBe(1);
  });

  it("is limited per address: past the limit the answer says how long to wait, and nothing is sent or stored", async () => {
    const email = fx.people.plcMember.email;
    for (let i = 0; i < 3; i++)
      expect((await app.gql(REQUEST, { input: { email } })).data!.requestPasswordReset.__typename).toBe("MutationRequestPasswordResetSuccess");
    await app.services.outbox.settled();
    const before = { ...(await state()), emails: mailbox.to(email).length };
    const limited = await app.gql(REQUEST, { input: { email: ` ${email.toUpperCase()} ` } });
    expect(limited.data!.requestPasswordReset).toMatchObject({ __typename: "RateLimitedError", code: "RATE_LIMITED" });
    expect(only(limited.data!.requestPasswordReset, "RateLimitedError").retryAfterSeconds).toBeGreaterThan(0);
    expect(failed(limited.data!.requestPasswordReset).message).toMatch(/^Too many attempts\. Try again in \d+ seconds\.$/);
    await app.services.outbox.settled();
    expect({ ...(await state()), emails: mailbox.to(email).length }).toEqual(before);
    // An unknown address is limited exactly the same way.
    for (let i = 0; i < 3; i++) await app.gql(REQUEST, { input: { email: "ghost@school.test" } });
    expect(failed((await app.gql(REQUEST, { input: { email: "ghost@school.test" } })).data?.requestPasswordReset).code).toBe("RATE_LIMITED");
  });

  it("refuses an address that is not one with a ValidationError on the field", async () => {
    const res = await app.gql(REQUEST, { input: { email: "not an address" } });
    expect(res.data!.requestPasswordReset).toMatchObject({ __typename: "ValidationError", code: "VALIDATION_FAILED" });
    expect(only(res.data!.requestPasswordReset, "ValidationError").issues).toEqual([{ path: "input.email", message: "must be an email address" }]);
  });
});

describe("the link", () => {
  it("is stored only as its sha256", async () => {
    const token = await requestLink(fx.people.peerMember3.email);
    const rows = await app.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT * FROM "PasswordReset" WHERE "userId" = $1::uuid`,
      fx.people.peerMember3.id,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    // No column holds the token or any long piece of it.
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(token.slice(4, 24));
  });

  it("sets the new password, signs the account out everywhere and closes its live connections", async () => {
    const person = fx.people.peerMember;
    const sessionA = await signInWith(person.email, OLD_PASSWORD);
    const sessionB = (await startSession(app.db.prisma, person.id, 3600_000)).token;
    expect(sessionA).toBeTruthy();
    // A live document open in one session, a subscription in the other.
    const doc = await app.db.prisma.document.create({ data: { groupId: fx.peerGroupId, creatorId: person.id, kind: "LESSON_PLAN", title: "Reset test plan" } });
    const editor: Client = connectClient(app.url, doc.id, sessionA!);
    await synced(editor);
    const closed = new Promise<number>((resolve) => editor.provider.ws?.addEventListener("close", (e) => resolve((e as { code: number }).code)));
    const ws = wsClient(app, sessionB);
    const stream = subscribeWs(ws, "groupActivity", GROUP_ACTIVITY, { g: fx.peerGroupGid });
    await stream.untilLive(app, { schoolId: fx.schoolId, groupId: fx.peerGroupId, type: "SESSION_STARTED", payload: {} });

    const token = await requestLink(person.email);
    const res = await app.gql(RESET, { input: { token, password: NEW_PASSWORD } });
    expect(res.data!.resetPassword).toEqual({
      __typename: "MutationResetPasswordSuccess",
      data: { email: person.email, message: "Your password was changed. Sign in with your new password." },
    });

    // The editor was put out before the mutation returned, as a signed-out session is.
    expect(await closed).toBe(4401);
    editor.provider.disconnect();
    editor.close();
    // Both old sessions are dead.
    for (const old of [sessionA, sessionB]) expect((await app.gql(VIEWER_ID, {}, old)).status).toBe(401);
    expect(await app.db.prisma.authSession.count({ where: { userId: person.id, revokedAt: null } })).toBe(0);
    // The subscription's connection was closed too, without waiting for an event.
    expect(await stream.refusal()).toBe("CLOSED_4403");
    await ws.dispose();

    // The new password works, the old one does not; the owner was told.
    expect(await signInWith(person.email, OLD_PASSWORD)).toBeNull();
    expect(await signInWith(person.email, NEW_PASSWORD)).toBeTruthy();
    const told = await mailbox.next(person.email);
    expect(told.subject).toBe("Your Staffroom password was changed");
  });

  it("works once: used again it is refused with LINK_EXPIRED and nothing changes", async () => {
    const person = fx.people.peerMember2;
    const token = await requestLink(person.email);
    const other = await requestLink(person.email);
    expect((await app.gql(RESET, { input: { token, password: NEW_PASSWORD } })).data!.resetPassword.__typename).toBe("MutationResetPasswordSuccess");
    await mailbox.next(person.email); // "your password was changed"
    const before = await state();
    const again = await app.gql(RESET, { input: { token, password: "yet another passphrase" } });
    expect(again.data!.resetPassword).toEqual({
      __typename: "ExpiredLinkError",
      code: "LINK_EXPIRED",
      message: "This password-reset link has expired or was already used. Ask for a new one.",
    });
    // Using one link ended the account's other links too.
    expect(failed((await app.gql(RESET, { input: { token: other, password: "yet another passphrase" } })).data?.resetPassword).code).toBe("LINK_EXPIRED");
    expect(await state()).toEqual(before);
    expect(await signInWith(person.email, NEW_PASSWORD)).toBeTruthy();
  });

  it("expires: past its expiry it is refused and nothing changes", async () => {
    const person = fx.people.plcFacilitator;
    const token = await requestLink(person.email);
    await app.db.prisma.passwordReset.updateMany({ where: { userId: person.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await state();
    const res = await app.gql(RESET, { input: { token, password: NEW_PASSWORD } });
    expect(res.data!.resetPassword).toMatchObject({ __typename: "ExpiredLinkError", code: "LINK_EXPIRED" });
    expect(await state()).toEqual(before);
    expect(await signInWith(person.email, OLD_PASSWORD)).toBeTruthy();
  });

  it("refuses a made-up link alike, and a too-short password with a ValidationError that keeps the link usable", async () => {
    const made = await app.gql(RESET, { input: { token: `srp_${"A".repeat(43)}`, password: NEW_PASSWORD } });
    expect(made.data!.resetPassword).toMatchObject({ __typename: "ExpiredLinkError", code: "LINK_EXPIRED" });

    const person = fx.people.coach;
    const token = await requestLink(person.email);
    const before = await state();
    const short = await app.gql(RESET, { input: { token, password: "short" } });
    expect(short.data!.resetPassword).toMatchObject({ __typename: "ValidationError", code: "VALIDATION_FAILED" });
    expect(only(short.data!.resetPassword, "ValidationError").issues).toEqual([{ path: "input.password", message: "must be at least 10 characters" }]);
    expect(await state()).toEqual(before);
    expect((await app.gql(RESET, { input: { token, password: NEW_PASSWORD } })).data!.resetPassword.__typename).toBe("MutationResetPasswordSuccess");
  });
});

describe("a link an admin makes for a member", () => {
  const memberGid = async (userId: string, schoolId = fx.schoolId) =>
    gid("SchoolMember", (await app.db.prisma.schoolMember.findUniqueOrThrow({ where: { schoolId_userId: { schoolId, userId } } })).id);

  it("works like an emailed one, and the member is told a link was made", async () => {
    const person = fx.people.otherTeacher;
    const res = await app.gql(ADMIN_LINK, { id: await memberGid(person.id) }, fx.people.admin.token);
    const link = succeeded(res.data!.createPasswordResetLink);
    expect(link.__typename).toBe("MutationCreatePasswordResetLinkSuccess");
    expect(link.data.id).toBeTruthy();
    expect(link.data.user.name).toBe(person.name);
    const url = new URL(link.data.url);
    expect(url.origin + url.pathname).toBe("https://staffroom.school.test/reset-password");
    const minutesLeft = (new Date(link.data.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(55);
    expect(minutesLeft).toBeLessThanOrEqual(60);

    const told = await mailbox.next(person.email);
    expect(told.subject).toBe("A link to set your Staffroom password was made");
    expect(told.text).toContain(`An admin of Fixture School`);
    expect(resetTokenIn(told)).toBeNull(); // the link itself goes only to the admin

    const token = url.searchParams.get("token");
    expect((await app.gql(RESET, { input: { token: token!, password: NEW_PASSWORD } })).data!.resetPassword.__typename).toBe("MutationResetPasswordSuccess");
    expect(await signInWith(person.email, NEW_PASSWORD)).toBeTruthy();
  });

  it("is refused, in a sentence, for someone who also belongs to another school: that would hand over their other school", async () => {
    const person = fx.people.plcMember;
    await app.db.prisma.schoolMember.create({ data: { schoolId: fx.otherSchoolId, userId: person.id, role: "TEACHER" } });
    try {
      const before = await state();
      const res = await app.gql(ADMIN_LINK, { id: await memberGid(person.id) }, fx.people.admin.token);
      expect(res.data!.createPasswordResetLink).toEqual({
        __typename: "RuleViolationError",
        code: "RULE_VIOLATION",
        message: `${person.name} also belongs to another school, so only they can set a new password: on the sign-in page, "Forgot password?" emails them a link.`,
      });
      expect(await state()).toEqual(before);
    } finally {
      await app.db.prisma.schoolMember.deleteMany({ where: { schoolId: fx.otherSchoolId, userId: person.id } });
    }
  });
});
