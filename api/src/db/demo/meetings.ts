// Meetings: past sessions (done, with agendas addressed and attendance taken), one session
// in progress, and the next one planned for every group.
import type { DemoGroupKey, DemoGroups } from "./groups.ts";
import { newId, person, type SeedContext } from "./seed-context.ts";

type AgendaSpec = { title: string; minutes: number; plcQuestion?: 1 | 2 | 3 | 4 };
type SessionSpec = {
  key: string;
  group: DemoGroupKey;
  title: string;
  /** Days from now, and the local start time (UTC, to keep the demo simple). */
  day: number;
  hour: number;
  minute?: number;
  durationMinutes: number;
  status: "PLANNED" | "LIVE" | "DONE";
  protocol?: string;
  agenda: AgendaSpec[];
  /** Members who missed a past session, and whether they let the group know. */
  absent?: { key: string; excused: boolean }[];
};

const SESSIONS: SessionSpec[] = [
  {
    key: "questioning-launch",
    group: "questioning",
    title: "Launch: what makes a good question?",
    day: -28,
    hour: 15,
    minute: 30,
    durationMinutes: 45,
    status: "DONE",
    protocol: "Chalk talk",
    agenda: [
      { title: "Check-in and norms", minutes: 10 },
      { title: "Chalk talk: questions that worked this week", minutes: 20 },
      { title: "Pick one question type to try", minutes: 15 },
    ],
  },
  {
    key: "questioning-debrief",
    group: "questioning",
    title: "Debrief: Ana's inquiry lesson on leaves",
    day: -14,
    hour: 15,
    minute: 30,
    durationMinutes: 45,
    status: "DONE",
    protocol: "Lesson study debrief",
    agenda: [
      { title: "Ana shares the lesson goal and what she wanted us to watch", minutes: 5 },
      { title: "Glows: what we saw students do", minutes: 10 },
      { title: "Grows and wonderings", minutes: 15 },
      { title: "What each of us will try next", minutes: 10 },
    ],
    absent: [{ key: "ben", excused: true }],
  },
  {
    key: "questioning-next",
    group: "questioning",
    title: "Wait time experiment: what changed?",
    day: 7,
    hour: 15,
    minute: 30,
    durationMinutes: 45,
    status: "PLANNED",
    protocol: "Success analysis",
    agenda: [
      { title: "Each share one moment from the wait-time experiment", minutes: 20 },
      { title: "Look for patterns", minutes: 15 },
      { title: "Decide whether to share an insight with coaches", minutes: 10 },
    ],
  },
  {
    key: "discourse-frames",
    group: "discourse",
    title: "Sentence frames that students actually use",
    day: -14,
    hour: 7,
    minute: 45,
    durationMinutes: 35,
    status: "DONE",
    protocol: "Tuning protocol",
    agenda: [
      { title: "Student-talk moments from the week", minutes: 10 },
      { title: "Tune Farah's turn-and-talk frames", minutes: 20 },
      { title: "One thing to try", minutes: 5 },
    ],
    absent: [{ key: "gabe", excused: false }],
  },
  {
    key: "discourse-talk-moves",
    group: "discourse",
    title: "Talk moves: revoicing and 'say more'",
    day: -7,
    hour: 7,
    minute: 45,
    durationMinutes: 35,
    status: "DONE",
    protocol: "Video clip analysis",
    agenda: [
      { title: "Watch David's 4-minute clip", minutes: 8 },
      { title: "Notice and wonder", minutes: 17 },
      { title: "Plan the next number talk together", minutes: 10 },
    ],
  },
  {
    key: "discourse-live",
    group: "discourse",
    title: "Co-planning Farah's number talk",
    day: 0,
    hour: 0,
    durationMinutes: 35,
    status: "LIVE",
    protocol: "Co-planning",
    agenda: [
      { title: "Pick the number string", minutes: 10 },
      { title: "Anticipate student strategies", minutes: 15 },
      { title: "Questions to ask, and who to call on", minutes: 10 },
    ],
  },
  {
    key: "discourse-next",
    group: "discourse",
    title: "How did the number talk go?",
    day: 7,
    hour: 7,
    minute: 45,
    durationMinutes: 35,
    status: "PLANNED",
    protocol: "Success analysis",
    agenda: [
      { title: "Farah's reflection", minutes: 10 },
      { title: "Glows and grows", minutes: 15 },
      { title: "Next round: who teaches, who watches", minutes: 10 },
    ],
  },
  {
    key: "grade4-plan",
    group: "grade4",
    title: "Unit 5 fractions: planning the common assessment",
    day: -21,
    hour: 15,
    minute: 15,
    durationMinutes: 60,
    status: "DONE",
    protocol: "Unit planning",
    agenda: [
      { title: "Unpack 4.NF.A.1 into learning targets", minutes: 20, plcQuestion: 1 },
      { title: "Write the common assessment items", minutes: 25, plcQuestion: 2 },
      { title: "Agree on the proficiency cut scores", minutes: 15, plcQuestion: 2 },
    ],
  },
  {
    key: "grade4-data",
    group: "grade4",
    title: "Data dig: fractions common assessment",
    day: -7,
    hour: 15,
    minute: 15,
    durationMinutes: 60,
    status: "DONE",
    protocol: "Data-driven dialogue",
    agenda: [
      { title: "Predictions before we look", minutes: 10, plcQuestion: 2 },
      { title: "Results by learning target", minutes: 20, plcQuestion: 2 },
      { title: "Re-teach groups for students below", minutes: 20, plcQuestion: 3 },
      { title: "Extension tasks for students already there", minutes: 10, plcQuestion: 4 },
    ],
    absent: [{ key: "david", excused: true }],
  },
  {
    key: "grade4-next",
    group: "grade4",
    title: "Re-teach check: did it work?",
    day: 7,
    hour: 15,
    minute: 15,
    durationMinutes: 60,
    status: "PLANNED",
    protocol: "Data-driven dialogue",
    agenda: [
      { title: "Re-assessment results for the re-teach groups", minutes: 20, plcQuestion: 3 },
      { title: "Extension work samples", minutes: 15, plcQuestion: 4 },
      { title: "Unit 6 learning targets", minutes: 25, plcQuestion: 1 },
    ],
  },
  {
    key: "math-fluency",
    group: "math",
    title: "Fact fluency across the grades",
    day: -35,
    hour: 15,
    minute: 15,
    durationMinutes: 75,
    status: "DONE",
    protocol: "Vertical alignment",
    agenda: [
      { title: "What fluency means at each grade", minutes: 25, plcQuestion: 1 },
      { title: "How each grade checks fluency now", minutes: 25, plcQuestion: 2 },
      { title: "Gaps and overlaps", minutes: 25, plcQuestion: 3 },
    ],
  },
  {
    key: "math-problem-solving",
    group: "math",
    title: "Student work: multi-step word problems",
    day: -7,
    hour: 15,
    minute: 15,
    durationMinutes: 75,
    status: "DONE",
    protocol: "Looking at student work",
    agenda: [
      { title: "Sort the work samples: got it, almost, not yet", minutes: 30, plcQuestion: 2 },
      { title: "What do the 'not yet' samples need?", minutes: 25, plcQuestion: 3 },
      { title: "Challenge problems for the 'got it' pile", minutes: 20, plcQuestion: 4 },
    ],
    absent: [{ key: "gabe", excused: true }],
  },
  {
    key: "math-next",
    group: "math",
    title: "Number sense routines K–5",
    day: 21,
    hour: 15,
    minute: 15,
    durationMinutes: 75,
    status: "PLANNED",
    protocol: "Vertical alignment",
    agenda: [
      { title: "Which routine at which grade", minutes: 30, plcQuestion: 1 },
      { title: "A shared exit ticket for number sense", minutes: 30, plcQuestion: 2 },
      { title: "Next steps", minutes: 15 },
    ],
  },
];

export type DemoSession = { id: string; group: DemoGroupKey; status: SessionSpec["status"]; startsAt: Date; endsAt: Date };
export type DemoSessions = { get(key: string): DemoSession };

export async function seedMeetings(ctx: SeedContext, groups: DemoGroups): Promise<DemoSessions> {
  const { tx, clock } = ctx;
  const sessions = new Map<string, DemoSession>();
  const agendaItems: { sessionId: string; position: number; title: string; minutes: number; plcQuestion: number | null; addressed: boolean }[] = [];
  const attendance: { sessionId: string; userId: string; status: "PRESENT" | "ABSENT" | "EXCUSED"; updatedAt: Date }[] = [];

  for (const spec of SESSIONS) {
    const group = groups[spec.group];
    // A live session began a few minutes ago, whatever time the demo is seeded.
    const startsAt = spec.status === "LIVE" ? clock.at(-15 / 1440) : clock.at(spec.day, spec.hour, spec.minute);
    const endsAt = new Date(startsAt.getTime() + spec.durationMinutes * 60_000);
    const session: DemoSession = { id: newId(), group: spec.group, status: spec.status, startsAt, endsAt };
    sessions.set(spec.key, session);

    spec.agenda.forEach((item, position) => {
      agendaItems.push({
        sessionId: session.id,
        position,
        title: item.title,
        minutes: item.minutes,
        plcQuestion: item.plcQuestion ?? null,
        // The live session is part-way through its agenda.
        addressed: spec.status === "DONE" || (spec.status === "LIVE" && position === 0),
      });
    });
    if (spec.status !== "PLANNED") {
      const facilitator = person(ctx, group.memberKeys[0]!);
      ctx.activity.push({ groupId: group.id, actorId: facilitator, type: "SESSION_STARTED", subjectId: session.id, at: startsAt });
      if (spec.status === "DONE") ctx.activity.push({ groupId: group.id, actorId: facilitator, type: "SESSION_ENDED", subjectId: session.id, at: endsAt });
    }
    if (spec.status === "DONE") {
      for (const key of group.memberKeys) {
        const absence = spec.absent?.find((a) => a.key === key);
        const status = !absence ? "PRESENT" : absence.excused ? "EXCUSED" : "ABSENT";
        attendance.push({ sessionId: session.id, userId: person(ctx, key), status, updatedAt: startsAt });
      }
    }
  }

  await tx.session.createMany({
    data: SESSIONS.map((spec) => {
      const s = sessions.get(spec.key)!;
      return {
        id: s.id,
        groupId: groups[spec.group].id,
        title: spec.title,
        startsAt: s.startsAt,
        durationMinutes: spec.durationMinutes,
        status: spec.status,
        protocol: spec.protocol ?? null,
        startedAt: spec.status === "PLANNED" ? null : s.startsAt,
        endedAt: spec.status === "DONE" ? s.endsAt : null,
        createdAt: clock.at(Math.min(spec.day, 0) - 7, 12),
      };
    }),
  });
  await tx.agendaItem.createMany({ data: agendaItems });
  await tx.attendance.createMany({ data: attendance });

  return {
    get(key) {
      const session = sessions.get(key);
      if (!session) throw new Error(`The demo school has no session "${key}".`);
      return session;
    },
  };
}
