// The browser-facing rules of /graphql: a form on another site cannot run a mutation (CSRF), only
// configured origins get CORS answers, and introspection and field suggestions follow the config.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, testConfig, type Config } from "@staffroom/api/config";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql } from "../support/graphql.ts";
import { queryText } from "../support/graphql-http.ts";

const FOREIGN = "https://evil.example";
const DASHBOARD = "https://dashboard.example.org";
// Sent as text in every encoding a browser can POST (and as a GET URL): printed from a typed document.
const SIGN_UP = queryText(
  graphql(`
    mutation SignUp($input: SignUpInput!) {
      signUp(input: $input) {
        __typename
      }
    }
  `),
);

function httpConfig(overrides: Partial<Config["http"]>): Pick<Config, "http"> {
  return { http: { ...testConfig().http, ...overrides } };
}

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  // Parsed from the environment variable, as a deployment would set it.
  const { http } = loadConfig({ CORS_ORIGINS: ` ${DASHBOARD} , http://localhost:5173` });
  app = await startTestApp({ http });
  fx = await buildSchoolFixture(app.db.prisma);
});
afterAll(() => app?.close());

let emails = 0;
const newEmail = () => `csrf-${Date.now()}-${emails++}@example.org`;
// A sign-up that ran leaves a pending sign-up (its emailed link) behind; a refused one leaves nothing.
const signUpsStartedFor = (email: string) => app.db.prisma.pendingSignUp.count({ where: { email } });
const signUpVariables = (email: string) => ({ input: { email, password: "correct horse battery", name: "Mallory" } });

describe("CSRF: a cross-site form cannot run a mutation", () => {
  const forms: Record<string, (email: string) => BodyInit> = {
    "application/x-www-form-urlencoded": (email) => new URLSearchParams({ query: SIGN_UP, variables: JSON.stringify(signUpVariables(email)) }),
    "multipart/form-data": (email) => {
      const form = new FormData();
      form.set("operations", JSON.stringify({ query: SIGN_UP, variables: signUpVariables(email) }));
      form.set("map", "{}");
      return form;
    },
    "text/plain": (email) => new Blob([JSON.stringify({ query: SIGN_UP, variables: signUpVariables(email) })], { type: "text/plain" }),
  };

  it.each(Object.keys(forms))("refuses a %s POST from another origin with 403 and starts no sign-up", async (contentType) => {
    const email = newEmail();
    const response = await fetch(`${app.url}/graphql`, { method: "POST", headers: { origin: FOREIGN }, body: forms[contentType]!(email) });
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe("CSRF_REFUSED");
    expect(body.errors[0].message).toMatch(/^This request could have come from a form on another site.+\.$/);
    expect(await signUpsStartedFor(email)).toBe(0);
  });

  it("refuses a POST with no content type at all (fetch with a bare Blob is a simple request too)", async () => {
    const email = newEmail();
    const response = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { origin: FOREIGN },
      body: new Blob([JSON.stringify({ query: SIGN_UP, variables: signUpVariables(email) })]),
    });
    expect(response.status).toBe(403);
    expect(await signUpsStartedFor(email)).toBe(0);
  });

  it("runs the same mutation sent as JSON (what the web app and integrators send)", async () => {
    const email = newEmail();
    const response = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: SIGN_UP, variables: signUpVariables(email) }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data.signUp.__typename).toBe("MutationSignUpSuccess");
    expect(await signUpsStartedFor(email)).toBe(1);
  });

  it("refuses a GET without the header, refuses mutations over GET even with it, and answers queries over GET with it", async () => {
    const email = newEmail();
    const url = (query: string, variables?: unknown) =>
      `${app.url}/graphql?${new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) })}`;

    const plain = await fetch(url(SIGN_UP, signUpVariables(email)), { headers: { origin: FOREIGN } });
    expect(plain.status).toBe(403);

    const withHeader = await fetch(url(SIGN_UP, signUpVariables(email)), { headers: { "x-graphql-yoga-csrf": "1" } });
    expect(withHeader.status).toBe(405);
    expect(await signUpsStartedFor(email)).toBe(0);

    const query = await fetch(url("{ __typename }"), { headers: { "x-graphql-yoga-csrf": "1" } });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { __typename: "Query" } });

    // A bearer token is a header no form can send: an integrator's GET needs nothing else.
    const signedIn = await fetch(url("{ viewer { name } }"), { headers: { authorization: `Bearer ${fx.people.peerMember.token}` } });
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json()).data.viewer.name).toBe(fx.people.peerMember.name);
  });
});

describe("CORS: only configured origins", () => {
  const preflight = (origin: string) =>
    fetch(`${app.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
  const post = (origin: string) =>
    fetch(`${app.url}/graphql`, { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });

  it("gives a foreign origin's preflight and request no CORS headers, so its page cannot call or read", async () => {
    for (const response of [await preflight(FOREIGN), await post(FOREIGN)]) {
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
      expect(response.headers.get("access-control-allow-headers")).toBeNull();
    }
  });

  it("allows a configured origin, without credentials (Staffroom uses bearer tokens, never cookies)", async () => {
    const before = await preflight(DASHBOARD);
    expect(before.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    expect(before.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(before.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    expect(before.headers.get("access-control-allow-credentials")).toBeNull();

    const response = await post(DASHBOARD);
    expect(response.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("vary")).toMatch(/origin/i);
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("matches origins exactly: no prefix, subdomain or other scheme", async () => {
    for (const near of [`${DASHBOARD}.evil.example`, "http://dashboard.example.org", "https://evil.dashboard.example.org", "null"]) {
      expect((await preflight(near)).headers.get("access-control-allow-origin"), near).toBeNull();
    }
  });

  it("refuses a CORS_ORIGINS entry that is not an origin, saying which", () => {
    expect(() => loadConfig({ CORS_ORIGINS: "https://ok.example,https://bad.example/path" })).toThrow(
      /CORS_ORIGINS\.1: each origin is scheme:\/\/host\[:port\]/,
    );
    expect(loadConfig({}).http.corsOrigins).toEqual([]);
  });
});

// Raw text on purpose: introspection and a misspelt field are what these tests refuse or answer.
const INTROSPECTION = `{ __schema { queryType { name } } }`;
const TYPE_LOOKUP = `{ __type(name: "User") { name } }`;

describe("introspection and field suggestions", () => {
  it("by default: introspection for anyone, no field suggestions", async () => {
    expect((await app.gql(INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const typo = await app.gql(`{ viewr { name } }`);
    expect(typo.errors?.[0]?.message).toMatch(/Cannot query field "viewr"/);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean/);
  });

  it("GRAPHQL_INTROSPECTION=signed-in: anonymous callers are refused, signed-in ones answered", async () => {
    const signedIn = await startTestApp(httpConfig(loadConfig({ GRAPHQL_INTROSPECTION: "signed-in", GRAPHQL_FIELD_SUGGESTIONS: "true" }).http));
    try {
      const people = await buildSchoolFixture(signedIn.db.prisma, "introspection");
      for (const query of [INTROSPECTION, TYPE_LOOKUP]) {
        const anonymous = await signedIn.gql(query);
        expect(anonymous.data ?? null).toBeNull();
        expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
        expect(anonymous.errors?.[0]?.message).toMatch(/^Introspection is for signed-in callers\..+\.$/);
        expect((await signedIn.gql(query, {}, people.people.peerMember.token)).errors).toBeUndefined();
      }
      // Ordinary queries (and __typename) are unaffected.
      expect((await signedIn.gql(graphql(`query { __typename }`))).data).toEqual({ __typename: "Query" });
      // Suggestions, turned on here, are back.
      expect((await signedIn.gql(`{ viewr { name } }`)).errors?.[0]?.message).toMatch(/Did you mean "viewer"/);
    } finally {
      await signedIn.close();
    }
  });

  it("GRAPHQL_INTROSPECTION=off: refused for everyone", async () => {
    const off = await startTestApp(httpConfig({ introspection: "off" }));
    try {
      const people = await buildSchoolFixture(off.db.prisma, "no-introspection");
      for (const token of [undefined, people.people.admin.token]) {
        const res = await off.gql(INTROSPECTION, {}, token);
        expect(res.data).toBeUndefined();
        expect(res.errors?.[0]?.message).toMatch(/introspection has been disabled/);
      }
    } finally {
      await off.close();
    }
  });
});
