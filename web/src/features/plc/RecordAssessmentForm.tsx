// Recording an assessment from CSV: a file or pasted rows, checked row by row as they change.
// Nothing is sent while any row has a problem; the api's recordAssessment is all-or-nothing as
// well, and if it refuses the rows anyway its issues are shown against the CSV's row numbers.
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useMutation } from "urql";
import { mutationError } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { useAuth } from "../../app/auth.tsx";
import { SelectField, TextAreaField, TextField } from "../../ui/fields.tsx";
import { todayIso } from "../../ui/format.ts";
import { ErrorState, SuccessMessage, type ShowableError } from "../../ui/states.tsx";
import { checkAssessmentCsv, EXAMPLE_CSV, mapServerIssues, MAX_ROWS, resultsToRecord, type CsvProblem, type ResultRow } from "./assessment-csv.ts";
import { CsvPreview, ProblemList } from "./CsvPreview.tsx";
import { RecordAssessmentMutation } from "./queries.ts";
import { ASSESSMENT_KINDS, KIND_HINT, KIND_LABEL, PROFICIENCY_LABEL, type AssessmentKind } from "./summary.tsx";

const MAX_FILE_BYTES = 1_000_000;
const EXAMPLE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(EXAMPLE_CSV)}`;

type FieldName = "title" | "standard" | "administeredOn" | "classLabel";
type FieldErrors = Partial<Record<FieldName, string>>;

export function RecordAssessmentForm({ groupId, onRecorded }: { groupId: string; onRecorded: () => void }) {
  const [title, setTitle] = useState("");
  const [standard, setStandard] = useState("");
  const [administeredOn, setAdministeredOn] = useState(todayIso());
  const [kind, setKind] = useState<AssessmentKind>("COMMON");
  const [classLabel, setClassLabel] = useState("");
  const viewerName = useAuth().viewer?.name ?? null;
  const [csvText, setCsvText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  // What the api said about the last rows sent; cleared as soon as the rows change.
  const [server, setServer] = useState<{ rows: CsvProblem[]; other: string[] } | null>(null);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [recorded, setRecorded] = useState<{ title: string; count: number } | null>(null);
  const [{ fetching }, recordAssessment] = useMutation(RecordAssessmentMutation);
  const problemsRef = useRef<HTMLDivElement>(null);
  const fieldId = useId();
  const idOf = (field: FieldName) => `${fieldId}-${field}`;
  // After a refused submit, move focus to what needs fixing (once React has rendered it).
  const [focusTarget, setFocusTarget] = useState<{ to: FieldName | "problems"; at: number } | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget.to === "problems") problemsRef.current?.focus();
    else document.getElementById(`${fieldId}-${focusTarget.to}`)?.focus();
  }, [focusTarget, fieldId]);
  // Changing the key clears the file input after a recording (a file input cannot be set from code).
  const [fileInputKey, setFileInputKey] = useState(0);

  const check = useMemo(() => (csvText.trim() ? checkAssessmentCsv(csvText) : null), [csvText]);
  const ready = check ? resultsToRecord(check) : null;

  const changeCsv = (text: string) => {
    setCsvText(text);
    setServer(null);
    setFailure(null);
    setRecorded(null);
  };

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(`That file is ${Math.round(file.size / 1024)} KB; a CSV of ${MAX_ROWS} students is far smaller. Is it the right file?`);
      return;
    }
    setFileName(file.name);
    changeCsv(await file.text());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setRecorded(null);
    const errors = checkFields(title, standard, administeredOn, classLabel);
    setFieldErrors(errors);
    const firstInvalid = (["title", "standard", "administeredOn", "classLabel"] as const).find((field) => errors[field]);
    if (firstInvalid) {
      setFocusTarget({ to: firstInvalid, at: Date.now() });
      return;
    }
    if (!check || !ready) {
      setFocusTarget({ to: "problems", at: Date.now() });
      return;
    }
    const sentRows: ResultRow[] = check.rows;
    const outcome = await recordAssessment({
      input: { groupId, title: title.trim(), standard: standard.trim(), administeredOn, kind, classLabel: classLabel.trim() || null, results: ready },
    });
    if (outcome.error || !outcome.data) {
      setFailure(outcome.error ?? "Staffroom did not answer. Nothing was recorded; try again.");
      return;
    }
    const payload = outcome.data.recordAssessment;
    if (payload.__typename === "MutationRecordAssessmentSuccess") {
      setRecorded({ title: payload.data.title, count: ready.length });
      setTitle("");
      setStandard("");
      setCsvText("");
      setFileName(null);
      setServer(null);
      setFileInputKey((key) => key + 1);
      onRecorded();
      return;
    }
    const error = mutationError(payload);
    if (error.__typename === "ValidationError") {
      const mapped = mapServerIssues(error.issues, sentRows);
      setFieldErrors(mapped.fieldProblems as FieldErrors);
      setServer({ rows: mapped.rowProblems, other: mapped.otherProblems });
      setFocusTarget({ to: "problems", at: Date.now() });
      return;
    }
    setFailure(error);
  };

  const problemCount = check?.problems.length ?? 0;
  const levelCounts = ready ? countLevels(ready) : null;

  return (
    <form className="form record-form" onSubmit={submit} noValidate aria-describedby="record-form-intro">
      <p id="record-form-intro">
        One row per student: a pseudonymous student code (never a name), the score out of 100 and the proficiency level, and optionally the class. Every row is
        checked before anything is sent, and nothing is recorded unless every row is right.
      </p>
      <p className="muted">
        Students' names are never stored. A name column is ignored and never sent; a file whose only student column holds names is refused, because a code made
        from a name could be traced back to the student. Use your school's student ID or a code such as 4A-01.
      </p>

      <details className="csv-example">
        <summary>Expected CSV columns and an example</summary>
        <div className="table-wrap">
          <table className="table data-table data-table--compact">
            <caption className="visually-hidden">The columns the CSV needs</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">What goes in it</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">
                  <code>student</code>
                </th>
                <td>A pseudonymous code, up to 40 letters, digits, dots, dashes or underscores (e.g. 4A-01). Each student once.</td>
              </tr>
              <tr>
                <th scope="row">
                  <code>score</code>
                </th>
                <td>A number from 0 to 100 (85, 72.5 or 85%).</td>
              </tr>
              <tr>
                <th scope="row">
                  <code>proficiency</code>
                </th>
                <td>BELOW, APPROACHING, MEETS or EXCEEDS (any capitalisation).</td>
              </tr>
              <tr>
                <th scope="row">
                  <code>class</code> (optional)
                </th>
                <td>Whose class the student is in, e.g. the teacher's name. Without it, every row is in the class you give below.</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p>
          The header row comes first. Common headings are recognised: Student ID or Student for the code, Score, Score % or Percent for the score, Proficiency
          or Level, Teacher or Class. Other columns (such as Student Name) are ignored and never sent. Tab-separated rows pasted from a spreadsheet work too.
        </p>
        {/* A <pre> has no role that may carry a name; the figure around it does. */}
        <figure className="csv-example__figure" aria-label="Example CSV">
          <pre className="csv-example__text">{EXAMPLE_CSV}</pre>
        </figure>
        <a href={EXAMPLE_HREF} download="assessment-results-example.csv">
          Download the example CSV
        </a>
      </details>

      <div className="form-row">
        <TextField
          id={idOf("title")}
          label="Assessment title"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldErrors.title}
          required
          maxLength={160}
        />
        <TextField
          id={idOf("standard")}
          label="Standard assessed"
          placeholder="e.g. 4.NF.A.1"
          value={standard}
          onChange={(e) => setStandard(e.currentTarget.value)}
          error={fieldErrors.standard}
          required
          maxLength={80}
        />
        <TextField
          id={idOf("administeredOn")}
          label="Given on"
          type="date"
          value={administeredOn}
          max={todayIso()}
          onChange={(e) => setAdministeredOn(e.currentTarget.value)}
          error={fieldErrors.administeredOn}
          required
        />
      </div>
      <div className="form-row">
        <SelectField
          label="Kind of assessment"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as AssessmentKind)}
          options={ASSESSMENT_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
          hint={KIND_HINT[kind]}
        />
        <TextField
          id={idOf("classLabel")}
          label="Class"
          value={classLabel}
          onChange={(e) => setClassLabel(e.currentTarget.value)}
          error={fieldErrors.classLabel}
          maxLength={80}
          placeholder={viewerName ?? undefined}
          hint={
            check?.hasClass
              ? "For rows whose class cell is empty; the file's class column names the others."
              : `Whose class these students are in. Left empty, it is your class${viewerName ? ` (${viewerName})` : ""}.`
          }
        />
      </div>

      <TextField
        key={fileInputKey}
        label="CSV file"
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        hint={fileName ? `Loaded ${fileName}: its rows are below, where you can correct them.` : "Its rows appear below, where you can correct them."}
        error={fileError}
        onChange={(e) => void chooseFile(e)}
      />
      <TextAreaField
        label="Or paste the rows"
        hint="Header row first. Copying cells from a spreadsheet works."
        value={csvText}
        onChange={(e) => changeCsv(e.currentTarget.value)}
        rows={8}
        spellCheck={false}
        className="csv-text"
      />

      <p className="csv-status" role="status" aria-live="polite">
        {!check
          ? "No rows yet."
          : problemCount > 0
            ? `${problemCount} ${problemCount === 1 ? "problem" : "problems"} to fix before anything can be recorded.`
            : levelCounts
              ? `${ready?.length} ${ready?.length === 1 ? "student" : "students"} ready to record: ${levelCounts}.`
              : null}
      </p>
      {check?.nameColumns.length ? <p className="muted">Names are not stored: {check.nameColumns.join(", ")} is ignored and never sent.</p> : null}
      {check?.ignoredColumns.length ? (
        <p className="muted">
          Ignored {check.ignoredColumns.length === 1 ? "column" : "columns"} (not sent): {check.ignoredColumns.join(", ")}.
        </p>
      ) : null}

      {check ? <ProblemList title="Fix these rows; nothing has been recorded." problems={check.problems} listRef={problemsRef} /> : null}
      {server ? (
        <ProblemList
          title="Staffroom refused these rows, so nothing was recorded."
          problems={[...server.other.map((message) => ({ row: null, column: null, message })), ...server.rows]}
          listRef={problemsRef}
        />
      ) : null}
      {failure ? <ErrorState error={failure} title="Nothing was recorded" /> : null}
      {recorded ? (
        <SuccessMessage>
          Recorded “{recorded.title}” with {recorded.count} {recorded.count === 1 ? "result" : "results"}.
        </SuccessMessage>
      ) : null}

      {check ? <CsvPreview rows={check.rows} problems={[...check.problems, ...(server?.rows ?? [])]} withClass={check.hasClass} /> : null}

      <div>
        <Button type="submit" disabled={!ready} busy={fetching} busyLabel="Recording…">
          {ready ? `Record ${ready.length} ${ready.length === 1 ? "result" : "results"}` : "Record results"}
        </Button>
      </div>
    </form>
  );
}

function checkFields(title: string, standard: string, administeredOn: string, classLabel: string): FieldErrors {
  const errors: FieldErrors = {};
  const t = title.trim();
  if (t.length < 2) errors.title = "Give the assessment a title (at least 2 characters).";
  else if (t.length > 160) errors.title = "Keep the title to 160 characters.";
  if (!standard.trim()) errors.standard = "Name the standard assessed.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(administeredOn)) errors.administeredOn = "Give the date the assessment was given.";
  else if (administeredOn > todayIso()) errors.administeredOn = "The date cannot be in the future.";
  if (classLabel.trim().length > 80) errors.classLabel = "Keep the class to 80 characters.";
  return errors;
}

function countLevels(results: readonly { proficiency: keyof typeof PROFICIENCY_LABEL }[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.proficiency, (counts.get(r.proficiency) ?? 0) + 1);
  return (Object.keys(PROFICIENCY_LABEL) as (keyof typeof PROFICIENCY_LABEL)[])
    .map((level) => `${PROFICIENCY_LABEL[level]} ${counts.get(level) ?? 0}`)
    .join(", ");
}
