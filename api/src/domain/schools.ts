// A school's settings as plain values: its time zone, grade levels and subjects, and the address
// (slug) a new school gets from its name.

export const SCHOOL_LIMITS = {
  name: { min: 2, max: 120 },
  gradeLevels: { count: 20, length: 40 },
  subjects: { count: 40, length: 60 },
} as const;

/**
 * The canonical IANA name of a time zone ("america/chicago" → "America/Chicago"), or null when
 * the runtime's time-zone database does not know it. Aliases are accepted as the browser gives
 * them ("Asia/Calcutta") and kept as the runtime names them.
 */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Trimmed, blanks dropped, duplicates (ignoring case) dropped, in the order given. */
export function tidyList(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const tidy: string[] = [];
  for (const value of values) {
    const trimmed = value.trim().replace(/\s+/g, " ");
    const key = trimmed.toLocaleLowerCase("en");
    if (!trimmed || seen.has(key)) continue;
    seen.add(key);
    tidy.push(trimmed);
  }
  return tidy;
}

/** A school's address from its name: "École Saint-Jean" → "ecole-saint-jean" (at most 50 characters). */
export function slugFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/g, "");
  return slug || "school";
}
