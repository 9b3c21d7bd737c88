// Coaches' side of the school: every teacher has a coach (most at the network tier, a few
// with targeted or intensive support), coaching cycles with a coach-only note, the one
// insight a peer group chose to share, and a PLC's common assessment with its results.
import type { DemoGroups } from "./groups.ts";
import { newId, person, type SeedContext } from "./seed-context.ts";

type Tier = "NETWORK" | "TARGETED" | "INTENSIVE";
const ASSIGNMENTS: { coach: string; teacher: string; tier: Tier; focus: string }[] = [
  { coach: "dana", teacher: "ana", tier: "NETWORK", focus: "" },
  { coach: "dana", teacher: "ben", tier: "TARGETED", focus: "Questioning: moving beyond recall" },
  { coach: "dana", teacher: "chloe", tier: "NETWORK", focus: "" },
  { coach: "dana", teacher: "david", tier: "NETWORK", focus: "" },
  { coach: "emeka", teacher: "elena", tier: "NETWORK", focus: "" },
  { coach: "emeka", teacher: "farah", tier: "NETWORK", focus: "" },
  { coach: "emeka", teacher: "gabe", tier: "INTENSIVE", focus: "First-year routines: transitions and getting every student started" },
  { coach: "emeka", teacher: "hana", tier: "TARGETED", focus: "Extension tasks for students who already meet the standard" },
];

/** Scores out of 100 on the grade 4 common assessment; 9 of 16 meet or exceed (70+). */
const FRACTION_SCORES = [95, 92, 88, 84, 81, 78, 76, 72, 70, 66, 62, 58, 52, 45, 40, 33];

function proficiency(score: number) {
  if (score >= 90) return "EXCEEDS" as const;
  if (score >= 70) return "MEETS" as const;
  if (score >= 50) return "APPROACHING" as const;
  return "BELOW" as const;
}

export async function seedCoaching(ctx: SeedContext, groups: DemoGroups): Promise<void> {
  const { tx, clock, schoolId } = ctx;

  const assignmentIds = new Map<string, string>();
  await tx.coachingAssignment.createMany({
    data: ASSIGNMENTS.map((a) => {
      const id = newId();
      assignmentIds.set(a.teacher, id);
      return { id, schoolId, coachId: person(ctx, a.coach), teacherId: person(ctx, a.teacher), tier: a.tier, focus: a.focus, createdAt: clock.at(-90, 9) };
    }),
  });

  const benCycle = newId();
  const gabeCycle = newId();
  await tx.coachingCycle.createMany({
    data: [
      {
        id: benCycle,
        schoolId,
        assignmentId: assignmentIds.get("ben") ?? null,
        coachId: person(ctx, "dana"),
        teacherId: person(ctx, "ben"),
        phase: "LEARN",
        step: "REFLECTION",
        lookFors: ["Reasoning questions", "Wait time"],
        nextCheckBackOn: clock.date(2),
        lastContactAt: clock.at(-6, 14),
        goal: "Ask at least one reasoning question in every lesson segment, and wait three seconds after it.",
        sharedNotes:
          "Baseline from the first observation: 2 of 30 questions asked for reasoning; average wait time under one second. Next: model lesson in Room 8 on Thursday.",
        startedAt: clock.at(-18, 10),
      },
      {
        id: gabeCycle,
        schoolId,
        assignmentId: assignmentIds.get("gabe") ?? null,
        coachId: person(ctx, "emeka"),
        teacherId: person(ctx, "gabe"),
        phase: "IDENTIFY",
        step: "PRE_CONFERENCE",
        lookFors: ["Students start within two minutes"],
        lastContactAt: clock.at(-4, 10),
        goal: "Every student starts the math warm-up within two minutes of the bell.",
        sharedNotes: "We agreed to time three warm-ups next week before choosing a strategy.",
        startedAt: clock.at(-4, 10),
      },
    ],
  });
  await tx.coachingNote.createMany({
    data: [
      {
        cycleId: benCycle,
        coachId: person(ctx, "dana"),
        body: "Ben is nervous about being observed. Start with co-teaching, not observation; keep the focus on his students, not on him.",
        createdAt: clock.at(-17, 14),
      },
      {
        cycleId: gabeCycle,
        coachId: person(ctx, "emeka"),
        body: "Possibly overwhelmed by the new curriculum as well. Check in about planning time before adding anything.",
        createdAt: clock.at(-4, 15),
      },
    ],
  });

  await tx.coachingObservation.createMany({
    data: [
      {
        cycleId: benCycle,
        lookFor: "Reasoning questions",
        body: "2 of 30 questions asked for reasoning; both got rich answers from three students.",
        forTeacher: true,
        createdAt: clock.at(-16, 11),
      },
      {
        cycleId: benCycle,
        lookFor: "Wait time",
        body: "Average wait under one second; the same four students answer.",
        forTeacher: true,
        createdAt: clock.at(-16, 11, 30),
      },
    ],
  });
  await tx.coachingActionStep.create({
    data: { cycleId: benCycle, text: "Plan two reasoning questions per lesson segment and count to three after each.", createdAt: clock.at(-6, 15) },
  });

  const insightId = newId();
  const sharedAt = clock.at(-3, 16);
  await tx.insight.create({
    data: {
      id: insightId,
      schoolId,
      groupId: groups.questioning.id,
      authorId: person(ctx, "chloe"),
      title: "Wait time changes who answers",
      body: "When we each waited three full seconds after a reasoning question, hands went up from students who usually stay quiet, and answers got longer. The hard part is the silence: we count in our heads. Worth a short PD session for everyone.",
      themes: ["questioning", "student discourse", "wait time"],
      sharedAt,
    },
  });
  ctx.activity.push({ groupId: groups.questioning.id, actorId: person(ctx, "chloe"), type: "INSIGHT_SHARED", subjectId: insightId, at: sharedAt });

  const assessmentId = newId();
  await tx.assessment.create({
    data: {
      id: assessmentId,
      groupId: groups.grade4.id,
      title: "Unit 5 common assessment: equivalent fractions",
      standard: "4.NF.A.1",
      administeredOn: clock.date(-9),
      createdAt: clock.at(-8, 16),
    },
  });
  await tx.assessmentResult.createMany({
    data: FRACTION_SCORES.map((score, i) => ({
      assessmentId,
      // Pseudonymous: a class code and a number, never a name.
      studentRef: `4${i < 8 ? "A" : "B"}-${String(i + 1).padStart(2, "0")}`,
      score,
      proficiency: proficiency(score),
      // Class 4A is Hana's, 4B is David's: the PLC compares them.
      classLabel: i < 8 ? "Hana Sato" : "David Kim",
    })),
  });
}
