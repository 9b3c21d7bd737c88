// `demoLogins`, which the sign-in page lists in demo mode: the demo school's accounts (names,
// emails, roles — never a password) on an installation that seeds it, and nothing anywhere else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_SCHOOL, seedDemoSchoolIfEmpty } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { SignIn as SIGN_IN, succeeded } from "../support/operations.ts";

const DEMO_LOGINS = graphql(`
  query DemoLogins {
    demoLogins {
      name
      email
      role
    }
  }
`);

describe("with SEED_DEMO on (npm start)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ seedDemo: true });
  });
  afterAll(() => app?.close());

  it("lists every demo account to anyone, in the README's order", async () => {
    const result = await app.gql(DEMO_LOGINS);
    expect(result.errors).toBeUndefined();
    expect(result.data?.demoLogins).toEqual(DEMO_PEOPLE.map(({ name, email, role }) => ({ name, email, role })));
  });

  it("lists accounts that sign in with the documented demo password", async () => {
    const { data } = await app.gql(DEMO_LOGINS);
    for (const login of [data?.demoLogins[0], data?.demoLogins.at(-1)]) {
      const signIn = await app.gql(SIGN_IN, { input: { email: login!.email, password: DEMO_PASSWORD } });
      expect(signIn.data?.signIn.__typename).toBe("MutationSignInSuccess");
    }
  });

  it("has no way to ask for a password", async () => {
    // Raw: the field does not exist, which a typed document cannot say.
    const result = await app.gql(`{ demoLogins { password } }`);
    expect(result.errors?.[0]?.message).toMatch(/password/);
    expect(result.data).toBeUndefined();
  });

  it("leaves out an account that is no longer in the demo school", async () => {
    const school = await app.db.prisma.school.findUniqueOrThrow({ where: { slug: DEMO_SCHOOL.slug } });
    const ben = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "ben@demo.test" } });
    await app.db.prisma.schoolMember.delete({ where: { schoolId_userId: { schoolId: school.id, userId: ben.id } } });
    const { data } = await app.gql(DEMO_LOGINS);
    expect(data?.demoLogins.map((login) => login.email)).not.toContain("ben@demo.test");
    expect(data?.demoLogins).toHaveLength(DEMO_PEOPLE.length - 1);
  });
});

describe("with SEED_DEMO off (production)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ seedDemo: false });
    // Even a database that holds the demo school lists nothing when the installation doesn't seed it.
    await seedDemoSchoolIfEmpty(app.db.prisma);
  });
  afterAll(() => app?.close());

  it("lists nothing, signed in or not", async () => {
    expect(await app.db.prisma.school.count({ where: { slug: DEMO_SCHOOL.slug } })).toBe(1);
    const anonymous = await app.gql(DEMO_LOGINS);
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?.demoLogins).toEqual([]);

    const signIn = await app.gql(SIGN_IN, { input: { email: "ana@demo.test", password: DEMO_PASSWORD } });
    const signedIn = await app.gql(DEMO_LOGINS, {}, succeeded(signIn.data?.signIn).data.token);
    expect(signedIn.data?.demoLogins).toEqual([]);
  });
});
