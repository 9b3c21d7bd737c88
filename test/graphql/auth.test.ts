import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { startMailbox, type Mailbox } from "../support/smtp.ts";
import { SIGN_UP, signUpThroughEmail } from "../support/sign-up.ts";
import { graphql } from "../support/graphql.ts";
import { graphqlCaller } from "../support/graphql-http.ts";
import { succeeded, Viewer as VIEWER } from "../support/operations.ts";

let mailbox: Mailbox;
let app: TestApp;
beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startTestApp({ signIn: { perAccount: 3, perAddress: 100, windowSeconds: 60 }, mail: { smtpUrl: mailbox.url, from: "staffroom@school.test" } });
});
afterAll(async () => {
  await app?.close();
  await mailbox?.close();
});

const SIGN_IN = graphql(`
  mutation AuthSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on MutationSignInSuccess {
        data {
          token
          viewer {
            id
            name
          }
        }
      }
      ... on BaseError {
        code
        message
      }
      ... on RateLimitedError {
        retryAfterSeconds
      }
    }
  }
`);
const SIGN_OUT = graphql(`
  mutation AuthSignOut {
    signOut
  }
`);

describe("accounts and sessions", () => {
  it("signs up through the emailed link, lower-cases the email, and the token identifies the person", async () => {
    const token = await signUpThroughEmail(app, mailbox, { email: "  Ada@Example.COM ", password: "correct horse battery", name: "Ada" });
    const me = await app.gql(VIEWER, {}, token);
    expect(me.data?.viewer).toEqual({ name: "Ada", email: "ada@example.com" });
  });

  it("answers a registered email as it answers a new one, and changes no account", async () => {
    const before = await app.db.prisma.user.findMany({ orderBy: { email: "asc" } });
    const res = await app.gql(SIGN_UP, { input: { email: "ADA@example.com", password: "another password!", name: "Ada 2" } });
    expect(res.data?.signUp).toEqual({
      __typename: "MutationSignUpSuccess",
      data: { email: "ada@example.com", message: "Check your email for a link to finish signing up." },
    });
    expect(await app.db.prisma.user.findMany({ orderBy: { email: "asc" } })).toEqual(before);
    expect((await mailbox.next("ada@example.com")).text).toContain("already has an account");
  });

  it("refuses bad input with a typed validation error naming the fields", async () => {
    const res = await app.gql(SIGN_UP, { input: { email: "not-an-email", password: "short", name: "" } });
    const signUp = res.data?.signUp;
    expect(signUp?.__typename).toBe("ValidationError");
    const paths = (signUp?.__typename === "ValidationError" ? signUp.issues : []).map((i) => i.path).sort();
    expect(paths).toEqual(["input.email", "input.name", "input.password"]);
  });

  it("signs in, and signing out makes the token stop working at once", async () => {
    const res = await app.gql(SIGN_IN, { input: { email: "ada@example.com", password: "correct horse battery" } });
    const token = succeeded(res.data?.signIn).data.token;
    expect((await app.gql(VIEWER, {}, token)).data?.viewer?.name).toBe("Ada");
    expect((await app.gql(SIGN_OUT, {}, token)).data?.signOut).toBe(true);
    const after = await app.gql(VIEWER, {}, token);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("anonymous viewer is null, a garbage token is UNAUTHENTICATED", async () => {
    expect((await app.gql(VIEWER)).data?.viewer).toBeNull();
    const res = await app.gql(VIEWER, {}, "srs_nonsense");
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("rate-limits sign-in attempts per account", async () => {
    await signUpThroughEmail(app, mailbox, { email: "bo@example.com", password: "correct horse battery", name: "Bo" });
    const attempt = () => app.gql(SIGN_IN, { input: { email: "bo@example.com", password: "wrong password!!" } });
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await attempt()).data?.signIn.__typename);
    expect(results).toEqual(["InvalidCredentialsError", "InvalidCredentialsError", "InvalidCredentialsError", "RateLimitedError"]);
    const right = await app.gql(SIGN_IN, { input: { email: "bo@example.com", password: "correct horse battery" } });
    expect(right.data?.signIn).toMatchObject({ __typename: "RateLimitedError", code: "RATE_LIMITED" });
  });
});

describe("sign-in limits per address", () => {
  it("limits attempts from one address across different accounts, over real HTTP", async () => {
    const limited = await startTestApp({ signIn: { perAccount: 100, perAddress: 3, windowSeconds: 60 } });
    try {
      const overHttp = graphqlCaller(limited.url);
      const post = (email: string) => overHttp(SIGN_IN, { input: { email, password: "whatever-it-is" } });
      const kinds = [];
      for (const email of ["a@x.test", "b@x.test", "c@x.test", "d@x.test"]) kinds.push((await post(email)).data?.signIn.__typename);
      expect(kinds).toEqual(["InvalidCredentialsError", "InvalidCredentialsError", "InvalidCredentialsError", "RateLimitedError"]);
    } finally {
      await limited.close();
    }
  });

  it("successful sign-ins do not use up the address: a class behind one school network signs in", async () => {
    const limited = await startTestApp({
      signIn: { perAccount: 100, perAddress: 3, windowSeconds: 60 },
      mail: { smtpUrl: mailbox.url, from: "staffroom@school.test" },
    });
    try {
      const kinds = [];
      for (let i = 0; i < 6; i++) {
        const input = { email: `pupil${i}@x.test`, password: "correct horse battery", name: `Pupil ${i}` };
        await signUpThroughEmail(limited, mailbox, input);
        kinds.push((await limited.gql(SIGN_IN, { input: { email: input.email, password: input.password } })).data?.signIn.__typename);
      }
      expect(kinds).toEqual(Array(6).fill("MutationSignInSuccess"));
      // Failed guesses still count against the address.
      for (let i = 0; i < 3; i++) await limited.gql(SIGN_IN, { input: { email: "pupil0@x.test", password: "wrong guess" } });
      const afterGuesses = await limited.gql(SIGN_IN, { input: { email: "pupil1@x.test", password: "correct horse battery" } });
      expect(afterGuesses.data?.signIn.__typename).toBe("RateLimitedError");
    } finally {
      await limited.close();
    }
  });
});
