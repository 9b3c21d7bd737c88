// /school/coaching — the admin console's Coaching section: every teacher of the school with their
// coach and support tier, who has no support network at all (the same banner as the coach
// dashboard), and each coach's caseload, so an admin can assign, change and end pairings and keep
// caseloads balanced. Groups appear by name and kind only: a peer group's work stays in the group.
import { useId, useRef, useState } from "react";
import { useQuery } from "urql";
import { useConsoleSchool } from "../../app/console-school.ts";
import { SectionHeader } from "../../ui/layout.tsx";
import { QueryState } from "../../ui/states.tsx";
import { SupportNetworkBanner } from "../../ui/SupportNetworkBanner.tsx";
import type { Coach, DialogRequest } from "../../ui/coaching/AssignmentDialog.tsx";
import { AssignmentDialog } from "../../ui/coaching/AssignmentDialog.tsx";
import { CoachesSection } from "./CoachesSection.tsx";
import { EndCoachingDialog, type EndRequest } from "../../ui/coaching/EndCoachingDialog.tsx";
import { CoachCaseloadsQuery } from "../../graphql/coaching-assignments.ts";
import { TeachersSection, type TeacherFilter } from "./TeachersSection.tsx";
import "./coaching.css";

export function SchoolCoachingPage() {
  const school = useConsoleSchool();
  return (
    <>
      <SectionHeader title="Coaching" subtitle="Support tiers and coach assignments: who supports each teacher, and how full each coach's caseload is." />
      <CoachingConsole key={school.id} schoolId={school.id} />
    </>
  );
}

function CoachingConsole({ schoolId }: { schoolId: string }) {
  const [filter, setFilter] = useState<TeacherFilter>({ show: "all", coachId: "" });
  const [dialog, setDialog] = useState<DialogRequest | null>(null);
  const [ending, setEnding] = useState<EndRequest | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const showId = useId();
  const focusShow = () => document.getElementById(showId)?.focus();
  const [caseloads, refetchCaseloads] = useQuery({ query: CoachCaseloadsQuery, variables: { schoolId } });

  const coaches: Coach[] = (caseloads.data?.coachCaseloads.edges ?? []).map(({ node }) => ({
    id: node.coach.id,
    name: node.coach.name,
    caseload: node.caseload,
  }));
  // Once a dialog closes, the sentence saying what changed takes focus, so keyboard and screen
  // reader users hear it and continue from there (the button they used may be gone).
  const done = (message: string) => {
    setDialog(null);
    setEnding(null);
    setNotice(message);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  return (
    <div className="coaching-console">
      {notice ? (
        <p className="alert alert--success coaching-notice" role="status" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      ) : null}
      <SupportNetworkBanner
        schoolId={schoolId}
        showingOnlyThem={filter.show === "no-network"}
        onShowOnlyThem={() => {
          setFilter({ show: "no-network", coachId: "" });
          focusShow();
        }}
      />
      <QueryState result={caseloads} loadingLabel="Loading the coaches…" retry={() => refetchCaseloads({ requestPolicy: "network-only" })}>
        {(data) => (
          <CoachesSection
            coaches={data.coachCaseloads.edges.map((e) => e.node)}
            onShowTeachersOf={(coachId) => {
              setFilter({ show: "all", coachId });
              focusShow();
            }}
          />
        )}
      </QueryState>
      <TeachersSection
        schoolId={schoolId}
        filter={filter}
        onFilter={setFilter}
        showId={showId}
        coaches={coaches}
        onAssign={(teacher, coachedBy) => setDialog({ teacher, pairing: null, coachedBy })}
        onChange={(teacher, pairing, coachedBy) => setDialog({ teacher, pairing, coachedBy })}
        onEnd={(teacher, pairing) => setEnding({ teacher, pairing })}
      />
      {dialog ? <AssignmentDialog schoolId={schoolId} request={dialog} coaches={coaches} onDone={done} onCancel={() => setDialog(null)} /> : null}
      {ending ? <EndCoachingDialog request={ending} onDone={done} onCancel={() => setEnding(null)} /> : null}
    </div>
  );
}
