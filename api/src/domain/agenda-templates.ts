// Ready-made agendas a group starts a meeting from: for a PLC, the four PLC questions with a
// data review and action planning; for a peer group, a problem of practice, a lesson study round
// and commitments with their check-back. Plain values: the web app and integrators read them
// through GraphQL (agendaTemplates), and scheduling or an empty agenda takes their items.
import type { GroupKind } from "../generated/prisma/enums.ts";

export type AgendaTemplateItem = { title: string; minutes: number; plcQuestion: number | null };
export type AgendaTemplate = { id: string; kind: GroupKind; name: string; description: string; items: AgendaTemplateItem[] };

const item = (title: string, minutes: number, plcQuestion: number | null = null): AgendaTemplateItem => ({ title, minutes, plcQuestion });

export const AGENDA_TEMPLATES: readonly AgendaTemplate[] = [
  {
    id: "plc-four-questions",
    kind: "PLC",
    name: "The four PLC questions",
    description: "A data review, then each of the four PLC questions in turn, ending with an action plan.",
    items: [
      item("Data review: what the latest common assessment shows", 10),
      item("What do we want students to learn?", 5, 1),
      item("How will we know if they have learned it?", 10, 2),
      item("How will we respond when some students do not learn it?", 10, 3),
      item("How will we extend the learning for students who are already proficient?", 5, 4),
      item("Action planning: who does what by when", 5),
    ],
  },
  {
    id: "peer-problem-of-practice",
    kind: "PEER",
    name: "Problem of practice",
    description: "One member brings a problem of practice; the group asks, discusses and suggests, then agrees on commitments.",
    items: [
      item("Check-back on last meeting's commitments", 5),
      item("Problem of practice: the presenter describes it", 5),
      item("Clarifying questions", 5),
      item("Discussion while the presenter listens", 10),
      item("Presenter reflects; commitments for next time", 5),
    ],
  },
  {
    id: "peer-lesson-study",
    kind: "PEER",
    name: "Lesson study round",
    description: "Debrief a lesson the group planned or observed together: glows, grows and questions, then commitments.",
    items: [
      item("Check-back on last meeting's commitments", 5),
      item("Lesson study: what we observed", 10),
      item("Glows: what worked", 5),
      item("Grows: what to try differently", 5),
      item("Questions we still have", 5),
      item("Commitments and when we check back", 5),
    ],
  },
];

export function agendaTemplatesFor(kind: GroupKind): AgendaTemplate[] {
  return AGENDA_TEMPLATES.filter((template) => template.kind === kind);
}

export function findAgendaTemplate(id: string): AgendaTemplate | undefined {
  return AGENDA_TEMPLATES.find((template) => template.id === id);
}
