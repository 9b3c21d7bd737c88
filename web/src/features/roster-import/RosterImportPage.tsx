// School › Import staff: upload a roster (Staffroom's template or a OneRoster users.csv). The file's
// text goes to the api as it is; the api checks every row and answers with a preview (dryRun):
// who is new, who changes, who stays as they are, or every problem by row and column. Nothing is
// written until "Import" is pressed, and then all or nothing.
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { type ConsoleSchool, useConsoleSchool } from "../../app/console-school.ts";
import { paths } from "../../app/paths.ts";
import { mutationError } from "../../graphql/mutation-outcome.ts";
import type { ResultOf } from "../../graphql/graphql.ts";
import { Button } from "../../ui/Button.tsx";
import { SectionHeader, Section } from "../../ui/layout.tsx";
import { ErrorState, SuccessMessage, type ShowableError } from "../../ui/states.tsx";
import { ImportRosterMutation } from "./queries.ts";
import { MAX_FILE_BYTES, TEMPLATE_HREF } from "./roster-template.ts";
import "./roster-import.css";

type Payload = NonNullable<ResultOf<typeof ImportRosterMutation>["importRoster"]>;
type Plan = Extract<Payload, { __typename: "MutationImportRosterSuccess" }>["data"];
type Problem = { row: number | null; column: string | null; message: string };

const ROLE_LABEL: Record<string, string> = { TEACHER: "Teacher", COACH: "Coach", ADMIN: "Admin" };

export function RosterImportPage() {
  return (
    <>
      <SectionHeader
        title="Import staff"
        subtitle="Bring in your staff from a spreadsheet or your student information system. Nothing changes until you confirm."
        actions={<Link to={paths.schoolInvitations}>Invitations</Link>}
      />
      <RosterImport school={useConsoleSchool()} />
    </>
  );
}

function RosterImport({ school }: { school: ConsoleSchool }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Plan | null>(null);
  const [problems, setProblems] = useState<{ message: string; problems: Problem[] } | null>(null);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [imported, setImported] = useState<Plan | null>(null);
  const [{ fetching }, importRoster] = useMutation(ImportRosterMutation);
  const problemsRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // The file input is cleared after an import by changing its key (a file input cannot be set from code).
  const [inputKey, setInputKey] = useState(0);

  // Move focus to what needs attention next: the problems, or the result.
  useEffect(() => problemsRef.current?.focus(), [problems]);
  useEffect(() => resultRef.current?.focus(), [imported]);

  const send = async (text: string, dryRun: boolean) => {
    setFailure(null);
    setProblems(null);
    const result = await importRoster({ input: { schoolId: school.id, csv: text, dryRun } });
    const payload = result.data?.importRoster;
    if (result.error || !payload) {
      setFailure(result.error ?? "The server sent no answer. Try again.");
      return null;
    }
    if (payload.__typename === "MutationImportRosterSuccess") return payload.data;
    if (payload.__typename === "RosterImportError") {
      setProblems({ message: mutationError(payload).message, problems: payload.problems });
      return null;
    }
    setFailure(mutationError(payload));
    return null;
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.currentTarget.files?.[0];
    setFileError(null);
    setPreview(null);
    setImported(null);
    setProblems(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) {
      setFileError(
        `That file is ${Math.round(chosen.size / 1024)} KB; Staffroom imports files up to ${MAX_FILE_BYTES / 1000} KB. Split it into smaller files.`,
      );
      return;
    }
    const text = await chosen.text();
    setFile({ name: chosen.name, text });
    setPreview(await send(text, true));
  };

  const confirm = async () => {
    if (!file) return;
    const done = await send(file.text, false);
    if (!done) return;
    setImported(done);
    setPreview(null);
    setFile(null);
    setInputKey((key) => key + 1);
  };

  const changes = preview ? preview.created + preview.updated : 0;
  return (
    <div className="roster-import">
      <Section title="1. Prepare the file">
        <p>Use either format; Staffroom tells them apart by their header row.</p>
        <ul className="roster-formats">
          <li>
            <strong>Staffroom’s template</strong>: columns <code>email</code>, <code>first name</code>, <code>last name</code>, <code>role</code> (teacher,
            coach or admin), <code>grades</code> and <code>subjects</code> (several separated by semicolons, e.g. <code>3;4</code>).{" "}
            <a href={TEMPLATE_HREF} download="staffroom-staff-template.csv">
              Download the template
            </a>
          </li>
          <li>
            <strong>OneRoster users.csv</strong>, as your student information system exports it. Teachers, aides and counselors come in as teachers;
            administrators and principals as admins; students and parents are left out.
          </li>
        </ul>
        <p className="item-meta">
          People are matched by email address: importing the same file again changes nothing, and an updated file updates names and roles. Everyone who is not a
          member yet gets an invitation by email.
        </p>
      </Section>

      <Section title="2. Choose the file">
        <div className="field">
          <label className="field__label" htmlFor="roster-file">
            Staff file (CSV)
          </label>
          <span className="field__hint" id="roster-file-hint">
            Up to 2,000 people. Checked before anything is imported.
          </span>
          <input
            key={inputKey}
            id="roster-file"
            className="input"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileError ? "roster-file-hint roster-file-error" : "roster-file-hint"}
            aria-invalid={fileError ? true : undefined}
            onChange={(event) => void choose(event)}
          />
          {fileError ? (
            <span className="field__error" id="roster-file-error">
              {fileError}
            </span>
          ) : null}
        </div>
        {fetching && !preview ? <p role="status">Checking the file…</p> : null}
        {failure ? <ErrorState title="The file could not be checked" error={failure} /> : null}
        {problems ? (
          <div className="alert alert--error roster-problems" ref={problemsRef} tabIndex={-1} role="alert">
            <p className="alert__title">{problems.message}</p>
            <ul>
              {problems.problems.slice(0, 200).map((problem, index) => (
                <li key={index}>{describeProblem(problem)}</li>
              ))}
            </ul>
            {problems.problems.length > 200 ? <p>…and {problems.problems.length - 200} more.</p> : null}
            <p>Fix the file in your spreadsheet, save it as CSV, and choose it again.</p>
          </div>
        ) : null}
      </Section>

      {preview && file ? (
        <Section title="3. Check and import">
          <p>
            <strong>{file.name}</strong> ({preview.format === "ONEROSTER" ? "OneRoster users.csv" : "Staffroom template"}): {preview.summary}
          </p>
          <PlanTable plan={preview} />
          {changes > 0 ? (
            <div className="roster-confirm">
              <Button busy={fetching} busyLabel="Importing…" onClick={() => void confirm()}>
                {`Import: ${preview.created} new, ${preview.updated} updated`}
              </Button>
              <span className="item-meta">New people are emailed an invitation.</span>
            </div>
          ) : (
            <p className="alert alert--info">Nothing to change: everyone in this file is already here, exactly as the file says.</p>
          )}
        </Section>
      ) : null}

      {imported ? (
        <div ref={resultRef} tabIndex={-1}>
          <SuccessMessage>
            <p>Imported: {imported.summary}</p>
            {imported.created > 0 ? (
              <p>
                {imported.created === 1 ? "The new person was" : `The ${imported.created} new people were`} emailed an invitation. See who has not answered yet
                under <Link to={paths.schoolInvitations}>Invitations</Link>.
              </p>
            ) : null}
          </SuccessMessage>
        </div>
      ) : null}
    </div>
  );
}

function describeProblem(problem: Problem): string {
  const where = [problem.row !== null ? `Row ${problem.row}` : null, problem.column].filter(Boolean).join(", ");
  return where ? `${where}: ${problem.message}` : problem.message;
}

function outcomeText(row: Plan["rows"][number]): string {
  if (row.outcome === "NEW") return "New: will be invited";
  if (row.outcome === "UNCHANGED") return "Unchanged";
  return `Updated: ${row.changes.join(", ")}`;
}

function PlanTable({ plan }: { plan: Plan }) {
  return (
    <div className="table-wrap" role="region" aria-label="What the import will do (scrolls)" tabIndex={0}>
      <table className="table roster-plan">
        <caption className="visually-hidden">Each person in the file and what the import will do</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Row
            </th>
            <th scope="col">Person</th>
            <th scope="col">Role and what happens</th>
          </tr>
        </thead>
        <tbody>
          {plan.rows.map((row) => (
            <tr key={row.row}>
              <td className="num">{row.row}</td>
              <td>
                <span className="roster-plan__name">{row.name}</span>
                <span className="roster-plan__email">{row.email}</span>
              </td>
              <td>
                <span className="roster-plan__name">{ROLE_LABEL[row.role] ?? row.role}</span>
                <span className={`roster-outcome roster-outcome--${row.outcome.toLowerCase()}`}>{outcomeText(row)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
