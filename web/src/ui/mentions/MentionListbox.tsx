// The suggestions after "@": a listbox under the caret. The text field keeps the focus and
// drives it (arrow keys move, Enter picks, Escape closes; aria-activedescendant points here),
// and a status line announces how many people match.
import type { MentionCandidate } from "./mention-candidates.ts";
import "./mentions.css";

export type MentionListState = { query: string; items: MentionCandidate[]; active: number; anchor: { left: number; top: number } | null };

export const mentionOptionId = (listId: string, index: number) => `${listId}-option-${index}`;

export function MentionListbox({ id, state, onPick }: { id: string; state: MentionListState | null; onPick: (candidate: MentionCandidate) => void }) {
  const open = state !== null;
  const items = state?.items ?? [];
  const style = state?.anchor
    ? { left: `${Math.max(8, Math.min(state.anchor.left, window.innerWidth - 288))}px`, top: `${state.anchor.top + 4}px` }
    : undefined;
  return (
    <>
      <p className="visually-hidden" role="status">
        {open
          ? items.length
            ? `${items.length} ${items.length === 1 ? "person" : "people"} to mention. Up and down arrows to choose, Enter to mention, Escape to close.`
            : "No one who can read this document matches."
          : ""}
      </p>
      {open ? (
        <div className="mention-list" style={style}>
          {items.length ? (
            <div id={id} role="listbox" aria-label="People to mention">
              {items.map((item, index) => (
                // The text field keeps the focus (aria-activedescendant), so options take it only by script.
                <div
                  key={item.id}
                  tabIndex={-1}
                  id={mentionOptionId(id, index)}
                  role="option"
                  aria-selected={index === state?.active}
                  className="mention-list__option"
                  // Keep the focus in the text: a click picks without blurring it.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    onPick(item);
                  }}
                >
                  {item.name}
                </div>
              ))}
            </div>
          ) : (
            <p className="mention-list__empty">No one who can read this document matches “{state?.query}”.</p>
          )}
        </div>
      ) : null}
    </>
  );
}
