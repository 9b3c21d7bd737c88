// The starting content of a new document of each kind, as ProseMirror nodes. The same builders
// fill the demo school's documents, with the blanks filled in.
import * as Y from "yjs";
import { actionItemsArray, type ActionItemFields } from "./layout.ts";
import { pm, replaceRichText, type PMNode } from "./prosemirror.ts";

type DocumentKind = "LESSON_PLAN" | "MEETING_NOTES" | "ACTION_PLAN" | "REFLECTION";

export const PLC_QUESTIONS: Record<number, string> = {
  1: "What do we want students to learn?",
  2: "How will we know if they have learned it?",
  3: "How will we respond when some students do not learn it?",
  4: "How will we extend the learning for students who are already proficient?",
};

export type TemplateSession = {
  title: string;
  startsAt: Date;
  protocol: string | null;
  agenda: { title: string; minutes: number; plcQuestion: number | null }[];
};

export type TemplateContext = { title: string; session?: TemplateSession | null };

/** A section's body: given content, or an empty paragraph to type into. */
const body = (content: PMNode[] | undefined): PMNode[] => (content?.length ? content : [pm.paragraph()]);

export const LESSON_PLAN_SECTIONS = [
  "Learning goal",
  "Success criteria",
  "Materials",
  "Opening (5 min)",
  "Main activity",
  "Checks for understanding",
  "Closing / exit ticket",
  "Differentiation",
] as const;
export type LessonPlanSection = (typeof LESSON_PLAN_SECTIONS)[number];

export function lessonPlan(filled: Partial<Record<LessonPlanSection, PMNode[]>> = {}): PMNode[] {
  return LESSON_PLAN_SECTIONS.flatMap((section) => [pm.heading(2, section), ...body(filled[section])]);
}

export const REFLECTION_PROMPTS = ["What I tried", "What happened", "What I noticed about students", "What I will try next"] as const;
export type ReflectionPrompt = (typeof REFLECTION_PROMPTS)[number];

export function reflection(filled: Partial<Record<ReflectionPrompt, PMNode[]>> = {}): PMNode[] {
  return REFLECTION_PROMPTS.flatMap((prompt) => [pm.heading(2, prompt), ...body(filled[prompt])]);
}

export function actionPlan(intro?: PMNode[]): PMNode[] {
  return [
    pm.heading(1, "Action plan"),
    ...(intro ?? [pm.paragraph("What we will do before we next meet, who owns each step and by when. Tick an item off when it is done.")]),
  ];
}

export type MeetingNotesFilled = { notes?: (PMNode[] | undefined)[]; decisions?: PMNode[]; followUps?: PMNode[] };

/** Meeting notes laid out along the session's agenda: one section per item, then decisions and follow-ups. */
export function meetingNotes(context: TemplateContext, filled: MeetingNotesFilled = {}): PMNode[] {
  const session = context.session;
  const header: PMNode[] = session
    ? [
        pm.heading(1, `${session.title} — ${meetingDate(session.startsAt)}`),
        ...(session.protocol ? [pm.paragraph(pm.italic(`Protocol: ${session.protocol}`))] : []),
      ]
    : [pm.heading(1, context.title), pm.heading(2, "Agenda"), pm.paragraph()];
  const agenda = (session?.agenda ?? []).flatMap((item, i) => [
    pm.heading(2, `${item.title} (${item.minutes} min)`),
    ...(item.plcQuestion && PLC_QUESTIONS[item.plcQuestion]
      ? [pm.paragraph(pm.italic(`PLC question ${item.plcQuestion}: ${PLC_QUESTIONS[item.plcQuestion]}`))]
      : []),
    ...body(filled.notes?.[i]),
  ]);
  return [
    ...header,
    ...agenda,
    ...(session ? [] : [pm.heading(2, "Notes"), pm.paragraph()]),
    pm.heading(2, "Decisions"),
    ...body(filled.decisions),
    pm.heading(2, "Follow-ups"),
    ...body(filled.followUps),
  ];
}

/** "Tuesday, March 4, 2025". Sessions are stored in UTC and the server knows no one's time zone. */
export function meetingDate(date: Date): string {
  return date.toLocaleDateString("en-US", { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

export function templateFor(kind: DocumentKind, context: TemplateContext): PMNode[] {
  switch (kind) {
    case "LESSON_PLAN":
      return lessonPlan();
    case "MEETING_NOTES":
      return meetingNotes(context);
    case "ACTION_PLAN":
      return actionPlan();
    case "REFLECTION":
      return reflection();
  }
}

/** Replaces the document's rich text with the kind's template. An action plan's items are left as they are. */
export function writeTemplate(doc: Y.Doc, kind: DocumentKind, context: TemplateContext): void {
  replaceRichText(doc, templateFor(kind, context));
}

/** Appends action items in the layout the projection and the editor share (layout.ts). */
export function writeActionItems(doc: Y.Doc, items: ActionItemFields[]): void {
  const array = actionItemsArray(doc);
  doc.transact(() => {
    array.push(
      items.map((item) => {
        const map = new Y.Map<unknown>();
        map.set("id", item.id);
        map.set("title", item.title);
        map.set("owners", [...item.owners]);
        map.set("dueDate", item.dueDate);
        map.set("status", item.status);
        return map;
      }),
    );
  });
}
