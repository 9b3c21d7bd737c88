// The rich-text part of a live document: formatting toolbar (for writers) and the editor, with a
// note while the content loads, for read-only viewers, and when a change was too large to save.
import { EditorContent, type Editor } from "@tiptap/react";
import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { MentionListbox, mentionOptionId } from "../../ui/mentions/MentionListbox.tsx";
import { mentionStoreOf, type MentionStore } from "./mention-suggestions.ts";
import type { LiveDocument } from "../useLiveDocument.ts";
import { Loading } from "../../ui/states.tsx";
import { CHANGE_REFUSED_EVENT, type RefusedChange } from "./change-size-limit.ts";
import { EditorToolbar } from "./EditorToolbar.tsx";
import "./rich-text.css";

export function LiveRichText({ editor, live, canWrite }: { editor: Editor | null; live: LiveDocument | null; canWrite: boolean }) {
  const refusedChange = useRefusedChange();
  return (
    <div className="live-rich-text" ref={refusedChange.ref}>
      {canWrite && editor ? <EditorToolbar editor={editor} /> : null}
      {refusedChange.last ? (
        <p className="alert alert--error" role="alert">
          That change is too large to save: one change can be at most {megabytes(refusedChange.last.limitBytes)} MB. Nothing was added; paste it in smaller
          parts.
        </p>
      ) : null}
      {!canWrite ? <p className="read-only-note">Read only: you can read this document but not change it.</p> : null}
      {!live?.loaded ? <Loading label={live?.status === "offline" ? "Waiting for the connection to load the document…" : "Loading the document…"} /> : null}
      <div className="editor-frame" hidden={!live?.loaded}>
        <EditorContent editor={editor} />
      </div>
      <EditorMentions editor={editor} />
    </div>
  );
}

function megabytes(bytes: number): string {
  return String(Number((bytes / (1024 * 1024)).toFixed(1))); // 4 MiB reads "4", not "4.0"
}

/** The last change the editor refused for its size (change-size-limit.ts), until a later one goes through. */
function useRefusedChange() {
  const ref = useRef<HTMLDivElement>(null);
  const [last, setLast] = useState<RefusedChange | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onRefused = (event: Event) => setLast((event as CustomEvent<RefusedChange | null>).detail);
    element.addEventListener(CHANGE_REFUSED_EVENT, onRefused);
    return () => element.removeEventListener(CHANGE_REFUSED_EVENT, onRefused);
  }, []);
  return { ref, last };
}

const NO_STORE: MentionStore = { get: () => null, set: () => {}, subscribe: () => () => {} };

/** The "@" suggestions of the editor, with the editor pointing at the chosen option for screen readers. */
function EditorMentions({ editor }: { editor: Editor | null }) {
  const store = mentionStoreOf(editor) ?? NO_STORE;
  const list = useSyncExternalStore(store.subscribe, store.get);
  const listId = useId();
  const open = Boolean(list?.items.length);
  const active = list?.active ?? 0;
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const dom = editor.view.dom;
    if (open) {
      dom.setAttribute("aria-controls", listId);
      dom.setAttribute("aria-activedescendant", mentionOptionId(listId, active));
    } else {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    }
  }, [editor, open, active, listId]);
  return <MentionListbox id={listId} state={list} onPick={(candidate) => list?.pick(candidate)} />;
}
