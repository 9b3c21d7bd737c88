// Email through the transactional outbox, over real SMTP (support/smtp.ts): invitation and
// password-reset emails arrive with their text and HTML parts and links that work in the app;
// every attempt carries the row's Message-ID; a relay that refuses (451) is retried with backoff
// and nothing is lost; the outbox shows each email's status to the school's admins; a queue of
// emails drains one after another, not one per poll interval.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { eventually } from "../support/collab.ts";
import { graphql } from "../support/graphql.ts";
import { ACCEPT_INVITATION, invite, tokenOf } from "../support/invitations.ts";
import { MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { linkIn, startMailbox, type Mailbox } from "../support/smtp.ts";

const REQUEST_RESET = graphql(
  `
  mutation OutboxRequestReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);

const RESET = graphql(
  `
  mutation OutboxReset($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);

const SCHOOL_OUTBOX = graphql(`
  query SchoolOutboxForTest($school: ID!, $kind: EmailKind) {
    node(id: $school) {
      ... on School {
        emailOutbox(first: 50, kind: $kind) {
          totalCount
          edges {
            node {
              id
              to
              kind
              subject
              status
              attempts
              lastError
            }
          }
        }
      }
    }
  }
`);

const PASSWORD = "correct horse battery";
let mailbox: Mailbox;
let app: TestApp;
let fx: SchoolFixture;

beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startTestApp({
    mail: { smtpUrl: mailbox.url, from: "Staffroom <staffroom@school.test>" },
    // Fast polls and one-second backoff steps, so retries happen within the test.
    jobs: { pollIntervalMs: 500, retryLimit: 6, retryDelaySeconds: 1, expireSeconds: 60, maintenanceIntervalSeconds: 60 },
  });
  fx = await buildSchoolFixture(app.db.prisma, "outbox");
  // A name someone typed, with markup in it: it must arrive as text, never as HTML.
  await app.db.prisma.school.update({ where: { id: fx.schoolId }, data: { name: `Lake <b>"View"</b> & Co` } });
});
afterAll(async () => {
  await app?.close();
  await mailbox?.close();
});

const outbox = async (kind?: "INVITATION" | "NOTIFICATION") => {
  const res = await app.gql(SCHOOL_OUTBOX, { school: fx.schoolGid, kind: kind ?? null }, fx.people.admin.token);
  const school = res.data?.node as {
    emailOutbox: { totalCount: number; edges: { node: { to: string; status: string; attempts: number; lastError: string | null; kind: string } }[] };
  };
  return school.emailOutbox;
};

describe("emails over SMTP", () => {
  it("an invitation arrives as text and HTML with the school's name escaped, its Message-ID recorded, and its link joins the school", async () => {
    const [sent] = await invite(app, fx.people.admin.token, fx.schoolGid, ["nadia@outbox.test"]);
    const email = await mailbox.next("nadia@outbox.test");
    expect(email.to).toEqual(["nadia@outbox.test"]);
    expect(email.from).toBe('"Staffroom" <staffroom@school.test>');
    expect(email.subject).toBe(`Join Lake <b>"View"</b> & Co on Staffroom`);
    expect(email.text).toContain(`to join Lake <b>"View"</b> & Co on Staffroom as a teacher`);
    expect(email.html).toContain("Lake &#60;b&#62;&#34;View&#34;&#60;/b&#62; &#38; Co");
    expect(email.html).not.toContain("<b>");
    const link = email.text.match(/https?:\/\/\S+\/invitations\/\S+/)![0];
    expect(link).toBe(sent!.link);
    expect(email.html).toContain(`<a href="${link}">`);

    await app.services.outbox.settled();
    const row = await app.db.prisma.emailMessage.findFirstOrThrow({ where: { address: "nadia@outbox.test" } });
    expect(row).toMatchObject({ kind: "INVITATION", status: "SENT", attempts: 1, schoolId: fx.schoolId, lastError: null });
    expect(email.messageId).toBe(row.messageId);

    // The link opens the app's page, and its token joins the school.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const accepted = await app.gql(ACCEPT_INVITATION, { input: { token: tokenOf(link), name: "Nadia", password: PASSWORD } });
    expect(succeeded(accepted.data?.acceptInvitation).data.viewer.email).toBe("nadia@outbox.test");
  });

  it("a password-reset email arrives with a link that sets the new password, and the change is told by email too", async () => {
    const person = fx.people.otherTeacher;
    expect((await app.gql(REQUEST_RESET, { input: { email: person.email } })).data?.requestPasswordReset.__typename).toBe(
      "MutationRequestPasswordResetSuccess",
    );
    const email = await mailbox.next(person.email);
    expect(email.subject).toBe("Set a new Staffroom password");
    const link = linkIn(email, "/reset-password")!;
    expect(email.html).toContain(`<a href="${link.href.replaceAll("&", "&#38;")}">`);
    expect((await fetch(link)).status).toBe(200);
    const reset = await app.gql(RESET, { input: { token: link.searchParams.get("token")!, password: "a brand new passphrase" } });
    expect(reset.data?.resetPassword.__typename).toBe("MutationResetPasswordSuccess");
    expect((await mailbox.next(person.email)).subject).toBe("Your Staffroom password was changed");
    await app.services.outbox.settled();
    const rows = await app.db.prisma.emailMessage.findMany({ where: { address: person.email }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.kind, r.status, r.userId, r.schoolId])).toEqual([
      ["PASSWORD_RESET", "SENT", person.id, fx.schoolId],
      ["ACCOUNT_NOTICE", "SENT", person.id, fx.schoolId],
    ]);
  });
});

describe("when the relay refuses", () => {
  it("retries with backoff while the relay answers 451, loses nothing, delivers once it accepts, and the outbox shows each state", async () => {
    mailbox.behave("refuse");
    const refusedBefore = mailbox.attemptsNotDelivered;
    await invite(app, fx.people.admin.token, fx.schoolGid, ["omar@outbox.test", "pia@outbox.test"]);
    // Two failed attempts each at least: the first and a retry after its backoff.
    await eventually(
      async () => {
        const rows = await app.db.prisma.emailMessage.findMany({ where: { address: { in: ["omar@outbox.test", "pia@outbox.test"] } } });
        return rows.length === 2 && rows.every((row) => row.attempts >= 2);
      },
      "two attempts for each email",
      30_000,
    );
    expect(mailbox.attemptsNotDelivered - refusedBefore).toBeGreaterThanOrEqual(2);
    const waiting = (await outbox("INVITATION")).edges.map((e) => e.node).filter((n) => n.to.endsWith("@outbox.test") && n.to !== "nadia@outbox.test");
    expect(waiting.map((n) => n.status)).toEqual(["QUEUED", "QUEUED"]);
    for (const n of waiting) expect(n.lastError).toMatch(/451/);
    expect(mailbox.to("omar@outbox.test")).toEqual([]);

    mailbox.behave("accept");
    const [omar, pia] = [await mailbox.next("omar@outbox.test", 30_000), await mailbox.next("pia@outbox.test", 30_000)];
    expect(omar.subject).toMatch(/^Join Lake/);
    expect(pia.subject).toMatch(/^Join Lake/);
    await app.services.outbox.settled();
    const rows = await app.db.prisma.emailMessage.findMany({
      where: { address: { in: ["omar@outbox.test", "pia@outbox.test"] } },
      orderBy: { address: "asc" },
    });
    expect(rows.map((r) => r.status)).toEqual(["SENT", "SENT"]);
    // Every attempt carried the same Message-ID: the one that arrived.
    expect(rows.map((r) => r.messageId)).toEqual([omar.messageId, pia.messageId]);
    // Delivered once each: no attempt after the one the relay accepted.
    expect(mailbox.to("omar@outbox.test")).toHaveLength(1);
    expect(mailbox.to("pia@outbox.test")).toHaveLength(1);
    expect((await outbox("INVITATION")).edges.filter((e) => e.node.to === "omar@outbox.test").map((e) => e.node.status)).toEqual(["SENT"]);
  });
});

describe("a queue of emails", () => {
  it("is sent one after another, not one per poll: six invitations at once all arrive long before the next poll", async () => {
    const relay = await startMailbox();
    // A poll interval far longer than the wait below: only fetching again after each job
    // (instead of after each interval) gets all six out in time.
    const slowPolls = await startTestApp({
      mail: { smtpUrl: relay.url, from: "Staffroom <staffroom@school.test>" },
      jobs: { pollIntervalMs: 120_000, retryLimit: 1, retryDelaySeconds: 1, expireSeconds: 60, maintenanceIntervalSeconds: 60 },
    });
    try {
      const school = await buildSchoolFixture(slowPolls.db.prisma, "queue");
      const addresses = Array.from({ length: 6 }, (_, i) => `queued-${i}@school.test`);
      await invite(slowPolls, school.people.admin.token, school.schoolGid, addresses);
      const arrived = await Promise.all(addresses.map((address) => relay.next(address, 30_000)));
      expect(arrived.map((email) => email.to)).toEqual(addresses.map((address) => [address]));
    } finally {
      await slowPolls.close();
      await relay.close();
    }
  });
});
