// Reading the rows many things name in one statement (a page of notifications names documents,
// feedback, items…): the distinct ids, then one `findMany` by id per table, as a Map.

/** The distinct non-empty ids `pick` names across `items`. */
export function distinctIds<T>(items: readonly T[], pick: (item: T) => string | null | undefined): string[] {
  return [...new Set(items.flatMap((item) => pick(item) ?? []))];
}

/** The rows with these ids, by id, read with `find` (no statement when there are none). */
export async function rowsById<Row extends { id: string }>(
  ids: string[],
  find: (where: { id: { in: string[] } }) => Promise<Row[]>,
): Promise<Map<string, Row>> {
  return new Map((ids.length > 0 ? await find({ id: { in: ids } }) : []).map((row) => [row.id, row]));
}
