// Mention nodes in a document's rich text: Tiptap's Mention extension writes an inline atom
// `mention` whose attributes are the person's id (the same database id an action plan's
// owners use) and `label`, their name when it was inserted. y-prosemirror stores it as a
// Y.XmlElement "mention" among its paragraph's text.
import * as Y from "yjs";
import type { PMNode } from "./prosemirror.ts";

export const MENTION_NODE = "mention";

/** How a mention reads without the editor: "@Ben Carter" (just "@" when a client left the label out). */
export function mentionText(node: PMNode): string {
  const label = node.attrs?.label;
  return `@${typeof label === "string" ? label : ""}`;
}

/** A mention node that appeared: whom it names, and the node's own Yjs id ("client:clock"), which never changes. */
export type AddedMention = { userId: string; nodeKey: string };

/**
 * The mention nodes a transaction added that name someone not already named by a mention that was
 * there before it (so moving a mention, or mentioning a person twice, notifies no one again).
 * Yjs reports a changed parent only for types that existed before the transaction: a new
 * paragraph shows up as its parent's change, so new subtrees are walked whole. The document must
 * have its fragment defined (richText(doc)) before the transaction.
 */
export function mentionsAdded(transaction: Y.Transaction, fragment: Y.XmlFragment): AddedMention[] {
  const isNew = (item: Y.Item | null) => item !== null && !item.deleted && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
  const added: Y.XmlElement[] = [];
  const collect = (element: Y.XmlElement) => {
    if (element.nodeName === MENTION_NODE) added.push(element);
    for (const child of element.toArray()) if (child instanceof Y.XmlElement) collect(child);
  };
  for (const type of transaction.changed.keys()) {
    if (!(type instanceof Y.XmlFragment) || type.doc !== fragment.doc || isDeleted(type)) continue;
    for (const child of type.toArray()) if (child instanceof Y.XmlElement && isNew(child._item)) collect(child);
  }
  if (added.length === 0) return [];

  const addedSet = new Set(added);
  const namedBefore = new Set<string>();
  const walk = (parent: Y.XmlFragment) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === MENTION_NODE && !addedSet.has(child)) {
        const id = child.getAttribute("id");
        if (typeof id === "string") namedBefore.add(id);
      }
      walk(child);
    }
  };
  walk(fragment);

  const mentions: AddedMention[] = [];
  for (const element of added) {
    const userId = element.getAttribute("id");
    const item = element._item;
    if (typeof userId !== "string" || !item || namedBefore.has(userId)) continue;
    mentions.push({ userId, nodeKey: `${item.id.client}:${item.id.clock}` });
  }
  return mentions;
}

/** A type inside a deleted subtree is gone even if its own item is not marked deleted. */
function isDeleted(type: Y.XmlFragment): boolean {
  for (let item = type._item; item; item = (item.parent as Y.XmlFragment)._item) if (item.deleted) return true;
  return false;
}
