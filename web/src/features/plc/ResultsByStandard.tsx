// Results by standard: every result the PLC recorded against a standard, pooled across its
// assessments of one kind (a pre-assessment is never averaged with the post-assessment), as the
// api's assessmentSummaryByStandard gives them (exact for members, small cells withheld for leaders).
import type { ResultOf } from "../../graphql/graphql.ts";
import { EmptyState } from "../../ui/states.tsx";
import {
  formatShortDay,
  KIND_LABEL,
  LevelBar,
  LevelCount,
  MeanScore,
  PROFICIENCY_LABEL,
  ProficientShare,
  readSummary,
  StudentCount,
  type AssessmentKind,
} from "./summary.tsx";
import type { PlcResultsQuery } from "./queries.ts";

type StandardRow = ResultOf<typeof PlcResultsQuery>["assessmentSummaryByStandard"][number];

export function ResultsByStandard({ standards, groupName }: { standards: readonly StandardRow[]; groupName: string }) {
  if (standards.length === 0) {
    return (
      <EmptyState title="No results yet.">
        <p>Once the PLC records an assessment, its results appear here by standard.</p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap" role="region" aria-label="Results by standard (scrolls sideways)" tabIndex={0}>
      <table className="table data-table standard-table">
        <caption className="visually-hidden">Results by standard and kind of assessment for {groupName}</caption>
        <thead>
          <tr>
            <th scope="col">Standard</th>
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
          {standards.map((row) => {
            const summary = readSummary(row.summary);
            return (
              <tr key={`${row.standard}:${row.kind}`}>
                <th scope="row">
                  <span className="standard-code">{row.standard}</span> <span className="kind-label">{KIND_LABEL[row.kind as AssessmentKind]}</span>
                  <span className="standard-meta">
                    {row.assessmentCount} {row.assessmentCount === 1 ? "assessment" : "assessments"}, latest {formatShortDay(row.latestAdministeredOn)}
                  </span>
                  <LevelBar summary={summary} />
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
          })}
        </tbody>
      </table>
    </div>
  );
}
