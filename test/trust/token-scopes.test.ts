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
import { graphql } from "../support/graphql.ts";
import type { GqlArgs, TypedDocument } from "../support/graphql-http.ts";
import { AddFeedback, asNode } from "../support/operations.ts";

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
  const goal = await app.make.goal({
    schoolId: fx.schoolId,
    ownerKind: "TEACHER",
    ownerUserId: author,
    createdById: author,
    title: "Cold calls",
    metric: "per lesson",
    baseline: 0,
    target: 5,
    dueDate: new Date("2027-06-30"),
  });
  await app.make.goalCheckIn({ goalId: goal.id, authorId: author, value: 2 });
  ownGoal = gid("Goal", goal.id);
});
afterAll(() => app?.close());

/** One read: whose token (someone who could read it with a session), what shows it, and the scope it takes (null: none). */
type Read = { owner: ActorKey; scope: ApiScope | null; call: (token: string) => Promise<{ result: unknown; outcome: "shown" | "hidden" }> };

/** A row of the table: the typed query, its variables, and what of its answer shows the read. */
function read<R, V>(row: { owner: ActorKey; query: TypedDocument<R, V>; variables: () => V; pick: (data: R) => unknown; scope: ApiScope | null }): Read {
  return {
    owner: row.owner,
    scope: row.scope,
    call: async (token) => {
      const result = await app.gql(row.query, ...([row.variables(), token] as GqlArgs<V>));
      return { result, outcome: readOutcome(result, row.pick) };
    },
  };
}

const READS: Record<string, Read> = {
  "the token's school, by name": read({
    owner: "peerMember",
    query: graphql(`
      query ScopeSchoolName($id: ID!) {
        node(id: $id) {
          ... on School {
            name
          }
        }
      }
    `),
    variables: () => ({ id: fx.schoolGid }),
    pick: (d) => asNode(d.node, "School")?.name,
    scope: null,
  }),
  "a colleague's id and name": read({
    owner: "peerMember",
    query: graphql(`
      query ScopeColleagueName($id: ID!) {
        node(id: $id) {
          ... on User {
            id
            name
          }
        }
      }
    `),
    variables: () => ({ id: fx.people.coach.gid }),
    pick: (d) => asNode(d.node, "User")?.name,
    scope: null,
  }),
  "the school's staff list": read({
    owner: "peerMember",
    query: graphql(`
      query ScopeStaffList($id: ID!) {
        node(id: $id) {
          ... on School {
            members {
              totalCount
              edges {
                node {
                  role
                  user {
                    name
                  }
                }
              }
            }
          }
        }
      }
    `),
    variables: () => ({ id: fx.schoolGid }),
    pick: (d) => asNode(d.node, "School")?.members.totalCount,
    scope: "SCHOOL_READ",
  }),
  "a colleague's email (an admin's token)": read({
    owner: "admin",
    query: graphql(`
      query ScopeColleagueEmail($id: ID!) {
        node(id: $id) {
          ... on User {
            email
          }
        }
      }
    `),
    variables: () => ({ id: fx.people.peerMember.gid }),
    pick: (d) => asNode(d.node, "User")?.email,
    scope: "SCHOOL_READ",
  }),
  "a group, with its school": read({
    owner: "peerMember",
    query: graphql(`
      query ScopeGroupSchool($id: ID!) {
        node(id: $id) {
          ... on Group {
            name
            meetingCadence
            school {
              name
            }
          }
        }
      }
    `),
    variables: () => ({ id: fx.peerGroupGid }),
    pick: (d) => asNode(d.node, "Group")?.school.name,
    scope: "GROUPS_READ",
  }),
  "a group's members, their ids and names": read({
    owner: "peerMember",
    query: graphql(`
      query ScopeGroupMembers($id: ID!) {
        node(id: $id) {
          ... on Group {
            members {
              totalCount
              edges {
                node {
                  role
                  user {
                    id
                    name
                  }
                }
              }
            }
          }
        }
      }
    `),
    variables: () => ({ id: fx.peerGroupGid }),
    pick: (d) => asNode(d.node, "Group")?.members.edges.map((e) => e.node.user.name),
    scope: "GROUPS_READ",
  }),
  "a document and its creator": read({
    owner: "peerMember",
    query: graphql(`
      query ScopeDocumentCreator($id: ID!) {
        node(id: $id) {
          ... on Document {
            title
            creator {
              id
              name
            }
          }
        }
      }
    `),
    variables: () => ({ id: rows.gids.Document! }),
    pick: (d) => asNode(d.node, "Document")?.creator.name,
    scope: "CONTENT_READ",
  }),
  "feedback and its author": read({
    owner: "peerMember2",
    query: graphql(`
      query ScopeFeedbackAuthor($id: ID!) {
        node(id: $id) {
          ... on Feedback {
            body
            author {
              id
              name
            }
          }
        }
      }
    `),
    variables: () => ({ id: rows.gids.Feedback! }),
    pick: (d) => asNode(d.node, "Feedback")?.author.name,
    scope: "CONTENT_READ",
  }),
  "a meeting and its attendance": read({
    owner: "peerMember",
    query: graphql(`
      query ScopeMeetingAttendance($id: ID!) {
        node(id: $id) {
          ... on Session {
            title
            attendance {
              edges {
                node {
                  status
                  user {
                    name
                  }
                }
              }
            }
          }
        }
      }
    `),
    variables: () => ({ id: rows.gids.Session! }),
    pick: (d) => asNode(d.node, "Session")?.attendance.edges[0]?.node.user.name,
    scope: "CONTENT_READ",
  }),
  "my own goal and its check-ins": read({
    owner: "peerMember",
    query: graphql(`
      query ScopeOwnGoal($id: ID!) {
        node(id: $id) {
          ... on Goal {
            title
            checkIns {
              edges {
                node {
                  value
                  author {
                    name
                  }
                }
              }
            }
          }
        }
      }
    `),
    variables: () => ({ id: ownGoal }),
    pick: (d) => asNode(d.node, "Goal")?.checkIns.edges[0]?.node.author.name,
    scope: "GOALS_READ",
  }),
  "my coaching cycle (the teacher's token)": read({
    owner: "peerMember",
    query: graphql(`
      query ScopeCoachingCycle($id: ID!) {
        node(id: $id) {
          ... on CoachingCycle {
            goal
            coach {
              name
            }
          }
        }
      }
    `),
    variables: () => ({ id: rows.gids.CoachingCycle! }),
    pick: (d) => asNode(d.node, "CoachingCycle")?.coach.name,
    scope: "COACHING_READ",
  }),
  "a shared insight": read({
    owner: "peerMember",
    query: graphql(`
      query ScopeInsight($id: ID!) {
        node(id: $id) {
          ... on Insight {
            title
          }
        }
      }
    `),
    variables: () => ({ id: rows.gids.Insight! }),
    pick: (d) => asNode(d.node, "Insight")?.title,
    scope: "INSIGHTS_READ",
  }),
  "a PLC's assessment": read({
    owner: "plcMember",
    query: graphql(`
      query ScopeAssessment($id: ID!) {
        node(id: $id) {
          ... on Assessment {
            title
          }
        }
      }
    `),
    variables: () => ({ id: rows.gids.Assessment! }),
    pick: (d) => asNode(d.node, "Assessment")?.title,
    scope: "ASSESSMENTS_READ",
  }),
};

const cases = API_SCOPES.flatMap((scope) => Object.entries(READS).map(([label, read]) => ({ scope, label, read })));

describe("a token holding one scope", () => {
  it.each(cases)("$scope: $label", async ({ scope, read }) => {
    const token = await fx.apiToken(read.owner, [scope]);
    const { result, outcome } = await read.call(token);
    const expected = read.scope === null || read.scope === scope ? "shown" : "hidden";
    expect(outcome, JSON.stringify(result)).toBe(expected);
  });

  it("every read is shown to the owner's session (the table tests scopes, not the rows)", async () => {
    for (const [label, read] of Object.entries(READS)) {
      expect((await read.call(fx.people[read.owner].token)).outcome, label).toBe("shown");
    }
  });
});

const FEEDBACK_ACTIVITY = graphql(`
  subscription ScopeFeedbackActivity($d: ID) {
    feedbackActivity(documentId: $d) {
      id
      type
      actor {
        id
        name
      }
    }
  }
`);

describe("feedbackActivity's actor", () => {
  const clients: Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it("names the person who gave feedback to a token without SCHOOL_READ", async () => {
    const token = await fx.apiToken("peerMember", ["CONTENT_READ"]);
    const client = wsClient(app, token);
    clients.push(client);
    const stream = subscribeWs(client, "feedbackActivity", FEEDBACK_ACTIVITY, { d: rows.gids.Document });
    await stream.untilLive(app, {
      schoolId: fx.schoolId,
      groupId: fx.peerGroupId,
      type: "FEEDBACK_ADDED",
      payload: { kind: "GLOW", documentId: rows.ids.Document! },
    });
    await act(app, fx.people.peerMember2.token, AddFeedback, {
      input: { documentId: rows.gids.Document!, kind: "GLOW", body: "Clear exit ticket." },
    });
    expect(await stream.next("the feedback")).toMatchObject({
      type: "FEEDBACK_ADDED",
      actor: { id: fx.people.peerMember2.gid, name: fx.people.peerMember2.name },
    });
    stream.dispose();
  });
});
