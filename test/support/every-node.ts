// One row of every Node type of the schema, in the fixture school: content of the peer group
// (written by peerMember), a PLC assessment, coaching between `coach` and `peerMember`, and an API
// token, a calendar feed and an email of peerMember. Tests that must cover "every node type" take
// their rows from here, and check against the schema that none is missing.
import type { PrismaClient } from "@staffroom/api/prisma";
import { factories } from "./factories.ts";
import { gid, type SchoolFixture } from "./school-fixture.ts";

export type EveryNode = {
  /** Database id of the row of each node type, by GraphQL type name. */
  ids: Record<string, string>;
  /** Global id of the row of each node type, by GraphQL type name. */
  gids: Record<string, string>;
};

export async function buildEveryNode(prisma: PrismaClient, fx: SchoolFixture): Promise<EveryNode> {
  const author = fx.people.peerMember;
  const group = fx.peerGroupId;
  const make = factories(prisma);
  const session = await make.session({ groupId: group, title: "Every-node meeting", startsAt: new Date("2026-03-02T15:00:00Z") });
  const agendaItem = await make.agendaItem({ sessionId: session.id, position: 0, title: "Warm-up" });
  const attendance = await make.attendance({ sessionId: session.id, userId: author.id, status: "PRESENT" });
  const norm = await make.norm({ groupId: group, position: 0, text: "Assume good intent." });
  const normAcceptance = await make.normAcceptance({ normId: norm.id, userId: author.id });
  const document = await make.document({ groupId: group, sessionId: session.id, creatorId: author.id, kind: "LESSON_PLAN", title: "Every-node lesson plan" });
  const version = await make.documentVersion({ documentId: document.id, createdById: author.id, name: "First draft" });
  const feedback = await make.feedback({ documentId: document.id, authorId: author.id, kind: "GLOW", body: "Clear objective." });
  const goal = await make.goal({
    schoolId: fx.schoolId,
    ownerKind: "GROUP",
    groupId: group,
    createdById: author.id,
    title: "Wait time",
    metric: "seconds",
    baseline: 1,
    target: 3,
    dueDate: new Date("2026-06-30"),
  });
  const checkIn = await make.goalCheckIn({ goalId: goal.id, authorId: author.id, value: 2 });
  const actionItem = await make.actionItem({ groupId: group, title: "Try think-pair-share" });
  const insight = await make.insight({
    schoolId: fx.schoolId,
    groupId: group,
    authorId: author.id,
    title: "Wait time helps",
    body: "Longer pauses, more answers.",
    themes: ["questioning"],
  });
  const assessment = await make.assessment({ groupId: fx.plcGroupId, title: "Fractions check", standard: "4.NF.1", administeredOn: new Date("2026-02-01") });
  const result = await make.assessmentResult({ assessmentId: assessment.id, studentRef: "s-1", score: 80, proficiency: "MEETS" });
  const assignment = await make.coachingAssignment({ schoolId: fx.schoolId, coachId: fx.people.coach.id, teacherId: author.id });
  const cycle = await make.coachingCycle({
    schoolId: fx.schoolId,
    assignmentId: assignment.id,
    coachId: fx.people.coach.id,
    teacherId: author.id,
    goal: "More student talk",
  });
  const note = await make.coachingNote({ cycleId: cycle.id, coachId: fx.people.coach.id, body: "Observed period 2." });
  const observation = await make.coachingObservation({ cycleId: cycle.id, forTeacher: true });
  const actionStep = await make.coachingActionStep({ cycleId: cycle.id });
  const apiToken = await make.apiToken({ userId: author.id, schoolId: fx.schoolId, name: "every-node", prefix: "sra_test" });
  const invitation = await make.invitation({ schoolId: fx.schoolId, email: "every-node@school.test" });
  // Someone else's feedback on the author's document: the author's notification of it.
  const notification = await make.notification({
    recipientId: author.id,
    schoolId: fx.schoolId,
    kind: "FEEDBACK_ON_MY_DOCUMENT",
    actorId: fx.people.peerMember2.id,
    groupId: group,
    documentId: document.id,
    feedbackId: feedback.id,
  });
  // The author's own feed of the peer group's meetings, and the email telling them of the feedback.
  const calendarFeed = await make.calendarFeed({ userId: author.id, schoolId: fx.schoolId, groupId: group });
  const email = await make.emailMessage({
    userId: author.id,
    schoolId: fx.schoolId,
    address: author.email,
    kind: "NOTIFICATION",
    subject: "Someone left feedback on “Every-node lesson plan”",
  });
  const groupMember = await prisma.groupMember.findFirstOrThrow({ where: { groupId: group, userId: author.id } });
  const schoolMember = await prisma.schoolMember.findFirstOrThrow({ where: { schoolId: fx.schoolId, userId: author.id } });

  const ids: Record<string, string> = {
    ActionItem: actionItem.id,
    AgendaItem: agendaItem.id,
    ApiToken: apiToken.id,
    Assessment: assessment.id,
    AssessmentResult: result.id,
    Attendance: attendance.id,
    CalendarFeed: calendarFeed.id,
    CoachingActionStep: actionStep.id,
    CoachingAssignment: assignment.id,
    CoachingCycle: cycle.id,
    CoachingNote: note.id,
    CoachingObservation: observation.id,
    Document: document.id,
    EmailMessage: email.id,
    DocumentVersion: version.id,
    Feedback: feedback.id,
    Goal: goal.id,
    GoalCheckIn: checkIn.id,
    Group: group,
    GroupMember: groupMember.id,
    Insight: insight.id,
    Invitation: invitation.id,
    Norm: norm.id,
    Notification: notification.id,
    NormAcceptance: normAcceptance.id,
    School: fx.schoolId,
    SchoolMember: schoolMember.id,
    Session: session.id,
    User: author.id,
  };
  return { ids, gids: Object.fromEntries(Object.entries(ids).map(([type, id]) => [type, gid(type, id)])) };
}

/** Row counts of every table of the database, to show a refused call changed nothing. */
export async function tableCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts = await prisma.$queryRawUnsafe<{ name: string; n: bigint }[]>(
    tables.map((t) => `SELECT '${t.name}' AS name, count(*) AS n FROM "${t.name}"`).join(" UNION ALL "),
  );
  return Object.fromEntries(counts.map((c) => [c.name, Number(c.n)]));
}

/**
 * Every row of every table, as text, by table: to show a failed call changed nothing at all (no
 * row added, removed or updated). For the small databases of tests.
 */
export async function databaseContents(prisma: PrismaClient): Promise<Record<string, string[]>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const contents: Record<string, string[]> = {};
  for (const { name } of tables) {
    const found = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${name}" t ORDER BY 1`);
    contents[name] = found.map((r) => r.row);
  }
  return contents;
}
