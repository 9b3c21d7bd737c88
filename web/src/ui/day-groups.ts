// Items (notifications, emails) grouped by the day they were made, in the reader's own calendar:
// Today, Yesterday, then the date.

export type DayGroup<T> = { label: string; items: T[] };

function dayKey(moment: Date): string {
  return `${moment.getFullYear()}-${moment.getMonth()}-${moment.getDate()}`;
}

export function groupByDay<T extends { createdAt: string }>(items: readonly T[], now = new Date()): DayGroup<T>[] {
  const today = dayKey(now);
  const yesterday = dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const moment = new Date(item.createdAt);
    const key = dayKey(moment);
    const label =
      key === today
        ? "Today"
        : key === yesterday
          ? "Yesterday"
          : new Intl.DateTimeFormat(undefined, { weekday: "long", month: "long", day: "numeric" }).format(moment);
    const last = groups[groups.length - 1];
    if (last?.label === label) last.items.push(item);
    else groups.push({ label, items: [item] });
  }
  return groups;
}
