// A list of action items: title, status, due date, owners, where it comes from. Overdue items are
// marked in words ("Overdue"), not only in colour, so the projector and screen readers agree.
import { useRef } from "react";
import { Link } from "react-router-dom";
import { paths } from "../app/paths.ts";
import { ActionItemActions } from "./ActionItemActions.tsx";
import { ActionStatusBadge } from "./badges.tsx";
import { formatDay } from "./format.ts";
import { useLinkedItemFocus } from "./use-linked-item.ts";

export type ActionItemRow = {
  id: string;
  title: string;
  dueDate?: string | null;
  status: "OPEN" | "DONE" | "BLOCKED";
  overdue: boolean;
  owners?: readonly { id: string; name: string }[];
  group?: { id: string; name: string };
  document?: { id: string; title: string } | null;
  /** Whether the viewer may change it: an item outside a plan then gets Done and Remove here. */
  viewerCanEdit?: boolean;
};

export function ActionItemList({ items, showGroup = false }: { items: readonly ActionItemRow[]; showGroup?: boolean }) {
  // A notification's link to an item outside a plan (`?item=`): that row, in view and focused.
  const list = useRef<HTMLUListElement>(null);
  const linkedItem = useLinkedItemFocus(list, items);
  return (
    <ul className="item-list" ref={list}>
      {items.map((item) => (
        <li
          key={item.id}
          data-item-id={item.id}
          tabIndex={-1}
          aria-current={item.id === linkedItem ? "true" : undefined}
          className={[item.overdue ? "is-overdue" : "", item.id === linkedItem ? "is-linked" : ""].filter(Boolean).join(" ") || undefined}
        >
          <div className="item-title">{item.title}</div>
          <div className="item-meta">
            <ActionStatusBadge status={item.status} overdue={item.overdue} />
            <span>{item.dueDate ? `Due ${formatDay(item.dueDate)}` : "No due date"}</span>
            {item.owners && item.owners.length > 0 ? <span>{item.owners.map((owner) => owner.name).join(", ")}</span> : null}
            {showGroup && item.group ? <Link to={paths.group(item.group.id)}>{item.group.name}</Link> : null}
            {item.document ? <Link to={paths.document(item.document.id)}>{item.document.title}</Link> : null}
          </div>
          {item.viewerCanEdit && !item.document ? <ActionItemActions item={item} /> : null}
        </li>
      ))}
    </ul>
  );
}
