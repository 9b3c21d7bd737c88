// Students below the proficiency line: those whose latest result on a standard is Below or
// Approaching, with how often they were below across the PLC's assessments. The PLC's members
// only (the api refuses anyone else); the codes are pseudonymous, for forming intervention groups.
import { useId, useState } from "react";
import type { ResultOf } from "../../graphql/graphql.ts";
import { SelectField } from "../../ui/fields.tsx";
import { EmptyState } from "../../ui/states.tsx";
import type { PlcMemberDetailQuery } from "./queries.ts";
import { formatScore, formatShortDay, KIND_LABEL, PROFICIENCY_LABEL, type AssessmentKind } from "./summary.tsx";
import type { Proficiency } from "./assessment-csv.ts";

type Student = ResultOf<typeof PlcMemberDetailQuery>["studentsBelowProficiency"][number];

const ALL = "";

export function BelowTheLine({ students }: { students: readonly Student[] }) {
  const [standard, setStandard] = useState(ALL);
  const statusId = useId();
  if (students.length === 0) {
    return (
      <EmptyState title="No student is below the line.">
        <p>Every student's latest result on each standard meets or exceeds it. Students who score Below or Approaching appear here.</p>
      </EmptyState>
    );
  }
  const standards = [...new Set(students.flatMap((s) => s.standards.map((st) => st.standard)))].sort((a, b) => a.localeCompare(b));
  const shown = standard === ALL ? students : students.filter((s) => s.standards.some((st) => st.standard === standard));
  return (
    <>
      <p>
        Students whose latest result on a standard is Below or Approaching, those below on the most standards first: the list to form intervention groups from.
        Codes only; names are never stored.
      </p>
      <div className="below-filter">
        <SelectField
          label="Standard"
          value={standard}
          onChange={(e) => setStandard(e.currentTarget.value)}
          options={[{ value: ALL, label: "All standards" }, ...standards.map((s) => ({ value: s, label: s }))]}
          aria-describedby={statusId}
        />
      </div>
      <p id={statusId} className="muted" role="status">
        {shown.length} {shown.length === 1 ? "student" : "students"} below the line{standard === ALL ? "" : ` on ${standard}`}.
      </p>
      <div className="table-wrap" role="region" aria-label="Students below the proficiency line (scrolls sideways)" tabIndex={0}>
        <table className="table data-table data-table--compact">
          <caption className="visually-hidden">Students below the proficiency line, by pseudonymous student code</caption>
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">Class</th>
              <th scope="col">Below the line on</th>
              <th scope="col" className="num">
                Results below the line
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.studentRef}>
                <th scope="row" className="standard-code">
                  {s.studentRef}
                </th>
                <td>{s.classLabel ?? <span className="muted">No class given</span>}</td>
                <td>
                  <ul className="standing-list">
                    {s.standards.map((st) => (
                      <li key={st.standard}>
                        <span className="standard-code">{st.standard}</span>: {PROFICIENCY_LABEL[st.proficiency as Proficiency]}, {formatScore(st.score)}{" "}
                        <span className="muted">
                          ({KIND_LABEL[st.assessmentKind as AssessmentKind].toLowerCase()}, {formatShortDay(st.administeredOn)})
                        </span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="num">
                  {s.timesBelow} of {s.resultCount}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
