// Feedback anchored to a passage: the passage is stored as a pair of Yjs relative positions
// (they follow the text through everyone's later edits, unlike ProseMirror offsets), plus the
// quoted text for when the passage has since been deleted.
import type { Editor } from "@tiptap/core";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

/** What `AddFeedbackInput.anchor` holds: Y.relativePositionToJSON of the range's two ends. */
export type FeedbackAnchor = { version: 1; from: unknown; to: unknown };

/** Longest quote the api keeps (feedback LIMITS.anchorQuote). */
const QUOTE_MAX = 500;

type YSyncState = { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } | null };

function syncState(editor: Editor): YSyncState | null {
  const state = ySyncPluginKey.getState(editor.state) as YSyncState | undefined;
  return state?.binding ? state : null;
}

/** The selected passage as an anchor and its quote, or null when nothing is selected. */
export function anchorForSelection(editor: Editor): { anchor: FeedbackAnchor; quote: string } | null {
  const { from, to, empty } = editor.state.selection;
  const ystate = syncState(editor);
  if (empty || !ystate?.binding) return null;
  const quote = editor.state.doc.textBetween(from, to, " ", " ").replace(/\s+/g, " ").trim();
  if (!quote) return null;
  const relative = (pos: number) => Y.relativePositionToJSON(absolutePositionToRelativePosition(pos, ystate.type, ystate.binding!.mapping as never));
  return {
    anchor: { version: 1, from: relative(from), to: relative(to) },
    quote: quote.length > QUOTE_MAX ? `${quote.slice(0, QUOTE_MAX - 1)}…` : quote,
  };
}

/** Where the anchored passage is now, or null when it was deleted (or the anchor is not ours). */
export function rangeOfAnchor(editor: Editor, anchor: unknown): { from: number; to: number } | null {
  const ystate = syncState(editor);
  if (!ystate?.binding || !isAnchor(anchor)) return null;
  try {
    const absolute = (json: unknown) =>
      relativePositionToAbsolutePosition(ystate.doc, ystate.type, Y.createRelativePositionFromJSON(json), ystate.binding!.mapping as never);
    const from = absolute(anchor.from);
    const to = absolute(anchor.to);
    if (from === null || to === null || to <= from) return null;
    const size = editor.state.doc.content.size;
    return { from: Math.min(from, size), to: Math.min(to, size) };
  } catch {
    return null; // someone else's client wrote an anchor we cannot read
  }
}

function isAnchor(value: unknown): value is FeedbackAnchor {
  return typeof value === "object" && value !== null && "from" in value && "to" in value;
}
