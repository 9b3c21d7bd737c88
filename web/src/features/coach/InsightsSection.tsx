// What groups chose to share with coaches, rolled up by theme for professional-development
// planning. The api gives leaders insights without author or group, and dates to the day only;
// this page asks for nothing more (no author, no group fields at all).
import { useState } from "react";
import { useQuery } from "urql";
import type { ResultOf } from "../../graphql/graphql.ts";
import { SelectField } from "../../ui/fields.tsx";
import { Section } from "../../ui/layout.tsx";
import { EmptyState, QueryState } from "../../ui/states.tsx";
import { InsightThemesQuery } from "./queries.ts";

type Insight = ResultOf<typeof InsightThemesQuery>["insights"]["edges"][number]["node"];

const PERIODS = [
  { value: "all", label: "All time" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last 12 months" },
] as const;

const dayFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
/** Leaders get the day only (00:00 UTC): show that day wherever the browser is. */
const sharedDay = (dateTime: string) => dayFormat.format(new Date(dateTime));

export function InsightsSection({ schoolId }: { schoolId: string }) {
  const [period, setPeriod] = useState<string>("all");
  // Computed when the period changes, not on every render, so the query's variables stay stable.
  const [since, setSince] = useState<string | null>(null);
  const [result, reexecute] = useQuery({ query: InsightThemesQuery, variables: { schoolId, since } });

  const choosePeriod = (value: string) => {
    setPeriod(value);
    setSince(value === "all" ? null : new Date(Date.now() - Number(value) * 24 * 60 * 60 * 1000).toISOString());
  };

  return (
    <Section title="Shared insights by theme">
      <p className="muted">
        Insights groups chose to share with coaches, counted by theme for PD planning. They are anonymous: Staffroom never shows which group or teacher shared
        them.
      </p>
      <div className="period-select">
        <SelectField label="Time period" value={period} options={PERIODS} onChange={(e) => choosePeriod(e.currentTarget.value)} />
      </div>
      <QueryState result={result} retry={() => reexecute({ requestPolicy: "network-only" })} loadingLabel="Loading insights…">
        {(data) => {
          const themes = data.insightThemes;
          if (themes.length === 0) {
            return (
              <EmptyState title={period === "all" ? "No group has shared an insight yet." : "No insights were shared in this period."}>
                <p>When a peer group or PLC shares what it learned, its themes are counted here.</p>
              </EmptyState>
            );
          }
          const insights = data.insights.edges.map((e) => e.node);
          const most = Math.max(...themes.map((t) => t.count));
          return (
            <>
              <p>
                {data.insights.totalCount} shared {data.insights.totalCount === 1 ? "insight" : "insights"} across {themes.length}{" "}
                {themes.length === 1 ? "theme" : "themes"}, most frequent first.
              </p>
              <ul className="theme-list">
                {themes.map((theme) => (
                  <li key={theme.theme} className="theme">
                    <div className="theme__head">
                      <span className="theme__name">{capitalise(theme.theme)}</span>
                      <span className="theme__count">
                        {theme.count} {theme.count === 1 ? "insight" : "insights"}
                      </span>
                    </div>
                    <div className="theme__bar" aria-hidden="true">
                      <span style={{ width: `${(theme.count / most) * 100}%` }} />
                    </div>
                    <ThemeInsights theme={theme.theme} insights={insights.filter((i) => i.themes.includes(theme.theme))} latest={theme.latestSharedAt} />
                  </li>
                ))}
              </ul>
              {data.insights.totalCount > insights.length ? (
                <p className="muted">Showing the latest {insights.length} insights under their themes; the counts include all of them.</p>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </Section>
  );
}

function ThemeInsights({ theme, insights, latest }: { theme: string; insights: Insight[]; latest: string }) {
  return (
    <details className="theme__insights">
      <summary>
        Read {insights.length === 1 ? "the insight" : `the ${insights.length} insights`} on “{theme}”
        <span className="muted"> · latest {sharedDay(latest)}</span>
      </summary>
      <ul className="item-list">
        {insights.map((insight) => (
          <li key={insight.id}>
            <h3 className="item-title">{insight.title}</h3>
            <p className="insight-body">{insight.body}</p>
            <p className="item-meta">
              <span>Shared {sharedDay(insight.sharedAt)}</span>
              {insight.anonymous ? <span>Anonymous</span> : null}
              <span>Themes: {insight.themes.join(", ")}</span>
            </p>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Themes are stored lower-case ("wait time"); a heading reads better as "Wait time". */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
