// An action plan's items inside its document's Y.Doc: a Y.Array named "actionItems" of Y.Maps
//   id       string           stable key (ActionItem.itemKey on the server)
//   title    string
//   owners   string[]         people's ids inside live documents; a plain array, replaced as a whole
//   dueDate  string | null    "YYYY-MM-DD"
//   status   "OPEN" | "BLOCKED" | "DONE"
// The web board edits this array directly and the api projects it into ActionItem rows and edits
// it for GraphQL mutations. Both import this module, so they cannot disagree on the layout; it
// depends on nothing but yjs, so the web bundle pulls no server code through it.
import * as Y from "yjs";

export const ACTION_ITEMS_FIELD = "actionItems";

export const ACTION_STATUSES = ["OPEN", "BLOCKED", "DONE"] as const;
export type ActionItemStatus = (typeof ACTION_STATUSES)[number];

/** A due date as the document holds it. */
export const DUE_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export type ActionItemFields = {
  id: string;
  title: string;
  owners: string[];
  dueDate: string | null;
  status: ActionItemStatus;
};

/** The fields an edit may change; the id is the item's identity. */
export type ActionItemField = keyof Omit<ActionItemFields, "id">;

export function actionItemsArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ACTION_ITEMS_FIELD);
}

/** The first map with this id, if the document still holds one. */
export function findItemMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  return actionItemsArray(doc)
    .toArray()
    .find((entry) => entry instanceof Y.Map && entry.get("id") === id);
}

/** A new item's map. Owners go in as a copied plain array: they are picked, not co-typed. */
export function newItemMap(fields: ActionItemFields): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [name, value] of Object.entries(fields)) map.set(name, Array.isArray(value) ? [...value] : value);
  return map;
}

export function setItemField<F extends ActionItemField>(map: Y.Map<unknown>, field: F, value: ActionItemFields[F]): void {
  map.set(field, Array.isArray(value) ? [...value] : value);
}

/** Removes every map with this id (a key can repeat after concurrent edits), last first so the indexes stay valid. */
export function removeItemMaps(doc: Y.Doc, id: string): void {
  const array = actionItemsArray(doc);
  doc.transact(() => {
    for (let index = array.length - 1; index >= 0; index--) {
      const entry = array.get(index);
      if (entry instanceof Y.Map && entry.get("id") === id) array.delete(index, 1);
    }
  });
}
