// SMART goals at every level (a teacher's, shown to her coach; a PLC's; the school's) with their check-ins, and
// the action items with owners and due dates: some done, one blocked, some overdue today.
import type { DemoDocuments } from "./documents.ts";
import type { DemoGroupKey, DemoGroups } from "./groups.ts";
import { newId, person, type SeedContext } from "./seed-context.ts";

type ActionSpec = {
  group: DemoGroupKey;
  /** The ACTION_PLAN document the item belongs to, when it came from one. */
  plan?: string;
  title: string;
  owners: string[];
  /** Due date in days from today; negative and OPEN means overdue. */
  due: number | null;
  status: "OPEN" | "DONE" | "BLOCKED";
};

const ACTIONS: ActionSpec[] = [
  {
    group: "questioning",
    plan: "questioning-actions",
    title: "Count wait time in one lesson (phone timer, 3 s goal)",
    owners: ["ana", "ben", "chloe"],
    due: 5,
    status: "OPEN",
  },
  { group: "questioning", plan: "questioning-actions", title: "Share two 'why' questions that fell flat", owners: ["ben"], due: -3, status: "OPEN" },
  { group: "questioning", plan: "questioning-actions", title: "Send the group the revised leaf lesson", owners: ["ana"], due: -2, status: "OPEN" },
  {
    group: "questioning",
    plan: "questioning-actions",
    title: "Film ten minutes of a discussion for the next debrief",
    owners: ["chloe"],
    due: -6,
    status: "DONE",
  },
  {
    group: "discourse",
    plan: "discourse-actions",
    title: "Post the turn-and-talk frames in every room",
    owners: ["david", "elena", "farah", "gabe"],
    due: -10,
    status: "DONE",
  },
  { group: "discourse", plan: "discourse-actions", title: "Try 'say more' with three quiet students", owners: ["gabe"], due: -2, status: "OPEN" },
  { group: "discourse", plan: "discourse-actions", title: "Book the library for a joint number talk", owners: ["elena"], due: 3, status: "BLOCKED" },
  { group: "grade4", plan: "grade4-actions", title: "Re-teach equivalent fractions to the 'below' group", owners: ["ana", "david"], due: 2, status: "OPEN" },
  { group: "grade4", plan: "grade4-actions", title: "Write the extension task for students who exceeded", owners: ["hana"], due: -4, status: "OPEN" },
  { group: "grade4", plan: "grade4-actions", title: "Enter common assessment scores", owners: ["david"], due: -8, status: "DONE" },
  { group: "grade4", title: "Send families the fractions-at-home sheet", owners: ["dana"], due: 9, status: "OPEN" },
  { group: "math", plan: "math-actions", title: "Draft the K–5 fluency checkpoints", owners: ["emeka", "hana"], due: -20, status: "DONE" },
  { group: "math", plan: "math-actions", title: "Collect one multi-step problem per grade", owners: ["ben", "elena", "gabe"], due: -1, status: "OPEN" },
  { group: "math", title: "Order number-line floor mats", owners: ["emeka"], due: null, status: "OPEN" },
];

export async function seedGoalsAndActions(ctx: SeedContext, groups: DemoGroups, documents: DemoDocuments): Promise<void> {
  const { tx, clock, schoolId } = ctx;

  const teacherGoal = newId();
  const groupGoal = newId();
  const schoolGoal = newId();
  await tx.goal.createMany({
    data: [
      {
        // Ana chose to show this goal to her coach, Dana; a teacher's goals are otherwise theirs alone.
        id: teacherGoal,
        schoolId,
        ownerKind: "TEACHER",
        ownerUserId: person(ctx, "ana"),
        createdById: person(ctx, "ana"),
        visibility: "MY_COACH",
        title: "Ask more questions that make students reason",
        metric: "Share of my questions at DOK 3 or above, counted from a recorded lesson",
        baseline: 15,
        target: 40,
        dueDate: clock.date(60),
        status: "ON_TRACK",
        createdAt: clock.at(-45, 16),
      },
      {
        id: groupGoal,
        schoolId,
        ownerKind: "GROUP",
        groupId: groups.grade4.id,
        createdById: person(ctx, "hana"),
        title: "Grade 4 fractions proficiency",
        metric: "Students meeting or exceeding on the unit 5 common assessment (%)",
        baseline: 48,
        target: 75,
        dueDate: clock.date(30),
        status: "AT_RISK",
        createdAt: clock.at(-30, 16),
      },
      {
        id: schoolGoal,
        schoolId,
        ownerKind: "SCHOOL",
        createdById: person(ctx, "priya"),
        title: "Every teacher in an active peer group or PLC",
        metric: "Teachers who attended a peer group or PLC session in the last month (%)",
        baseline: 55,
        target: 100,
        dueDate: clock.date(120),
        status: "ON_TRACK",
        createdAt: clock.at(-100, 9),
      },
    ],
  });
  await tx.goalCheckIn.createMany({
    data: [
      {
        goalId: teacherGoal,
        authorId: person(ctx, "ana"),
        value: 22,
        note: "Counted 9 of 41 questions in Tuesday's science lesson.",
        createdAt: clock.at(-21, 17),
      },
      { goalId: teacherGoal, authorId: person(ctx, "ana"), value: 31, note: "Moving the 'why' after observation helped a lot.", createdAt: clock.at(-7, 17) },
      { goalId: groupGoal, authorId: person(ctx, "hana"), value: 56, note: "First common assessment: 9 of 16 meeting or above.", createdAt: clock.at(-7, 16) },
      { goalId: schoolGoal, authorId: person(ctx, "priya"), value: 70, createdAt: clock.at(-60, 9) },
      { goalId: schoolGoal, authorId: person(ctx, "priya"), value: 88, note: "Discourse Lab started; Hana joined K–5 Math.", createdAt: clock.at(-20, 9) },
    ],
  });

  const items: {
    id: string;
    groupId: string;
    documentId: string | null;
    itemKey: string | null;
    title: string;
    dueDate: Date | null;
    status: ActionSpec["status"];
    completedAt: Date | null;
    createdAt: Date;
    updatedAt: Date;
  }[] = [];
  const owners: { actionItemId: string; userId: string }[] = [];
  ACTIONS.forEach((spec, i) => {
    const id = newId();
    const createdAt = clock.at(Math.min(spec.due ?? 0, 0) - 10, 16);
    const completedAt = spec.status === "DONE" ? clock.at((spec.due ?? 0) - 1, 15) : null;
    items.push({
      id,
      groupId: groups[spec.group].id,
      documentId: spec.plan ? documents.get(spec.plan).id : null,
      itemKey: spec.plan ? `demo-${i + 1}` : null,
      title: spec.title,
      dueDate: spec.due === null ? null : clock.date(spec.due),
      status: spec.status,
      completedAt,
      createdAt,
      updatedAt: completedAt ?? createdAt,
    });
    for (const key of spec.owners) owners.push({ actionItemId: id, userId: person(ctx, key) });
    if (completedAt) {
      ctx.activity.push({
        groupId: groups[spec.group].id,
        actorId: person(ctx, spec.owners[0]!),
        type: "ACTION_ITEM_CHANGED",
        subjectId: id,
        payload: { status: "DONE" },
        at: completedAt,
      });
    }
  });
  await tx.actionItem.createMany({ data: items });
  await tx.actionItemOwner.createMany({ data: owners });
}
