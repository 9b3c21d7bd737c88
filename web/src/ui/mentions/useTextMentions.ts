// @mentions in a plain-text field (feedback and replies stay plain text, "@Name" readable
// anywhere): typing "@" and a few letters asks who can read the document; the keyboard picks;
// the chosen people travel with the text as mentionIds, as long as their "@Name" is still in it.
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { MentionCandidate } from "./mention-candidates.ts";
import { useMentionSearch } from "./mention-candidates.ts";
import { mentionOptionId, type MentionListState } from "./MentionListbox.tsx";

/** "@" at the start or after a space, then up to 30 letters without a space, right before the caret. */
const TRIGGER = /(^|\s)@([^\s@]{0,30})$/;

export function useTextMentions(documentId: string | null, value: string, setValue: (value: string) => void) {
  const search = useMentionSearch(documentId);
  const listId = useId();
  const [list, setList] = useState<MentionListState | null>(null);
  const [picked, setPicked] = useState<MentionCandidate[]>([]);
  const field = useRef<HTMLTextAreaElement | null>(null);
  const asked = useRef(0);

  const close = useCallback(() => setList(null), []);

  /** Looks at the text before the caret after every change or caret move. */
  const look = useCallback(
    (element: HTMLTextAreaElement) => {
      const match = documentId ? TRIGGER.exec(element.value.slice(0, element.selectionStart)) : null;
      if (!match) return setList(null);
      const query = match[2] ?? "";
      const ask = ++asked.current;
      const box = element.getBoundingClientRect();
      void search(query).then((items) => {
        if (ask !== asked.current) return; // a later keystroke asked again
        setList({ query, items, active: 0, anchor: { left: box.left, top: box.bottom } });
      });
    },
    [documentId, search],
  );

  const pick = useCallback(
    (candidate: MentionCandidate) => {
      const element = field.current;
      if (!element) return;
      const caret = element.selectionStart;
      const before = value.slice(0, caret).replace(TRIGGER, (_m, space: string) => `${space}@${candidate.name} `);
      const next = before + value.slice(caret);
      setValue(next);
      setPicked((people) => (people.some((p) => p.id === candidate.id) ? people : [...people, candidate]));
      setList(null);
      requestAnimationFrame(() => {
        element.focus();
        element.setSelectionRange(before.length, before.length);
      });
    },
    [value, setValue],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLTextAreaElement>) => {
      if (!list) return;
      const count = list.items.length;
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        return setList(null);
      }
      if (!count) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setList({ ...list, active: (list.active + step + count) % count });
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const chosen = list.items[list.active];
        if (chosen) pick(chosen);
      }
    },
    [list, pick],
  );

  // A cleared field (sent) forgets who was picked.
  useEffect(() => {
    if (value === "") setPicked([]);
  }, [value]);

  /** The people still named in the text: what the mutation's mentionIds carry. */
  const mentionIds = picked.filter((p) => value.includes(`@${p.name}`)).map((p) => p.id);

  const fieldProps = {
    ref: field,
    onKeyDown,
    onSelect: (event: { currentTarget: HTMLTextAreaElement }) => look(event.currentTarget),
    onBlur: close,
    "aria-controls": list?.items.length ? listId : undefined,
    "aria-activedescendant": list?.items.length ? mentionOptionId(listId, list.active) : undefined,
  };
  return { list, listId, pick, fieldProps, mentionIds };
}
