// Insights are tagged with themes, compared as one spelling: trimmed, lower case, single spaces.
export function normaliseTheme(theme: string): string {
  return theme.trim().toLowerCase().replace(/\s+/g, " ");
}
