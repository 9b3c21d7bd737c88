// A realistic school for the GraphQL and subscription benchmarks: grade-level and subject PLCs,
// each with its teachers, a term of meetings and the documents of each meeting. Written with
// createMany and ids chosen here, so seeding takes well under a second.
import { randomUUID } from "node:crypto";
import { startSession } from "../../api/src/commands/signIn.ts";
import { openDatabase } from "../../api/src/db/client.ts";
import type { DocumentKind, PrismaClient } from "../../api/src/generated/prisma/client.ts";

export type SeedShape = { groups: number; membersPerGroup: number; sessionsPerGroup: number; documentsPerSession: number };

export const SCHOOL_SHAPE: SeedShape = { groups: 12, membersPerGroup: 5, sessionsPerGroup: 8, documentsPerSession: 3 };

export type SeededSchool = {
  shape: SeedShape;
  schoolId: string;
  groupIds: string[];
  /** Every document, in seeding order (group by group, session by session). */
  documentIds: string[];
  coach: { id: string; token: string };
  /** The teachers of the first group, each with a session token. */
  firstGroupMembers: { id: string; token: string }[];
  /** What the nested read must return for the coach: every group with everything in it. */
  expected: { groups: number; members: number; sessions: number; documents: number };
};

const SUBJECTS = ["Mathematics", "English", "Science", "Social Studies"];
const GRADES = ["6", "7", "8"];
const KINDS: DocumentKind[] = ["MEETING_NOTES", "LESSON_PLAN", "ACTION_PLAN"];
const DAY = 86_400_000;

export async function seedSchool(databaseUrl: string, shape: SeedShape = SCHOOL_SHAPE): Promise<SeededSchool> {
  const db = await openDatabase({ databaseUrl, dataDir: "/nonexistent" });
  try {
    const prisma = db.prisma;
    const schoolId = randomUUID();
    await prisma.school.create({ data: { id: schoolId, name: "Cedar Ridge Middle School", slug: `cedar-ridge-${schoolId.slice(0, 8)}` } });

    const teacherIds = Array.from({ length: shape.groups * shape.membersPerGroup }, () => randomUUID());
    const coachId = randomUUID();
    const adminId = randomUUID();
    const people = [
      ...teacherIds.map((id, i) => ({ id, name: `Teacher ${i + 1}`, role: "TEACHER" as const })),
      { id: coachId, name: "Instructional Coach", role: "COACH" as const },
      { id: adminId, name: "Principal", role: "ADMIN" as const },
    ];
    await prisma.user.createMany({
      data: people.map((p) => ({ id: p.id, name: p.name, email: `${p.id}@bench.test`, passwordHash: "scrypt$unused-in-benchmarks" })),
    });
    await prisma.schoolMember.createMany({ data: people.map((p) => ({ schoolId, userId: p.id, role: p.role })) });

    const groupIds: string[] = [];
    const documentIds: string[] = [];
    const groups = [],
      members = [],
      sessions = [],
      documents = [];
    const termStart = Date.now() - 4 * 7 * DAY;
    for (let g = 0; g < shape.groups; g++) {
      const groupId = randomUUID();
      groupIds.push(groupId);
      const grade = GRADES[g % GRADES.length]!;
      const subject = SUBJECTS[Math.floor(g / GRADES.length) % SUBJECTS.length]!;
      groups.push({
        id: groupId,
        schoolId,
        kind: "PLC" as const,
        name: `Grade ${grade} ${subject} PLC${g >= GRADES.length * SUBJECTS.length ? ` ${g}` : ""}`,
        focus: "Common formative assessments and re-teaching",
        gradeLevel: grade,
        subject,
        meetingCadence: "Weekly, Wednesdays after school",
      });
      for (let m = 0; m < shape.membersPerGroup; m++) {
        members.push({ groupId, userId: teacherIds[g * shape.membersPerGroup + m]!, role: m === 0 ? ("FACILITATOR" as const) : ("MEMBER" as const) });
      }
      for (let s = 0; s < shape.sessionsPerGroup; s++) {
        const sessionId = randomUUID();
        const startsAt = new Date(termStart + s * 7 * DAY);
        const past = startsAt.getTime() < Date.now();
        sessions.push({
          id: sessionId,
          groupId,
          title: `Week ${s + 1} data meeting`,
          startsAt,
          durationMinutes: 45,
          status: past ? ("DONE" as const) : ("PLANNED" as const),
          protocol: "Data-driven dialogue",
        });
        for (let d = 0; d < shape.documentsPerSession; d++) {
          const documentId = randomUUID();
          documentIds.push(documentId);
          const kind = KINDS[d % KINDS.length]!;
          documents.push({
            id: documentId,
            groupId,
            sessionId,
            creatorId: teacherIds[g * shape.membersPerGroup + (d % shape.membersPerGroup)]!,
            kind,
            title: `Week ${s + 1} ${kind.toLowerCase().replace("_", " ")}`,
          });
        }
      }
    }
    await prisma.group.createMany({ data: groups });
    await prisma.groupMember.createMany({ data: members });
    await prisma.session.createMany({ data: sessions });
    await prisma.document.createMany({ data: documents });

    const ttl = 24 * 3600_000;
    const coach = { id: coachId, token: (await startSession(prisma, coachId, ttl)).token };
    const firstGroupMembers = [];
    for (const id of teacherIds.slice(0, shape.membersPerGroup)) firstGroupMembers.push({ id, token: (await startSession(prisma, id, ttl)).token });

    return {
      shape,
      schoolId,
      groupIds,
      documentIds,
      coach,
      firstGroupMembers,
      expected: {
        groups: shape.groups,
        members: shape.groups * shape.membersPerGroup,
        sessions: shape.groups * shape.sessionsPerGroup,
        documents: shape.groups * shape.sessionsPerGroup * shape.documentsPerSession,
      },
    };
  } finally {
    await db.close();
  }
}

/**
 * Writes every row seedSchool wrote in `from` into `to`, as it is (ids, timestamps, session token
 * hashes), so a second database serves the very same school and the same tokens sign in there.
 * `to` must be migrated and empty. Parents first; a table added to the seed must be added here.
 */
export async function copySeededSchool(from: PrismaClient, to: PrismaClient): Promise<void> {
  await to.school.createMany({ data: await from.school.findMany() });
  await to.user.createMany({ data: await from.user.findMany() });
  await to.schoolMember.createMany({ data: await from.schoolMember.findMany() });
  await to.group.createMany({ data: await from.group.findMany() });
  await to.groupMember.createMany({ data: await from.groupMember.findMany() });
  await to.session.createMany({ data: await from.session.findMany() });
  await to.document.createMany({ data: await from.document.findMany() });
  await to.authSession.createMany({ data: await from.authSession.findMany() });
}
