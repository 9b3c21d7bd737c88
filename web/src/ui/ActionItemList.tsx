// A list of action items: title, status, due date, owners, where it comes from. Overdue items are
// marked in words ("Overdue"), not only in colour, so the projector and screen readers agree.
import { Link } from "react-router-dom";
import { paths } from "../app/paths.ts";
import { ActionItemActions } from "./ActionItemActions.tsx";
import { ActionStatusBadge } from "./badges.tsx";
import { formatDay } from "./format.ts";

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
  return (
    <ul className="item-list">
      {items.map((item) => (
        <li key={item.id} className={item.overdue ? "is-overdue" : undefined}>
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
