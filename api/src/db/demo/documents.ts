// The live documents of every kind, with real content, and the feedback peers left on the
// lesson plans. Content is built as a Y.Doc here and stored as its compacted state, exactly as
// the collab layer would store it; an action plan's items are the same items as its ActionItem rows.
import * as Y from "yjs";
import type { ActionItemFields } from "../../collab/content/layout.ts";
import { pm, replaceRichText, type PMNode } from "../../collab/content/prosemirror.ts";
import { actionPlan, lessonPlan, meetingNotes, reflection, writeActionItems, type TemplateSession } from "../../collab/content/templates.ts";
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
  {
    key: "ana-lesson",
    group: "questioning",
    kind: "LESSON_PLAN",
    title: "Why do leaves change colour? (Grade 4 science inquiry)",
    creator: "ana",
    createdDaysAgo: 20,
  },
  {
    key: "questioning-notes",
    group: "questioning",
    kind: "MEETING_NOTES",
    title: "Notes: debrief of Ana's inquiry lesson",
    creator: "chloe",
    createdDaysAgo: 14,
    session: "questioning-debrief",
  },
  { key: "questioning-actions", group: "questioning", kind: "ACTION_PLAN", title: "What we'll try before we meet again", creator: "ana", createdDaysAgo: 14 },
  { key: "ben-reflection", group: "questioning", kind: "REFLECTION", title: "My own questions, counted", creator: "ben", createdDaysAgo: 10 },
  {
    key: "farah-lesson",
    group: "discourse",
    kind: "LESSON_PLAN",
    title: "Number talk: 18 × 5 three ways (Grade 3)",
    creator: "farah",
    createdDaysAgo: 9,
    sharedDaysAgo: 2,
  },
  {
    key: "discourse-frames-notes",
    group: "discourse",
    kind: "MEETING_NOTES",
    title: "Notes: sentence frames",
    creator: "david",
    createdDaysAgo: 14,
    session: "discourse-frames",
  },
  {
    key: "discourse-live-notes",
    group: "discourse",
    kind: "MEETING_NOTES",
    title: "Notes: co-planning the number talk",
    creator: "david",
    createdDaysAgo: 0,
    session: "discourse-live",
  },
  { key: "discourse-actions", group: "discourse", kind: "ACTION_PLAN", title: "Discourse Lab commitments", creator: "elena", createdDaysAgo: 14 },
  { key: "elena-reflection", group: "discourse", kind: "REFLECTION", title: "Who talks in my room?", creator: "elena", createdDaysAgo: 6, sharedDaysAgo: 3 },
  { key: "grade4-lesson", group: "grade4", kind: "LESSON_PLAN", title: "Re-teach: equivalent fractions on a number line", creator: "ana", createdDaysAgo: 6 },
  {
    key: "grade4-notes",
    group: "grade4",
    kind: "MEETING_NOTES",
    title: "Notes: fractions data dig",
    creator: "hana",
    createdDaysAgo: 7,
    session: "grade4-data",
  },
  { key: "grade4-actions", group: "grade4", kind: "ACTION_PLAN", title: "Fractions re-teach plan", creator: "hana", createdDaysAgo: 7 },
  {
    key: "math-notes",
    group: "math",
    kind: "MEETING_NOTES",
    title: "Notes: multi-step word problems",
    creator: "emeka",
    createdDaysAgo: 7,
    session: "math-problem-solving",
  },
  { key: "math-actions", group: "math", kind: "ACTION_PLAN", title: "K–5 fluency action plan", creator: "emeka", createdDaysAgo: 35 },
];

const { paragraph: p, bullets, numbered, bold: b, italic: i } = pm;

/** Each document's rich text; meeting notes get their session (title, date, agenda) to follow. */
const CONTENT: Record<string, (session: TemplateSession | null) => PMNode[]> = {
  "ana-lesson": () =>
    lessonPlan({
      "Learning goal": [
        p(
          "Students explain, from their own observations, why leaves change colour in autumn: green chlorophyll breaks down and lets yellow and orange pigments show.",
        ),
      ],
      "Success criteria": [
        bullets(
          ["I can sort leaves by colour and describe what I notice."],
          ["I can use the words ", i("chlorophyll"), " and ", i("pigment"), " in an explanation."],
          ["I can back up my explanation with something I saw."],
        ),
      ],
      Materials: [
        bullets(
          ["A tray of real leaves per table (green, yellow, red, brown)"],
          ["Hand lenses"],
          ["Sorting mats and sticky notes"],
          ["Chromatography strips, rubbing alcohol, cups (demo only)"],
        ),
      ],
      "Opening (5 min)": [
        p(
          "Leaves already on every table as students come in. No instructions for the first two minutes: just look. Then: ",
          b("What do you notice about the green ones?"),
        ),
      ],
      "Main activity": [
        numbered(
          ["Sort (10 min): in mixed threes, students sort their leaves any way they like, then explain their sort to the next table."],
          ["Question (5 min): only now ask ", b("Why do you think the leaves change colour?"), " Students write a first idea on a sticky note."],
          ["Demo (10 min): leaf chromatography. The yellow band was in the green leaf all along."],
          ["Revise (5 min): students move or rewrite their sticky note in light of the demo."],
        ),
      ],
      "Checks for understanding": [
        p(
          "Listen for ",
          i("was already there"),
          " or ",
          i("hidden"),
          " during the sort explanations. Cold-call two groups whose first idea was about temperature only.",
        ),
      ],
      "Closing / exit ticket": [p("Exit ticket: ", i("A leaf turns from green to yellow. What happened to the green? Where did the yellow come from?"))],
      Differentiation: [
        bullets(
          ["Sentence starters on the sorting mats: ", i("I notice… / I think this is because…")],
          ["Extension: why do some leaves go red rather than yellow? (anthocyanin, made in autumn)"],
        ),
      ],
    }),
  "questioning-notes": (session) =>
    meetingNotes(
      { title: "Notes", session },
      {
        notes: [
          [p("Ana wanted us to watch when students start guessing instead of reasoning, and whether the leaves on the tables helped.")],
          [
            bullets(
              ["Every student touched a leaf in the first minute."],
              ["Table 3 invented their own sort (by edge shape) and defended it."],
              ["Two students used the word ", i("pigment"), " unprompted after the demo."],
            ),
          ],
          [
            p("The ", b("why"), " question came before students had observed anything, so most answers were guesses. Move it after the sort."),
            p("Wondering: mixed-readiness threes or grouped by prior knowledge? No agreement yet."),
          ],
          [
            bullets(
              ["Ana: move the why question, re-teach on Thursday."],
              ["Ben: count his own questions in one lesson."],
              ["Chloe: film ten minutes of a discussion for next time."],
            ),
          ],
        ],
        decisions: [p("Next session is a wait-time experiment: everyone counts wait time in one lesson, 3 seconds as the goal.")],
        followUps: [p("See the action plan ", i("What we'll try before we meet again"), ".")],
      },
    ),
  "questioning-actions": () => actionPlan([p("What the three of us will try before we meet again. Bring the evidence, not just the story.")]),
  "ben-reflection": () =>
    reflection({
      "What I tried": [p("I counted every question I asked in a 40-minute reading lesson, using tally marks on a sticky note.")],
      "What happened": [p("41 questions. 30 of them had one right answer that I already knew. My longest wait time was about 2 seconds.")],
      "What I noticed about students": [
        p(
          "The same five hands every time. When I asked ",
          i("What makes you say that?"),
          " once, a student who never talks gave the best answer of the lesson.",
        ),
      ],
      "What I will try next": [
        bullets(["Plan three open questions before the lesson and write them on the board."], ["Count to three, silently, before taking an answer."]),
      ],
    }),
  "farah-lesson": () =>
    lessonPlan({
      "Learning goal": [
        p("Students multiply a two-digit number by 5 mentally, and compare strategies: doubling and halving, compensation, and partial products."),
      ],
      "Success criteria": [bullets(["I can solve 18 × 5 in my head in at least one way."], ["I can explain a classmate's strategy in my own words."])],
      Materials: [bullets(["Whiteboard for the number string"], ["Strategy anchor chart from last week"])],
      "Opening (5 min)": [p("Number string, one at a time, thumbs up when ready: 2 × 5, 10 × 5, 20 × 5, then 18 × 5.")],
      "Main activity": [
        p("Students solve 18 × 5 silently, then share. Record each strategy on the board under its author's name:"),
        bullets(["Halving and doubling: 9 × 10 = 90"], ["Compensation: 20 × 5 − 2 × 5 = 100 − 10"], ["Partial products: 10 × 5 + 8 × 5 = 50 + 40"]),
        p(b("Turn to your partner: convince them your way works.")),
      ],
      "Checks for understanding": [p("Ask a student to revoice a strategy that is not their own. Then: ", i("Which way would you use for 28 × 5? Why?"))],
      "Closing / exit ticket": [p("Solve 16 × 5 two different ways.")],
      Differentiation: [bullets(["Start from 10 × 5 on the board for students who need an anchor."], ["Challenge: 18 × 50 and 18 × 25."])],
    }),
  "discourse-frames-notes": (session) =>
    meetingNotes(
      { title: "Notes", session },
      {
        notes: [
          [p("Elena: a student said ", i("I disagree with Sam because…"), " without the frame on the wall. Gabe: the frames get ignored after week one.")],
          [
            p("Farah's frames, tuned:"),
            bullets(["I agree with ___ because…"], ["I want to add on to what ___ said…"], ["Can you say more about…?"]),
            p("Cut the frames from six to three; post them where students sit, not at the front."),
          ],
          [p("Everyone posts the three frames in their room by next week.")],
        ],
        decisions: [p("Three frames, same wording in every room.")],
      },
    ),
  "discourse-live-notes": (session) =>
    meetingNotes(
      { title: "Notes", session },
      { notes: [[p("Going with 18 × 5, with 20 × 5 and 2 × 5 in the string so compensation has somewhere to come from.")]] },
    ),
  "discourse-actions": () => actionPlan([p("Discourse Lab commitments, checked at the start of every meeting.")]),
  "elena-reflection": () =>
    reflection({
      "What I tried": [p("I tallied who spoke during two turn-and-talks and one whole-class discussion.")],
      "What happened": [p("In the turn-and-talks nearly everyone spoke. In the whole-class discussion, 6 of 24 students did all the talking.")],
      "What I noticed about students": [
        p(
          "The quiet students talk to a partner; they just don't talk to the room. ",
          i("Say more"),
          " worked when I said it to a pair, not in front of everyone.",
        ),
      ],
      "What I will try next": [p("Let a pair report what their partner said, so quieter students are heard without standing alone.")],
    }),
  "grade4-lesson": () =>
    lessonPlan({
      "Learning goal": [
        p("Students show that two fractions are equivalent when they name the same point on a number line (4.NF.A.1), using fraction strips to see it first."),
      ],
      "Success criteria": [
        bullets(
          ["I can use fraction strips to show that 1/2 = 2/4 = 4/8."],
          ["I can place equivalent fractions on the same point of a number line."],
          ["I can explain why 3/4 and 6/8 are equal using the size of the parts."],
        ),
      ],
      Materials: [
        bullets(
          ["Fraction strips (wholes, halves, fourths, eighths, thirds, sixths), one set per pair"],
          ["Number lines from 0 to 1 on card, one per pair"],
          ["Mini whiteboards"],
        ),
      ],
      "Opening (5 min)": [
        p(
          "Show two strips: one half and two fourths, side by side. ",
          b("Which is more? How do you know?"),
          " Take three answers without saying who is right.",
        ),
      ],
      "Main activity": [
        numbered(
          ["Build (10 min): pairs use strips to find every strip that matches one half, then one fourth and three fourths."],
          ["Place (10 min): pairs place 1/2 and 2/4 on one shared number line, then 3/4 and 6/8. What do you notice about where they land?"],
          ["Explain (10 min): each pair writes one sentence: ", i("___ and ___ are equal because…"), " Share two sentences with the class."],
        ),
      ],
      "Checks for understanding": [
        p(
          "Circulate with the re-teach list: check that students line the strips up at zero. Hinge question: ",
          b("Is 2/3 equal to 4/6? Show me on your strips."),
          " Thumbs up, down or sideways.",
        ),
      ],
      "Closing / exit ticket": [p("Draft: reuse question 4 from the common assessment (place 2/6 and 1/3 on a number line). To confirm with the team.")],
      Differentiation: [
        bullets(
          ["Below: start with halves and fourths only; strips stay on the table throughout."],
          ["Exceeded: find a fraction equivalent to 2/3 with a denominator of 12 without strips, and prove it on the number line."],
        ),
      ],
    }),
  "grade4-notes": (session) =>
    meetingNotes(
      { title: "Notes", session },
      {
        notes: [
          [p("Predictions: most of us expected comparing fractions to be the weakest target.")],
          [p("It was equivalence on a number line: 9 of 16 meeting or above overall, but only 5 of 16 on that item. Comparing was better than we thought.")],
          [p("Re-teach group of 7 with Ana and David, two 20-minute sessions with fraction strips and one shared number line.")],
          [p("Hana writes an extension task for the 4 students who exceeded.")],
        ],
        decisions: [p("Re-assess the re-teach group with the same item in two weeks.")],
        followUps: [p("See ", i("Fractions re-teach plan"), ".")],
      },
    ),
  "grade4-actions": () => actionPlan([p("Our response to the unit 5 data (PLC questions 3 and 4): re-teach, extend, and check it worked.")]),
  "math-notes": (session) =>
    meetingNotes(
      { title: "Notes", session },
      {
        notes: [
          [p("Got it: 11. Almost: 14. Not yet: 9. Most ", i("almost"), " samples did the first step right and stopped.")],
          [p("The ", i("not yet"), " pile needs a way to keep track of steps: a bar model or a plan-solve-check frame.")],
          [p("Ask the ", i("got it"), " students to write their own two-step problem for a partner.")],
        ],
        decisions: [p("Each grade brings one multi-step problem to the next meeting, with three student samples.")],
      },
    ),
  "math-actions": () => actionPlan([p("K–5 fact fluency: shared checkpoints, one routine per grade, and the problems we bring to each meeting.")]),
};

type PlanItem = { key: string; title: string; owners: string[]; due: number | null; status: ActionItemFields["status"] };

/**
 * The items inside each action plan. They are the same items as the ActionItem rows that
 * goals.ts writes for these plans (itemKey "demo-N" there is `key` here); the demo seed test checks that they agree.
 */
const PLAN_ITEMS: Record<string, PlanItem[]> = {
  "questioning-actions": [
    { key: "demo-1", title: "Count wait time in one lesson (phone timer, 3 s goal)", owners: ["ana", "ben", "chloe"], due: 5, status: "OPEN" },
    { key: "demo-2", title: "Share two 'why' questions that fell flat", owners: ["ben"], due: -3, status: "OPEN" },
    { key: "demo-3", title: "Send the group the revised leaf lesson", owners: ["ana"], due: -2, status: "OPEN" },
    { key: "demo-4", title: "Film ten minutes of a discussion for the next debrief", owners: ["chloe"], due: -6, status: "DONE" },
  ],
  "discourse-actions": [
    { key: "demo-5", title: "Post the turn-and-talk frames in every room", owners: ["david", "elena", "farah", "gabe"], due: -10, status: "DONE" },
    { key: "demo-6", title: "Try 'say more' with three quiet students", owners: ["gabe"], due: -2, status: "OPEN" },
    { key: "demo-7", title: "Book the library for a joint number talk", owners: ["elena"], due: 3, status: "BLOCKED" },
  ],
  "grade4-actions": [
    { key: "demo-8", title: "Re-teach equivalent fractions to the 'below' group", owners: ["ana", "david"], due: 2, status: "OPEN" },
    { key: "demo-9", title: "Write the extension task for students who exceeded", owners: ["hana"], due: -4, status: "OPEN" },
    { key: "demo-10", title: "Enter common assessment scores", owners: ["david"], due: -8, status: "DONE" },
  ],
  "math-actions": [
    { key: "demo-12", title: "Draft the K–5 fluency checkpoints", owners: ["emeka", "hana"], due: -20, status: "DONE" },
    { key: "demo-13", title: "Collect one multi-step problem per grade", owners: ["ben", "elena", "gabe"], due: -1, status: "OPEN" },
  ],
};

function documentState(ctx: SeedContext, key: string, session: TemplateSession | null): Buffer<ArrayBuffer> {
  const content = CONTENT[key];
  if (!content) throw new Error(`The demo document "${key}" has no content.`);
  const doc = new Y.Doc();
  replaceRichText(doc, content(session));
  const items = PLAN_ITEMS[key];
  if (items) {
    writeActionItems(
      doc,
      items.map((item) => ({
        id: item.key,
        title: item.title,
        owners: item.owners.map((owner) => person(ctx, owner)),
        dueDate: item.due === null ? null : ctx.clock.date(item.due).toISOString().slice(0, 10),
        status: item.status,
      })),
    );
  }
  const state = Buffer.from(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return state;
}

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
    document: "ana-lesson",
    kind: "GLOW",
    author: "chloe",
    daysAgo: 15,
    body: "Starting with real leaves on every table had the whole class noticing before you asked a single question. Lovely hook.",
  },
  {
    document: "ana-lesson",
    kind: "GROW",
    author: "ben",
    daysAgo: 15,
    quote: "Why do you think the leaves change colour?",
    body: "This 'why' comes before students have made any observations, so most answers were guesses. What if it came after the sorting task?",
    replies: [{ author: "ana", body: "Good catch. I moved it after the sort and added 'What do you notice about the green ones?' first." }],
    resolvedBy: "ana",
  },
  {
    document: "ana-lesson",
    kind: "QUESTION",
    author: "chloe",
    daysAgo: 14,
    body: "How will you group students for the sorting task: mixed readiness, or by how much they already know about photosynthesis?",
    replies: [{ author: "ana", body: "Mixed, in threes. I'm still unsure though; what do you do in your room?" }],
  },
  {
    document: "farah-lesson",
    kind: "GLOW",
    author: "david",
    daysAgo: 8,
    quote: "Turn to your partner: convince them your way works.",
    body: "'Convince them' is such a good frame: it makes the partner actually listen.",
  },
  {
    document: "farah-lesson",
    kind: "GROW",
    author: "elena",
    daysAgo: 8,
    body: "The string jumps from 10 × 5 to 18 × 5. A 20 × 5 step in between might help students see the compensation strategy.",
    replies: [
      { author: "farah", body: "Yes! Added 20 × 5 and 2 × 5." },
      { author: "gabe", body: "Could also try 9 × 10 as a bridge for the halving-and-doubling folks." },
    ],
    resolvedBy: "farah",
  },
  {
    document: "farah-lesson",
    kind: "QUESTION",
    author: "gabe",
    daysAgo: 7,
    body: "How will you record strategies on the board so the quieter students' ideas get equal space?",
  },
  {
    document: "grade4-lesson",
    kind: "GROW",
    author: "dana",
    daysAgo: 5,
    quote: "Students place 1/2 and 2/4 on separate number lines.",
    body: "One shared number line, with both fractions on it, makes the equivalence visible instead of something to be told.",
    replies: [{ author: "ana", body: "Changed to one line per pair, with both fractions on it." }],
    resolvedBy: "ana",
  },
  {
    document: "grade4-lesson",
    kind: "QUESTION",
    author: "hana",
    daysAgo: 4,
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

  // The meetings' agendas shape their notes: one statement for all of them.
  const sessionIds = DOCUMENTS.flatMap((spec) => (spec.session ? [sessions.get(spec.session).id] : []));
  const sessionRows = await tx.session.findMany({
    where: { id: { in: sessionIds } },
    select: {
      id: true,
      title: true,
      startsAt: true,
      protocol: true,
      agendaItems: { orderBy: { position: "asc" }, select: { title: true, minutes: true, plcQuestion: true } },
    },
  });
  const templateSession = new Map(sessionRows.map((row): [string, TemplateSession] => [row.id, { ...row, agenda: row.agendaItems }]));

  const rows = DOCUMENTS.map((spec) => {
    const doc: DemoDocument = { id: newId(), group: spec.group, kind: spec.kind };
    documents.set(spec.key, doc);
    const createdAt = spec.session ? sessions.get(spec.session).startsAt : clock.at(-spec.createdDaysAgo, 16);
    const groupId = groups[spec.group].id;
    ctx.activity.push({
      groupId,
      actorId: person(ctx, spec.creator),
      type: "DOCUMENT_CREATED",
      subjectId: doc.id,
      payload: { kind: spec.kind },
      at: createdAt,
    });
    return {
      id: doc.id,
      groupId,
      sessionId: spec.session ? sessions.get(spec.session).id : null,
      creatorId: person(ctx, spec.creator),
      kind: spec.kind,
      title: spec.title,
      state: documentState(ctx, spec.key, spec.session ? (templateSession.get(sessions.get(spec.session).id) ?? null) : null),
      sharedWithCoachesAt: spec.sharedDaysAgo === undefined ? null : clock.at(-spec.sharedDaysAgo, 17),
      createdAt,
      updatedAt: createdAt,
    };
  });
  await tx.document.createMany({ data: rows });

  const feedback: {
    id: string;
    documentId: string;
    authorId: string;
    parentId: string | null;
    kind: "GLOW" | "GROW" | "QUESTION" | "NOTE";
    body: string;
    anchorQuote: string | null;
    resolvedAt: Date | null;
    resolvedById: string | null;
    createdAt: Date;
    updatedAt: Date;
  }[] = [];
  for (const spec of FEEDBACK) {
    const doc = lookup(spec.document);
    const groupId = groups[doc.group].id;
    const id = newId();
    const createdAt = clock.at(-spec.daysAgo, 18);
    const resolvedAt = spec.resolvedBy ? clock.at(-spec.daysAgo + 1, 8) : null;
    feedback.push({
      id,
      documentId: doc.id,
      authorId: person(ctx, spec.author),
      parentId: null,
      kind: spec.kind,
      body: spec.body,
      anchorQuote: spec.quote ?? null,
      resolvedAt,
      resolvedById: spec.resolvedBy ? person(ctx, spec.resolvedBy) : null,
      createdAt,
      updatedAt: resolvedAt ?? createdAt,
    });
    ctx.activity.push({
      groupId,
      actorId: person(ctx, spec.author),
      type: "FEEDBACK_ADDED",
      subjectId: id,
      payload: { kind: spec.kind, documentId: doc.id },
      at: createdAt,
    });
    spec.replies?.forEach((reply, i) => {
      const replyId = newId();
      const repliedAt = new Date(createdAt.getTime() + (i + 1) * 3_600_000);
      feedback.push({
        id: replyId,
        documentId: doc.id,
        authorId: person(ctx, reply.author),
        parentId: id,
        kind: "NOTE",
        body: reply.body,
        anchorQuote: null,
        resolvedAt: null,
        resolvedById: null,
        createdAt: repliedAt,
        updatedAt: repliedAt,
      });
      ctx.activity.push({
        groupId,
        actorId: person(ctx, reply.author),
        type: "FEEDBACK_REPLIED",
        subjectId: replyId,
        payload: { documentId: doc.id },
        at: repliedAt,
      });
    });
    if (spec.resolvedBy && resolvedAt) {
      ctx.activity.push({
        groupId,
        actorId: person(ctx, spec.resolvedBy),
        type: "FEEDBACK_RESOLVED",
        subjectId: id,
        payload: { documentId: doc.id },
        at: resolvedAt,
      });
    }
  }
  // Replies point at their parent in the same INSERT; PostgreSQL checks the key at statement end.
  await tx.feedback.createMany({ data: feedback });

  return { get: lookup };
}
