// What the CSV will record, before anything is sent: every problem by row and column, and a
// preview of the rows with the bad cells marked.
import type { Ref } from "react";
import { CSV_COLUMNS, type CsvColumn, type CsvProblem, type ResultRow } from "./assessment-csv.ts";

const COLUMN_LABEL: Record<CsvColumn, string> = { student: "student", score: "score", proficiency: "proficiency", class: "class" };
const COLUMN_HEADING: Record<CsvColumn, string> = { student: "Student", score: "Score", proficiency: "Proficiency", class: "Class" };
const PROBLEMS_SHOWN = 100;

export function describeProblem(problem: CsvProblem): string {
  const where = [problem.row !== null ? `Row ${problem.row}` : null, problem.column ? COLUMN_LABEL[problem.column] : null].filter(Boolean).join(", ");
  return where ? `${where}: ${problem.message}` : problem.message;
}

export function ProblemList({ title, problems, listRef }: { title: string; problems: readonly CsvProblem[]; listRef?: Ref<HTMLDivElement> }) {
  if (problems.length === 0) return null;
  return (
    <div className="alert alert--error csv-problems" ref={listRef} tabIndex={-1}>
      <p className="alert__title">{title}</p>
      <ul>
        {problems.slice(0, PROBLEMS_SHOWN).map((problem, index) => (
          <li key={index}>{describeProblem(problem)}</li>
        ))}
      </ul>
      {problems.length > PROBLEMS_SHOWN ? <p>…and {problems.length - PROBLEMS_SHOWN} more.</p> : null}
    </div>
  );
}

export function CsvPreview({ rows, problems, withClass }: { rows: readonly ResultRow[]; problems: readonly CsvProblem[]; withClass: boolean }) {
  if (rows.length === 0) return null;
  const columns: readonly CsvColumn[] = withClass ? [...CSV_COLUMNS, "class"] : CSV_COLUMNS;
  const badCells = new Set(problems.filter((p) => p.row !== null && p.column !== null).map((p) => `${p.row}:${p.column}`));
  const badRows = new Set(problems.filter((p) => p.row !== null).map((p) => p.row));
  return (
    <div className="table-wrap csv-preview" role="region" aria-label="Preview of the rows to record (scrolls)" tabIndex={0}>
      <table className="table data-table data-table--compact">
        <caption className="visually-hidden">Preview: the rows that will be recorded, with any problems marked</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Row
            </th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {COLUMN_HEADING[column]}
              </th>
            ))}
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const bad = badRows.has(row.row);
            return (
              <tr key={row.row} className={bad ? "row--invalid" : undefined}>
                <th scope="row" className="num">
                  {row.row}
                </th>
                {columns.map((column) => {
                  const invalid = badCells.has(`${row.row}:${column}`);
                  return (
                    <td key={column} className={invalid ? "cell--invalid" : undefined}>
                      {row.cells[column] || <span className="muted">(empty)</span>}
                    </td>
                  );
                })}
                <td>{bad ? <span className="check check--bad">Needs fixing</span> : <span className="check check--ok">OK</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
