// A Tiptap editor bound to a live document's rich text (the XmlFragment "default", see
// api/src/collab/content/layout.ts) with everyone's carets. Undo and redo come from the
// Collaboration extension (Yjs' UndoManager: only your own edits), so StarterKit's are off.
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { useEditor, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useRef, useState } from "react";
import { useMentionSearch } from "../../ui/mentions/mention-candidates.ts";
import { isTerminal, type LiveDocument, type PresenceUser } from "../useLiveDocument.ts";
import { ChangeSizeLimit } from "./change-size-limit.ts";
import { FeedbackHighlight } from "./feedback-highlight.ts";
import { createMentionStore, liveMention, registerMentionStore } from "./mention-suggestions.ts";

export function useLiveEditor(
  live: LiveDocument | null,
  options: { user: PresenceUser; editable: boolean; label: string /** The document's GraphQL id: "@" suggests its readers. */; documentId?: string },
): Editor | null {
  const { user, editable, label } = options;
  // The extensions are built once per document; the search they call follows the latest render.
  const searchNow = useMentionSearch(options.documentId ?? null);
  const search = useRef(searchNow);
  search.current = searchNow;
  const [mentionStore] = useState(createMentionStore);
  const editor = useEditor(
    {
      extensions: live
        ? [
            // No trailing node: it appends an empty paragraph to documents ending in a list, so
            // merely opening a document would change it for everyone.
            StarterKit.configure({ undoRedo: false, trailingNode: false }),
            Collaboration.configure({ document: live.doc, field: "default" }),
            CollaborationCaret.configure({ provider: live.provider, user }),
            FeedbackHighlight,
            liveMention(search, mentionStore),
            // A paste over the server's frame limit would be refused by it on every reconnect, and
            // every later edit with it: refused here instead, before it enters the document
            // (LiveRichText says so).
            ChangeSizeLimit,
          ]
        : [StarterKit],
      editable: false,
      editorProps: {
        attributes: {
          class: "rich-text",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
        },
      },
    },
    [live?.doc, live?.provider],
  );

  // Editable once the server's copy has arrived (typing into a blank page before the template
  // shows up would interleave oddly), and stays editable offline.
  const canEdit = Boolean(live && editable && live.loaded && !isTerminal(live.status));
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== canEdit) editor.setEditable(canEdit);
    editor.view.dom.setAttribute("aria-readonly", String(!canEdit));
    editor.view.dom.setAttribute("aria-label", label);
  }, [editor, canEdit, label]);

  if (editor) registerMentionStore(editor, mentionStore);
  return live ? editor : null;
}
