// Signing in with the school's own accounts, against a real OpenID provider (oidc-provider, in
// this process) and the real app, walked at the HTTP level with a cookie jar. The provider signs
// people in; Staffroom decides whether that person may enter: a verified address, in one of the
// school's domains, that the school added. No account is created for anyone else, and every
// trip to the provider is good for one return, in the browser that started it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { cookieBrowser } from "../support/cookie-browser.ts";
import { startIdentityProvider, type TestIdentityProvider } from "../support/identity-provider.ts";
import { INVITATION_PREVIEW, invite, REVOKE_INVITATION } from "../support/invitations.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { failedWith, SignIn, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { COMPLETE_SCHOOL_SIGN_IN, CONFIGURE_SSO, handoffCode, land, refusalReason, signInWithSchoolAccount, startAtApp } from "../support/school-sign-on.ts";

const VIEWER_SCHOOLS = graphql(`
  query SignedOnViewerSchools {
    viewer {
      email
    }
    mySchools {
      edges {
        node {
          id
        }
      }
    }
  }
`);
const DISABLE_SSO = graphql(`
  mutation DisableSingleSignOn($id: ID!) {
    disableSingleSignOn(schoolId: $id) {
      __typename
      ... on MutationDisableSingleSignOnSuccess {
        data {
          enabled
        }
      }
    }
  }
`);
const TEST_CONNECTION = graphql(`
  mutation TestSingleSignOnConnection($input: TestSingleSignOnConnectionInput!) {
    testSingleSignOnConnection(input: $input) {
      __typename
      ... on MutationTestSingleSignOnConnectionSuccess {
        data {
          issuer
          authorizationEndpoint
        }
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

let app: TestApp;
let idp: TestIdentityProvider;
let fx: SchoolFixture;

async function configure(overrides: Partial<VariablesOf<typeof CONFIGURE_SSO>["input"]> = {}) {
  const result = await app.gql(
    CONFIGURE_SSO,
    {
      input: {
        schoolId: fx.schoolGid,
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        allowedDomains: ["example.test"],
        ...overrides,
      },
    },
    fx.people.admin.token,
  );
  expect(result.data?.configureSingleSignOn.__typename, JSON.stringify(result)).toBe("MutationConfigureSingleSignOnSuccess");
  return succeeded(result.data?.configureSingleSignOn).data;
}

async function counts() {
  const prisma = app.db.prisma;
  return { users: await prisma.user.count(), sessions: await prisma.authSession.count(), memberships: await prisma.schoolMember.count() };
}

beforeAll(async () => {
  // Every start counts against the sign-in limits; this file starts many trips from one address.
  app = await startTestApp({ singleSignOn: { allowHttpIssuers: true }, signIn: { perAccount: 50, perAddress: 500, windowSeconds: 900 } });
  idp = await startIdentityProvider({ redirectUri: `${app.url}/auth/oidc/callback` });
  fx = await buildSchoolFixture(app.db.prisma, "sso");
  const teacher = fx.people.otherTeacher;
  idp.accounts.set("teacher", { email: teacher.email.toUpperCase(), emailVerified: true, name: "The teacher at the provider" });
  idp.accounts.set("unverified", { email: fx.people.plcMember.email, emailVerified: false, name: "Unverified" });
  idp.accounts.set("elsewhere", { email: "teacher@elsewhere.test", emailVerified: true, name: "Another domain" });
  idp.accounts.set("stranger", { email: "never-added@example.test", emailVerified: true, name: "Never added" });
  // As Microsoft Entra ID sends them: no email_verified, with or without the optional xms_edov claim.
  idp.accounts.set("entra", { email: fx.people.peerMember.email, domainOwnerVerified: true, name: "Entra account" });
  idp.accounts.set("entra-unverified", { email: fx.people.peerMember.email, name: "Entra account without xms_edov" });
  idp.accounts.set("entra-contradicting", { email: fx.people.peerMember.email, emailVerified: false, domainOwnerVerified: true, name: "Says no" });
  idp.accounts.set("coach", { email: fx.people.coach.email, emailVerified: true, name: "Coach" });
  await configure();
});
afterAll(async () => {
  await idp?.close();
  await app?.close();
});

describe("signing in with the school's account", () => {
  it("signs a member of the school in: a one-time code in the fragment, exchanged once for a normal session", async () => {
    const browser = cookieBrowser();
    const before = await counts();
    const { landing } = await signInWithSchoolAccount(app, idp, browser, { typedEmail: fx.people.otherTeacher.email, providerLogin: "teacher" });
    const code = handoffCode(landing);
    expect(code, landing.href).toMatch(/^[\w-]{40,}$/);
    // Nothing secret in the query string: the code is in the fragment only.
    expect(landing.search).toBe("");

    const completed = await app.gql(COMPLETE_SCHOOL_SIGN_IN, { code: code! });
    expect(completed.data?.completeSchoolSignIn.__typename).toBe("MutationCompleteSchoolSignInSuccess");
    expect(succeeded(completed.data?.completeSchoolSignIn).data.viewer.email).toBe(fx.people.otherTeacher.email);
    const token = succeeded(completed.data?.completeSchoolSignIn).data.token;
    const viewer = await app.gql(VIEWER_SCHOOLS, {}, token);
    expect(viewer.data?.viewer?.email).toBe(fx.people.otherTeacher.email);
    expect(viewer.data?.mySchools.edges.map((e) => e.node.id)).toEqual([fx.schoolGid]);
    // One session more, no account or membership more.
    expect(await counts()).toEqual({ ...before, sessions: before.sessions + 1 });

    const again = await app.gql(COMPLETE_SCHOOL_SIGN_IN, { code: code! });
    expect(again.data?.completeSchoolSignIn).toMatchObject({ __typename: "ExpiredLinkError", code: "LINK_EXPIRED" });
    expect(await counts()).toEqual({ ...before, sessions: before.sessions + 1 });
  });

  it("refuses a replayed callback URL, in the same browser and in another one", async () => {
    const browser = cookieBrowser();
    const first = await signInWithSchoolAccount(app, idp, browser, { typedEmail: fx.people.coach.email, providerLogin: "coach" });
    expect(handoffCode(first.landing)).not.toBeNull();
    const before = await counts();
    // The state was used: the same URL again, whatever the browser, finds no trip.
    expect(refusalReason(await land(browser, first.callbackUrl!))).toBe("expired");
    expect(refusalReason(await land(cookieBrowser(), first.callbackUrl!))).toBe("expired");
    expect(await app.db.prisma.signOnHandoff.count({ where: { user: { email: fx.people.coach.email } } })).toBe(1);
    expect(await counts()).toEqual(before);
  });

  it("refuses a callback URL opened in a browser other than the one that started (a sign-in link sent to someone else)", async () => {
    const starter = cookieBrowser();
    const interaction = (await startAtApp(app, starter, fx.people.coach.email)).href;
    const signedIn = await starter.submit(`${interaction}/login`, { login: "coach", password: "x" });
    const toApp = await starter.follow(signedIn.location!, (next) => next.origin === app.url);
    const callbackUrl = toApp.at(-1)!.location!;
    expect(refusalReason(await land(cookieBrowser(), callbackUrl))).toBe("expired");
    // And the trip is spent: not even its own browser can use it after that.
    expect(refusalReason(await land(starter, callbackUrl))).toBe("expired");
  });

  it("refuses an address the provider does not vouch for (email_verified is not true)", async () => {
    const before = await counts();
    const { landing } = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: fx.people.plcMember.email, providerLogin: "unverified" });
    expect(refusalReason(landing)).toBe("unverified-email");
    expect(await counts()).toEqual(before);
  });

  it("takes Microsoft Entra ID's xms_edov in place of a missing email_verified, and nothing else", async () => {
    const typedEmail = fx.people.peerMember.email;
    const entra = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail, providerLogin: "entra" });
    expect(handoffCode(entra.landing), entra.landing.href).not.toBeNull();
    const neither = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail, providerLogin: "entra-unverified" });
    expect(refusalReason(neither.landing)).toBe("unverified-email");
    // An explicit email_verified: false is a no, whatever else the token says.
    const contradicting = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail, providerLogin: "entra-contradicting" });
    expect(refusalReason(contradicting.landing)).toBe("unverified-email");
  });

  it("refuses an address outside the school's domains, even when the provider vouches for it", async () => {
    const before = await counts();
    const { landing } = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: fx.people.otherTeacher.email, providerLogin: "elsewhere" });
    expect(refusalReason(landing)).toBe("wrong-domain");
    expect(await counts()).toEqual(before);
  });

  it("refuses an address the school never added, and creates nothing for it", async () => {
    const before = await counts();
    const { landing } = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: "never-added@example.test", providerLogin: "stranger" });
    expect(refusalReason(landing)).toBe("not-a-member");
    expect(await counts()).toEqual(before);
    expect(await app.db.prisma.user.findUnique({ where: { email: "never-added@example.test" } })).toBeNull();
  });

  it("accepts a pending invitation for the verified address: the account is made, joins with the invited role, and the link is used up", async () => {
    const invited = "invited-by-email@example.test";
    idp.accounts.set("invited", { email: invited, emailVerified: true, name: "Invited at the provider" });
    const [sent] = await invite(app, fx.people.admin.token, fx.schoolGid, [invited], "COACH");
    const { landing } = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: invited, providerLogin: "invited" });
    const completed = await app.gql(COMPLETE_SCHOOL_SIGN_IN, { code: handoffCode(landing)! });
    expect(succeeded(completed.data?.completeSchoolSignIn).data.viewer.email).toBe(invited);
    const user = await app.db.prisma.user.findUniqueOrThrow({ where: { email: invited }, include: { schoolMemberships: true } });
    expect(user.name).toBe("Invited at the provider");
    expect(user.schoolMemberships.map((m) => [m.schoolId, m.role])).toEqual([[fx.schoolId, "COACH"]]);
    // The account has no password: signing in with one fails as for a wrong password.
    const withPassword = await app.gql(SignIn, {
      input: { email: invited, password: "none" },
    });
    expect(withPassword.data?.signIn.__typename).toBe("InvalidCredentialsError");
    // The invitation is accepted: its emailed link no longer works.
    const preview = await app.gql(INVITATION_PREVIEW, { token: sent!.token });
    expect(preview.data?.invitationByToken.valid).toBe(false);
    // Signing in again is a member's sign-in: no second account or membership.
    const before = await counts();
    const again = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: invited, providerLogin: "invited" });
    expect(handoffCode(again.landing)).not.toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("refuses a revoked invitation's address and a deactivated member, creating and changing nothing", async () => {
    const revoked = "revoked-invitation@example.test";
    idp.accounts.set("revoked", { email: revoked, emailVerified: true, name: "Revoked" });
    const [sent] = await invite(app, fx.people.admin.token, fx.schoolGid, [revoked]);
    const revoke = await app.gql(REVOKE_INVITATION, { id: sent!.id }, fx.people.admin.token);
    expect(revoke.data?.revokeInvitation.__typename).toBe("MutationRevokeInvitationSuccess");
    const before = await counts();
    const refusedInvitation = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: revoked, providerLogin: "revoked" });
    expect(refusalReason(refusedInvitation.landing)).toBe("not-a-member");

    await app.db.prisma.schoolMember.updateMany({ where: { userId: fx.people.plcFacilitator.id, schoolId: fx.schoolId }, data: { deactivatedAt: new Date() } });
    idp.accounts.set("deactivated", { email: fx.people.plcFacilitator.email, emailVerified: true, name: "Deactivated" });
    const refusedMember = await signInWithSchoolAccount(app, idp, cookieBrowser(), {
      typedEmail: fx.people.plcFacilitator.email,
      providerLogin: "deactivated",
    });
    expect(refusalReason(refusedMember.landing)).toBe("deactivated");
    expect(await counts()).toEqual(before);
  });

  it("sends an address of a domain no school signs in with back to the sign-in page", async () => {
    const { landing } = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: "someone@nowhere.test", providerLogin: "teacher" });
    expect(refusalReason(landing)).toBe("no-school");
    const { landing: nothingTyped } = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: "", providerLogin: "teacher" });
    expect(refusalReason(nothingTyped)).toBe("no-school");
  });

  it("says so when the person cancels at the provider", async () => {
    const browser = cookieBrowser();
    const interaction = (await startAtApp(app, browser, fx.people.coach.email)).href;
    const cancelled = await browser.submit(`${interaction}/cancel`, {});
    const toApp = await browser.follow(cancelled.location!, (next) => next.origin === app.url);
    expect(refusalReason(await land(browser, toApp.at(-1)!.location!))).toBe("cancelled");
  });

  it("stops at once when the school turns single sign-on off: new trips do not start, trips under way do not finish", async () => {
    const browser = cookieBrowser();
    const interaction = (await startAtApp(app, browser, fx.people.coach.email)).href;
    const disabled = await app.gql(DISABLE_SSO, { id: fx.schoolGid }, fx.people.admin.token);
    expect(succeeded(disabled.data?.disableSingleSignOn).data.enabled).toBe(false);
    try {
      const signedIn = await browser.submit(`${interaction}/login`, { login: "coach", password: "x" });
      const toApp = await browser.follow(signedIn.location!, (next) => next.origin === app.url);
      expect(refusalReason(await land(browser, toApp.at(-1)!.location!))).toBe("disabled");
      const { landing } = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: fx.people.coach.email, providerLogin: "coach" });
      expect(refusalReason(landing)).toBe("no-school");
    } finally {
      await configure();
    }
  });

  it("lets a provider vouch only for its own school: an account that also belongs to a school not trusting it is refused", async () => {
    const coach = fx.people.coach;
    const membership = await app.make.schoolMember({ schoolId: fx.otherSchoolId, userId: coach.id, role: "TEACHER" });
    try {
      const { landing } = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: coach.email, providerLogin: "coach" });
      expect(refusalReason(landing)).toBe("other-school");
      // Once the other school trusts the same provider (a district on one Google Workspace), it works.
      await app.make.schoolSignOnProvider({
        schoolId: fx.otherSchoolId,
        issuer: idp.issuer,
        clientId: "district",
        clientSecret: "district-secret",
        allowedDomains: ["example.test"],
      });
      const { landing: trusted } = await signInWithSchoolAccount(app, idp, cookieBrowser(), { typedEmail: coach.email, providerLogin: "coach" });
      expect(handoffCode(trusted)).not.toBeNull();
    } finally {
      await app.db.prisma.schoolSignOnProvider.deleteMany({ where: { schoolId: fx.otherSchoolId } });
      await app.db.prisma.schoolMember.delete({ where: { id: membership.id } });
    }
  });

  it("counts starts against the sign-in limits: past them, no trip starts and the page says to wait", async () => {
    const limited = await startTestApp({ singleSignOn: { allowHttpIssuers: true }, signIn: { perAccount: 2, perAddress: 100, windowSeconds: 900 } });
    try {
      const limitedFx = await buildSchoolFixture(limited.db.prisma, "sso-limit");
      await limited.make.schoolSignOnProvider({
        schoolId: limitedFx.schoolId,
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        allowedDomains: ["example.test"],
      });
      const start = async () => {
        const response = await fetch(`${limited.url}/auth/oidc/start?email=${encodeURIComponent(limitedFx.people.coach.email)}`, { redirect: "manual" });
        return new URL(response.headers.get("location")!, limited.url);
      };
      for (let attempt = 0; attempt < 2; attempt++) expect((await start()).origin).toBe(idp.issuer);
      expect(refusalReason(await start())).toBe("rate-limited");
      expect(await limited.db.prisma.signOnAttempt.count()).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it("answers the callback's redirect with no-store and keeps the browser key cookie HttpOnly and SameSite=Lax", async () => {
    const response = await fetch(`${app.url}/auth/oidc/start?email=${encodeURIComponent(fx.people.coach.email)}`, { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    const cookie = response.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/^staffroom_sign_on=[\w-]+; Path=\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("redirect_uri")).toBe(`${app.url}/auth/oidc/callback`);
    for (const param of ["state", "nonce", "code_challenge"]) expect(location.searchParams.get(param)).toMatch(/^[\w-]{20,}$/);
    const post = await fetch(`${app.url}/auth/oidc/callback`, { method: "POST", redirect: "manual" });
    expect(post.status).toBe(405);
  });
});

describe("configuring the school's single sign-on", () => {
  it("checks the provider before saving, and says what is wrong next to the field", async () => {
    const badIssuer = await app.gql(
      CONFIGURE_SSO,
      { input: { schoolId: fx.schoolGid, issuer: `${idp.issuer}/nothing-here`, clientId: "x", clientSecret: "y", allowedDomains: ["example.test"] } },
      fx.people.admin.token,
    );
    expect(badIssuer.data?.configureSingleSignOn.__typename).toBe("ValidationError");
    expect(failedWith(badIssuer.data?.configureSingleSignOn, "ValidationError").issues).toEqual([
      {
        path: "issuer",
        message: expect.stringMatching(/^Staffroom could not read the provider's settings at .*\/nothing-here\/\.well-known\/openid-configuration\./),
      },
    ]);
    const badDomains = await app.gql(
      CONFIGURE_SSO,
      { input: { schoolId: fx.schoolGid, issuer: idp.issuer, clientId: "x", allowedDomains: ["gmail.com", "not a domain"] } },
      fx.people.admin.token,
    );
    expect(failedWith(badDomains.data?.configureSingleSignOn, "ValidationError").issues).toEqual([
      { path: "allowedDomains", message: "gmail.com is a public email service: anyone can have an address there" },
      { path: "allowedDomains", message: "not a domain is not an email domain (like school.org)" },
    ]);
    // Nothing changed.
    const stored = await app.db.prisma.schoolSignOnProvider.findUniqueOrThrow({ where: { schoolId: fx.schoolId } });
    expect(stored).toMatchObject({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, allowedDomains: ["example.test"] });
  });

  it("keeps the stored secret when none is given, and shows only its last four characters", async () => {
    const saved = await configure({ clientSecret: null, allowedDomains: ["Example.TEST", "@example.test"] });
    expect(saved).toMatchObject({ clientSecretHint: "…wxyz", allowedDomains: ["example.test"], enabled: true, redirectUri: `${app.url}/auth/oidc/callback` });
    expect((await app.db.prisma.schoolSignOnProvider.findUniqueOrThrow({ where: { schoolId: fx.schoolId } })).clientSecret).toBe(idp.clientSecret);
  });

  it("refuses plain-http issuers unless SSO_ALLOW_HTTP_ISSUERS is set", async () => {
    const strict = await startTestApp();
    try {
      const strictFx = await buildSchoolFixture(strict.db.prisma, "strict");
      const result = await strict.gql(
        CONFIGURE_SSO,
        { input: { schoolId: strictFx.schoolGid, issuer: idp.issuer, clientId: "x", clientSecret: "y", allowedDomains: ["example.test"] } },
        strictFx.people.admin.token,
      );
      expect(failedWith(result.data?.configureSingleSignOn, "ValidationError").issues).toEqual([{ path: "issuer", message: "must start with https://" }]);
    } finally {
      await strict.close();
    }
  });

  it("tests the connection by discovery, with a sentence when it fails", async () => {
    const TEST = TEST_CONNECTION;
    const ok = await app.gql(TEST, { input: { schoolId: fx.schoolGid, issuer: idp.issuer } }, fx.people.admin.token);
    expect(succeeded(ok.data?.testSingleSignOnConnection).data).toEqual({ issuer: idp.issuer, authorizationEndpoint: `${idp.issuer}/auth` });
    const unreachable = await app.gql(TEST, { input: { schoolId: fx.schoolGid, issuer: "http://127.0.0.1:9/" } }, fx.people.admin.token);
    expect(failedWith(unreachable.data?.testSingleSignOnConnection, "ValidationError").issues[0]?.message).toMatch(
      /^Staffroom could not read the provider's settings/,
    );
  });
});
