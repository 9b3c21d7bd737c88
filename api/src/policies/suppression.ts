// Complementary cell suppression over a set of additive aggregates (counts, sums) tied together
// by published relations "total = sum of parts". Hiding the small cells (primary suppression) is
// not enough: anyone who sees a total and all but one of its parts gets the hidden one by
// subtraction, and relations chain (an assessment's count is a part of its standard's pool, and
// also the total of its proficiency levels). So after the small cells, more cells are hidden,
// the smallest first, until no hidden cell can be worked out from the visible ones:
//
// - linearly: no combination of the relations leaves a hidden cell as the only unknown (checked
//   exactly, by row-reducing the relations restricted to the hidden cells);
// - by sign: counts and scores are never negative, so hidden parts whose visible total leaves
//   them nothing (they sum to zero) would all be known to be zero.

export type Cell = {
  key: string;
  value: number;
  /** Hidden for its own sake (a small cell), before any complementary suppression. */
  primary: boolean;
};

/** A published relation: the value of `total` is the sum of the values of `parts`. */
export type Relation = { total: string; parts: string[] };

/** Cells shown or hidden together: hiding the key hides every cell listed for it. */
export type Links = ReadonlyMap<string, readonly string[]>;

const EPSILON = 1e-9;

/** The cells to withhold: the primary ones, their links, and enough others to protect them. */
export function suppressCells(cells: readonly Cell[], relations: readonly Relation[], links: Links = new Map()): Set<string> {
  const value = new Map(cells.map((c) => [c.key, c.value]));
  const hidden = new Set<string>();
  const hide = (key: string) => {
    const pending = [key];
    while (pending.length) {
      const next = pending.pop()!;
      if (hidden.has(next)) continue;
      hidden.add(next);
      pending.push(...(links.get(next) ?? []));
    }
  };
  for (const cell of cells) if (cell.primary) hide(cell.key);

  // Each round hides at least one more cell, so this ends; with every cell hidden nothing is
  // derivable (every relation has two or more members and no values to start from). A round
  // protects every exposed cell at once, so the number of rounds (each a row reduction) stays
  // small however many assessments a standard has.
  for (;;) {
    const exposed = derivableCells(value, relations, hidden);
    if (exposed.size === 0) return hidden;
    const complements = new Set<string>();
    for (const key of [...exposed].sort()) {
      const complement = complementFor(key, value, relations, hidden, complements);
      if (complement !== null) complements.add(complement);
    }
    if (complements.size === 0) return hidden;
    for (const key of complements) hide(key);
  }
}

/**
 * The hidden cells someone who sees every other cell and knows the relations can work out.
 * `value` holds the true values; only visible ones are used, except to test the sign rule,
 * where the sum of the hidden parts is exactly what the visible total leaves for them.
 */
export function derivableCells(value: ReadonlyMap<string, number>, relations: readonly Relation[], hidden: ReadonlySet<string>): Set<string> {
  const derivable = linearlyDerivable(relations, hidden);
  for (const relation of relations) {
    if (hidden.has(relation.total)) continue;
    const hiddenParts = relation.parts.filter((p) => hidden.has(p));
    if (hiddenParts.length === 0) continue;
    const leftForHidden = hiddenParts.reduce((sum, p) => sum + (value.get(p) ?? 0), 0);
    if (Math.abs(leftForHidden) < EPSILON) for (const p of hiddenParts) derivable.add(p);
  }
  return derivable;
}

/** Hidden cells determined by the relations alone: e_x lies in the row space of the relations restricted to hidden cells. */
export function linearlyDerivable(relations: readonly Relation[], hidden: ReadonlySet<string>): Set<string> {
  const columns = [...hidden].sort();
  const index = new Map(columns.map((key, i) => [key, i]));
  const rows: number[][] = [];
  for (const relation of relations) {
    const row = new Array<number>(columns.length).fill(0);
    let any = false;
    const add = (key: string, coefficient: number) => {
      const i = index.get(key);
      if (i === undefined) return;
      row[i]! += coefficient;
      any = true;
    };
    add(relation.total, 1);
    for (const part of relation.parts) add(part, -1);
    if (any) rows.push(row);
  }
  // Reduced row echelon form. A hidden cell is determined exactly when its column is a pivot
  // whose row has no other non-zero entry: that row then reads "cell = visible numbers".
  const derivable = new Set<string>();
  let pivotRow = 0;
  for (let col = 0; col < columns.length && pivotRow < rows.length; col++) {
    let best = pivotRow;
    for (let r = pivotRow + 1; r < rows.length; r++) if (Math.abs(rows[r]![col]!) > Math.abs(rows[best]![col]!)) best = r;
    if (Math.abs(rows[best]![col]!) < EPSILON) continue;
    [rows[pivotRow], rows[best]] = [rows[best]!, rows[pivotRow]!];
    const pivot = rows[pivotRow]!;
    const scale = pivot[col]!;
    for (let c = 0; c < columns.length; c++) pivot[c]! /= scale;
    for (let r = 0; r < rows.length; r++) {
      if (r === pivotRow) continue;
      const factor = rows[r]![col]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (let c = 0; c < columns.length; c++) rows[r]![c]! -= factor * pivot[c]!;
    }
    pivotRow++;
  }
  for (const row of rows.slice(0, pivotRow)) {
    const nonZero = row.flatMap((v, c) => (Math.abs(v) > EPSILON ? [c] : []));
    if (nonZero.length === 1) derivable.add(columns[nonZero[0]!]!);
  }
  return derivable;
}

/**
 * The next cell to hide for an exposed one: in the relation through which it is most exposed
 * (fewest hidden members), the smallest visible member, preferring a non-zero one (hiding a
 * zero would leave hidden parts that still sum to zero). A relation that already gets a
 * complement this round needs no second one.
 */
function complementFor(
  key: string,
  value: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  hidden: ReadonlySet<string>,
  chosen: ReadonlySet<string>,
): string | null {
  const rank = (k: string) => {
    const v = Math.abs(value.get(k) ?? 0);
    return v < EPSILON ? Number.MAX_VALUE : v;
  };
  const smallest = (keys: string[]) => [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))[0] ?? null;
  const candidates = relations
    .filter((r) => r.total === key || r.parts.includes(key))
    .map((r) => [r.total, ...r.parts])
    .filter((members) => members.some((m) => !hidden.has(m)))
    .sort((a, b) => a.filter((m) => hidden.has(m)).length - b.filter((m) => hidden.has(m)).length);
  const members = candidates[0];
  if (members) return members.some((m) => chosen.has(m)) ? null : smallest(members.filter((m) => !hidden.has(m)));
  // Exposed only through relations that are already wholly hidden: hide the smallest visible cell anywhere.
  return smallest([...value.keys()].filter((k) => !hidden.has(k) && !chosen.has(k)));
}
