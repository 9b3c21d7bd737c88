// The live documents of every kind, and the feedback peers left on the lesson plans.
// Document `state` stays null: the Yjs content is written by the collab layer, not here.
import type { DemoGroupKey, DemoGroups } from "./groups.ts";
import type { DemoSessions } from "./meetings.ts";
import { newId, person, type SeedContext } from "./seed-context.ts";

type DocumentKind = "LESSON_PLAN" | "MEETING_NOTES" | "ACTION_PLAN" | "REFLECTION";
type DocumentSpec = {
  key: string;
  group: DemoGroupKey;
  kind: DocumentKind;
  title: string;
  creator: string;
  createdDaysAgo: number;
  session?: string;
  sharedDaysAgo?: number;
};

const DOCUMENTS: DocumentSpec[] = [
  { key: "ana-lesson", group: "questioning", kind: "LESSON_PLAN", title: "Why do leaves change colour? (Grade 4 science inquiry)", creator: "ana", createdDaysAgo: 20 },
  { key: "questioning-notes", group: "questioning", kind: "MEETING_NOTES", title: "Notes: debrief of Ana's inquiry lesson", creator: "chloe", createdDaysAgo: 14, session: "questioning-debrief" },
  { key: "questioning-actions", group: "questioning", kind: "ACTION_PLAN", title: "What we'll try before we meet again", creator: "ana", createdDaysAgo: 14 },
  { key: "ben-reflection", group: "questioning", kind: "REFLECTION", title: "My own questions, counted", creator: "ben", createdDaysAgo: 10 },
  { key: "farah-lesson", group: "discourse", kind: "LESSON_PLAN", title: "Number talk: 18 × 5 three ways (Grade 3)", creator: "farah", createdDaysAgo: 9, sharedDaysAgo: 2 },
  { key: "discourse-frames-notes", group: "discourse", kind: "MEETING_NOTES", title: "Notes: sentence frames", creator: "david", createdDaysAgo: 14, session: "discourse-frames" },
  { key: "discourse-live-notes", group: "discourse", kind: "MEETING_NOTES", title: "Notes: co-planning the number talk", creator: "david", createdDaysAgo: 0, session: "discourse-live" },
  { key: "discourse-actions", group: "discourse", kind: "ACTION_PLAN", title: "Discourse Lab commitments", creator: "elena", createdDaysAgo: 14 },
  { key: "elena-reflection", group: "discourse", kind: "REFLECTION", title: "Who talks in my room?", creator: "elena", createdDaysAgo: 6, sharedDaysAgo: 3 },
  { key: "grade4-lesson", group: "grade4", kind: "LESSON_PLAN", title: "Re-teach: equivalent fractions on a number line", creator: "ana", createdDaysAgo: 6 },
  { key: "grade4-notes", group: "grade4", kind: "MEETING_NOTES", title: "Notes: fractions data dig", creator: "hana", createdDaysAgo: 7, session: "grade4-data" },
  { key: "grade4-actions", group: "grade4", kind: "ACTION_PLAN", title: "Fractions re-teach plan", creator: "hana", createdDaysAgo: 7 },
  { key: "math-notes", group: "math", kind: "MEETING_NOTES", title: "Notes: multi-step word problems", creator: "emeka", createdDaysAgo: 7, session: "math-problem-solving" },
  { key: "math-actions", group: "math", kind: "ACTION_PLAN", title: "K–5 fluency action plan", creator: "emeka", createdDaysAgo: 35 },
];

type FeedbackSpec = {
  document: string;
  kind: "GLOW" | "GROW" | "QUESTION";
  author: string;
  body: string;
  daysAgo: number;
  quote?: string;
  replies?: { author: string; body: string }[];
  resolvedBy?: string;
};

const FEEDBACK: FeedbackSpec[] = [
  {
    document: "ana-lesson", kind: "GLOW", author: "chloe", daysAgo: 15,
    body: "Starting with real leaves on every table had the whole class noticing before you asked a single question. Lovely hook.",
  },
  {
    document: "ana-lesson", kind: "GROW", author: "ben", daysAgo: 15, quote: "Why do you think the leaves change colour?",
    body: "This 'why' comes before students have made any observations, so most answers were guesses. What if it came after the sorting task?",
    replies: [{ author: "ana", body: "Good catch. I moved it after the sort and added 'What do you notice about the green ones?' first." }],
    resolvedBy: "ana",
  },
  {
    document: "ana-lesson", kind: "QUESTION", author: "chloe", daysAgo: 14,
    body: "How will you group students for the sorting task: mixed readiness, or by how much they already know about photosynthesis?",
    replies: [{ author: "ana", body: "Mixed, in threes. I'm still unsure though; what do you do in your room?" }],
  },
  {
    document: "farah-lesson", kind: "GLOW", author: "david", daysAgo: 8, quote: "Turn to your partner: convince them your way works.",
    body: "'Convince them' is such a good frame: it makes the partner actually listen.",
  },
  {
    document: "farah-lesson", kind: "GROW", author: "elena", daysAgo: 8,
    body: "The string jumps from 10 × 5 to 18 × 5. A 20 × 5 step in between might help students see the compensation strategy.",
    replies: [
      { author: "farah", body: "Yes! Added 20 × 5 and 2 × 5." },
      { author: "gabe", body: "Could also try 9 × 10 as a bridge for the halving-and-doubling folks." },
    ],
    resolvedBy: "farah",
  },
  {
    document: "farah-lesson", kind: "QUESTION", author: "gabe", daysAgo: 7,
    body: "How will you record strategies on the board so the quieter students' ideas get equal space?",
  },
  {
    document: "grade4-lesson", kind: "GROW", author: "dana", daysAgo: 5, quote: "Students place 1/2 and 2/4 on separate number lines.",
    body: "One shared number line, with both fractions on it, makes the equivalence visible instead of something to be told.",
    replies: [{ author: "ana", body: "Changed to one line per pair, with both fractions on it." }],
    resolvedBy: "ana",
  },
  {
    document: "grade4-lesson", kind: "QUESTION", author: "hana", daysAgo: 4,
    body: "Which exit ticket item will tell us the re-teach worked? Can we reuse question 4 from the common assessment?",
  },
];

export type DemoDocument = { id: string; group: DemoGroupKey; kind: DocumentKind };
export type DemoDocuments = { get(key: string): DemoDocument };

export async function seedDocuments(ctx: SeedContext, groups: DemoGroups, sessions: DemoSessions): Promise<DemoDocuments> {
  const { tx, clock } = ctx;
  const documents = new Map<string, DemoDocument>();
  const lookup = (key: string) => {
    const doc = documents.get(key);
    if (!doc) throw new Error(`The demo school has no document "${key}".`);
    return doc;
  };

  const rows = DOCUMENTS.map((spec) => {
    const doc: DemoDocument = { id: newId(), group: spec.group, kind: spec.kind };
    documents.set(spec.key, doc);
    const createdAt = spec.session ? sessions.get(spec.session).startsAt : clock.at(-spec.createdDaysAgo, 16);
    const groupId = groups[spec.group].id;
    ctx.activity.push({ groupId, actorId: person(ctx, spec.creator), type: "DOCUMENT_CREATED", subjectId: doc.id, payload: { kind: spec.kind }, at: createdAt });
    return {
      id: doc.id,
      groupId,
      sessionId: spec.session ? sessions.get(spec.session).id : null,
      creatorId: person(ctx, spec.creator),
      kind: spec.kind,
      title: spec.title,
      state: null,
      sharedWithCoachesAt: spec.sharedDaysAgo === undefined ? null : clock.at(-spec.sharedDaysAgo, 17),
      createdAt,
      updatedAt: createdAt,
    };
  });
  await tx.document.createMany({ data: rows });

  const feedback: {
    id: string; documentId: string; authorId: string; parentId: string | null; kind: "GLOW" | "GROW" | "QUESTION" | "NOTE"; body: string;
    anchorQuote: string | null; resolvedAt: Date | null; resolvedById: string | null; createdAt: Date; updatedAt: Date;
  }[] = [];
  for (const spec of FEEDBACK) {
    const doc = lookup(spec.document);
    const groupId = groups[doc.group].id;
    const id = newId();
    const createdAt = clock.at(-spec.daysAgo, 18);
    const resolvedAt = spec.resolvedBy ? clock.at(-spec.daysAgo + 1, 8) : null;
    feedback.push({
      id, documentId: doc.id, authorId: person(ctx, spec.author), parentId: null, kind: spec.kind, body: spec.body,
      anchorQuote: spec.quote ?? null, resolvedAt, resolvedById: spec.resolvedBy ? person(ctx, spec.resolvedBy) : null,
      createdAt, updatedAt: resolvedAt ?? createdAt,
    });
    ctx.activity.push({ groupId, actorId: person(ctx, spec.author), type: "FEEDBACK_ADDED", subjectId: id, payload: { kind: spec.kind, documentId: doc.id }, at: createdAt });
    spec.replies?.forEach((reply, i) => {
      const replyId = newId();
      const repliedAt = new Date(createdAt.getTime() + (i + 1) * 3_600_000);
      feedback.push({
        id: replyId, documentId: doc.id, authorId: person(ctx, reply.author), parentId: id, kind: "NOTE", body: reply.body,
        anchorQuote: null, resolvedAt: null, resolvedById: null, createdAt: repliedAt, updatedAt: repliedAt,
      });
      ctx.activity.push({ groupId, actorId: person(ctx, reply.author), type: "FEEDBACK_REPLIED", subjectId: replyId, payload: { documentId: doc.id }, at: repliedAt });
    });
    if (spec.resolvedBy && resolvedAt) {
      ctx.activity.push({ groupId, actorId: person(ctx, spec.resolvedBy), type: "FEEDBACK_RESOLVED", subjectId: id, payload: { documentId: doc.id }, at: resolvedAt });
    }
  }
  // Replies point at their parent in the same INSERT; PostgreSQL checks the key at statement end.
  await tx.feedback.createMany({ data: feedback });

  return { get: lookup };
}
