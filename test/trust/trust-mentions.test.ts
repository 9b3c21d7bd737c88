// Trust rows for @mentions (issue 13, items 4 and 6): `Document.mentionCandidates` lists exactly
// the people a mention would reach (never leadership for a peer group's content, shared or not,
// never someone outside it, never a deactivated person) and only to someone who can write it; a caller who may
// not read the document cannot tell it from one that does not exist; and a mention notifies
// exactly the readers it names, whoever else it names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { AddFeedback, succeeded } from "../support/operations.ts";
import { ACTOR_KEYS, buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { TRUST_ACTORS, tokenFor, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;

type Scenario = {
  name: string;
  group: "peer" | "plc";
  kind: "LESSON_PLAN" | "MEETING_NOTES" | "REFLECTION";
  shared: boolean;
  readers: ActorKey[];
  writers: ActorKey[];
  /**
   * Whom a mention reaches (suggested and notified), when not every reader: leaders read a peer
   * document the group shared, but no notification about a peer group's content ever reaches
   * leadership (policies/notifications.ts), so they are not offered either.
   */
  mentionable?: ActorKey[];
};
const peerMembers: ActorKey[] = ["peerMember", "peerMember2", "peerMember3"];
const SCENARIOS: Scenario[] = [
  { name: "peer lesson plan", group: "peer", kind: "LESSON_PLAN", shared: false, readers: peerMembers, writers: peerMembers },
  {
    name: "peer plan shared with coaches",
    group: "peer",
    kind: "LESSON_PLAN",
    shared: true,
    readers: [...peerMembers, "coach", "admin"],
    writers: peerMembers,
    mentionable: peerMembers,
  },
  {
    name: "PLC notes",
    group: "plc",
    kind: "MEETING_NOTES",
    shared: false,
    readers: ["plcFacilitator", "plcMember", "coach", "admin"],
    writers: ["plcFacilitator", "plcMember", "coach", "admin"],
  },
  { name: "reflection", group: "peer", kind: "REFLECTION", shared: false, readers: ["peerMember"], writers: ["peerMember"] },
];
const docs = new Map<string, { id: string; gid: string }>();

beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "trustmentions");
  for (const s of SCENARIOS) docs.set(s.name, await fx.newDocument({ group: s.group, kind: s.kind, shared: s.shared, creator: s.writers[0] }));
});
afterAll(() => app?.close());

const CANDIDATES = graphql(`
  query TrustMentionCandidates($id: ID!) {
    node(id: $id) {
      ... on Document {
        id
        mentionCandidates(first: 20) {
          id
        }
      }
    }
  }
`);

const MISSING_DOCUMENT = gid("Document", "00000000-0000-4000-8000-00000000abcd");

describe.each(SCENARIOS)("mentionCandidates on a $name", (scenario) => {
  it.each(TRUST_ACTORS)("as %s: whom a mention reaches (without the asker) to a writer, nothing to anyone else", async (actor: TrustActor) => {
    const doc = docs.get(scenario.name)!;
    const token = await tokenFor(fx, actor, scenario.writers[0]!, "CONTENT_WRITE");
    const result = await app.gql(CANDIDATES, { id: doc.gid }, token);
    const node = result.data?.node;
    const person = (ACTOR_KEYS as readonly string[]).includes(actor) ? (actor as ActorKey) : actor === "tokenWithScope" ? scenario.writers[0]! : null;
    const writes = actor === "tokenWithScope" || (person !== null && actor !== "tokenWithoutScope" && scenario.writers.includes(person));
    if (writes) {
      const expected = (scenario.mentionable ?? scenario.readers).filter((r) => r !== person).map((r) => fx.people[r].gid);
      expect(node && "mentionCandidates" in node ? node.mentionCandidates.map((u) => u.id).sort() : null).toEqual(expected.sort());
    } else if (node && "mentionCandidates" in node) {
      // Can read, cannot write (a leader reading something shared, a token without the scope): no roster.
      expect(node.mentionCandidates).toEqual([]);
    } else {
      // Forbidden looks exactly like missing.
      expect(result).toEqual(await app.gql(CANDIDATES, { id: MISSING_DOCUMENT }, token));
    }
  });
});

describe.each(SCENARIOS)("a feedback mention on a $name", (scenario) => {
  it("notifies exactly the readers it names who may hear of it, never anyone else", async () => {
    const doc = docs.get(scenario.name)!;
    const writer = scenario.writers[0]!;
    if (scenario.kind === "REFLECTION") return expect(scenario.readers).toEqual([writer]); // nobody gives feedback on a reflection but its author
    const added = succeeded(
      (
        await app.gql(
          AddFeedback,
          { input: { documentId: doc.gid, kind: "NOTE", body: "@everyone", mentionIds: ACTOR_KEYS.map((k) => fx.people[k].gid) } },
          fx.people[writer].token,
        )
      ).data?.addFeedback,
    );
    const feedbackId = Buffer.from(added.data.id, "base64").toString("utf8").split(":")[1]!;
    const rows = await app.db.prisma.notification.findMany({ where: { kind: "MENTIONED", feedbackId }, select: { recipientId: true } });
    const expected = (scenario.mentionable ?? scenario.readers).filter((r) => r !== writer).map((r) => fx.people[r].id);
    expect(rows.map((r) => r.recipientId).sort()).toEqual(expected.sort());
  });
});

it("a deactivated reader is neither suggested nor notified", async () => {
  const doc = docs.get("peer lesson plan")!;
  await app.db.prisma.schoolMember.updateMany({ where: { userId: fx.people.peerMember3.id }, data: { deactivatedAt: new Date() } });
  try {
    const result = await app.gql(CANDIDATES, { id: doc.gid }, fx.people.peerMember.token);
    const node = result.data?.node;
    expect(node && "mentionCandidates" in node ? node.mentionCandidates.map((u) => u.id) : null).toEqual([fx.people.peerMember2.gid]);
    const added = succeeded(
      (
        await app.gql(
          AddFeedback,
          { input: { documentId: doc.gid, kind: "NOTE", body: "@peerMember3", mentionIds: [fx.people.peerMember3.gid] } },
          fx.people.peerMember.token,
        )
      ).data?.addFeedback,
    );
    const feedbackId = Buffer.from(added.data.id, "base64").toString("utf8").split(":")[1]!;
    expect(await app.db.prisma.notification.count({ where: { kind: "MENTIONED", feedbackId } })).toBe(0);
  } finally {
    await app.db.prisma.schoolMember.updateMany({ where: { userId: fx.people.peerMember3.id }, data: { deactivatedAt: null } });
  }
});
