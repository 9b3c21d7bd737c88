// Sign-up cannot be used to learn who has an account, nor to hammer the server or someone's inbox.
// Its answer, its SQL and its password hashing are the same for a new address and a registered
// one; only the email differs, which only the mailbox's owner reads: a new address gets a
// single-use link that creates the account, a registered one a note that nothing changed.
// Every attempt counts against limits per email and per client address. Email goes over real
// SMTP to an in-process server (support/smtp.ts).
import crypto, { type ScryptOptions } from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSignUpLimiter, connectRedis } from "@staffroom/api/testing";
import { loadConfig } from "@staffroom/api/config";
import { startTestApp, type TestApp } from "../support/app.ts";
import { startMailbox, type Mailbox } from "../support/smtp.ts";
import { deleteKeys, REDIS_URL, redisAdmin, uniqueRedisPrefix } from "../support/redis.ts";
import { CONFIRM_SIGN_UP, SIGN_UP, signUpThroughEmail, signUpTokenIn } from "../support/sign-up.ts";
import { graphql } from "../support/graphql.ts";
import { graphqlCaller } from "../support/graphql-http.ts";
import { failedWith, succeeded, Viewer as VIEWER } from "../support/operations.ts";

const SIGN_IN = graphql(`
  mutation SignUpTestSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on BaseError {
        code
      }
    }
  }
`);
const PASSWORD = "correct horse battery";

let mailbox: Mailbox;
let app: TestApp;
beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startTestApp({ mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" }, publicUrl: "https://staffroom.school.test" });
});
afterAll(async () => {
  await app?.close();
  await mailbox?.close();
});

/** What a sign-up costs and answers: the response body (the echoed address masked), the SQL it ran, the scrypt calls (their cost N). */
async function observeSignUp(target: TestApp, input: { email: string; password: string; name: string }) {
  const statements: string[] = [];
  const stopListening = target.db.onQuery((sql) => statements.push(sql));
  const scrypt = vi.spyOn(crypto, "scrypt");
  // The api imports scrypt by name; this makes that binding the spy too.
  syncBuiltinESMExports();
  try {
    const res = await target.gql(SIGN_UP, { input });
    const body = JSON.stringify(res).replaceAll(JSON.stringify(input.email.trim().toLowerCase()), '"<email>"');
    return { res, body, statements, scryptCosts: scrypt.mock.calls.map((call) => (call[3] as ScryptOptions).N) };
  } finally {
    scrypt.mockRestore();
    syncBuiltinESMExports();
    stopListening();
  }
}

async function counts(target: TestApp = app) {
  const [users, pending, sessions] = await Promise.all([
    target.db.prisma.user.count(),
    target.db.prisma.pendingSignUp.count(),
    target.db.prisma.authSession.count(),
  ]);
  await target.services.outbox.settled();
  return { users, pending, sessions, emails: mailbox.received.length };
}

describe("signing up never tells whether an address has an account", () => {
  it("answers a new and a registered address byte for byte alike, after the same SQL and the same password hashing", async () => {
    await signUpThroughEmail(app, mailbox, { email: "taken@school.test", password: PASSWORD, name: "Tam" });
    const before = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "taken@school.test" } });

    const fresh = await observeSignUp(app, { email: "fresh@school.test", password: "another password!", name: "Fran" });
    const taken = await observeSignUp(app, { email: "taken@school.test", password: "another password!", name: "Someone else" });

    expect(fresh.res.data?.signUp).toEqual({
      __typename: "MutationSignUpSuccess",
      data: { email: "fresh@school.test", message: "Check your email for a link to finish signing up." },
    });
    expect(taken.body).toBe(fresh.body);
    expect(taken.res.status).toBe(fresh.res.status);
    expect(taken.statements).toEqual(fresh.statements);
    // The sign-up's one statement, then its outbox row in a transaction of its own (the job that sends it runs later, apart).
    expect(fresh.statements).toHaveLength(3);
    expect(fresh.statements.filter((sql) => sql.includes('"EmailMessage"'))).toHaveLength(1);
    expect(taken.scryptCosts).toEqual(fresh.scryptCosts);
    expect(fresh.scryptCosts).toEqual([16384]);

    // Only the emails differ: a link for the new address, a note (no link) for the registered one.
    const toFresh = await mailbox.next("fresh@school.test");
    expect(toFresh.subject).toBe("Finish signing up for Staffroom");
    expect(signUpTokenIn(toFresh)).toMatch(/^srl_/);
    expect(toFresh.text).toContain("https://staffroom.school.test/confirm-sign-up?token=");
    const toTaken = await mailbox.next("taken@school.test");
    expect(toTaken.subject).toBe("Signing up for Staffroom");
    expect(toTaken.text).toContain("already has an account");
    expect(toTaken.text).toContain("https://staffroom.school.test/sign-in");
    expect(signUpTokenIn(toTaken)).toBeNull();
    // Nothing the caller typed reaches a stranger's inbox.
    expect(toTaken.text).not.toContain("Someone else");
    expect(toFresh.text).not.toContain("Fran");

    // The registered account is untouched, and nothing is pending for it.
    expect(await app.db.prisma.user.findUniqueOrThrow({ where: { email: "taken@school.test" } })).toEqual(before);
    expect(await app.db.prisma.pendingSignUp.count({ where: { email: "taken@school.test" } })).toBe(0);
  });
});

describe("the emailed link", () => {
  it("creates the account, lower-cases the email and signs the person in", async () => {
    const res = await app.gql(SIGN_UP, { input: { email: "  Ada@Example.COM ", password: PASSWORD, name: " Ada " } });
    expect(succeeded(res.data?.signUp).data.email).toBe("ada@example.com");
    // Nothing exists until the link is opened: the address cannot sign in yet.
    expect(await app.db.prisma.user.count({ where: { email: "ada@example.com" } })).toBe(0);
    expect((await app.gql(SIGN_IN, { input: { email: "ada@example.com", password: PASSWORD } })).data?.signIn).toMatchObject({ code: "INVALID_CREDENTIALS" });

    const token = signUpTokenIn(await mailbox.next("ada@example.com"));
    const confirmed = await app.gql(CONFIRM_SIGN_UP, { input: { token: token!, password: PASSWORD } });
    expect(confirmed.data?.confirmSignUp.__typename).toBe("MutationConfirmSignUpSuccess");
    const { data } = succeeded(confirmed.data?.confirmSignUp);
    expect(data.viewer).toEqual({ name: "Ada", email: "ada@example.com" });
    expect((await app.gql(VIEWER, {}, data.token)).data?.viewer).toEqual({ name: "Ada", email: "ada@example.com" });
    expect((await app.gql(SIGN_IN, { input: { email: "ada@example.com", password: PASSWORD } })).data?.signIn.__typename).toBe("MutationSignInSuccess");
    expect(await app.db.prisma.pendingSignUp.count({ where: { email: "ada@example.com" } })).toBe(0);
  });

  it("works once: opening it again is refused with LINK_EXPIRED and writes nothing", async () => {
    await app.gql(SIGN_UP, { input: { email: "once@school.test", password: PASSWORD, name: "Once" } });
    const token = signUpTokenIn(await mailbox.next("once@school.test"));
    expect((await app.gql(CONFIRM_SIGN_UP, { input: { token: token!, password: PASSWORD } })).data?.confirmSignUp.__typename).toBe(
      "MutationConfirmSignUpSuccess",
    );
    const before = await counts();
    const again = await app.gql(CONFIRM_SIGN_UP, { input: { token: token!, password: PASSWORD } });
    expect(again.data?.confirmSignUp).toEqual({
      __typename: "ExpiredLinkError",
      code: "LINK_EXPIRED",
      message: "This link has expired or was already used. Sign up again.",
    });
    expect(await counts()).toEqual(before);
  });

  it("is refused once expired, and writes nothing", async () => {
    await app.gql(SIGN_UP, { input: { email: "late@school.test", password: PASSWORD, name: "Late" } });
    const token = signUpTokenIn(await mailbox.next("late@school.test"));
    await app.db.prisma.pendingSignUp.updateMany({ where: { email: "late@school.test" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await counts();
    const res = await app.gql(CONFIRM_SIGN_UP, { input: { token: token!, password: PASSWORD } });
    expect(res.data?.confirmSignUp).toMatchObject({ __typename: "ExpiredLinkError", code: "LINK_EXPIRED" });
    expect(await counts()).toEqual(before);
    expect(await app.db.prisma.user.count({ where: { email: "late@school.test" } })).toBe(0);
  });

  it("refuses a made-up token the same way, and a token that is not even plausible as a ValidationError", async () => {
    const made = await app.gql(CONFIRM_SIGN_UP, { input: { token: "srl_" + "A".repeat(43), password: PASSWORD } });
    expect(made.data?.confirmSignUp).toMatchObject({ __typename: "ExpiredLinkError", code: "LINK_EXPIRED" });
    const long = await app.gql(CONFIRM_SIGN_UP, { input: { token: "x".repeat(201), password: PASSWORD } });
    expect(long.data?.confirmSignUp.__typename).toBe("ValidationError");
    expect(failedWith(long.data?.confirmSignUp, "ValidationError").issues.map((i) => i.path)).toEqual(["input.token"]);
  });

  it("of several sent to one address, the first opened creates the account and the others stop working", async () => {
    for (let i = 0; i < 2; i++) await app.gql(SIGN_UP, { input: { email: "twice@school.test", password: `${PASSWORD} ${i}`, name: `Twice ${i}` } });
    const [first, second] = [signUpTokenIn(await mailbox.next("twice@school.test")), signUpTokenIn(await mailbox.next("twice@school.test"))];
    expect(first).not.toBe(second);
    const confirmed = await app.gql(CONFIRM_SIGN_UP, { input: { token: second!, password: `${PASSWORD} 1` } });
    expect(succeeded(confirmed.data?.confirmSignUp).data.viewer).toEqual({ name: "Twice 1", email: "twice@school.test" });
    expect((await app.gql(CONFIRM_SIGN_UP, { input: { token: first!, password: `${PASSWORD} 0` } })).data?.confirmSignUp).toMatchObject({
      code: "LINK_EXPIRED",
    });
    expect(await app.db.prisma.user.count({ where: { email: "twice@school.test" } })).toBe(1);
  });

  it("needs the password the sign-up was started with: a stranger's sign-up landing in your inbox cannot make you an account", async () => {
    // A stranger starts a sign-up with a teacher's address and a password of their own.
    await app.gql(SIGN_UP, { input: { email: "teacher@school.test", password: "the stranger's password", name: "Teacher" } });
    const token = signUpTokenIn(await mailbox.next("teacher@school.test"));
    // The teacher opens the link with the password they would choose: refused, and nothing is written.
    const before = await counts();
    const refused = await app.gql(CONFIRM_SIGN_UP, { input: { token: token!, password: "the teacher's own password" } });
    expect(refused.data?.confirmSignUp).toEqual({
      __typename: "InvalidCredentialsError",
      code: "INVALID_CREDENTIALS",
      message: "That is not the password this sign-up was started with.",
    });
    expect(await counts()).toEqual(before);
    expect(await app.db.prisma.user.count({ where: { email: "teacher@school.test" } })).toBe(0);
  });

  it("counts wrong passwords against the address's sign-in limit", async () => {
    const limited = await startTestApp({
      mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" },
      signIn: { perAccount: 2, perAddress: 100, windowSeconds: 60 },
    });
    try {
      await limited.gql(SIGN_UP, { input: { email: "guess@school.test", password: PASSWORD, name: "Guess" } });
      const token = signUpTokenIn(await mailbox.next("guess@school.test"));
      const kinds = [];
      for (const password of ["guess one!!", "guess two!!", PASSWORD]) {
        kinds.push((await limited.gql(CONFIRM_SIGN_UP, { input: { token: token!, password } })).data?.confirmSignUp.__typename);
      }
      expect(kinds).toEqual(["InvalidCredentialsError", "InvalidCredentialsError", "RateLimitedError"]);
      expect(await limited.db.prisma.user.count()).toBe(0);
    } finally {
      await limited.close();
    }
  });

  it("an unconfirmed sign-up does not hold the address: its owner can still sign up", async () => {
    // Someone else starts a sign-up with this address and never gets the link.
    await app.gql(SIGN_UP, { input: { email: "owner@school.test", password: "squatter's password", name: "Squatter" } });
    await mailbox.next("owner@school.test");
    const token = await signUpThroughEmail(app, mailbox, { email: "owner@school.test", password: PASSWORD, name: "Owner" });
    expect((await app.gql(VIEWER, {}, token)).data?.viewer?.name).toBe("Owner");
  });
});

describe("bad input", () => {
  it("is a ValidationError naming every field, and writes and sends nothing", async () => {
    const before = await counts();
    const res = await app.gql(SIGN_UP, { input: { email: "not-an-email", password: "short", name: "" } });
    expect(res.data?.signUp.__typename).toBe("ValidationError");
    expect(
      failedWith(res.data?.signUp, "ValidationError")
        .issues.map((i) => i.path)
        .sort(),
    ).toEqual(["input.email", "input.name", "input.password"]);
    expect(await counts()).toEqual(before);
  });
});

describe("sign-up limits", () => {
  it("per email: the same answers, at the same attempt, for a new and a registered address; refusals cost no hash, no SQL, no email", async () => {
    const limited = await startTestApp({
      mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" },
      signUp: { perEmail: 2, perAddress: 100, windowSeconds: 3600, linkTtlMs: 3600_000 },
    });
    try {
      await signUpThroughEmail(limited, mailbox, { email: "limit-taken@school.test", password: PASSWORD, name: "Lee" });
      const run = async (email: string) => {
        const attempts = [];
        for (let i = 0; i < 3; i++) attempts.push(await observeSignUp(limited, { email, password: PASSWORD, name: "Anyone" }));
        return attempts;
      };
      // limit-taken@ already used one attempt (its own sign-up): give the new address one too.
      await limited.gql(SIGN_UP, { input: { email: "limit-new@school.test", password: PASSWORD, name: "Anyone" } });
      const [fresh, taken] = [await run("limit-new@school.test"), await run("limit-taken@school.test")];
      const kinds = (attempts: typeof fresh) => attempts.map((a) => a.res.data?.signUp.__typename);
      expect(kinds(fresh)).toEqual(["MutationSignUpSuccess", "RateLimitedError", "RateLimitedError"]);
      expect(kinds(taken)).toEqual(kinds(fresh));
      // The wait depends on when the window started, not on the address; the rest is byte for byte the same.
      const withoutWait = (body: string) => body.replace(/\d+/g, "<n>");
      expect(taken.map((a) => withoutWait(a.body))).toEqual(fresh.map((a) => withoutWait(a.body)));
      for (const refused of [...fresh.slice(1), ...taken.slice(1)]) {
        expect(refused.res.data?.signUp).toMatchObject({
          code: "RATE_LIMITED",
          message: expect.stringMatching(/^Too many attempts\. Try again in \d+ seconds\.$/),
        });
        const retryAfterSeconds = failedWith(refused.res.data?.signUp, "RateLimitedError").retryAfterSeconds;
        expect(retryAfterSeconds).toBeGreaterThan(0);
        expect(retryAfterSeconds).toBeLessThanOrEqual(3600);
        expect(refused.statements).toEqual([]);
        expect(refused.scryptCosts).toEqual([]);
      }
      await limited.services.outbox.settled();
      // Two emails each (its sign-up and the attempt that passed), none for a refused attempt.
      expect(mailbox.to("limit-new@school.test")).toHaveLength(2);
      expect(mailbox.to("limit-taken@school.test")).toHaveLength(2);
      expect(await limited.db.prisma.pendingSignUp.count({ where: { email: "limit-new@school.test" } })).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it("per client address, over real HTTP: every attempt counts, whichever the address and whatever the answer", async () => {
    const limited = await startTestApp({
      mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" },
      signUp: { perEmail: 100, perAddress: 3, windowSeconds: 3600, linkTtlMs: 3600_000 },
    });
    try {
      // Made in-process (another client address), so it uses none of 127.0.0.1's attempts.
      await signUpThroughEmail(limited, mailbox, { email: "addr-taken@school.test", password: PASSWORD, name: "Ada" });
      const overHttp = graphqlCaller(limited.url);
      const post = (email: string) => overHttp(SIGN_UP, { input: { email, password: PASSWORD, name: "Anyone" } });
      const kinds = [];
      for (const email of ["addr-taken@school.test", "addr-1@school.test", "addr-2@school.test", "addr-taken@school.test", "addr-3@school.test"]) {
        kinds.push((await post(email)).data?.signUp.__typename);
      }
      expect(kinds).toEqual(["MutationSignUpSuccess", "MutationSignUpSuccess", "MutationSignUpSuccess", "RateLimitedError", "RateLimitedError"]);
      expect(await limited.db.prisma.pendingSignUp.count()).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it("are counted in Redis when several instances run, so spreading attempts over them gains nothing", async () => {
    const prefix = uniqueRedisPrefix("sign-up");
    const [redisA, redisB] = [0, 1].map(() => connectRedis({ url: REDIS_URL, prefix, log: () => {} }));
    const admin = redisAdmin();
    try {
      await Promise.all([redisA!.firstAttempt(), redisB!.firstAttempt()]);
      const limits = { perEmail: 2, perAddress: 100, windowSeconds: 60, linkTtlMs: 3600_000 };
      const [a, b] = [createSignUpLimiter(limits, redisA), createSignUpLimiter(limits, redisB)];
      const waits = [];
      for (const limiter of [a, b, a]) waits.push(await limiter.consume("spread@school.test", "10.0.0.1"));
      expect(waits.map((wait) => wait > 0)).toEqual([false, false, true]);
      expect((await admin.keys(`${prefix}:sign-up:*`)).length).toBeGreaterThan(0);
    } finally {
      await deleteKeys(admin, prefix);
      admin.disconnect();
      await Promise.all([redisA!.close(), redisB!.close()]);
    }
  });
});

describe("without an SMTP relay", () => {
  it("writes the email, link included, to the server log, and that link finishes the sign-up", async () => {
    const local = await startTestApp();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const res = await local.gql(SIGN_UP, { input: { email: "laptop@school.test", password: PASSWORD, name: "Lap" } });
      expect(res.data?.signUp.__typename).toBe("MutationSignUpSuccess");
      // The email goes out (here: to the log) from the outbox's job, just after the answer.
      await local.services.outbox.settled();
      const logged = log.mock.calls.map((call) => String(call[0])).join("\n");
      expect(logged).toContain("SMTP_URL is not set");
      expect(logged).toContain("To: laptop@school.test");
      // No PUBLIC_URL: the link points at the address the server listens on.
      const link = new URL(logged.match(/https?:\/\/\S+\/confirm-sign-up\?token=\S+/)![0]);
      expect(link.origin).toBe(local.url);
      const confirmed = await local.gql(CONFIRM_SIGN_UP, { input: { token: link.searchParams.get("token")!, password: PASSWORD } });
      expect(succeeded(confirmed.data?.confirmSignUp).data.viewer).toEqual({ name: "Lap", email: "laptop@school.test" });
    } finally {
      log.mockRestore();
      await local.close();
    }
  });
});

describe("configuration", () => {
  it("reads the sign-up limits, the relay and the public address, and refuses what is not a URL of the right kind", () => {
    const config = loadConfig({
      SIGN_UP_ATTEMPTS_PER_EMAIL: "4",
      SIGN_UP_ATTEMPTS_PER_ADDRESS: "40",
      SIGN_UP_WINDOW_SECONDS: "600",
      SIGN_UP_LINK_TTL_HOURS: "2",
      SMTP_URL: "smtps://user:secret@mail.school.test:465",
      MAIL_FROM: "Staffroom <staffroom@school.test>",
      PUBLIC_URL: "https://staffroom.school.test/",
    });
    expect(config.signUp).toEqual({ perEmail: 4, perAddress: 40, windowSeconds: 600, linkTtlMs: 2 * 3600_000 });
    expect(config.mail).toEqual({ smtpUrl: "smtps://user:secret@mail.school.test:465", from: "Staffroom <staffroom@school.test>" });
    expect(config.publicUrl).toBe("https://staffroom.school.test");
    expect(loadConfig({}).mail.smtpUrl).toBeUndefined();
    expect(() => loadConfig({ SMTP_URL: "https://mail.school.test" })).toThrow(/SMTP_URL: must start with smtp:\/\/ or smtps:\/\//);
    expect(() => loadConfig({ PUBLIC_URL: "staffroom.school.test" })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ SIGN_UP_ATTEMPTS_PER_EMAIL: "0" })).toThrow(/SIGN_UP_ATTEMPTS_PER_EMAIL/);
  });
});
