// Marks the passage of the feedback thread being looked at, without touching the document: a
// ProseMirror decoration (local to this screen) that follows the text as people keep editing.
import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

type Range = { from: number; to: number };

const highlightKey = new PluginKey<DecorationSet>("feedbackHighlight");

export const FeedbackHighlight = Extension.create({
  name: "feedbackHighlight",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: highlightKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, decorations) {
            const range = tr.getMeta(highlightKey) as Range | null | undefined;
            if (range === null) return DecorationSet.empty;
            if (range) return DecorationSet.create(tr.doc, [Decoration.inline(range.from, range.to, { class: "feedback-anchor-active" })]);
            return decorations.map(tr.mapping, tr.doc);
          },
        },
        props: { decorations: (state) => highlightKey.getState(state) },
      }),
    ];
  },
});

/** Highlights the passage and scrolls it into view; null clears the highlight. */
export function highlightPassage(editor: Editor, range: Range | null) {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(highlightKey, range).setMeta("addToHistory", false));
  if (!range) return;
  const { node } = editor.view.domAtPos(range.from);
  const element = node instanceof Element ? node : node.parentElement;
  element?.scrollIntoView({ block: "center", behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
}
