// ProseMirror JSON (Tiptap StarterKit's nodes and marks) as CommonMark, for integrators who want
// a lesson plan without Yjs. Text is escaped so that what a teacher typed reads back as typed.
import type { ActionItemFields } from "./layout.ts";
import { MENTION_NODE, mentionText } from "./mentions.ts";
import { markRank, type DocumentContentModel, type PMMark, type PMNode } from "./prosemirror.ts";

/** Resolves an action item owner's user id to a display name; unknown ids are left out. */
export type OwnerName = (userId: string) => string | undefined;

export function toMarkdown(content: DocumentContentModel, ownerName: OwnerName = () => undefined): string {
  const blocks = renderBlocks(content.doc.content ?? []);
  if (content.actionItems?.length) blocks.push(content.actionItems.map((item) => taskLine(item, ownerName)).join("\n"));
  return blocks.filter((b) => b !== "").join("\n\n");
}

function taskLine(item: ActionItemFields, ownerName: OwnerName): string {
  const details = actionItemDetails(item, ownerName);
  return `- [${item.status === "DONE" ? "x" : " "}] ${escapeInline(item.title, false) || "(untitled)"}${details ? ` — ${escapeInline(details, false)}` : ""}`;
}

/** "Ana Lopez, Ben Carter · due 2025-03-14 · blocked": shared by the Markdown and plain-text renderings. */
export function actionItemDetails(item: ActionItemFields, ownerName: OwnerName): string {
  const owners = item.owners.map(ownerName).filter((name): name is string => !!name);
  return [owners.join(", "), item.dueDate ? `due ${item.dueDate}` : "", item.status === "BLOCKED" ? "blocked" : ""].filter(Boolean).join(" · ");
}

function renderBlocks(nodes: PMNode[]): string[] {
  return nodes.map(renderBlock);
}

function renderBlock(node: PMNode): string {
  const children = node.content ?? [];
  switch (node.type) {
    case "paragraph":
      return renderInline(children, { inHeading: false });
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
      return `${"#".repeat(level)} ${renderInline(children, { inHeading: true })}`.trimEnd();
    }
    case "bulletList":
      return children.map((item) => renderListItem(item, "- ")).join("\n");
    case "orderedList": {
      const start = Number.isInteger(node.attrs?.start) ? Number(node.attrs?.start) : 1;
      return children.map((item, i) => renderListItem(item, `${start + i}. `)).join("\n");
    }
    case "blockquote":
      return joinBlocks(children)
        .split("\n")
        .map((line) => (line ? `> ${line}` : ">"))
        .join("\n");
    case "codeBlock": {
      const code = plainTextOf(children);
      const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
      const fence = "`".repeat(Math.max(3, longestRun + 1));
      const language = typeof node.attrs?.language === "string" ? node.attrs.language.replace(/\s/g, "") : "";
      return `${fence}${language}\n${code}\n${fence}`;
    }
    case "horizontalRule":
      return "---";
    default:
      // Unknown node types from a newer editor: keep their text rather than drop it.
      return children.some((c) => c.type === "text" || c.type === "hardBreak" || c.type === MENTION_NODE)
        ? renderInline(children, { inHeading: false })
        : joinBlocks(children);
  }
}

/** Blocks of one container; a nested list follows its paragraph directly so the list stays tight. */
function joinBlocks(nodes: PMNode[]): string {
  let out = "";
  nodes.forEach((node, i) => {
    const block = renderBlock(node);
    if (i > 0) out += isList(node) ? "\n" : "\n\n";
    out += block;
  });
  return out;
}

const isList = (node: PMNode) => node.type === "bulletList" || node.type === "orderedList";

function renderListItem(item: PMNode, marker: string): string {
  const indent = " ".repeat(marker.length);
  const body = joinBlocks(item.content ?? []);
  return body
    .split("\n")
    .map((line, i) => (i === 0 ? marker + line : line ? indent + line : ""))
    .join("\n")
    .trimEnd();
}

function plainTextOf(nodes: PMNode[]): string {
  return nodes
    .map((n) => (n.type === "text" ? (n.text ?? "") : n.type === "hardBreak" ? "\n" : n.type === MENTION_NODE ? mentionText(n) : plainTextOf(n.content ?? [])))
    .join("");
}

// ───────────── inline ─────────────

const DELIMITERS: Record<string, [string, string]> = { bold: ["**", "**"], italic: ["*", "*"], strike: ["~~", "~~"] };

const sameMark = (a: PMMark, b: PMMark) => a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {});

/**
 * Inline content with marks opened and closed across runs ("**bold *and italic***"), as
 * prosemirror-markdown does, with whitespace kept outside delimiters so CommonMark honours them.
 */
function renderInline(nodes: PMNode[], { inHeading }: { inHeading: boolean }): string {
  let out = "";
  const open: PMMark[] = [];
  const closeFrom = (depth: number) => {
    while (open.length > depth) {
      const mark = open.pop()!;
      const trailing = /\s+$/.exec(out)?.[0] ?? "";
      out = out.slice(0, out.length - trailing.length) + closing(mark) + trailing;
    }
  };
  // Heading text is never read as block syntax, so "1." or "-" at its start needs no escape.
  const atLineStart = () => !inHeading && (out === "" || out.endsWith("\n"));

  for (const node of nodes) {
    if (node.type === "hardBreak" || (node.type === "text" && node.text?.includes("\n"))) {
      // A line break ends every mark: CommonMark emphasis does not span lines reliably.
      const pieces = node.type === "hardBreak" ? ["", ""] : (node.text ?? "").split("\n");
      pieces.forEach((piece, i) => {
        if (i > 0) {
          closeFrom(0);
          out = out.trimEnd() + (inHeading ? " " : "\\\n");
        }
        if (piece) emitText({ ...node, type: "text", text: piece });
      });
      continue;
    }
    if (node.type !== "text") {
      // A mention reads as "@Name", as plain text would show it.
      const text = node.type === MENTION_NODE ? mentionText(node) : plainTextOf(node.content ?? []);
      if (text) emitText({ type: "text", text });
      continue;
    }
    emitText(node);
  }
  closeFrom(0);
  return inHeading ? out.replace(/(^|\s)(#+)$/, (_m, space: string, hashes: string) => space + hashes.replace(/#/g, "\\#")) : out;

  function emitText(node: PMNode) {
    const marks = [...(node.marks ?? [])].sort((a, b) => markRank(a.type) - markRank(b.type));
    const code = marks.find((m) => m.type === "code");
    const wrapping = marks.filter((m) => m.type !== "code" && (m.type === "link" || m.type in DELIMITERS));
    let keep = 0;
    while (keep < open.length && keep < wrapping.length && sameMark(open[keep]!, wrapping[keep]!)) keep++;
    closeFrom(keep);

    let text = node.text ?? "";
    if (!code) {
      text = escapeInline(text, atLineStart());
      // Leading whitespace goes before any delimiter opened now; a whitespace-only run opens nothing.
      const leading = /^\s*/.exec(text)?.[0] ?? "";
      if (leading.length === text.length) {
        out += text;
        return;
      }
      out += leading;
      text = text.slice(leading.length);
    }
    for (const mark of wrapping.slice(keep)) {
      out += opening(mark);
      open.push(mark);
    }
    out += code ? codeSpan(text) : text;
  }
}

function opening(mark: PMMark): string {
  return mark.type === "link" ? "[" : DELIMITERS[mark.type]![0];
}

function closing(mark: PMMark): string {
  if (mark.type !== "link") return DELIMITERS[mark.type]![1];
  const href = String(mark.attrs?.href ?? "");
  const title = typeof mark.attrs?.title === "string" && mark.attrs.title ? ` "${mark.attrs.title.replace(/["\\]/g, "\\$&")}"` : "";
  const destination = /[\s()<>]/.test(href) ? `<${href.replace(/[<>\\]/g, "\\$&")}>` : href;
  return `](${destination}${title})`;
}

function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || (/^ .* $/.test(text) && text.trim() !== "") ? " " : "";
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Escapes what CommonMark would read as syntax; line-start rules apply only at the start of a line. */
export function escapeInline(text: string, atLineStart: boolean): string {
  let escaped = text.replace(/[\\`*_[\]<>~|]/g, "\\$&").replace(/&(?=#?[a-zA-Z0-9]+;)/g, "\\&");
  if (atLineStart) {
    escaped = escaped
      .replace(/^\s+/, "") // four leading spaces would start a code block
      .replace(/^([#+=-])/, "\\$1")
      .replace(/^(\d+)([.)])/, "$1\\$2");
  }
  return escaped;
}
