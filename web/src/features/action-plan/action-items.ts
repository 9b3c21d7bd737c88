// An action plan's items, read and edited directly in its Y.Doc so several people can work on the
// board at once, and a change made through GraphQL shows up here the same way. Where they live
// in the document is @staffroom/action-plan-layout, the module the api's projection uses too.
import {
  actionItemsArray,
  DUE_DATE_PATTERN,
  findItemMap,
  newItemMap,
  removeItemMaps,
  setItemField,
  type ActionItemField,
  type ActionItemFields,
  type ActionItemStatus,
} from "@staffroom/action-plan-layout";
import { useEffect, useState } from "react";
import * as Y from "yjs";

export type ActionStatus = ActionItemStatus;
export const STATUSES: { value: ActionStatus; label: string }[] = [
  { value: "OPEN", label: "Open" },
  { value: "BLOCKED", label: "Blocked" },
  { value: "DONE", label: "Done" },
];

/** An item as the board shows it. Owners are ids inside live documents (User.collabId). */
export type ActionItemView = ActionItemFields;

/** Reads one entry the way the server's projection does: anything malformed is skipped, not guessed at. */
function readItem(entry: unknown): ActionItemView | null {
  if (!(entry instanceof Y.Map)) return null;
  const id = entry.get("id");
  if (typeof id !== "string" || !id) return null;
  const title = entry.get("title");
  const owners = entry.get("owners");
  const ownerList = owners instanceof Y.Array ? owners.toArray() : Array.isArray(owners) ? owners : [];
  const dueDate = entry.get("dueDate");
  const status = entry.get("status");
  return {
    id,
    title: typeof title === "string" ? title : "",
    owners: ownerList.filter((owner): owner is string => typeof owner === "string"),
    dueDate: typeof dueDate === "string" && DUE_DATE_PATTERN.test(dueDate) ? dueDate : null,
    status: status === "DONE" || status === "BLOCKED" ? status : "OPEN",
  };
}

/** The items in document order, re-read whenever anyone changes any of them. */
export function useActionItems(doc: Y.Doc | null): ActionItemView[] {
  const [items, setItems] = useState<ActionItemView[]>([]);
  useEffect(() => {
    if (!doc) return setItems([]);
    const array = actionItemsArray(doc);
    const read = () => {
      const seen = new Set<string>();
      const next: ActionItemView[] = [];
      for (const entry of array.toArray()) {
        const item = readItem(entry);
        // The first item with an id wins, as in the projection.
        if (item && !seen.has(item.id)) {
          seen.add(item.id);
          next.push(item);
        }
      }
      setItems(next);
    };
    read();
    array.observeDeep(read);
    return () => array.unobserveDeep(read);
  }, [doc]);
  return items;
}

export function addActionItem(doc: Y.Doc, fields: Omit<ActionItemView, "id">): string {
  const id = crypto.randomUUID();
  actionItemsArray(doc).push([newItemMap({ id, ...fields })]);
  return id;
}

export function updateActionItem<F extends ActionItemField>(doc: Y.Doc, id: string, field: F, value: ActionItemView[F]): void {
  const map = findItemMap(doc, id);
  if (map) setItemField(map, field, value);
}

export function removeActionItem(doc: Y.Doc, id: string): void {
  removeItemMaps(doc, id);
}

/** Before today (the browser's today) and not done. */
export function isItemOverdue(item: Pick<ActionItemView, "dueDate" | "status">, today: string): boolean {
  return item.status !== "DONE" && item.dueDate !== null && item.dueDate < today;
}
