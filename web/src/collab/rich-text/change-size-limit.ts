// Refuses a local change too large for the server before it enters the document. The server
// closes any frame over 4 MiB (README "Live documents": 1009), and y-websocket's provider would
// resend the same update on every reconnect, so everything typed after it would never be saved.
// One ProseMirror transaction becomes one Yjs update, sent as one frame: so each transaction's
// inserted content is measured, over-estimating what Yjs will encode (its text as UTF-8, plus
// generous room per node, mark and attribute), and refused whole when it would not fit.
import { Extension } from "@tiptap/core";
import type { Fragment, Mark, Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { ReplaceAroundStep, ReplaceStep } from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

/** The server's frame limit (api/src/collab/protocol.ts MAX_FRAME_BYTES). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** Room for the frame's own header and the update's bookkeeping (client ids, clocks, delete set). */
const FRAME_OVERHEAD_BYTES = 4 * 1024;
/** What Yjs spends on an element or a text run besides its content (type, origins, name): generously. */
const PER_NODE_BYTES = 48;

export type RefusedChange = { estimatedBytes: number; limitBytes: number };

/**
 * Dispatched (bubbling) from the editor's element: detail is the RefusedChange, or null once a
 * later change went through. LiveRichText listens for it and tells the user.
 */
export const CHANGE_REFUSED_EVENT = "staffroom:change-refused";

export type ChangeSizeLimitOptions = { maxBytes: number };

const key = new PluginKey("changeSizeLimit");

export const ChangeSizeLimit = Extension.create<ChangeSizeLimitOptions>({
  name: "changeSizeLimit",

  addOptions() {
    return { maxBytes: MAX_FRAME_BYTES - FRAME_OVERHEAD_BYTES };
  },

  addProseMirrorPlugins() {
    const { maxBytes } = this.options;
    let refusedLast = false;
    let dom: HTMLElement | null = null;
    const onRefused = (detail: RefusedChange | null) => dom?.dispatchEvent(new CustomEvent(CHANGE_REFUSED_EVENT, { bubbles: true, detail }));
    return [
      new Plugin({
        key,
        view(editorView) {
          dom = editorView.dom;
          return { destroy: () => void (dom = null) };
        },
        filterTransaction(tr) {
          // Changes that came from the Y.Doc (other people, undo) are already in it: never refuse them.
          if (!tr.docChanged || tr.getMeta(ySyncPluginKey)?.isChangeOrigin) return true;
          const estimatedBytes = insertedBytes(tr.steps);
          if (estimatedBytes > maxBytes) {
            refusedLast = true;
            onRefused({ estimatedBytes, limitBytes: MAX_FRAME_BYTES });
            return false;
          }
          if (refusedLast) {
            refusedLast = false;
            onRefused(null);
          }
          return true;
        },
      }),
    ];
  },
});

function insertedBytes(steps: readonly unknown[]): number {
  let bytes = 0;
  for (const step of steps) {
    if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) bytes += fragmentBytes(step.slice.content);
  }
  return bytes;
}

function fragmentBytes(fragment: Fragment): number {
  let bytes = 0;
  fragment.descendants((node: ProseMirrorNode) => {
    bytes += PER_NODE_BYTES + attributeBytes(node.attrs);
    if (node.isText) bytes += utf8Length(node.text ?? "") + node.marks.reduce((sum: number, mark: Mark) => sum + markBytes(mark), 0);
    else bytes += utf8Length(node.type.name);
    return true;
  });
  return bytes;
}

/** A mark is a formatting item at each end of its run in Yjs: its name and attributes, twice. */
function markBytes(mark: Mark): number {
  return 2 * (PER_NODE_BYTES + utf8Length(mark.type.name) + attributeBytes(mark.attrs));
}

function attributeBytes(attrs: Record<string, unknown>): number {
  const keys = Object.keys(attrs);
  return keys.length === 0 ? 0 : utf8Length(JSON.stringify(attrs));
}

/** UTF-8 length without allocating (a pasted text can be megabytes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}
