// The demo school `npm start` seeds: the contract the README, the web app and people trying
// Staffroom rely on, and the guarantee that it never lands in a real installation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { toMarkdown, readActionItems, readContent } from "@staffroom/api/content";
import { openDatabase, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_SCHOOL, seedDemoSchoolIfEmpty } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTestDatabase } from "../support/database.ts";
import { factories } from "../support/factories.ts";
import { graphql } from "../support/graphql.ts";
import { asNode, succeeded } from "../support/operations.ts";

let app: TestApp;
let schoolId: string;
beforeAll(async () => {
  app = await startTestApp({ seedDemo: true });
  schoolId = (await app.db.prisma.school.findUniqueOrThrow({ where: { slug: DEMO_SCHOOL.slug } })).id;
});
afterAll(() => app?.close());

const SIGN_IN = graphql(`
  mutation DemoSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on MutationSignInSuccess {
        data {
          token
          viewer {
            name
          }
        }
      }
      ... on BaseError {
        code
      }
    }
  }
`);
const DOCUMENT_CONTENT = graphql(`
  query DemoDocumentContent($id: ID!) {
    node(id: $id) {
      ... on Document {
        content {
          text
          markdown
          prosemirror
        }
      }
    }
  }
`);
const MY_GROUPS = graphql(`
  query DemoMyGroups {
    myGroups {
      totalCount
      edges {
        node {
          name
          kind
        }
      }
    }
  }
`);

function stateDoc(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

function startOfTodayUtc() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

describe("the demo school", () => {
  it("is reported as just created, with every login", () => {
    expect(app.demo).toMatchObject({ created: true, schoolName: "Maple Grove Elementary", password: "staffroom-demo" });
    expect(app.demo?.logins).toHaveLength(DEMO_PEOPLE.length);
  });

  it("has an admin, two coaches and eight teachers, all at @demo.test", async () => {
    const members = await app.db.prisma.schoolMember.findMany({ where: { schoolId }, include: { user: true } });
    const count = (role: string) => members.filter((m) => m.role === role).length;
    expect(count("ADMIN")).toBeGreaterThanOrEqual(1);
    expect(count("COACH")).toBeGreaterThanOrEqual(2);
    expect(count("TEACHER")).toBeGreaterThanOrEqual(8);
    const emails = (await app.db.prisma.user.findMany()).map((u) => u.email);
    expect(emails.length).toBe(DEMO_PEOPLE.length);
    for (const email of emails) expect(email).toMatch(/@demo\.test$/);
  });

  it("has two peer groups of 3 and 4 teachers, with no coach or admin among them", async () => {
    const peers = await app.db.prisma.group.findMany({ where: { schoolId, kind: "PEER" }, include: { members: true } });
    expect(peers.map((g) => g.members.length).sort()).toEqual([3, 4]);
    const leaders = await app.db.prisma.schoolMember.findMany({ where: { schoolId, role: { not: "TEACHER" } } });
    const memberIds = peers.flatMap((g) => g.members.map((m) => m.userId));
    for (const leader of leaders) expect(memberIds).not.toContain(leader.userId);
    for (const group of peers) {
      expect(group.members.every((m) => m.role === "MEMBER")).toBe(true);
      expect(group.meetingCadence).toBeTruthy();
      expect(group.focus).not.toBe("");
    }
  });

  it("has a grade-level PLC and a subject PLC, each with one facilitator", async () => {
    const plcs = await app.db.prisma.group.findMany({ where: { schoolId, kind: "PLC" }, include: { members: true } });
    expect(plcs).toHaveLength(2);
    expect(plcs.filter((g) => g.gradeLevel === "4")).toHaveLength(1);
    expect(plcs.filter((g) => g.subject === "Math")).toHaveLength(1);
    for (const plc of plcs) expect(plc.members.filter((m) => m.role === "FACILITATOR")).toHaveLength(1);
  });

  it("gives every group past sessions with attendance and one upcoming planned session", async () => {
    const groups = await app.db.prisma.group.findMany({ where: { schoolId }, include: { sessions: { include: { attendance: true, agendaItems: true } } } });
    const now = new Date();
    for (const group of groups) {
      const done = group.sessions.filter((s) => s.status === "DONE");
      const planned = group.sessions.filter((s) => s.status === "PLANNED");
      expect(done.length).toBeGreaterThan(0);
      expect(planned).toHaveLength(1);
      expect(planned[0]!.startsAt.getTime()).toBeGreaterThan(now.getTime());
      for (const session of done) {
        expect(session.startsAt.getTime()).toBeLessThan(now.getTime());
        expect(session.attendance.length).toBeGreaterThan(0);
      }
      for (const session of group.sessions) expect(session.agendaItems.length).toBeGreaterThan(0);
    }
    const plcQuestions = new Set(groups.filter((g) => g.kind === "PLC").flatMap((g) => g.sessions.flatMap((s) => s.agendaItems.map((a) => a.plcQuestion))));
    for (const question of [1, 2, 3, 4]) expect(plcQuestions).toContain(question);
  });

  it("has norms that members accepted", async () => {
    expect(await app.db.prisma.norm.count()).toBeGreaterThan(0);
    expect(await app.db.prisma.normAcceptance.count()).toBeGreaterThan(0);
  });

  it("has documents of every kind, meeting notes tied to a session, each with stored Yjs content", async () => {
    const documents = await app.db.prisma.document.findMany();
    expect(new Set(documents.map((d) => d.kind))).toEqual(new Set(["LESSON_PLAN", "MEETING_NOTES", "ACTION_PLAN", "REFLECTION"]));
    expect(documents.some((d) => d.kind === "MEETING_NOTES" && d.sessionId !== null)).toBe(true);
    expect(documents.every((d) => d.state !== null && d.state.length > 0)).toBe(true);
  });

  it("gives every document real content: non-empty Markdown, meeting notes along their session's agenda", async () => {
    const documents = await app.db.prisma.document.findMany({ include: { session: { include: { agendaItems: true } } } });
    for (const document of documents) {
      const markdown = toMarkdown(readContent(stateDoc(document.state), { actionPlan: document.kind === "ACTION_PLAN" }));
      expect(markdown.trim().length, document.title).toBeGreaterThan(100);
      // Filled in, not just the template's headings.
      expect(markdown.split("\n").filter((line) => line && !line.startsWith("#")).length, document.title).toBeGreaterThan(1);
      if (document.session) {
        expect(markdown).toContain(document.session.title);
        for (const item of document.session.agendaItems) expect(markdown).toContain(`## ${item.title} (${item.minutes} min)`);
      }
    }
    const lesson = documents.find((d) => d.title.startsWith("Re-teach: equivalent fractions"))!;
    expect(toMarkdown(readContent(stateDoc(lesson.state), { actionPlan: false }))).toContain("fraction strips");
  });

  it("keeps each action plan's items and its ActionItem rows the same items", async () => {
    const plans = await app.db.prisma.document.findMany({
      where: { kind: "ACTION_PLAN" },
      include: { actionItems: { include: { owners: true } } },
    });
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      const inDocument = readActionItems(stateDoc(plan.state)).sort((a, b) => a.id.localeCompare(b.id));
      const rows = plan.actionItems
        .map((row) => ({
          id: row.itemKey,
          title: row.title,
          owners: row.owners.map((o) => o.userId).sort(),
          dueDate: row.dueDate ? row.dueDate.toISOString().slice(0, 10) : null,
          status: row.status,
        }))
        .sort((a, b) => a.id!.localeCompare(b.id!));
      expect(rows.length, plan.title).toBeGreaterThan(0);
      expect(inDocument.map((item) => ({ ...item, owners: [...item.owners].sort() }))).toEqual(rows);
    }
  });

  it("serves a demo lesson plan's content over GraphQL to a member of its group", async () => {
    const signedIn = await app.gql(SIGN_IN, { input: { email: "ana@demo.test", password: DEMO_PASSWORD } });
    const lesson = await app.db.prisma.document.findFirstOrThrow({ where: { title: { startsWith: "Re-teach: equivalent fractions" } } });
    const res = await app.gql(DOCUMENT_CONTENT, { id: Buffer.from(`Document:${lesson.id}`).toString("base64") }, succeeded(signedIn.data?.signIn).data.token);
    expect(res.errors).toBeUndefined();
    const content = asNode(res.data?.node, "Document")?.content;
    expect(content, "the lesson's content").toBeTruthy();
    expect(content!.markdown).toContain("## Learning goal");
    expect(content!.text).toContain("Fraction strips (wholes, halves, fourths, eighths, thirds, sixths)");
    expect((content!.prosemirror as { content: unknown[] }).content[0]).toEqual({
      type: "heading",
      attrs: { level: 2 },
      content: [{ type: "text", text: "Learning goal" }],
    });
  });

  it("has glows, grows and questions with replies, some resolved", async () => {
    const feedback = await app.db.prisma.feedback.findMany();
    const kinds = new Set(feedback.filter((f) => f.parentId === null).map((f) => f.kind));
    for (const kind of ["GLOW", "GROW", "QUESTION"]) expect(kinds).toContain(kind);
    expect(feedback.some((f) => f.parentId !== null)).toBe(true);
    expect(feedback.some((f) => f.resolvedAt !== null && f.resolvedById !== null)).toBe(true);
    expect(feedback.some((f) => f.parentId === null && f.resolvedAt === null)).toBe(true);
  });

  it("has a teacher's, a group's and the school's goal, each with check-ins", async () => {
    const goals = await app.db.prisma.goal.findMany({ where: { schoolId }, include: { checkIns: true } });
    expect(goals.map((g) => g.ownerKind).sort()).toEqual(["GROUP", "SCHOOL", "TEACHER"]);
    for (const goal of goals) expect(goal.checkIns.length).toBeGreaterThan(0);
  });

  it("has action items with owners, at least one of them overdue", async () => {
    const items = await app.db.prisma.actionItem.findMany({ include: { owners: true } });
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((i) => i.owners.length > 0).length).toBeGreaterThan(0);
    const overdue = items.filter((i) => i.status === "OPEN" && i.dueDate !== null && i.dueDate < startOfTodayUtc());
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(items.some((i) => i.status === "DONE" && i.completedAt !== null)).toBe(true);
  });

  it("gives every teacher a coach, and has a coaching cycle with a coach-only note", async () => {
    const teachers = await app.db.prisma.schoolMember.findMany({ where: { schoolId, role: "TEACHER" } });
    const assignments = await app.db.prisma.coachingAssignment.findMany({ where: { schoolId } });
    for (const teacher of teachers) expect(assignments.map((a) => a.teacherId)).toContain(teacher.userId);
    expect(new Set(assignments.map((a) => a.tier)).size).toBeGreaterThan(1);
    const cycles = await app.db.prisma.coachingCycle.findMany({ where: { schoolId }, include: { notes: true } });
    expect(cycles.some((c) => c.notes.some((n) => n.coachId === c.coachId))).toBe(true);
  });

  it("has exactly one insight, shared by a peer group, with themes", async () => {
    const insights = await app.db.prisma.insight.findMany({ include: { group: true } });
    expect(insights).toHaveLength(1);
    expect(insights[0]!.group.kind).toBe("PEER");
    expect(insights[0]!.themes).toContain("questioning");
  });

  it("has a PLC assessment with at least 12 pseudonymous results", async () => {
    const assessments = await app.db.prisma.assessment.findMany({ include: { results: true, group: true } });
    expect(assessments).toHaveLength(1);
    expect(assessments[0]!.group.kind).toBe("PLC");
    expect(assessments[0]!.results.length).toBeGreaterThanOrEqual(12);
  });

  it("records activity without peer-group content in the payloads", async () => {
    const events = await app.db.prisma.activityEvent.findMany({ where: { schoolId } });
    expect(events.length).toBeGreaterThan(0);
    const bodies = (await app.db.prisma.feedback.findMany()).map((f) => f.body);
    for (const event of events) for (const body of bodies) expect(JSON.stringify(event.payload)).not.toContain(body);
  });

  it.each(DEMO_PEOPLE.map((p) => [p.email, p.name] as const))("%s signs in with the demo password", async (email, name) => {
    const res = await app.gql(SIGN_IN, { input: { email, password: DEMO_PASSWORD } });
    expect(res.data?.signIn.__typename).toBe("MutationSignInSuccess");
    const { data } = succeeded(res.data?.signIn);
    expect(data.token).toMatch(/^srs_/);
    expect(data.viewer.name).toBe(name);
  });

  it("shows a teacher their groups once signed in", async () => {
    const signedIn = await app.gql(SIGN_IN, { input: { email: "ana@demo.test", password: DEMO_PASSWORD } });
    const res = await app.gql(MY_GROUPS, {}, succeeded(signedIn.data?.signIn).data.token);
    expect(res.errors).toBeUndefined();
    expect(res.data?.myGroups.edges.map((e) => e.node.name).sort()).toEqual(["Grade 4 Team", "Questioning Circle"]);
  });
});

describe("seedDemoSchoolIfEmpty", () => {
  it("is idempotent: a second call reports the school and creates nothing", async () => {
    const counts = async () => ({
      schools: await app.db.prisma.school.count(),
      users: await app.db.prisma.user.count(),
      groups: await app.db.prisma.group.count(),
      sessions: await app.db.prisma.session.count(),
      documents: await app.db.prisma.document.count(),
      actionItems: await app.db.prisma.actionItem.count(),
    });
    const before = await counts();
    const again = await seedDemoSchoolIfEmpty(app.db.prisma);
    expect(again).toMatchObject({ created: false, schoolName: DEMO_SCHOOL.name });
    expect(await counts()).toEqual(before);
  });

  it("does nothing on a database that already holds another school", async () => {
    const database = await createTestDatabase();
    const db = await openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent-unused" });
    try {
      await factories(db.prisma).school({ name: "Real School", slug: "real-school" });
      expect(await seedDemoSchoolIfEmpty(db.prisma)).toBeNull();
      expect(await db.prisma.school.count()).toBe(1);
      expect(await db.prisma.user.count()).toBe(0);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
