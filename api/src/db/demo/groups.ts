// Two peer coaching groups (equals, no coach or admin among them) and two PLCs with a
// facilitator each, plus the norms every group agreed on.
import { newId, person, type SeedContext } from "./seed-context.ts";

type GroupSpec = {
  key: DemoGroupKey;
  kind: "PEER" | "PLC";
  name: string;
  focus: string;
  meetingCadence: string;
  gradeLevel?: string;
  subject?: string;
  facilitator?: string;
  members: string[];
  norms: string[];
  startedDaysAgo: number;
};

export type DemoGroupKey = "questioning" | "discourse" | "grade4" | "math";
export type DemoGroup = { id: string; kind: "PEER" | "PLC"; name: string; memberKeys: string[] };
export type DemoGroups = Record<DemoGroupKey, DemoGroup>;

const GROUPS: GroupSpec[] = [
  {
    key: "questioning",
    kind: "PEER",
    name: "Questioning Circle",
    focus: "Asking questions that make students think: higher-order prompts, wait time, and follow-ups that push reasoning.",
    meetingCadence: "Every other Tuesday, 3:30–4:15 pm, Room 12",
    members: ["ana", "ben", "chloe"],
    norms: [
      "We observe to learn, not to judge.",
      "Feedback is specific, kind and about the lesson, not the person.",
      "What's said in the circle stays in the circle unless we agree to share it.",
      "We start and end on time.",
    ],
    startedDaysAgo: 70,
  },
  {
    key: "discourse",
    kind: "PEER",
    name: "Discourse Lab",
    focus: "Getting students talking to each other, not just to the teacher: turn-and-talk, sentence frames, accountable talk.",
    meetingCadence: "Weekly, Thursdays 7:45–8:20 am, library",
    members: ["david", "elena", "farah", "gabe"],
    norms: ["Everyone brings one student-talk moment from the week.", "Assume good intent; ask before advising.", "Try one thing before the next meeting."],
    startedDaysAgo: 56,
  },
  {
    key: "grade4",
    kind: "PLC",
    name: "Grade 4 Team",
    focus: "Common assessments and re-teaching in grade 4 math and literacy.",
    meetingCadence: "Weekly, Wednesdays 3:15–4:15 pm",
    gradeLevel: "4",
    facilitator: "hana",
    members: ["ana", "david", "dana"],
    norms: [
      "Decisions come from student work and data, not impressions.",
      "Every meeting ends with owners and due dates.",
      "We are all responsible for all grade 4 students.",
    ],
    startedDaysAgo: 100,
  },
  {
    key: "math",
    kind: "PLC",
    name: "K–5 Math",
    focus: "A coherent math progression from kindergarten to grade 5: number sense, fluency and problem solving.",
    meetingCadence: "Monthly, first Monday, 3:15–4:30 pm",
    subject: "Math",
    facilitator: "emeka",
    members: ["ben", "elena", "gabe", "hana"],
    norms: ["Bring student work, not just scores.", "Name the grade-level standard before we discuss a task.", "Disagree with ideas, openly and respectfully."],
    startedDaysAgo: 90,
  },
];

export async function seedGroups(ctx: SeedContext): Promise<DemoGroups> {
  const { tx, clock, schoolId } = ctx;
  const groups = {} as DemoGroups;
  const members: { id: string; groupId: string; userId: string; role: "MEMBER" | "FACILITATOR"; joinedAt: Date }[] = [];
  const norms: { id: string; groupId: string; position: number; text: string; createdAt: Date }[] = [];
  const acceptances: { normId: string; userId: string; acceptedAt: Date }[] = [];

  for (const spec of GROUPS) {
    const id = newId();
    const started = clock.at(-spec.startedDaysAgo, 15);
    const memberKeys = spec.facilitator ? [spec.facilitator, ...spec.members] : spec.members;
    groups[spec.key] = { id, kind: spec.kind, name: spec.name, memberKeys };
    for (const key of memberKeys) {
      const role = key === spec.facilitator ? "FACILITATOR" : "MEMBER";
      members.push({ id: newId(), groupId: id, userId: person(ctx, key), role, joinedAt: started });
      ctx.activity.push({ groupId: id, actorId: person(ctx, key), type: "MEMBER_JOINED", subjectId: person(ctx, key), payload: { role }, at: started });
    }
    spec.norms.forEach((text, position) => {
      const normId = newId();
      norms.push({ id: normId, groupId: id, position, text, createdAt: started });
      // The newest member of each group has not yet agreed to the last norm: the UI shows who is pending.
      const agreeing = position === spec.norms.length - 1 ? memberKeys.slice(0, -1) : memberKeys;
      agreeing.forEach((key, i) => {
        acceptances.push({ normId, userId: person(ctx, key), acceptedAt: clock.at(-spec.startedDaysAgo + 1 + i, 9) });
      });
    });
  }

  await tx.group.createMany({
    data: GROUPS.map((spec) => ({
      id: groups[spec.key].id,
      schoolId,
      kind: spec.kind,
      name: spec.name,
      focus: spec.focus,
      meetingCadence: spec.meetingCadence,
      gradeLevel: spec.gradeLevel ?? null,
      subject: spec.subject ?? null,
      createdAt: clock.at(-spec.startedDaysAgo, 15),
    })),
  });
  await tx.groupMember.createMany({ data: members });
  await tx.norm.createMany({ data: norms });
  await tx.normAcceptance.createMany({ data: acceptances });
  return groups;
}
