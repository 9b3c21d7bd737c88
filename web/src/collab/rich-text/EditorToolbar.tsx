// Formatting toolbar (WAI-ARIA toolbar pattern): one tab stop, arrow keys move between buttons,
// each button says what it does (aria-label) and whether it is on (aria-pressed). A label starts
// with the button's visible text (WCAG 2.5.3), so "click H2" works for a person using speech input.
import { useEditorState, type Editor } from "@tiptap/react";
import { useRef, useState, type KeyboardEvent } from "react";

type Tool = {
  id: string;
  /** The accessible name: contains `text`, the visible text, with the words it stands for. */
  label: string;
  text: string;
  /** Keyboard shortcut shown in the tooltip. */
  keys?: string;
  isActive?: (editor: Editor) => boolean;
  can: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
};

const TOOLS: Tool[] = [
  {
    id: "bold",
    label: "Bold",
    text: "B",
    keys: "Ctrl+B",
    isActive: (e) => e.isActive("bold"),
    can: (e) => e.can().toggleBold(),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    id: "italic",
    label: "Italic",
    text: "I",
    keys: "Ctrl+I",
    isActive: (e) => e.isActive("italic"),
    can: (e) => e.can().toggleItalic(),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    id: "h2",
    label: "H2 heading",
    text: "H2",
    isActive: (e) => e.isActive("heading", { level: 2 }),
    can: (e) => e.can().toggleHeading({ level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    id: "h3",
    label: "H3 subheading",
    text: "H3",
    isActive: (e) => e.isActive("heading", { level: 3 }),
    can: (e) => e.can().toggleHeading({ level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    id: "bullets",
    label: "Bulleted list",
    text: "• List",
    isActive: (e) => e.isActive("bulletList"),
    can: (e) => e.can().toggleBulletList(),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    id: "numbers",
    label: "1. List (numbered)",
    text: "1. List",
    isActive: (e) => e.isActive("orderedList"),
    can: (e) => e.can().toggleOrderedList(),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  { id: "undo", label: "Undo", text: "Undo", keys: "Ctrl+Z", can: (e) => e.can().undo(), run: (e) => e.chain().focus().undo().run() },
  { id: "redo", label: "Redo", text: "Redo", keys: "Ctrl+Shift+Z", can: (e) => e.can().redo(), run: (e) => e.chain().focus().redo().run() },
];

export function EditorToolbar({ editor }: { editor: Editor }) {
  // Re-render on every editor transaction, but only with the few booleans the buttons show.
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      Object.fromEntries(TOOLS.map((tool) => [tool.id, { active: tool.isActive?.(e) ?? false, enabled: e.isEditable && tool.can(e) }])) as Record<
        string,
        { active: boolean; enabled: boolean }
      >,
  });
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -focusIndex, End: TOOLS.length - 1 - focusIndex };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = (focusIndex + move + TOOLS.length) % TOOLS.length;
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Formatting" aria-controls={editor.view.dom.id || undefined} onKeyDown={onKeyDown}>
      {TOOLS.map((tool, index) => {
        const toolState = state?.[tool.id];
        return (
          <button
            key={tool.id}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            className={`editor-toolbar__button editor-toolbar__button--${tool.id}`}
            aria-label={tool.label}
            title={tool.keys ? `${tool.label} (${tool.keys})` : tool.label}
            {...(tool.isActive ? { "aria-pressed": toolState?.active ?? false } : {})}
            // aria-disabled keeps the button focusable, so arrow keys never skip over it.
            aria-disabled={!toolState?.enabled}
            tabIndex={index === focusIndex ? 0 : -1}
            onFocus={() => setFocusIndex(index)}
            onMouseDown={(event) => event.preventDefault() /* keep the text selection */}
            onClick={() => {
              if (toolState?.enabled) tool.run(editor);
            }}
          >
            {tool.text}
          </button>
        );
      })}
    </div>
  );
}
