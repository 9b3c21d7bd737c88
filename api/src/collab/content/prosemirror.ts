// A document's rich text as ProseMirror JSON, and back. The Y.XmlFragment holds what Tiptap's
// Collaboration extension (y-prosemirror) writes: one Y.XmlElement per node (attrs as XML
// attributes), and one Y.XmlText per run of text whose formatting attributes are the marks.
import * as Y from "yjs";
import { actionItemsArray, richText, type ActionItemFields } from "./layout.ts";

export type PMMark = { type: string; attrs?: Record<string, unknown> };
export type PMNode = { type: string; attrs?: Record<string, unknown>; content?: PMNode[]; text?: string; marks?: PMMark[] };

/** Everything a reader of a document gets: its rich text and, for an action plan, its items. */
export type DocumentContentModel = { doc: PMNode; actionItems: ActionItemFields[] | null };

/** Marks in the order they nest, outermost first, so every renderer agrees. */
const MARK_ORDER = ["link", "bold", "italic", "strike", "code"];

// y-prosemirror stores a mark that may occur several times on one text as "name--<8-char hash>".
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

export function readContent(doc: Y.Doc, options: { actionPlan: boolean }): DocumentContentModel {
  return { doc: fragmentToProseMirror(richText(doc)), actionItems: options.actionPlan ? readActionItems(doc) : null };
}

/** The fragment as a ProseMirror `doc` node. An empty fragment reads as one empty paragraph, as an editor shows it. */
export function fragmentToProseMirror(fragment: Y.XmlFragment): PMNode {
  const content = childNodes(fragment);
  return { type: "doc", content: content.length ? content : [{ type: "paragraph" }] };
}

function childNodes(parent: Y.XmlFragment): PMNode[] {
  const nodes: PMNode[] = [];
  for (const child of parent.toArray()) {
    // Y.XmlText is not a Y.XmlElement, but Y.XmlElement is a Y.XmlFragment: test text first.
    if (child instanceof Y.XmlText) nodes.push(...textNodes(child));
    else if (child instanceof Y.XmlElement) nodes.push(elementNode(child));
  }
  return nodes;
}

function elementNode(element: Y.XmlElement): PMNode {
  const node: PMNode = { type: element.nodeName };
  const attrs = element.getAttributes() as Record<string, unknown>;
  if (Object.keys(attrs).length) node.attrs = attrs;
  const content = childNodes(element);
  if (content.length) node.content = content;
  return node;
}

type DeltaOp = { insert?: unknown; attributes?: Record<string, unknown> };

function textNodes(text: Y.XmlText): PMNode[] {
  const nodes: PMNode[] = [];
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== "string" || op.insert === "") continue;
    const node: PMNode = { type: "text", text: op.insert };
    const marks = attributesToMarks(op.attributes);
    if (marks.length) node.marks = marks;
    nodes.push(node);
  }
  return nodes;
}

function attributesToMarks(attributes: Record<string, unknown> | undefined): PMMark[] {
  if (!attributes) return [];
  const marks: PMMark[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    const type = HASHED_MARK.exec(key)?.[1] ?? key;
    const attrs = typeof value === "object" && Object.keys(value).length ? (value as Record<string, unknown>) : undefined;
    marks.push(attrs ? { type, attrs } : { type });
  }
  return marks.sort((a, b) => markRank(a.type) - markRank(b.type) || a.type.localeCompare(b.type));
}

export function markRank(type: string): number {
  const rank = MARK_ORDER.indexOf(type);
  return rank === -1 ? MARK_ORDER.length : rank;
}

/** The action plan's items, leniently: a malformed entry written by some client is skipped, never fatal. */
export function readActionItems(doc: Y.Doc): ActionItemFields[] {
  const items: ActionItemFields[] = [];
  for (const entry of actionItemsArray(doc).toArray()) {
    if (!(entry instanceof Y.Map)) continue;
    const id = entry.get("id");
    const title = entry.get("title");
    if (typeof id !== "string" || typeof title !== "string") continue;
    const owners = entry.get("owners");
    const ownerList = owners instanceof Y.Array ? owners.toArray() : Array.isArray(owners) ? owners : [];
    const dueDate = entry.get("dueDate");
    const status = entry.get("status");
    items.push({
      id,
      title,
      owners: ownerList.filter((o): o is string => typeof o === "string"),
      dueDate: typeof dueDate === "string" && dueDate ? dueDate : null,
      status: status === "DONE" || status === "BLOCKED" ? status : "OPEN",
    });
  }
  return items;
}

// ───────────── writing ─────────────

/**
 * Writes ProseMirror-like nodes into an integrated fragment (or element) at `index`, shaped as
 * y-prosemirror would: adjacent text nodes share one Y.XmlText, marks become its formatting.
 */
export function writeProseMirror(target: Y.XmlFragment, nodes: PMNode[], index = target.length): void {
  let at = index;
  let run: PMNode[] = [];
  const flushText = () => {
    if (!run.length) return;
    const text = new Y.XmlText();
    target.insert(at++, [text]);
    let offset = 0;
    for (const node of run) {
      const value = node.text ?? "";
      text.insert(offset, value, marksToAttributes(node.marks));
      offset += value.length;
    }
    run = [];
  };
  for (const node of nodes) {
    if (node.type === "text") {
      if (node.text) run.push(node);
      continue;
    }
    flushText();
    const element = new Y.XmlElement(node.type);
    target.insert(at++, [element]);
    for (const [key, value] of Object.entries(node.attrs ?? {})) {
      // y-prosemirror leaves null attributes out; the schema's defaults apply.
      if (value !== null && value !== undefined) element.setAttribute(key, value as string);
    }
    if (node.content?.length) writeProseMirror(element, node.content, 0);
  }
  flushText();
}

function marksToAttributes(marks: PMMark[] | undefined): Record<string, unknown> {
  // An explicit (even empty) set: Y.Text then ends its neighbour's formatting instead of inheriting it.
  const attributes: Record<string, unknown> = {};
  for (const mark of marks ?? []) attributes[mark.type] = mark.attrs ?? {};
  return attributes;
}

/** Replaces the whole rich text with `nodes`. */
export function replaceRichText(doc: Y.Doc, nodes: PMNode[]): void {
  const fragment = richText(doc);
  doc.transact(() => {
    if (fragment.length) fragment.delete(0, fragment.length);
    writeProseMirror(fragment, nodes, 0);
  });
}

// Small builders for templates and demo content: p("Hello ", b("world")).
type Inline = string | PMNode;
const inline = (parts: Inline[]): PMNode[] =>
  parts.map((part) => (typeof part === "string" ? { type: "text", text: part } : part)).filter((n) => n.type !== "text" || n.text);
const marked = (mark: PMMark, text: string): PMNode => ({ type: "text", text, marks: [mark] });

export const pm = {
  heading: (level: number, ...parts: Inline[]): PMNode => ({ type: "heading", attrs: { level }, content: inline(parts) }),
  paragraph: (...parts: Inline[]): PMNode => (parts.length ? { type: "paragraph", content: inline(parts) } : { type: "paragraph" }),
  bulletList: (...items: PMNode[][]): PMNode => ({ type: "bulletList", content: items.map((content) => ({ type: "listItem", content })) }),
  orderedList: (...items: PMNode[][]): PMNode => ({
    type: "orderedList",
    attrs: { start: 1 },
    content: items.map((content) => ({ type: "listItem", content })),
  }),
  /** A list whose items are single paragraphs. */
  bullets: (...items: Inline[][]): PMNode => pm.bulletList(...items.map((parts) => [pm.paragraph(...parts)])),
  numbered: (...items: Inline[][]): PMNode => pm.orderedList(...items.map((parts) => [pm.paragraph(...parts)])),
  blockquote: (...content: PMNode[]): PMNode => ({ type: "blockquote", content }),
  codeBlock: (code: string, language: string | null = null): PMNode => ({
    type: "codeBlock",
    attrs: { language },
    content: code ? [{ type: "text", text: code }] : [],
  }),
  horizontalRule: (): PMNode => ({ type: "horizontalRule" }),
  hardBreak: (): PMNode => ({ type: "hardBreak" }),
  /** A Tiptap mention of a person (their database id) with the name it shows. */
  mention: (userId: string, label: string): PMNode => ({ type: "mention", attrs: { id: userId, label } }),
  bold: (text: string) => marked({ type: "bold" }, text),
  italic: (text: string) => marked({ type: "italic" }, text),
  strike: (text: string) => marked({ type: "strike" }, text),
  code: (text: string) => marked({ type: "code" }, text),
  link: (text: string, href: string) => marked({ type: "link", attrs: { href } }, text),
};
