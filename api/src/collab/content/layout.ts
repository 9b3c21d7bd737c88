// Where things live inside a document's Y.Doc. The web editor (Tiptap's Collaboration
// extension), the server's content readers and the action-plan projection all agree on this.
import type * as Y from "yjs";

/** Rich text (ProseMirror nodes as Y.XmlElements), Tiptap's default fragment name. */
export const RICH_TEXT_FIELD = "default";

// An ACTION_PLAN's items have their own module, shared with the web app's board; the content
// readers reach them through here like any other part of a document.
export { actionItemsArray, type ActionItemFields } from "@staffroom/action-plan-layout";

export function richText(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(RICH_TEXT_FIELD);
}
