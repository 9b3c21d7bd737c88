// Where things live inside a document's Y.Doc. The web editor (Tiptap's Collaboration
// extension), the server's content readers and the action-plan projection all agree on this.
import * as Y from "yjs";

/** Rich text (ProseMirror nodes as Y.XmlElements), Tiptap's default fragment name. */
export const RICH_TEXT_FIELD = "default";

/**
 * An ACTION_PLAN's items: a Y.Array of Y.Maps. Each map holds
 *   id       string    stable key; ActionItem.itemKey
 *   title    string
 *   owners   string[]  user ids (a plain array, replaced as a whole)
 *   dueDate  string | null   "YYYY-MM-DD"
 *   status   "OPEN" | "DONE" | "BLOCKED"
 */
export const ACTION_ITEMS_FIELD = "actionItems";

export type ActionItemFields = {
  id: string;
  title: string;
  owners: string[];
  dueDate: string | null;
  status: "OPEN" | "DONE" | "BLOCKED";
};

export function richText(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(RICH_TEXT_FIELD);
}

export function actionItemsArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ACTION_ITEMS_FIELD);
}
