// Tiptap's Mention extension in the live editor: "@" asks the server who can read the document
// (mentionCandidates), and the pick becomes a `mention` node holding the person's id (collabId,
// as live documents name people) and name. The list itself is React (MentionListbox), fed from
// this small store; the suggestion plugin keeps the keyboard (arrows, Enter, Escape) in the editor.
import type { Editor } from "@tiptap/core";
import Mention from "@tiptap/extension-mention";
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import type { MentionCandidate } from "../../ui/mentions/mention-candidates.ts";
import type { MentionListState } from "../../ui/mentions/MentionListbox.tsx";

export type EditorMentionList = MentionListState & { pick(candidate: MentionCandidate): void };

export type MentionStore = {
  get(): EditorMentionList | null;
  set(state: EditorMentionList | null): void;
  subscribe(listener: () => void): () => void;
};

export function createMentionStore(): MentionStore {
  let state: EditorMentionList | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** Which store an editor's suggestions go to (LiveRichText renders them). */
const stores = new WeakMap<Editor, MentionStore>();
export const mentionStoreOf = (editor: Editor | null) => (editor ? (stores.get(editor) ?? null) : null);
export const registerMentionStore = (editor: Editor, store: MentionStore) => void stores.set(editor, store);

export function liveMention(search: { current: (query: string) => Promise<MentionCandidate[]> }, store: MentionStore) {
  return Mention.configure({
    HTMLAttributes: { class: "mention" },
    renderText: ({ node }) => `@${node.attrs.label ?? ""}`,
    suggestion: {
      char: "@",
      items: ({ query }) => search.current(query),
      render: () => {
        let props: SuggestionProps<MentionCandidate> | null = null;
        let active = 0;
        const publish = () => {
          if (!props) return store.set(null);
          const current = props;
          const rect = current.clientRect?.();
          store.set({
            query: current.query,
            items: current.items,
            active,
            anchor: rect ? { left: rect.left, top: rect.bottom } : null,
            pick: (candidate) => current.command({ id: candidate.collabId, label: candidate.name }),
          });
        };
        return {
          onStart(next: SuggestionProps<MentionCandidate>) {
            props = next;
            active = 0;
            publish();
          },
          onUpdate(next: SuggestionProps<MentionCandidate>) {
            props = next;
            active = Math.min(active, Math.max(0, next.items.length - 1));
            publish();
          },
          onKeyDown({ event }: SuggestionKeyDownProps) {
            if (!props) return false;
            const count = props.items.length;
            if (event.key === "Escape") {
              props = null;
              store.set(null);
              return true;
            }
            if (!count) return false;
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              active = (active + (event.key === "ArrowDown" ? 1 : -1) + count) % count;
              publish();
              return true;
            }
            if (event.key === "Enter" || event.key === "Tab") {
              const chosen = props.items[active];
              if (chosen) props.command({ id: chosen.collabId, label: chosen.name });
              return true;
            }
            return false;
          },
          onExit() {
            props = null;
            store.set(null);
          },
        };
      },
    },
  });
}
