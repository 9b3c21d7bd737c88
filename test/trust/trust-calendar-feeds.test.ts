// Trust rows for calendar feeds, for every actor of the table: who may make a feed (personal, the
// peer group's, the PLC's), who sees a CalendarFeed (its owner, signed in: never through a token,
// never someone else, and forbidden looks like missing), and what each person's feed, fetched
// over HTTP, carries of the peer group: its meeting and its action item reach the group's members
// and nobody else — not the coach, not the admin, not the PLC, whatever they lead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { graphql } from "../support/graphql.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { doneBy, readOutcome, shownTo, tokenFor, TRUST_ACTORS, writeOutcome, type TrustActor } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "trustcal");
  await app.make.session({ groupId: fx.peerGroupId, title: "Peer circle secret meeting", startsAt: new Date("2027-02-02T20:00:00Z") });
  await app.make.session({ groupId: fx.plcGroupId, title: "PLC data meeting", startsAt: new Date("2027-02-03T20:00:00Z") });
  // An item of the peer group "owned" by a leader too: a feed must still not carry it to them.
  const item = await app.make.actionItem({ groupId: fx.peerGroupId, title: "Peer circle secret item", dueDate: new Date("2027-02-04T00:00:00Z") });
  await app.db.prisma.actionItemOwner.createMany({
    data: (["peerMember", "peerMember2", "peerMember3", "coach", "admin", "plcMember"] as const).map((k) => ({
      actionItemId: item.id,
      userId: fx.people[k].id,
    })),
  });
});
afterAll(() => app?.close());

const CREATE = graphql(`
  mutation TrustCalendarCreate($input: CreateCalendarFeedInput!) {
    createCalendarFeed(input: $input) { __typename ... on MutationCreateCalendarFeedSuccess { data { url calendarFeed { id } } } ... on BaseError { code } }
  }
`);
const NODE = graphql(`
  query TrustCalendarNode($id: ID!) { node(id: $id) { ... on CalendarFeed { id kind } } }
`);
const LIST = graphql(`
  query TrustCalendarList { myCalendarFeeds { id } }
`);
const REVOKE = graphql(`
  mutation TrustCalendarRevoke($id: ID!) {
    revokeCalendarFeed(calendarFeedId: $id) { __typename ... on BaseError { code } }
  }
`);

async function tokenOf(actor: TrustActor) {
  return tokenFor(fx, actor, "peerMember", "CONTENT_READ");
}

async function create(actor: TrustActor, input: { schoolId?: string; groupId?: string }) {
  return app.gql(CREATE, { input }, await tokenOf(actor));
}

describe("making a calendar feed", () => {
  const rows = {
    personal: {
      input: () => ({ schoolId: fx.schoolGid }),
      who: doneBy("peerMember", "peerMember2", "peerMember3", "plcFacilitator", "plcMember", "otherTeacher", "coach", "admin"),
    },
    "the peer group's": { input: () => ({ groupId: fx.peerGroupGid }), who: doneBy("peerMember", "peerMember2", "peerMember3") },
    "the PLC's": { input: () => ({ groupId: fx.plcGroupGid }), who: doneBy("plcFacilitator", "plcMember") },
  };
  for (const [name, row] of Object.entries(rows)) {
    it(`${name}: only those it is for, signed in (never with an API token)`, async () => {
      const seen: Record<string, string> = {};
      for (const actor of TRUST_ACTORS) seen[actor] = writeOutcome(await create(actor, row.input()), "createCalendarFeed");
      expect(seen).toEqual(row.who);
    });
  }
});

describe("a CalendarFeed", () => {
  it("is seen by its owner only; for anyone else it is as missing as an id that never was", async () => {
    const made = await create("peerMember", { groupId: fx.peerGroupGid });
    const id = made.data?.createCalendarFeed.__typename === "MutationCreateCalendarFeedSuccess" ? made.data.createCalendarFeed.data.calendarFeed.id : "";
    expect(id).not.toBe("");
    const seen: Record<string, string> = {};
    for (const actor of TRUST_ACTORS)
      seen[actor] = readOutcome(await app.gql(NODE, { id }, await tokenOf(actor)), (d) => (d.node && "id" in d.node ? d.node.id : null));
    expect(seen).toEqual(shownTo("peerMember"));
    const missing = gid("CalendarFeed", "00000000-0000-4000-8000-000000000000");
    for (const actor of ["coach", "admin", "peerMember2"] as const) {
      expect(await app.gql(NODE, { id }, fx.people[actor].token)).toEqual(await app.gql(NODE, { id: missing }, fx.people[actor].token));
      const revoke = await app.gql(REVOKE, { id }, fx.people[actor].token);
      const revokeMissing = await app.gql(REVOKE, { id: missing }, fx.people[actor].token);
      expect(revoke.data?.revokeCalendarFeed).toEqual(revokeMissing.data?.revokeCalendarFeed);
    }
    const listed: Record<string, string> = {};
    for (const actor of TRUST_ACTORS)
      listed[actor] = readOutcome(await app.gql(LIST, undefined, await tokenOf(actor)), (d) => d.myCalendarFeeds.some((f) => f.id === id));
    expect(listed).toEqual(shownTo("peerMember"));
  });
});

describe("what a feed carries, fetched over HTTP", () => {
  it("a peer group's meeting and action item reach its members' feeds and no one else's", async () => {
    const people: ActorKey[] = ["peerMember", "peerMember2", "peerMember3", "plcFacilitator", "plcMember", "otherTeacher", "coach", "admin"];
    const meeting: Record<string, string> = {};
    const item: Record<string, string> = {};
    const plc: Record<string, string> = {};
    for (const actor of people) {
      const made = await create(actor, { schoolId: fx.schoolGid });
      const url = made.data?.createCalendarFeed.__typename === "MutationCreateCalendarFeedSuccess" ? made.data.createCalendarFeed.data.url : "";
      const res = await fetch(`${app.url}${new URL(url).pathname}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      meeting[actor] = body.includes("Peer circle secret meeting") ? "shown" : "hidden";
      item[actor] = body.includes("Peer circle secret item") ? "shown" : "hidden";
      plc[actor] = body.includes("PLC data meeting") ? "shown" : "hidden";
    }
    const only = (...who: ActorKey[]) => Object.fromEntries(people.map((a) => [a, who.includes(a) ? "shown" : "hidden"]));
    expect(meeting).toEqual(only("peerMember", "peerMember2", "peerMember3"));
    expect(item).toEqual(only("peerMember", "peerMember2", "peerMember3"));
    // The coach and admin may read the PLC, but it is not theirs: their feed is their own groups'.
    expect(plc).toEqual(only("plcFacilitator", "plcMember"));
  });

  it("a member's group feed goes silent (404) when they are removed, and another school's admin never had one", async () => {
    const made = await create("peerMember3", { groupId: fx.peerGroupGid });
    const url = made.data?.createCalendarFeed.__typename === "MutationCreateCalendarFeedSuccess" ? made.data.createCalendarFeed.data.url : "";
    const path = new URL(url).pathname;
    expect((await fetch(`${app.url}${path}`)).status).toBe(200);
    await app.db.prisma.groupMember.deleteMany({ where: { groupId: fx.peerGroupId, userId: fx.people.peerMember3.id } });
    const gone = await fetch(`${app.url}${path}`);
    const neverWas = await fetch(`${app.url}/calendar/src_${"B".repeat(43)}.ics`);
    expect([gone.status, await gone.text()]).toEqual([neverWas.status, await neverWas.text()]);
    expect(gone.status).toBe(404);
  });
});
