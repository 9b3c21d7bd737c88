// How an AssessmentSummary reads on screen. PLC members get exact numbers; coaches and admins who
// are not members get the api's suppressed aggregates, where a withheld number is null. A null
// here is never shown as a blank or a zero: it says it was withheld, and the footnote says why.
import { graphql, readFragment, type FragmentOf } from "../../graphql/graphql.ts";
import { PROFICIENCY_LEVELS, type Proficiency } from "./assessment-csv.ts";

export const SummaryFields = graphql(`
  fragment SummaryFields on AssessmentSummary {
    count
    meanScore
    suppressed
    exact
    minimumCellSize
    byProficiency {
      proficiency
      count
      suppressed
    }
  }
`);

export type SummaryData = FragmentOf<typeof SummaryFields>;

export type AssessmentKind = "PRE" | "POST" | "COMMON" | "FORMATIVE";
export const ASSESSMENT_KINDS: readonly AssessmentKind[] = ["PRE", "POST", "COMMON", "FORMATIVE"];
export const KIND_LABEL: Record<AssessmentKind, string> = {
  PRE: "Pre-assessment",
  POST: "Post-assessment",
  COMMON: "Common assessment",
  FORMATIVE: "Formative check",
};
export const KIND_HINT: Record<AssessmentKind, string> = {
  PRE: "Before teaching the standard: compared with the post-assessment of the same standard.",
  POST: "After teaching the standard: compared with its pre-assessment.",
  COMMON: "The assessment every class in the PLC gives.",
  FORMATIVE: "A quick check along the way, such as an exit ticket.",
};

export const PROFICIENCY_LABEL: Record<Proficiency, string> = {
  BELOW: "Below",
  APPROACHING: "Approaching",
  MEETS: "Meets",
  EXCEEDS: "Exceeds",
};

export type ReadableSummary = {
  count: number | null;
  meanScore: number | null;
  suppressed: boolean;
  exact: boolean;
  minimumCellSize: number;
  /** In the fixed order BELOW → EXCEEDS, whatever order the api sends. */
  cells: { proficiency: Proficiency; count: number | null; suppressed: boolean }[];
  /** Meets + exceeds, when both are shown. */
  proficientCount: number | null;
};

export function readSummary(data: SummaryData): ReadableSummary {
  const summary = readFragment(SummaryFields, data);
  const byLevel = new Map(summary.byProficiency.map((cell) => [cell.proficiency as Proficiency, cell]));
  const cells = PROFICIENCY_LEVELS.map((proficiency) => {
    const cell = byLevel.get(proficiency);
    return { proficiency, count: cell?.count ?? null, suppressed: cell ? cell.suppressed : true };
  });
  const meets = cells[2]?.count;
  const exceeds = cells[3]?.count;
  return {
    count: summary.count ?? null,
    meanScore: summary.meanScore ?? null,
    suppressed: summary.suppressed,
    exact: summary.exact,
    minimumCellSize: summary.minimumCellSize,
    cells,
    proficientCount: meets != null && exceeds != null ? meets + exceeds : null,
  };
}

/** The id of the footnote that explains withheld cells; cells point at it with aria-describedby. */
export const WITHHELD_NOTE_ID = "withheld-note";

export function Withheld({ label = "Withheld" }: { label?: string }) {
  return (
    <span className="withheld" aria-describedby={WITHHELD_NOTE_ID}>
      {label}
      <sup aria-hidden="true">*</sup>
    </span>
  );
}

export function WithheldNote({ minimumCellSize }: { minimumCellSize: number }) {
  return (
    <p className="withheld-note" id={WITHHELD_NOTE_ID}>
      <span aria-hidden="true">* </span>
      <strong>Withheld</strong>: coaches and school leaders see no number that describes fewer than {minimumCellSize} students. When a withheld number could be
      worked out from the others (a total minus the levels shown, or a standard minus its other assessments), the next smallest numbers are withheld too, so
      some withheld numbers are larger. The PLC's own members see every number.
    </p>
  );
}

export function StudentCount({ summary }: { summary: ReadableSummary }) {
  // Not "fewer than 10": a count may be withheld only so that a smaller one cannot be worked out.
  if (summary.count === null) return <Withheld />;
  return <>{summary.count}</>;
}

export function MeanScore({ summary }: { summary: ReadableSummary }) {
  if (summary.suppressed) return <Withheld />;
  return summary.meanScore === null ? <span className="muted">No results</span> : <>{formatScore(summary.meanScore)}</>;
}

export function LevelCount({ cell, total }: { cell: ReadableSummary["cells"][number]; total: number | null }) {
  if (cell.suppressed || cell.count === null) return <Withheld />;
  return (
    <>
      {cell.count}
      {total ? <span className="muted"> ({percent(cell.count, total)})</span> : null}
    </>
  );
}

export function ProficientShare({ summary }: { summary: ReadableSummary }) {
  if (summary.proficientCount === null || summary.count === null) return <Withheld />;
  return <>{summary.count === 0 ? "–" : percent(summary.proficientCount, summary.count)}</>;
}

/**
 * The share of each level as one bar, only when every level is shown (a partial bar would mislead).
 * Decorative: the same numbers are in the table's cells.
 */
export function LevelBar({ summary }: { summary: ReadableSummary }) {
  const total = summary.count;
  if (!total || summary.cells.some((cell) => cell.count === null)) return null;
  return (
    <div className="level-bar" aria-hidden="true">
      {summary.cells.map((cell) =>
        cell.count ? (
          <span
            key={cell.proficiency}
            className={`level-bar__part level--${cell.proficiency.toLowerCase()}`}
            style={{ width: `${(cell.count / total) * 100}%` }}
          />
        ) : null,
      )}
    </div>
  );
}

export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

function percent(part: number, total: number): string {
  return `${Math.round((part / total) * 100)}%`;
}

const shortDay = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "14 Nov 2026" for a Date scalar: compact enough for a table column. */
export function formatShortDay(date: string): string {
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : shortDay.format(parsed);
}
