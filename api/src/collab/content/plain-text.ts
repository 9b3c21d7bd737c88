// ProseMirror JSON as plain text: what a search index, a notification or an email needs.
// Blocks are separated by a blank line; list items (and action items) each take a line.
import { actionItemDetails, type OwnerName } from "./markdown.ts";
import { MENTION_NODE, mentionText } from "./mentions.ts";
import type { DocumentContentModel, PMNode } from "./prosemirror.ts";

export function toPlainText(content: DocumentContentModel, ownerName: OwnerName = () => undefined): string {
  const blocks = (content.doc.content ?? []).map(blockText);
  if (content.actionItems?.length) {
    blocks.push(
      content.actionItems
        .map((item) => {
          const details = actionItemDetails(item, ownerName);
          return `[${item.status === "DONE" ? "x" : " "}] ${item.title}${details ? ` — ${details}` : ""}`;
        })
        .join("\n"),
    );
  }
  return blocks.filter((b) => b !== "").join("\n\n");
}

function blockText(node: PMNode): string {
  const children = node.content ?? [];
  switch (node.type) {
    case "bulletList":
      return children.map((item) => listItemText(item, "- ")).join("\n");
    case "orderedList": {
      const start = Number.isInteger(node.attrs?.start) ? Number(node.attrs?.start) : 1;
      return children.map((item, i) => listItemText(item, `${start + i}. `)).join("\n");
    }
    case "horizontalRule":
      return "";
    default:
      return isTextblock(node) ? inlineText(children) : containerText(children);
  }
}

const isTextblock = (node: PMNode) =>
  node.type === "paragraph" ||
  node.type === "heading" ||
  node.type === "codeBlock" ||
  (node.content ?? []).some((c) => c.type === "text" || c.type === "hardBreak" || c.type === MENTION_NODE);

/** Child blocks of a container; a list item's nested list follows it on the next line. */
function containerText(nodes: PMNode[]): string {
  const parts: string[] = [];
  for (const node of nodes) {
    const text = blockText(node);
    if (text === "") continue;
    parts.push(parts.length ? (node.type === "bulletList" || node.type === "orderedList" ? "\n" : "\n\n") + text : text);
  }
  return parts.join("");
}

function listItemText(item: PMNode, marker: string): string {
  const indent = " ".repeat(marker.length);
  return containerText(item.content ?? [])
    .split("\n")
    .map((line, i) => (i === 0 ? marker + line : line ? indent + line : ""))
    .join("\n")
    .trimEnd();
}

function inlineText(nodes: PMNode[]): string {
  return nodes
    .map((n) => (n.type === "text" ? (n.text ?? "") : n.type === "hardBreak" ? "\n" : n.type === MENTION_NODE ? mentionText(n) : inlineText(n.content ?? [])))
    .join("");
}
