// An action plan's items inside its Y.Doc: a Y.Array "actionItems" of Y.Maps
// { id, title, owners, dueDate, status } (api/src/collab/content/layout.ts). The server projects
// them into ActionItem rows; here they are read and edited directly, so several people can work
// on the board at once and a change made through GraphQL shows up here the same way.
import { useEffect, useState } from "react";
import * as Y from "yjs";

export const ACTION_ITEMS_FIELD = "actionItems";

export type ActionStatus = "OPEN" | "BLOCKED" | "DONE";
export const STATUSES: { value: ActionStatus; label: string }[] = [
  { value: "OPEN", label: "Open" },
  { value: "BLOCKED", label: "Blocked" },
  { value: "DONE", label: "Done" },
];

export type ActionItemView = {
  id: string;
  title: string;
  /** Owners' ids inside live documents (User.collabId). */
  owners: string[];
  /** "YYYY-MM-DD" or null. */
  dueDate: string | null;
  status: ActionStatus;
};

type ItemField = keyof Omit<ActionItemView, "id">;

function itemsArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ACTION_ITEMS_FIELD);
}

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
    dueDate: typeof dueDate === "string" && /^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? dueDate : null,
    status: status === "DONE" || status === "BLOCKED" ? status : "OPEN",
  };
}

/** The items in document order, re-read whenever anyone changes any of them. */
export function useActionItems(doc: Y.Doc | null): ActionItemView[] {
  const [items, setItems] = useState<ActionItemView[]>([]);
  useEffect(() => {
    if (!doc) return setItems([]);
    const array = itemsArray(doc);
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

function findMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  return itemsArray(doc)
    .toArray()
    .find((entry) => entry instanceof Y.Map && entry.get("id") === id);
}

export function addActionItem(doc: Y.Doc, fields: Omit<ActionItemView, "id">): string {
  const id = crypto.randomUUID();
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    map.set("id", id);
    map.set("title", fields.title);
    // A plain array, replaced as a whole (layout.ts): owners are picked, not co-typed.
    map.set("owners", [...fields.owners]);
    map.set("dueDate", fields.dueDate);
    map.set("status", fields.status);
    itemsArray(doc).push([map]);
  });
  return id;
}

export function updateActionItem<F extends ItemField>(doc: Y.Doc, id: string, field: F, value: ActionItemView[F]): void {
  const map = findMap(doc, id);
  if (!map) return;
  map.set(field, Array.isArray(value) ? [...value] : value);
}

export function removeActionItem(doc: Y.Doc, id: string): void {
  const array = itemsArray(doc);
  doc.transact(() => {
    // Remove every entry with the id, last first so the indexes stay valid.
    const entries = array.toArray();
    for (let index = entries.length - 1; index >= 0; index--) {
      const entry = entries[index];
      if (entry instanceof Y.Map && entry.get("id") === id) array.delete(index, 1);
    }
  });
}

/** Before today (the browser's today) and not done. */
export function isItemOverdue(item: Pick<ActionItemView, "dueDate" | "status">, today: string): boolean {
  return item.status !== "DONE" && item.dueDate !== null && item.dueDate < today;
}
