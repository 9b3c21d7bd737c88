// Trust table rows for a school's single sign-on: only the school's admins, signed in as
// themselves, read or change it. An integrator's token (even an admin's, with every scope) never
// does: the provider decides who can sign in as whom. Everyone else is answered as if there were
// nothing there, and the client secret is readable by no one, the admins included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { startIdentityProvider, type TestIdentityProvider } from "../support/identity-provider.ts";
import { graphql } from "../support/graphql.ts";
import { asNode } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { CONFIGURE_SSO } from "../support/school-sign-on.ts";
import { asActor, doneBy, readOutcome, shownTo, TRUST_ACTORS, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let idp: TestIdentityProvider;
let fx: SchoolFixture;

const settings = () => ({
  schoolId: fx.schoolGid,
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  allowedDomains: ["example.test"],
});
// Token actors belong to the admin and hold SCHOOL_WRITE or not: neither may touch single sign-on.
const as = (actor: TrustActor) => asActor(app, fx, actor, "admin", "SCHOOL_WRITE");

beforeAll(async () => {
  app = await startTestApp({ singleSignOn: { allowHttpIssuers: true } });
  idp = await startIdentityProvider({ redirectUri: `${app.url}/auth/oidc/callback` });
  fx = await buildSchoolFixture(app.db.prisma, "sso-trust");
  const configured = await app.gql(CONFIGURE_SSO, { input: settings() }, fx.people.admin.token);
  expect(configured.data?.configureSingleSignOn.__typename).toBe("MutationConfigureSingleSignOnSuccess");
});
afterAll(async () => {
  await idp?.close();
  await app?.close();
});

const adminsOnly = doneBy("admin");

const SchoolSingleSignOn = graphql(`
  query TrustSchoolSingleSignOn($id: ID!) {
    node(id: $id) {
      ... on School {
        singleSignOn {
          issuer
          clientId
          allowedDomains
        }
      }
    }
  }
`);
const TestConnection = graphql(`
  mutation TrustTestSingleSignOnConnection($input: TestSingleSignOnConnectionInput!) {
    testSingleSignOnConnection(input: $input) {
      __typename
      ... on MutationTestSingleSignOnConnectionSuccess {
        data {
          issuer
        }
      }
    }
  }
`);
const DisableSingleSignOn = graphql(`
  mutation TrustDisableSingleSignOn($id: ID!) {
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
const SchoolSingleSignOnIssuer = graphql(`
  query TrustSchoolSingleSignOnIssuer($id: ID!) {
    node(id: $id) {
      ... on School {
        singleSignOn {
          issuer
        }
      }
    }
  }
`);
const SingleSignOnFields = graphql(`
  query TrustSingleSignOnFields {
    __type(name: "SingleSignOn") {
      fields {
        name
      }
    }
  }
`);
const SchoolSingleSignOnEverything = graphql(`
  query TrustSchoolSingleSignOnEverything($id: ID!) {
    node(id: $id) {
      ... on School {
        singleSignOn {
          issuer
          clientId
          clientSecretHint
          allowedDomains
          enabled
          redirectUri
          createdAt
          updatedAt
        }
      }
    }
  }
`);

describe("single sign-on settings", () => {
  it.each(TRUST_ACTORS)("School.singleSignOn for %s", async (actor) => {
    const res = await (await as(actor))(SchoolSingleSignOn, {
      id: fx.schoolGid,
    });
    expect(readOutcome(res, (d) => asNode(d.node, "School")?.singleSignOn)).toBe(shownTo("admin")[actor]);
  });

  it.each(TRUST_ACTORS)("configureSingleSignOn for %s, and a refusal changes nothing", async (actor) => {
    const before = await app.db.prisma.schoolSignOnProvider.findUniqueOrThrow({ where: { schoolId: fx.schoolId } });
    const res = await (await as(actor))(CONFIGURE_SSO, { input: { ...settings(), clientId: `changed-by-${actor}` } });
    expect(writeOutcome(res, "configureSingleSignOn")).toBe(adminsOnly[actor]);
    const after = await app.db.prisma.schoolSignOnProvider.findUniqueOrThrow({ where: { schoolId: fx.schoolId } });
    if (adminsOnly[actor] === "refused") expect(after).toEqual(before);
    else expect(after.clientId).toBe(`changed-by-${actor}`);
  });

  it.each(TRUST_ACTORS)("testSingleSignOnConnection for %s (the server fetches the URL: strangers may not point it anywhere)", async (actor) => {
    const res = await (await as(actor))(TestConnection, { input: { schoolId: fx.schoolGid, issuer: idp.issuer } });
    expect(writeOutcome(res, "testSingleSignOnConnection")).toBe(adminsOnly[actor]);
  });

  it.each(TRUST_ACTORS)("disableSingleSignOn for %s", async (actor) => {
    const res = await (await as(actor))(DisableSingleSignOn, { id: fx.schoolGid });
    expect(writeOutcome(res, "disableSingleSignOn")).toBe(adminsOnly[actor]);
    const stored = await app.db.prisma.schoolSignOnProvider.findUniqueOrThrow({ where: { schoolId: fx.schoolId } });
    expect(stored.enabled).toBe(adminsOnly[actor] === "refused");
    if (!stored.enabled) await app.db.prisma.schoolSignOnProvider.update({ where: { id: stored.id }, data: { enabled: true } });
  });
});

describe("another school's admin", () => {
  it("is refused exactly as for a school that does not exist", async () => {
    const otherAdmin = fx.people.otherSchoolAdmin.token;
    const real = await app.gql(CONFIGURE_SSO, { input: settings() }, otherAdmin);
    const missing = await app.gql(CONFIGURE_SSO, { input: { ...settings(), schoolId: gid("School", "00000000-0000-4000-8000-000000000000") } }, otherAdmin);
    expect(real.errors).toEqual(missing.errors);
    expect(real.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const read = await app.gql(SchoolSingleSignOnIssuer, { id: fx.schoolGid }, otherAdmin);
    expect(read.data?.node).toBeNull();
  });
});

describe("the client secret", () => {
  it("has no field that returns it: admins see only that it is set and its last four characters", async () => {
    const type = await app.gql(SingleSignOnFields);
    // gql.tada leaves introspection fields untyped: the shape is the one this query selects.
    const fields: string[] = (type.data?.__type as { fields: { name: string }[] } | null | undefined)!.fields.map((f) => f.name);
    expect(fields.filter((name) => /secret/i.test(name))).toEqual(["clientSecretHint"]);
    // A raw string: the query deliberately asks for a field the schema does not have.
    const asked = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on School { singleSignOn { clientSecret } } } }`,
      { id: fx.schoolGid },
      fx.people.admin.token,
    );
    expect(asked.errors?.[0]?.message).toMatch(/Cannot query field "clientSecret"/);

    const everything = await app.gql(SchoolSingleSignOnEverything, { id: fx.schoolGid }, fx.people.admin.token);
    expect(asNode(everything.data?.node, "School")?.singleSignOn?.clientSecretHint).toBe(`…${idp.clientSecret.slice(-4)}`);
    expect(JSON.stringify(everything)).not.toContain(idp.clientSecret.slice(0, -4));
    const configured = await app.gql(CONFIGURE_SSO, { input: settings() }, fx.people.admin.token);
    expect(JSON.stringify(configured)).not.toContain(idp.clientSecret.slice(0, -4));
  });
});
