// `?item=<id>` in the address (a notification's link to an action item): once the element with
// that `data-item-id` is inside `container`, scroll it to the middle and focus it — once per link,
// so later renders (a live edit, a refetch) do not pull focus back to it.
import { type RefObject, useEffect, useRef } from "react";
import { useSearchParams } from "react-router-dom";

export function useLinkedItemFocus(container: RefObject<HTMLElement | null>, rendered: unknown): string | null {
  const [searchParams] = useSearchParams();
  const linkedItem = searchParams.get("item");
  const focused = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `rendered` is what puts the element there
  useEffect(() => {
    if (!linkedItem || focused.current === linkedItem) return;
    const element = container.current?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(linkedItem)}"]`);
    if (!element) return;
    focused.current = linkedItem;
    element.scrollIntoView({ block: "center" });
    element.focus({ preventScroll: true });
  }, [linkedItem, rendered, container]);
  return linkedItem;
}
