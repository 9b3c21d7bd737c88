// /groups/:groupId/data — a PLC's student data: results by standard, its assessments, and (for the
// PLC's members) recording a new assessment from CSV. What each viewer sees is what the api gives
// them: members get exact numbers and student rows; the school's coaches and admins who are not
// members get aggregates with small cells withheld, and no rows, and no upload.
import { Link, useParams } from "react-router-dom";
import { useQuery } from "urql";
import type { ResultOf } from "../../graphql/graphql.ts";
import { paths } from "../../app/paths.ts";
import { PageHeader, Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, Loading, QueryState } from "../../ui/states.tsx";
import { AssessmentList } from "./AssessmentList.tsx";
import { BelowTheLine } from "./BelowTheLine.tsx";
import { PrePost } from "./PrePost.tsx";
import { PlcGroupQuery, PlcMemberDetailQuery, PlcResultsQuery } from "./queries.ts";
import { RecordAssessmentForm } from "./RecordAssessmentForm.tsx";
import { ResultsByStandard } from "./ResultsByStandard.tsx";
import { readSummary, WithheldNote } from "./summary.tsx";
import "./plc.css";

type GroupNode = Extract<NonNullable<ResultOf<typeof PlcGroupQuery>["node"]>, { __typename: "Group" }>;

export function PlcDataPage() {
  const { groupId = "" } = useParams();
  const [result, reexecute] = useQuery({ query: PlcGroupQuery, variables: { groupId } });

  if (!result.data) {
    return (
      <>
        <PageHeader title="PLC data" />
        {result.error ? (
          <ErrorState error={result.error} title="This PLC could not be loaded" retry={() => reexecute({ requestPolicy: "network-only" })} />
        ) : (
          <Loading label="Loading the PLC…" />
        )}
      </>
    );
  }

  const group = result.data.node?.__typename === "Group" ? (result.data.node as GroupNode) : null;
  if (!group) {
    // Not found and not allowed read the same: the api does not say which groups exist.
    return (
      <>
        <PageHeader title="PLC data" />
        <EmptyState title="This group was not found, or it is not yours to see.">
          <p>
            A PLC's data is for its members and the school's coaches and leaders. <Link to={paths.home}>Back to your groups</Link>
          </p>
        </EmptyState>
      </>
    );
  }

  const breadcrumb = <Link to={paths.group(group.id)}>{group.name}</Link>;
  if (group.kind !== "PLC") {
    return (
      <>
        <PageHeader title={`${group.name}: data`} breadcrumb={breadcrumb} />
        <EmptyState title="Assessment data is for PLCs.">
          <p>
            Peer coaching groups keep no student data in Staffroom. <Link to={paths.group(group.id)}>Back to {group.name}</Link>
          </p>
        </EmptyState>
      </>
    );
  }
  return <PlcData group={group} />;
}

function PlcData({ group }: { group: GroupNode }) {
  const [result, reexecute] = useQuery({ query: PlcResultsQuery, variables: { groupId: group.id } });
  const member = group.viewerRole !== null && group.viewerRole !== undefined;
  // Matched students and the students below the line: asked only by members (the api refuses others).
  const [detail, reexecuteDetail] = useQuery({ query: PlcMemberDetailQuery, variables: { groupId: group.id }, pause: !member });
  const refresh = () => {
    reexecute({ requestPolicy: "network-only" });
    if (member) reexecuteDetail({ requestPolicy: "network-only" });
  };
  const matchedByStandard = new Map((detail.data?.assessmentPrePost ?? []).flatMap((c) => (c.matched ? [[c.standard, c.matched] as const] : [])));
  const details = [group.gradeLevel ? `Grade ${group.gradeLevel}` : null, group.subject].filter(Boolean).join(" · ");

  return (
    <>
      <PageHeader
        title={`${group.name}: student data`}
        breadcrumb={<Link to={paths.group(group.id)}>{group.name}</Link>}
        subtitle={details ? `PLC · ${details}` : "PLC"}
      />
      {member ? null : (
        <div className="alert alert--info">
          <p className="alert__title">You see this PLC's results as a coach or school leader.</p>
          <p>
            Totals only: student rows, the class-by-class comparison, matched students and the students below the line stay with the PLC's members, and any
            number about a small group of students is withheld. Only members record assessments.
          </p>
        </div>
      )}

      <QueryState result={result} retry={refresh} loadingLabel="Loading results…">
        {(data) => {
          const assessments = data.node?.__typename === "Group" ? data.node.assessments : null;
          const summaries = [...data.assessmentSummaryByStandard.map((s) => s.summary), ...(assessments?.edges.map((e) => e.node.summary) ?? [])].map(
            readSummary,
          );
          const withheld = summaries.find((s) => !s.exact);
          return (
            <>
              <Section title="Results by standard">
                <p className="muted">Each kind of assessment separately: a pre-assessment is never averaged with the post-assessment.</p>
                <ResultsByStandard standards={data.assessmentSummaryByStandard} groupName={group.name} />
                {withheld ? <WithheldNote minimumCellSize={withheld.minimumCellSize} /> : null}
              </Section>
              <Section title="Pre vs post">
                <PrePost comparisons={data.assessmentPrePost} matched={member ? matchedByStandard : null} />
              </Section>
              {member ? (
                <Section title="Students below the proficiency line">
                  {detail.data ? (
                    <BelowTheLine students={detail.data.studentsBelowProficiency} />
                  ) : detail.error ? (
                    <ErrorState error={detail.error} title="The list could not be loaded" retry={refresh} />
                  ) : (
                    <Loading label="Loading the students below the line…" />
                  )}
                </Section>
              ) : null}
              <Section title="Assessments">
                <AssessmentList assessments={assessments?.edges ?? []} totalCount={assessments?.totalCount ?? 0} showRows={member} onDeleted={refresh} />
              </Section>
            </>
          );
        }}
      </QueryState>

      {member ? (
        <Section title="Record an assessment">
          {group.archivedAt ? (
            <EmptyState title="This PLC is archived.">
              <p>Its data stays readable, but no new assessments can be recorded.</p>
            </EmptyState>
          ) : (
            <RecordAssessmentForm groupId={group.id} onRecorded={refresh} />
          )}
        </Section>
      ) : null}
    </>
  );
}
