// A document's content without Yjs: the converters (Y.XmlFragment → ProseMirror JSON, Markdown,
// plain text) on hand-built documents, the `content` field over GraphQL for documents edited by
// real y-websocket clients, and the templates new documents start from.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { toMarkdown, toPlainText, pm, readContent, writeProseMirror, type PMNode } from "@staffroom/api/content";
import { startTestApp, type TestApp } from "../support/app.ts";
import { connectClient, eventually, synced, type Client } from "../support/collab.ts";
import { buildSchoolFixture, gid, type ActorKey, type SchoolFixture } from "../support/school-fixture.ts";
import { TABLE_ACTORS, asActor, readOutcome, type TrustActor } from "../support/trust.ts";
import { graphql, type VariablesOf } from "../support/graphql.ts";
import { asNode, succeeded } from "../support/operations.ts";

// ───────────── hand-built documents, shaped as y-prosemirror writes them ─────────────

type Attrs = Record<string, unknown>;

/** Appends an element to an integrated parent, then lets `fill` populate it. */
function element(parent: Y.XmlFragment, name: string, attrs: Attrs = {}, fill?: (el: Y.XmlElement) => void): Y.XmlElement {
  const el = new Y.XmlElement(name);
  parent.insert(parent.length, [el]);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string);
  fill?.(el);
  return el;
}

/** Appends one Y.XmlText holding the runs, each with its formatting attributes (the marks). */
function text(parent: Y.XmlFragment, ...runs: [string, Attrs?][]) {
  const t = new Y.XmlText();
  parent.insert(parent.length, [t]);
  let at = 0;
  for (const [value, attributes] of runs) {
    t.insert(at, value, attributes ?? {});
    at += value.length;
  }
}

const paragraph = (parent: Y.XmlFragment, ...runs: [string, Attrs?][]) => element(parent, "paragraph", {}, (p) => runs.length && text(p, ...runs));

function everyNodeAndMark(): Y.Doc {
  const doc = new Y.Doc();
  const f = doc.getXmlFragment("default");
  element(f, "heading", { level: 1 }, (h) => text(h, ["Fractions with strips"]));
  paragraph(
    f,
    ["Plain, "],
    ["bold", { bold: {} }],
    [", "],
    ["italic", { italic: {} }],
    [", "],
    ["struck", { strike: {} }],
    [", "],
    ["code", { code: {} }],
    [" and "],
    ["a link", { link: { href: "https://example.org/strips" } }],
    ["."],
  );
  element(f, "paragraph", {}, (p) => {
    text(p, ["Line one"]);
    element(p, "hardBreak");
    text(p, ["line two"]);
  });
  element(f, "bulletList", {}, (list) => {
    element(list, "listItem", {}, (li) => paragraph(li, ["Halves"]));
    element(list, "listItem", {}, (li) => {
      paragraph(li, ["Fourths"]);
      element(li, "orderedList", { start: 1 }, (ol) => element(ol, "listItem", {}, (inner) => paragraph(inner, ["Fold twice"])));
    });
  });
  element(f, "orderedList", { start: 3 }, (list) => {
    element(list, "listItem", {}, (li) => paragraph(li, ["Third step"]));
    element(list, "listItem", {}, (li) => paragraph(li, ["Fourth step"]));
  });
  element(f, "blockquote", {}, (q) => {
    paragraph(q, ["What do you notice?"]);
    paragraph(q, ["What do you wonder?"]);
  });
  element(f, "codeBlock", { language: "ts" }, (c) => text(c, ["const half = 1 / 2;\nconsole.log(half);"]));
  element(f, "horizontalRule");
  element(f, "heading", { level: 3 }, (h) => text(h, ["Exit ticket"]));
  return doc;
}

const EVERY_NODE_MARKDOWN = [
  "# Fractions with strips",
  "Plain, **bold**, *italic*, ~~struck~~, `code` and [a link](https://example.org/strips).",
  "Line one\\\nline two",
  "- Halves\n- Fourths\n  1. Fold twice",
  "3. Third step\n4. Fourth step",
  "> What do you notice?\n>\n> What do you wonder?",
  "```ts\nconst half = 1 / 2;\nconsole.log(half);\n```",
  "---",
  "### Exit ticket",
].join("\n\n");

const EVERY_NODE_TEXT = [
  "Fractions with strips",
  "Plain, bold, italic, struck, code and a link.",
  "Line one\nline two",
  "- Halves\n- Fourths\n  1. Fold twice",
  "3. Third step\n4. Fourth step",
  "What do you notice?\n\nWhat do you wonder?",
  "const half = 1 / 2;\nconsole.log(half);",
  "Exit ticket",
].join("\n\n");

const t = (value: string, ...marks: PMNode["marks"][]): PMNode => (marks[0] ? { type: "text", text: value, marks: marks[0] } : { type: "text", text: value });
const para = (...content: PMNode[]): PMNode => ({ type: "paragraph", content });
const item = (...content: PMNode[]): PMNode => ({ type: "listItem", content });

describe("converters", () => {
  it("read every StarterKit node and mark as ProseMirror JSON", () => {
    const { doc, actionItems } = readContent(everyNodeAndMark(), { actionPlan: false });
    expect(actionItems).toBeNull();
    expect(doc).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [t("Fractions with strips")] },
        para(
          t("Plain, "),
          t("bold", [{ type: "bold" }]),
          t(", "),
          t("italic", [{ type: "italic" }]),
          t(", "),
          t("struck", [{ type: "strike" }]),
          t(", "),
          t("code", [{ type: "code" }]),
          t(" and "),
          t("a link", [{ type: "link", attrs: { href: "https://example.org/strips" } }]),
          t("."),
        ),
        para(t("Line one"), { type: "hardBreak" }, t("line two")),
        {
          type: "bulletList",
          content: [item(para(t("Halves"))), item(para(t("Fourths")), { type: "orderedList", attrs: { start: 1 }, content: [item(para(t("Fold twice")))] })],
        },
        { type: "orderedList", attrs: { start: 3 }, content: [item(para(t("Third step"))), item(para(t("Fourth step")))] },
        { type: "blockquote", content: [para(t("What do you notice?")), para(t("What do you wonder?"))] },
        { type: "codeBlock", attrs: { language: "ts" }, content: [t("const half = 1 / 2;\nconsole.log(half);")] },
        { type: "horizontalRule" },
        { type: "heading", attrs: { level: 3 }, content: [t("Exit ticket")] },
      ],
    });
  });

  it("write every node and mark as Markdown and as plain text", () => {
    const content = readContent(everyNodeAndMark(), { actionPlan: false });
    expect(toMarkdown(content)).toBe(EVERY_NODE_MARKDOWN);
    expect(toPlainText(content)).toBe(EVERY_NODE_TEXT);
  });

  it("nest marks across runs and keep whitespace outside the delimiters", () => {
    const doc = new Y.Doc();
    paragraph(
      doc.getXmlFragment("default"),
      ["Fold "],
      ["the strip ", { bold: {} }],
      ["in half", { bold: {}, italic: {} }],
      [" twice", { italic: {} }],
      [" then "],
      ["stop", { link: { href: "https://example.org/a (b)" }, bold: {} }],
    );
    expect(toMarkdown(readContent(doc, { actionPlan: false }))).toBe("Fold **the strip *in half*** *twice* then [**stop**](<https://example.org/a (b)>)");
  });

  it("strip y-prosemirror's hash from marks that may repeat", () => {
    const doc = new Y.Doc();
    paragraph(doc.getXmlFragment("default"), ["noted", { "comment--AbC1+/x=": { id: "c1" } }]);
    expect(readContent(doc, { actionPlan: false }).doc.content?.[0]).toEqual(para(t("noted", [{ type: "comment", attrs: { id: "c1" } }])));
  });

  it("escape Markdown syntax in what teachers typed, so it reads back as typed", () => {
    const doc = new Y.Doc();
    const f = doc.getXmlFragment("default");
    paragraph(f, ["# not a heading"]);
    paragraph(f, ["1. not a list, - nor *this* or _that_, [a](b) <br> `tick` \\ ~~ | &amp; & fine"]);
    paragraph(f, ["- dash"]);
    paragraph(f, ["+ plus"]);
    paragraph(f, ["> not a quote"]);
    element(f, "heading", { level: 2 }, (h) => text(h, ["Step 1. C#"]));
    element(f, "heading", { level: 2 }, (h) => text(h, ["Score #"]));
    element(f, "codeBlock", {}, (c) => text(c, ["*raw* `code` stays"]));
    paragraph(f, ["use ", {}], ["a `b`", { code: {} }]);
    expect(toMarkdown(readContent(doc, { actionPlan: false })).split("\n\n")).toEqual([
      "\\# not a heading",
      "1\\. not a list, - nor \\*this\\* or \\_that\\_, \\[a\\](b) \\<br\\> \\`tick\\` \\\\ \\~\\~ \\| \\&amp; & fine",
      "\\- dash",
      "\\+ plus",
      "\\> not a quote",
      "## Step 1. C#",
      "## Score \\#",
      "```\n*raw* `code` stays\n```",
      "use `` a `b` ``",
    ]);
  });

  it("read an empty document as one empty paragraph, and as empty text", () => {
    const content = readContent(new Y.Doc(), { actionPlan: true });
    expect(content.doc).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
    expect(content.actionItems).toEqual([]);
    expect(toMarkdown(content)).toBe("");
    expect(toPlainText(content)).toBe("");
  });

  it("render an action plan's items as a task list and as lines, naming owners it knows", () => {
    const doc = new Y.Doc();
    writeProseMirror(doc.getXmlFragment("default"), [pm.heading(1, "Action plan")]);
    const items = doc.getArray<Y.Map<unknown>>("actionItems");
    const map = (fields: Record<string, unknown>) => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(fields)) m.set(k, v);
      return m;
    };
    items.push([
      map({ id: "a", title: "Re-teach *halves*", owners: ["u1", "u2"], dueDate: "2030-01-15", status: "OPEN" }),
      map({ id: "b", title: "Enter scores", owners: ["u2"], dueDate: null, status: "DONE" }),
      map({ id: "c", title: "Book the library", owners: ["stranger"], dueDate: "2030-02-01", status: "BLOCKED" }),
      map({ title: "no id: skipped" }),
    ]);
    const names = new Map([
      ["u1", "Ana Lopez"],
      ["u2", "Ben Carter"],
    ]);
    const content = readContent(doc, { actionPlan: true });
    expect(content.actionItems?.map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect(toMarkdown(content, (id) => names.get(id))).toBe(
      "# Action plan\n\n- [ ] Re-teach \\*halves\\* — Ana Lopez, Ben Carter · due 2030-01-15\n- [x] Enter scores — Ben Carter\n- [ ] Book the library — due 2030-02-01 · blocked",
    );
    expect(toPlainText(content, (id) => names.get(id))).toBe(
      "Action plan\n\n[ ] Re-teach *halves* — Ana Lopez, Ben Carter · due 2030-01-15\n[x] Enter scores — Ben Carter\n[ ] Book the library — due 2030-02-01 · blocked",
    );
  });

  it("write ProseMirror JSON into a fragment and read back the same JSON", () => {
    const nodes: PMNode[] = [
      pm.heading(2, "Materials"),
      pm.paragraph("Strips, ", pm.bold("scissors"), pm.hardBreak(), pm.link("glue", "https://example.org")),
      pm.bullets(["one"], ["two ", pm.italic("three")]),
      pm.blockquote(pm.paragraph(pm.strike("old"), " ", pm.code("new"))),
      pm.codeBlock("x", "js"),
      pm.horizontalRule(),
      pm.paragraph(),
    ];
    const doc = new Y.Doc();
    writeProseMirror(doc.getXmlFragment("default"), nodes);
    expect(readContent(doc, { actionPlan: false }).doc).toEqual({ type: "doc", content: nodes });
  });
});

// ───────────── over GraphQL ─────────────

let app: TestApp;
let fx: SchoolFixture;
const open: Client[] = [];

beforeAll(async () => {
  app = await startTestApp({ collab: { unloadAfterMs: 50 } });
  fx = await buildSchoolFixture(app.db.prisma);
});
afterAll(async () => {
  for (const client of open) client.close();
  await app?.close();
});

function client(documentId: string, who: ActorKey) {
  const c = connectClient(app.url, documentId, fx.people[who].token);
  open.push(c);
  return c;
}

const CONTENT = graphql(`
  query DocumentContent($id: ID!) {
    node(id: $id) {
      ... on Document {
        content {
          text
          markdown
          prosemirror
        }
      }
    }
  }
`);
const GROUP_REFLECTIONS = graphql(`
  query GroupReflectionContents($g: ID!) {
    node(id: $g) {
      ... on Group {
        documents(kind: REFLECTION) {
          edges {
            node {
              id
              content {
                text
              }
            }
          }
        }
      }
    }
  }
`);
const GROUP_DOCUMENTS = graphql(`
  query GroupDocumentContents($g: ID!) {
    node(id: $g) {
      ... on Group {
        documents(first: 50) {
          edges {
            node {
              content {
                markdown
              }
            }
          }
        }
      }
    }
  }
`);

async function contentOf(docGid: string, token: string) {
  const res = await app.gql(CONTENT, { id: docGid }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const content = asNode(res.data?.node, "Document")?.content;
  return content as NonNullable<typeof content> & { prosemirror: PMNode };
}

/** What a teacher types in the editor, written through the client's own Y.Doc. */
function typeLessonPlan(c: Client) {
  const f = c.doc.getXmlFragment("default");
  c.doc.transact(() => {
    element(f, "heading", { level: 1 }, (h) => text(h, ["Fraction strips"]));
    paragraph(f, ["Fold "], ["one half", { bold: {} }], [" first, then "], ["fourths", { italic: {} }], ["."]);
    element(f, "bulletList", {}, (list) => element(list, "listItem", {}, (li) => paragraph(li, ["Label each part"])));
  });
}

describe("Document.content", () => {
  it("serves a live document, as a real client edits it, in all three formats", async () => {
    const doc = await fx.newDocument({ group: "peer", kind: "LESSON_PLAN", creator: "peerMember" });
    const writer = client(doc.id, "peerMember");
    await synced(writer);
    typeLessonPlan(writer);
    const markdown = "# Fraction strips\n\nFold **one half** first, then *fourths*.\n\n- Label each part";
    await eventually(async () => (await contentOf(doc.gid, fx.people.peerMember2.token)).markdown === markdown, "the edit in GraphQL's Markdown");
    const content = await contentOf(doc.gid, fx.people.peerMember2.token);
    expect(content.text).toBe("Fraction strips\n\nFold one half first, then fourths.\n\n- Label each part");
    expect(content.prosemirror).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [t("Fraction strips")] },
        para(t("Fold "), t("one half", [{ type: "bold" }]), t(" first, then "), t("fourths", [{ type: "italic" }]), t(".")),
        { type: "bulletList", content: [item(para(t("Label each part")))] },
      ],
    });

    // Still there from the stored log once everyone has left and the document is unloaded.
    writer.close();
    await eventually(() => app.documents.loadedCount === 0, "document unloaded");
    expect((await contentOf(doc.gid, fx.people.peerMember.token)).markdown).toBe(markdown);
  });

  it("lists an action plan's items after its text, naming only owners on the school's staff", async () => {
    const doc = await fx.newDocument({ group: "plc", kind: "ACTION_PLAN", creator: "plcFacilitator" });
    const writer = client(doc.id, "plcFacilitator");
    await synced(writer);
    writer.doc.transact(() => {
      element(writer.doc.getXmlFragment("default"), "heading", { level: 1 }, (h) => text(h, ["Action plan"]));
      const item = new Y.Map<unknown>();
      writer.doc.getArray<Y.Map<unknown>>("actionItems").push([item]);
      item.set("id", "k1");
      item.set("title", "Re-teach halves");
      item.set("owners", [fx.people.plcMember.id, fx.people.otherSchoolAdmin.id, "not-a-uuid"]);
      item.set("dueDate", "2030-03-01");
      item.set("status", "BLOCKED");
    });
    const expected = `# Action plan\n\n- [ ] Re-teach halves — ${fx.people.plcMember.name} · due 2030-03-01 · blocked`;
    await eventually(async () => (await contentOf(doc.gid, fx.people.plcMember.token)).markdown === expected, "the item in Markdown");
    const content = await contentOf(doc.gid, fx.people.plcMember.token);
    expect(content.text).toBe(`Action plan\n\n[ ] Re-teach halves — ${fx.people.plcMember.name} · due 2030-03-01 · blocked`);
    expect(content.markdown).not.toContain(fx.people.otherSchoolAdmin.name);
    expect(content.prosemirror.content?.at(-1)).toEqual({
      type: "bulletList",
      content: [
        {
          type: "listItem",
          attrs: {
            actionItemId: "k1",
            status: "BLOCKED",
            dueDate: "2030-03-01",
            owners: [fx.people.plcMember.id, fx.people.otherSchoolAdmin.id, "not-a-uuid"],
          },
          content: [para(t(`Re-teach halves — ${fx.people.plcMember.name} · due 2030-03-01 · blocked`))],
        },
      ],
    });
  });

  it("reads content for a page of documents in one request", async () => {
    const a = await fx.newDocument({ group: "peer", kind: "REFLECTION", creator: "peerMember3" });
    await app.documents.change(a.id, (y) => writeProseMirror(y.getXmlFragment("default"), [pm.paragraph("Mine alone")]));
    const res = await app.gql(GROUP_REFLECTIONS, { g: fx.peerGroupGid }, fx.people.peerMember3.token);
    expect(res.errors).toBeUndefined();
    expect(asNode(res.data?.node, "Group")?.documents.edges).toEqual([{ node: { id: a.gid, content: { text: "Mine alone" } } }]);
  });
});

// Content is a field of Document: whoever may not read the document never reaches it.
describe("who reads content", () => {
  const docs = {} as Record<"peerPlan" | "sharedPeerPlan" | "plcNotes", string>;
  const shownTo: Record<keyof typeof docs, TrustActor[]> = {
    peerPlan: ["peerMember", "peerMember2", "tokenWithScope"],
    sharedPeerPlan: ["peerMember", "peerMember2", "coach", "admin", "tokenWithScope"],
    plcNotes: ["plcFacilitator", "plcMember", "coach", "admin", "tokenWithScope"],
  };
  const tokenOwner: Record<keyof typeof docs, ActorKey> = { peerPlan: "peerMember", sharedPeerPlan: "peerMember", plcNotes: "plcMember" };

  beforeAll(async () => {
    const make = async (name: keyof typeof docs, group: "peer" | "plc", kind: "LESSON_PLAN" | "MEETING_NOTES", shared: boolean) => {
      const doc = await fx.newDocument({ group, kind, shared });
      await app.documents.change(doc.id, (y) => writeProseMirror(y.getXmlFragment("default"), [pm.paragraph(`Secret content of ${name}`)]));
      docs[name] = doc.id;
    };
    await make("peerPlan", "peer", "LESSON_PLAN", false);
    await make("sharedPeerPlan", "peer", "LESSON_PLAN", true);
    await make("plcNotes", "plc", "MEETING_NOTES", false);
  });

  const cases = (Object.keys(shownTo) as (keyof typeof docs)[]).flatMap((name) =>
    TABLE_ACTORS.map((actor) => [name, actor, shownTo[name].includes(actor) ? "shown" : "hidden"] as const),
  );

  it.each(cases)("%s: %s → %s, by node(id) and through the group's documents", async (name, actor, expected) => {
    const gql = await asActor(app, fx, actor, tokenOwner[name], "CONTENT_READ");
    const byNode = await gql(CONTENT, { id: gid("Document", docs[name]) });
    expect(readOutcome(byNode, (d) => asNode(d.node, "Document")?.content?.markdown)).toBe(expected);
    const groupGid = name === "plcNotes" ? fx.plcGroupGid : fx.peerGroupGid;
    const viaGroup = await gql(GROUP_DOCUMENTS, { g: groupGid });
    expect(
      readOutcome(viaGroup, (d) => asNode(d.node, "Group")?.documents?.edges?.filter((e) => e.node.content?.markdown === `Secret content of ${name}`)),
    ).toBe(expected);
  });
});

// ───────────── templates ─────────────

const CREATE = graphql(`
  mutation CreateDocument($input: CreateDocumentInput!) {
    createDocument(input: $input) {
      __typename
      ... on MutationCreateDocumentSuccess {
        data {
          id
          content {
            markdown
            text
          }
        }
      }
      ... on BaseError {
        code
        message
      }
    }
  }
`);

async function create(token: string, input: VariablesOf<typeof CREATE>["input"]) {
  const res = await app.gql(CREATE, { input }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data?.createDocument.__typename, JSON.stringify(res.data?.createDocument)).toBe("MutationCreateDocumentSuccess");
  const { data } = succeeded(res.data?.createDocument);
  return data as typeof data & { content: NonNullable<(typeof data)["content"]> };
}

describe("templates", () => {
  it("start a lesson plan with its sections", async () => {
    const doc = await create(fx.people.peerMember.token, { groupId: fx.peerGroupGid, kind: "LESSON_PLAN", title: "Fractions" });
    expect(doc.content.markdown).toBe(
      [
        "Learning goal",
        "Success criteria",
        "Materials",
        "Opening (5 min)",
        "Main activity",
        "Checks for understanding",
        "Closing / exit ticket",
        "Differentiation",
      ]
        .map((h) => `## ${h}`)
        .join("\n\n"),
    );
  });

  it("lay meeting notes out along the session's agenda, with minutes and PLC questions", async () => {
    const session = await app.make.session({
      groupId: fx.plcGroupId,
      title: "Data dig: unit 5",
      startsAt: new Date("2030-03-05T15:15:00Z"),
      protocol: "Data-driven dialogue",
      agendaItems: {
        create: [
          { position: 1, title: "Results by learning target", minutes: 20, plcQuestion: 2 },
          { position: 0, title: "Predictions", minutes: 10 },
          { position: 2, title: "Re-teach groups", minutes: 25, plcQuestion: 3 },
        ],
      },
    });
    const doc = await create(fx.people.plcFacilitator.token, {
      groupId: fx.plcGroupGid,
      kind: "MEETING_NOTES",
      title: "Notes",
      sessionId: gid("Session", session.id),
    });
    expect(doc.content.markdown).toBe(
      [
        "# Data dig: unit 5 — Tuesday, March 5, 2030",
        "*Protocol: Data-driven dialogue*",
        "## Predictions (10 min)",
        "## Results by learning target (20 min)",
        "*PLC question 2: How will we know if they have learned it?*",
        "## Re-teach groups (25 min)",
        "*PLC question 3: How will we respond when some students do not learn it?*",
        "## Decisions",
        "## Follow-ups",
      ].join("\n\n"),
    );
  });

  it("give meeting notes without a session a general outline", async () => {
    const doc = await create(fx.people.plcMember.token, { groupId: fx.plcGroupGid, kind: "MEETING_NOTES", title: "Hallway huddle" });
    expect(doc.content.markdown).toBe("# Hallway huddle\n\n## Agenda\n\n## Notes\n\n## Decisions\n\n## Follow-ups");
  });

  it("start an action plan with a heading and an introduction, and no items", async () => {
    const doc = await create(fx.people.coach.token, { groupId: fx.plcGroupGid, kind: "ACTION_PLAN", title: "Plan" });
    expect(doc.content.markdown).toMatch(/^# Action plan\n\nWhat we will do .+\.$/);
    const row = await app.db.prisma.actionItem.count({ where: { documentId: Buffer.from(doc.id, "base64").toString().split(":")[1] } });
    expect(row).toBe(0);
  });

  it("give a reflection its prompts", async () => {
    const doc = await create(fx.people.peerMember.token, { groupId: fx.peerGroupGid, kind: "REFLECTION", title: "Week 3" });
    expect(doc.content.text).toBe("What I tried\n\nWhat happened\n\nWhat I noticed about students\n\nWhat I will try next");
  });

  it("start empty with template: false", async () => {
    const doc = await create(fx.people.peerMember.token, { groupId: fx.peerGroupGid, kind: "LESSON_PLAN", title: "Blank", template: false });
    expect(doc.content).toEqual({ markdown: "", text: "" });
    const id = Buffer.from(doc.id, "base64").toString().split(":")[1]!;
    expect(await app.db.prisma.documentUpdate.count({ where: { documentId: id } })).toBe(0);
  });
});
