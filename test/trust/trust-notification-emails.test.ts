// The emails notification delivery writes (a reply emailed at once, a daily digest), made by the
// real jobs: in the app's outbox each is read by its recipient only — not by the school's admins
// (they quote a peer group's documents), not by an integrator's token — and to everyone else it
// answers exactly like an email that does not exist.
import { randomUUID } from "node:crypto";
import { sendDailyDigests } from "@staffroom/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { eventually } from "../support/collab.ts";
import { graphql } from "../support/graphql.ts";
import { AddFeedback, dataOf, MutationError, succeeded } from "../support/operations.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { shownTo, TABLE_ACTORS, tokenFor, type TrustActor } from "../support/trust.ts";

const EMAIL_BY_ID = graphql(`
  query TrustNotificationEmailById($id: ID!) {
    node(id: $id) {
      __typename
      ... on EmailMessage {
        subject
      }
    }
  }
`);
const REPLY = graphql(
  `
  mutation TrustNotificationEmailReply($id: ID!, $body: String!) {
    replyToFeedback(feedbackId: $id, body: $body) {
      __typename
      ...MutationError
    }
  }
`,
  [MutationError],
);

let app: TestApp;
let fx: SchoolFixture;
const rows: Record<"reply" | "digest", string> = { reply: "", digest: "" };

beforeAll(async () => {
  app = await startTestApp({ jobs: { pollIntervalMs: 500, retryLimit: 2, retryDelaySeconds: 1, expireSeconds: 60, maintenanceIntervalSeconds: 60 } });
  fx = await buildSchoolFixture(app.db.prisma, "trust-notification-emails");
  // Noon in the school now: its digest is due.
  const offset = ((12 - new Date().getUTCHours() + 36) % 24) - 12;
  await app.db.prisma.school.update({
    where: { id: fx.schoolId },
    data: { timeZone: offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}` },
  });
  const doc = await fx.newDocument({ title: "Peer words in a title" });
  // peerMember2's feedback on peerMember's document (peerMember: the digest), peerMember3's reply (peerMember2: email at once).
  const thread = succeeded(
    dataOf(await app.gql(AddFeedback, { input: { documentId: doc.gid, kind: "GLOW", body: "Clear." } }, fx.people.peerMember2.token)).addFeedback,
  );
  succeeded(dataOf(await app.gql(REPLY, { id: thread.data.id, body: "Thanks." }, fx.people.peerMember3.token)).replyToFeedback);
  await eventually(
    async () => (await app.db.prisma.emailMessage.count({ where: { userId: fx.people.peerMember2.id, kind: "NOTIFICATION" } })) === 1,
    "the reply's email",
    20_000,
  );
  await sendDailyDigests(app.services, new Date());
  const [reply] = await app.db.prisma.emailMessage.findMany({ where: { userId: fx.people.peerMember2.id, kind: "NOTIFICATION" } });
  const [digest] = await app.db.prisma.emailMessage.findMany({ where: { userId: fx.people.peerMember.id, kind: "DIGEST" } });
  rows.reply = gid("EmailMessage", reply!.id);
  rows.digest = gid("EmailMessage", digest!.id);
  expect(digest!.text).toContain("Peer words in a title");
});
afterAll(() => app?.close());

const EXPECTED: Record<keyof typeof rows, Record<TrustActor, "shown" | "hidden">> = {
  reply: shownTo("peerMember2"),
  digest: shownTo("peerMember"),
};

describe("notification emails in the outbox", () => {
  for (const [key, expected] of Object.entries(EXPECTED) as [keyof typeof rows, Record<TrustActor, "shown" | "hidden">][]) {
    it(`${key}: only its recipient may read it; to everyone else it looks missing`, async () => {
      const missing = gid("EmailMessage", randomUUID());
      for (const actor of TABLE_ACTORS) {
        const token = await tokenFor(fx, actor, "admin", "SCHOOL_READ");
        const seen = await app.gql(EMAIL_BY_ID, { id: rows[key] }, token ?? undefined);
        const outcome = seen.data?.node ? "shown" : "hidden";
        expect([actor, outcome]).toEqual([actor, expected[actor]]);
        if (outcome === "hidden") {
          const absent = await app.gql(EMAIL_BY_ID, { id: missing }, token ?? undefined);
          expect([actor, JSON.stringify(seen)]).toEqual([actor, JSON.stringify(absent)]);
        }
      }
    });
  }
});
