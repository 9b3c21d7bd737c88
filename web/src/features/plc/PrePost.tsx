// Pre vs post: for each standard with both a pre- and a post-assessment, the two pools side by
// side and the change of mean; for the PLC's members also the matched students (those who sat
// both), each one's latest pre against their latest post. Leaders see the pools with small cells
// withheld, and the change only when both means are shown.
import type { ResultOf } from "../../graphql/graphql.ts";
import { EmptyState } from "../../ui/states.tsx";
import type { PlcMemberDetailQuery, PlcResultsQuery } from "./queries.ts";
import { formatScore, LevelCount, MeanScore, PROFICIENCY_LABEL, ProficientShare, readSummary, StudentCount } from "./summary.tsx";

type Comparison = ResultOf<typeof PlcResultsQuery>["assessmentPrePost"][number];
type Matched = NonNullable<ResultOf<typeof PlcMemberDetailQuery>["assessmentPrePost"][number]["matched"]>;

export function PrePost({ comparisons, matched }: { comparisons: readonly Comparison[]; matched: ReadonlyMap<string, Matched> | null }) {
  if (comparisons.length === 0) {
    return (
      <EmptyState title="No standard has both a pre- and a post-assessment yet.">
        <p>
          Record a pre-assessment before teaching a standard and a post-assessment after it (choose the kind when recording), and they appear here side by side.
        </p>
      </EmptyState>
    );
  }
  return (
    <ul className="pre-post">
      {comparisons.map((c) => (
        <li key={c.standard}>
          <h3>
            <span className="standard-code">{c.standard}</span>
          </h3>
          <div className="table-wrap" role="region" aria-label={`Pre vs post for ${c.standard} (scrolls sideways)`} tabIndex={0}>
            <table className="table data-table standard-table">
              <caption className="visually-hidden">Pre-assessment and post-assessment results for {c.standard}</caption>
              <thead>
                <tr>
                  <th scope="col">Results</th>
                  <th scope="col" className="num">
                    Students
                  </th>
                  <th scope="col" className="num">
                    Mean score
                  </th>
                  {Object.values(PROFICIENCY_LABEL).map((label) => (
                    <th scope="col" className="num" key={label}>
                      {label}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Meets or exceeds
                  </th>
                </tr>
              </thead>
              <tbody>
                <PoolRow label="Pre" assessments={c.preAssessmentCount} data={c.pre} />
                <PoolRow label="Post" assessments={c.postAssessmentCount} data={c.post} />
              </tbody>
            </table>
          </div>
          <p>
            Change in mean score:{" "}
            {c.meanChange === null ? <span className="muted">not shown, because a mean is withheld</span> : <Change value={c.meanChange} />}
          </p>
          {matched ? <MatchedLine matched={matched.get(c.standard) ?? null} /> : null}
        </li>
      ))}
    </ul>
  );
}

function PoolRow({ label, assessments, data }: { label: string; assessments: number; data: Comparison["pre"] }) {
  const summary = readSummary(data);
  return (
    <tr>
      <th scope="row">
        {label}
        <span className="standard-meta">
          {assessments} {assessments === 1 ? "assessment" : "assessments"}
        </span>
      </th>
      <td className="num">
        <StudentCount summary={summary} />
      </td>
      <td className="num">
        <MeanScore summary={summary} />
      </td>
      {summary.cells.map((cell) => (
        <td className="num" key={cell.proficiency}>
          <LevelCount cell={cell} total={summary.count} />
        </td>
      ))}
      <td className="num">
        <ProficientShare summary={summary} />
      </td>
    </tr>
  );
}

function Change({ value }: { value: number }) {
  if (value > 0) return <span className="change--up">up {formatScore(value)} points</span>;
  if (value < 0) return <span className="change--down">down {formatScore(-value)} points</span>;
  return <span>no change</span>;
}

function MatchedLine({ matched }: { matched: Matched | null }) {
  if (!matched || matched.count === 0) {
    return <p className="muted">No student sat both the pre- and the post-assessment, so none can be matched.</p>;
  }
  const students = (n: number) => `${n} ${n === 1 ? "student" : "students"}`;
  return (
    <p>
      Matched: {students(matched.count)} sat both; their mean went from {formatScore(matched.preMean ?? 0)} to {formatScore(matched.postMean ?? 0)} (
      {matched.meanChange === null ? "no change" : <Change value={matched.meanChange} />}). {students(matched.levelUp)} moved up a level, {matched.levelSame}{" "}
      stayed, {matched.levelDown} moved down.
    </p>
  );
}
