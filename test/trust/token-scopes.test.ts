// What an API token of each single scope can and cannot read (README, "Integrators"): one table,
// a token of every scope against every read. A read is shown to a token whose scope it names, and
// to every token when it names none (the token's own school by name, a colleague's id and name);
// to no other. People are named wherever something the token may read names them (a group's
// members under GROUPS_READ, a document's creator under CONTENT_READ), and the person behind an
// activity is not withheld from a token without SCHOOL_READ.
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_SCOPES, type ApiScope } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildEveryNode, type EveryNode } from "../support/every-node.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { act, subscribeWs, wsClient } from "../support/subscriptions.ts";
import { readOutcome } from "../support/trust.ts";

let app: TestApp;
let fx: SchoolFixture;
let rows: EveryNode;
/** A teacher's own goal (a group's goal is group content as well: it takes CONTENT_READ too). */
let ownGoal: string;
beforeAll(async () => {
  app = await startTestApp();
  fx = await buildSchoolFixture(app.db.prisma, "scopes");
  rows = await buildEveryNode(app.db.prisma, fx);
  const author = fx.people.peerMember.id;
  const goal = await app.db.prisma.goal.create({
    data: {
      schoolId: fx.schoolId,
      ownerKind: "TEACHER",
      ownerUserId: author,
      createdById: author,
      title: "Cold calls",
      metric: "per lesson",
      baseline: 0,
      target: 5,
      dueDate: new Date("2027-06-30"),
      checkIns: { create: { authorId: author, value: 2 } },
    },
  });
  ownGoal = gid("Goal", goal.id);
});
afterAll(() => app?.close());

/** One read: whose token (someone who could read it with a session), the query, what shows it, and the scope it takes (null: none). */
type Read = { owner: ActorKey; query: string; variables: () => Record<string, unknown>; pick: (data: any) => unknown; scope: ApiScope | null };

const node = (fields: string) => `query($id: ID!) { node(id: $id) { ${fields} } }`;

const READS: Record<string, Read> = {
  "the token's school, by name": {
    owner: "peerMember",
    query: node("... on School { name }"),
    variables: () => ({ id: fx.schoolGid }),
    pick: (d) => d.node?.name,
    scope: null,
  },
  "a colleague's id and name": {
    owner: "peerMember",
    query: node("... on User { id name }"),
    variables: () => ({ id: fx.people.coach.gid }),
    pick: (d) => d.node?.name,
    scope: null,
  },
  "the school's staff list": {
    owner: "peerMember",
    query: node("... on School { members { totalCount edges { node { role user { name } } } } }"),
    variables: () => ({ id: fx.schoolGid }),
    pick: (d) => d.node?.members.totalCount,
    scope: "SCHOOL_READ",
  },
  "a colleague's email (an admin's token)": {
    owner: "admin",
    query: node("... on User { email }"),
    variables: () => ({ id: fx.people.peerMember.gid }),
    pick: (d) => d.node?.email,
    scope: "SCHOOL_READ",
  },
  "a group, with its school": {
    owner: "peerMember",
    query: node("... on Group { name meetingCadence school { name } }"),
    variables: () => ({ id: fx.peerGroupGid }),
    pick: (d) => d.node?.school.name,
    scope: "GROUPS_READ",
  },
  "a group's members, their ids and names": {
    owner: "peerMember",
    query: node("... on Group { members { totalCount edges { node { role user { id name } } } } }"),
    variables: () => ({ id: fx.peerGroupGid }),
    pick: (d) => d.node?.members.edges.map((e: any) => e.node.user.name),
    scope: "GROUPS_READ",
  },
  "a document and its creator": {
    owner: "peerMember",
    query: node("... on Document { title creator { id name } }"),
    variables: () => ({ id: rows.gids.Document }),
    pick: (d) => d.node?.creator.name,
    scope: "CONTENT_READ",
  },
  "feedback and its author": {
    owner: "peerMember2",
    query: node("... on Feedback { body author { id name } }"),
    variables: () => ({ id: rows.gids.Feedback }),
    pick: (d) => d.node?.author.name,
    scope: "CONTENT_READ",
  },
  "a meeting and its attendance": {
    owner: "peerMember",
    query: node("... on Session { title attendance { edges { node { status user { name } } } } }"),
    variables: () => ({ id: rows.gids.Session }),
    pick: (d) => d.node?.attendance.edges[0]?.node.user.name,
    scope: "CONTENT_READ",
  },
  "my own goal and its check-ins": {
    owner: "peerMember",
    query: node("... on Goal { title checkIns { edges { node { value author { name } } } } }"),
    variables: () => ({ id: ownGoal }),
    pick: (d) => d.node?.checkIns.edges[0]?.node.author.name,
    scope: "GOALS_READ",
  },
  "my coaching cycle (the teacher's token)": {
    owner: "peerMember",
    query: node("... on CoachingCycle { goal coach { name } }"),
    variables: () => ({ id: rows.gids.CoachingCycle }),
    pick: (d) => d.node?.coach.name,
    scope: "COACHING_READ",
  },
  "a shared insight": {
    owner: "peerMember",
    query: node("... on Insight { title }"),
    variables: () => ({ id: rows.gids.Insight }),
    pick: (d) => d.node?.title,
    scope: "INSIGHTS_READ",
  },
  "a PLC's assessment": {
    owner: "plcMember",
    query: node("... on Assessment { title }"),
    variables: () => ({ id: rows.gids.Assessment }),
    pick: (d) => d.node?.title,
    scope: "ASSESSMENTS_READ",
  },
};

const cases = API_SCOPES.flatMap((scope) => Object.entries(READS).map(([label, read]) => ({ scope, label, read })));

describe("a token holding one scope", () => {
  it.each(cases)("$scope: $label", async ({ scope, read }) => {
    const token = await fx.apiToken(read.owner, [scope]);
    const res = await app.gql(read.query, read.variables(), token);
    const expected = read.scope === null || read.scope === scope ? "shown" : "hidden";
    expect(readOutcome(res, read.pick), JSON.stringify(res)).toBe(expected);
  });

  it("every read is shown to the owner's session (the table tests scopes, not the rows)", async () => {
    for (const [label, read] of Object.entries(READS)) {
      const res = await app.gql(read.query, read.variables(), fx.people[read.owner].token);
      expect(readOutcome(res, read.pick), label).toBe("shown");
    }
  });
});

describe("feedbackActivity's actor", () => {
  const clients: Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it("names the person who gave feedback to a token without SCHOOL_READ", async () => {
    const token = await fx.apiToken("peerMember", ["CONTENT_READ"]);
    const client = wsClient(app, token);
    clients.push(client);
    const stream = subscribeWs(client, "feedbackActivity", `subscription($d: ID) { feedbackActivity(documentId: $d) { id type actor { id name } } }`, {
      d: rows.gids.Document,
    });
    await stream.untilLive(app, {
      schoolId: fx.schoolId,
      groupId: fx.peerGroupId,
      type: "FEEDBACK_ADDED",
      payload: { kind: "GLOW", documentId: rows.ids.Document! },
    });
    await act(app, fx.people.peerMember2.token, "($input: AddFeedbackInput!)", "addFeedback(input: $input)", "{ id }", {
      input: { documentId: rows.gids.Document, kind: "GLOW", body: "Clear exit ticket." },
    });
    expect(await stream.next("the feedback")).toMatchObject({
      type: "FEEDBACK_ADDED",
      actor: { id: fx.people.peerMember2.gid, name: fx.people.peerMember2.name },
    });
    stream.dispose();
  });
});
