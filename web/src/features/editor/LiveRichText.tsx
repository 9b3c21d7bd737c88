// The rich-text part of a live document: formatting toolbar (for writers) and the editor, with a
// note while the content loads and for read-only viewers.
import { EditorContent, type Editor } from "@tiptap/react";
import type { LiveDocument } from "../../collab/useLiveDocument.ts";
import { Loading } from "../../ui/states.tsx";
import { EditorToolbar } from "./EditorToolbar.tsx";
import "./editor.css";

export function LiveRichText({ editor, live, canWrite }: { editor: Editor | null; live: LiveDocument | null; canWrite: boolean }) {
  return (
    <div className="live-rich-text">
      {canWrite && editor ? <EditorToolbar editor={editor} /> : null}
      {!canWrite ? <p className="read-only-note">Read only: you can read this document but not change it.</p> : null}
      {!live?.loaded ? <Loading label={live?.status === "offline" ? "Waiting for the connection to load the document…" : "Loading the document…"} /> : null}
      <div className="editor-frame" hidden={!live?.loaded}>
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
