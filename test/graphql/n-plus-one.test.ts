// A nested read costs a fixed number of SQL statements, whatever the lengths of the lists:
// groups → members → sessions → documents → feedback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { graphql } from "../support/graphql.ts";

let app: TestApp;
let fx: SchoolFixture;
beforeAll(async () => {
  // The limit on query cost is not what this file tests: the nested read below asks for pages of 10.
  app = await startTestApp({ limits: { maxDepth: 20, maxCost: 10_000_000, maxAliases: 30, maxBodyBytes: 262_144 } });
  fx = await buildSchoolFixture(app.db.prisma);
});
afterAll(() => app?.close());

const NESTED = graphql(`
  query NestedGroups {
    myGroups(first: 10) {
      totalCount
      edges {
        node {
          name
          members(first: 10) {
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
          sessions(first: 10) {
            edges {
              node {
                title
                documents(first: 10) {
                  edges {
                    node {
                      title
                      kind
                      feedback(first: 10) {
                        edges {
                          node {
                            kind
                            body
                            author {
                              name
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

type Shape = { groups: number; extraMembers: number; sessions: number; documents: number; feedback: number };

/** Gives `teacher` `shape.groups` peer groups, each filled to the given lengths. */
async function fill(teacherKey: "peerMember" | "plcMember", shape: Shape) {
  const prisma = app.db.prisma;
  const teacher = fx.people[teacherKey];
  const colleagues = [fx.people.peerMember2, fx.people.peerMember3, fx.people.otherTeacher].slice(0, shape.extraMembers);
  for (let g = 0; g < shape.groups; g++) {
    const group = await app.make.group({
      schoolId: fx.schoolId,
      kind: "PEER",
      name: `${teacherKey} group ${g}`,
      members: { create: [teacher, ...colleagues].map((p) => ({ userId: p.id })) },
    });
    for (let s = 0; s < shape.sessions; s++) {
      const session = await app.make.session({ groupId: group.id, title: `Session ${s}`, startsAt: new Date(Date.now() + s * 86400_000) });
      for (let d = 0; d < shape.documents; d++) {
        const doc = await app.make.document({ groupId: group.id, sessionId: session.id, creatorId: teacher.id, kind: "LESSON_PLAN", title: `Plan ${s}.${d}` });
        await prisma.feedback.createMany({
          data: Array.from({ length: shape.feedback }, (_, f) => ({ documentId: doc.id, authorId: teacher.id, kind: "GLOW" as const, body: `Glow ${f}` })),
        });
      }
    }
  }
}

async function statementsFor(token: string) {
  const statements: string[] = [];
  const stop = app.db.onQuery((sql) => statements.push(sql));
  const res = await app.gql(NESTED, {}, token);
  stop();
  expect(res.errors).toBeUndefined();
  return { count: statements.length, statements, data: res.data };
}

describe("no N+1", () => {
  it("costs the same number of SQL statements for 1×1×1×1 as for 4 groups × 4 members × 5 sessions × 4 documents × 6 feedback", async () => {
    // plcMember's own peer groups: small; peerMember's: large (on top of the fixture's peer group).
    await fill("plcMember", { groups: 1, extraMembers: 0, sessions: 1, documents: 1, feedback: 1 });
    await fill("peerMember", { groups: 3, extraMembers: 3, sessions: 5, documents: 4, feedback: 6 });

    const small = await statementsFor(fx.people.plcMember.token);
    const large = await statementsFor(fx.people.peerMember.token);

    // The large read really did return everything…
    const groups = large.data?.myGroups.edges.map((e) => e.node) ?? [];
    expect(groups).toHaveLength(4);
    const filled = groups.filter((g) => g.sessions.edges.length === 5);
    expect(filled).toHaveLength(3);
    expect(filled[0]?.members.edges).toHaveLength(4);
    expect(filled[0]?.sessions.edges[0]?.node.documents.edges).toHaveLength(4);
    expect(filled[0]?.sessions.edges[0]?.node.documents.edges[0]?.node.feedback.edges).toHaveLength(6);
    // …with exactly as many statements as the tiny one.
    console.log(`N+1 check: ${small.count} SQL statements for the small tree, ${large.count} for the large one`);
    expect(large.count).toBe(small.count);
    // Relations are joined into the statement of the row that holds them (Prisma's relationJoins):
    // the actor, the groups with their members, sessions, documents and feedback, and the groups'
    // total count. Without the joins this read took 12 statements, about one per relation.
    expect(large.statements, large.statements.join("\n")).toHaveLength(3);
  });
});
