// Who reads which email in the app's outbox (policies/emails.ts): its recipient; a school's admins
// the school's account emails; nobody else, and never another person's notification or digest
// (they can carry a peer group's words). An email you may not read answers exactly like one that
// does not exist, by id and in every list and count.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { buildSchoolFixture, gid, type SchoolFixture } from "../support/school-fixture.ts";
import { shownTo, TABLE_ACTORS, tokenFor, type TrustActor } from "../support/trust.ts";

const EMAIL_BY_ID = graphql(`
  query TrustEmailById($id: ID!) {
    node(id: $id) {
      __typename
      ... on EmailMessage {
        subject
      }
    }
  }
`);

const SCHOOL_OUTBOX = graphql(`
  query TrustSchoolOutbox($school: ID!) {
    node(id: $school) {
      ... on School {
        emailOutbox(first: 50) {
          totalCount
          edges {
            node {
              id
            }
          }
        }
      }
    }
  }
`);

const MY_EMAILS = graphql(`
  query TrustMyEmails {
    myEmails(first: 50) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

let app: TestApp;
let fx: SchoolFixture;
const rows: Record<string, { id: string; gid: string }> = {};

async function email(
  key: string,
  data: { userId: string | null; schoolId: string | null; kind: "INVITATION" | "PASSWORD_RESET" | "ACCOUNT_NOTICE" | "NOTIFICATION" | "DIGEST" },
) {
  const row = await app.db.prisma.emailMessage.create({
    data: {
      ...data,
      idempotencyKey: `trust:${key}:${randomUUID()}`,
      address: `${key}@trust.test`,
      subject: `secret ${key}`,
      text: "peer words",
      html: "<p>peer words</p>",
      status: "SENT",
    },
  });
  rows[key] = { id: row.id, gid: gid("EmailMessage", row.id) };
}

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "trust-emails");
  // A peer member's notification (it may quote the peer group), an invitation of the school, a
  // password reset of the teacher, and a notice in the other school.
  await email("peerNotification", { userId: fx.people.peerMember.id, schoolId: fx.schoolId, kind: "NOTIFICATION" });
  await email("peerDigest", { userId: fx.people.peerMember.id, schoolId: fx.schoolId, kind: "DIGEST" });
  await email("invitation", { userId: null, schoolId: fx.schoolId, kind: "INVITATION" });
  await email("teacherReset", { userId: fx.people.otherTeacher.id, schoolId: fx.schoolId, kind: "PASSWORD_RESET" });
  await email("otherSchoolNotice", { userId: null, schoolId: fx.otherSchoolId, kind: "ACCOUNT_NOTICE" });
});
afterAll(() => app?.close());

// Integrators' tokens read no email at all: account emails hold links that set passwords.
const EXPECTED: Record<string, Record<TrustActor, "shown" | "hidden">> = {
  peerNotification: shownTo("peerMember"),
  peerDigest: shownTo("peerMember"),
  invitation: shownTo("admin"),
  teacherReset: shownTo("otherTeacher", "admin"),
  otherSchoolNotice: shownTo("otherSchoolAdmin"),
};

describe("reading emails in the app", () => {
  for (const [key, expected] of Object.entries(EXPECTED)) {
    it(`${key}: ${Object.entries(expected)
      .filter(([, v]) => v === "shown")
      .map(([a]) => a)
      .join(", ")} may read it; to everyone else it looks missing`, async () => {
      const missing = gid("EmailMessage", randomUUID());
      for (const actor of TABLE_ACTORS) {
        const token = await tokenFor(fx, actor, "admin", "SCHOOL_READ");
        const seen = await app.gql(EMAIL_BY_ID, { id: rows[key]!.gid }, token ?? undefined);
        const outcome = seen.data?.node ? "shown" : "hidden";
        expect([actor, outcome]).toEqual([actor, expected[actor]]);
        if (outcome === "hidden") {
          // Forbidden and missing answer byte for byte alike.
          const absent = await app.gql(EMAIL_BY_ID, { id: missing }, token ?? undefined);
          expect([actor, JSON.stringify(seen)]).toEqual([actor, JSON.stringify(absent)]);
        }
      }
    });
  }

  it("the school's outbox holds its account emails, for its admins only (never notifications or digests); myEmails holds one's own", async () => {
    const outboxIds = async (token: string | undefined, school = fx.schoolGid) => {
      const res = await app.gql(SCHOOL_OUTBOX, { school }, token);
      const box = (res.data?.node as { emailOutbox?: { totalCount: number; edges: { node: { id: string } }[] } } | null)?.emailOutbox;
      return box ? { count: box.totalCount, ids: box.edges.map((e) => e.node.id).sort() } : null;
    };
    expect(await outboxIds(fx.people.admin.token)).toEqual({ count: 2, ids: [rows.invitation!.gid, rows.teacherReset!.gid].sort() });
    for (const actor of ["coach", "peerMember", "otherTeacher", "plcFacilitator"] as const) {
      expect([actor, await outboxIds(fx.people[actor].token)]).toEqual([actor, { count: 0, ids: [] }]);
    }
    // An integrator's token with every read scope of the admin sees no email either.
    const adminToken = await tokenFor(fx, "tokenWithScope", "admin", "SCHOOL_READ");
    expect(await outboxIds(adminToken!)).toEqual({ count: 0, ids: [] });

    const mine = async (token: string) => {
      const res = await app.gql(MY_EMAILS, {}, token);
      return { count: res.data!.myEmails.totalCount, ids: res.data!.myEmails.edges.map((e) => e.node.id).sort() };
    };
    expect(await mine(fx.people.peerMember.token)).toEqual({ count: 2, ids: [rows.peerNotification!.gid, rows.peerDigest!.gid].sort() });
    expect(await mine(fx.people.admin.token)).toEqual({ count: 0, ids: [] });
  });
});
