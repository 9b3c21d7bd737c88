// The PLC's assessments, latest first, each with its summary. Members can open an assessment's
// student rows (pseudonymous codes); the rows are fetched only when opened, and only for members.
import { useState, type ReactNode } from "react";
import { useMutation, useQuery } from "urql";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { Button } from "../../ui/Button.tsx";
import { formatDay, humanize } from "../../ui/format.ts";
import { EmptyState, ErrorState, Loading, SuccessMessage, type ShowableError } from "../../ui/states.tsx";
import { AssessmentByClassQuery, AssessmentRowsQuery, DeleteAssessmentMutation, type PlcResultsQuery } from "./queries.ts";
import { KIND_LABEL, LevelCount, MeanScore, PROFICIENCY_LABEL, ProficientShare, readSummary, StudentCount, type AssessmentKind } from "./summary.tsx";

type GroupNode = Extract<NonNullable<ResultOf<typeof PlcResultsQuery>["node"]>, { __typename: "Group" }>;
type AssessmentEdge = GroupNode["assessments"]["edges"][number];

export function AssessmentList({
  assessments,
  totalCount,
  showRows,
  onDeleted,
}: {
  assessments: readonly AssessmentEdge[];
  totalCount: number;
  showRows: boolean;
  onDeleted: () => void;
}) {
  const [deleted, setDeleted] = useState<string | null>(null);
  const deletedNote = deleted ? <SuccessMessage>“{deleted}” was deleted, with all its student results.</SuccessMessage> : null;
  if (assessments.length === 0)
    return (
      <>
        {deletedNote}
        <EmptyState title="No assessments recorded yet." />
      </>
    );
  return (
    <>
      {deletedNote}
      <ul className="item-list">
        {assessments.map(({ node }) => (
          <AssessmentItem
            key={node.id}
            assessment={node}
            showRows={showRows}
            onDeleted={() => {
              setDeleted(node.title);
              onDeleted();
            }}
          />
        ))}
      </ul>
      {totalCount > assessments.length ? (
        <p className="muted">
          Showing the latest {assessments.length} of {totalCount} assessments; the table above counts them all.
        </p>
      ) : null}
    </>
  );
}

function AssessmentItem({ assessment, showRows, onDeleted }: { assessment: AssessmentEdge["node"]; showRows: boolean; onDeleted: () => void }) {
  const summary = readSummary(assessment.summary);
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [{ fetching }, deleteAssessment] = useMutation(DeleteAssessmentMutation);
  const confirmDelete = async () => {
    setFailure(null);
    const failed = mutationFailure(await deleteAssessment({ assessmentId: assessment.id }), "deleteAssessment");
    if (failed) return setFailure(failed);
    setConfirming(false);
    onDeleted();
  };
  const [classesOpen, setClassesOpen] = useState(false);
  return (
    <li>
      <h3 className="item-title">{assessment.title}</h3>
      <p className="item-meta">
        <span className="kind-label">{KIND_LABEL[assessment.kind as AssessmentKind]}</span>
        <span>
          Standard <span className="standard-code">{assessment.standard}</span>
        </span>
        <span>Given {formatDay(assessment.administeredOn)}</span>
        <span>
          Students: <StudentCount summary={summary} />
        </span>
        <span>
          Mean: <MeanScore summary={summary} />
        </span>
        <span>
          Meets or exceeds: <ProficientShare summary={summary} />
        </span>
      </p>
      {showRows ? (
        <>
          <details className="rows-disclosure" onToggle={(event) => setClassesOpen(event.currentTarget.open)}>
            <summary>Compare classes</summary>
            {classesOpen ? <ClassComparison assessmentId={assessment.id} title={assessment.title} /> : null}
          </details>
          <details className="rows-disclosure" onToggle={(event) => setOpen(event.currentTarget.open)}>
            <summary>Student results</summary>
            {open ? <StudentRows assessmentId={assessment.id} title={assessment.title} /> : null}
          </details>
        </>
      ) : null}
      {assessment.viewerCanDelete ? (
        <>
          <Button variant="quiet" size="small" onClick={() => setConfirming(true)} aria-label={`Delete assessment ${assessment.title}`}>
            Delete assessment
          </Button>
          <ConfirmDialog
            open={confirming}
            title={`Delete “${assessment.title}”?`}
            confirmLabel="Delete assessment"
            danger
            busy={fetching}
            onConfirm={() => void confirmDelete()}
            onCancel={() => setConfirming(false)}
          >
            <p>
              The assessment and all {summary.count ?? "its"} student results go for good, and the PLC's totals are worked out again without them. Use this for
              a wrong upload; record the right file again afterwards.
            </p>
            {failure ? <ErrorState error={failure} title="The assessment was not deleted" /> : null}
          </ConfirmDialog>
        </>
      ) : null}
    </li>
  );
}

// The assessment class by class, exact: the PLC's members only (the api refuses anyone else).
function ClassComparison({ assessmentId, title }: { assessmentId: string; title: string }) {
  const [result, reexecute] = useQuery({ query: AssessmentByClassQuery, variables: { assessmentId } });
  if (!result.data) {
    return result.error ? (
      <ErrorState error={result.error} title="The classes could not be loaded" retry={() => reexecute({ requestPolicy: "network-only" })} />
    ) : (
      <Loading label="Loading the classes…" />
    );
  }
  const classes = result.data.node?.__typename === "Assessment" ? result.data.node.byClass : null;
  if (!classes) return <p>The per-class comparison is for the PLC's members only.</p>;
  return (
    <div className="table-wrap class-comparison" role="region" aria-label={`${title} by class (scrolls sideways)`} tabIndex={0}>
      <table className="table data-table standard-table">
        <caption className="visually-hidden">Results of {title}, class by class</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
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
          </tr>
        </thead>
        <tbody>
          {classes.map((c) => {
            const summary = readSummary(c.summary);
            return (
              <tr key={c.classLabel ?? ""}>
                <th scope="row">{c.classLabel ?? <span className="muted">No class given</span>}</th>
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
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function StudentRows({ assessmentId, title }: { assessmentId: string; title: string }) {
  // One page per cursor: "Show more" adds the next page of 100 below the ones already shown.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <div className="table-wrap" role="region" aria-label={`Student results for ${title} (scrolls sideways)`} tabIndex={0}>
      <table className="table data-table data-table--compact">
        <caption className="visually-hidden">Student results for {title}, by pseudonymous student code</caption>
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">Proficiency</th>
            <th scope="col">Class</th>
          </tr>
        </thead>
        {cursors.map((after, index) => (
          <StudentRowsPage
            key={after ?? "first"}
            assessmentId={assessmentId}
            after={after}
            isLast={index === cursors.length - 1}
            onMore={(cursor) => setCursors((current) => [...current, cursor])}
          />
        ))}
      </table>
    </div>
  );
}

function StudentRowsPage({
  assessmentId,
  after,
  isLast,
  onMore,
}: {
  assessmentId: string;
  after: string | null;
  isLast: boolean;
  onMore: (cursor: string) => void;
}) {
  const [result, reexecute] = useQuery({ query: AssessmentRowsQuery, variables: { assessmentId, after } });
  // Loading and error states go inside a row: a <div> directly in <tbody> is invalid HTML.
  const inRow = (content: ReactNode) => (
    <tbody>
      <tr>
        <td colSpan={4}>{content}</td>
      </tr>
    </tbody>
  );
  if (!result.data) {
    return inRow(
      result.error ? (
        <ErrorState error={result.error} title="Student results could not be loaded" retry={() => reexecute({ requestPolicy: "network-only" })} />
      ) : (
        <Loading label="Loading student results…" />
      ),
    );
  }
  const results = result.data.node?.__typename === "Assessment" ? result.data.node.results : null;
  if (!results) return inRow("Student results are for the PLC's members only.");
  const endCursor = results.pageInfo.endCursor;
  return (
    <tbody>
      {results.edges.map(({ node }) => (
        <tr key={node.id}>
          <th scope="row" className="standard-code">
            {node.studentRef}
          </th>
          <td className="num">{node.score}</td>
          <td>{humanize(node.proficiency)}</td>
          <td>{node.classLabel ?? <span className="muted">No class given</span>}</td>
        </tr>
      ))}
      {isLast && results.pageInfo.hasNextPage && endCursor ? (
        <tr>
          <td colSpan={4}>
            <Button variant="secondary" size="small" onClick={() => onMore(endCursor)}>
              Show more students
            </Button>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
