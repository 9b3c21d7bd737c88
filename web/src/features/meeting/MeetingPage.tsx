// /sessions/:sessionId — the meeting view, made for the projector: the agenda with a timer per
// item, attendance, the live notes, and ending the meeting with its follow-ups.
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQuery, useSubscription } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { Badge, PageHeader, Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, Loading, SuccessMessage, type ShowableError } from "../../ui/states.tsx";
import { AttendancePanel } from "./AttendancePanel.tsx";
import { EndMeetingDialog } from "./EndMeetingDialog.tsx";
import { MeetingAgenda } from "./MeetingAgenda.tsx";
import { MeetingNotes } from "./MeetingNotes.tsx";
import { ShareInsightPanel } from "./ShareInsightPanel.tsx";
import { GroupActivitySubscription, MeetingQuery, StartSessionMutation, type AttendanceStatus, type MeetingData } from "./meeting-queries.ts";
import "./meeting.css";

/** While a meeting is live, others tick items off and record attendance: look again this often. */
const LIVE_REFRESH_MS = 15_000;

export function MeetingPage() {
  const { sessionId = "" } = useParams();
  const [result, refetch] = useQuery({ query: MeetingQuery, variables: { id: sessionId } });
  const refresh = useCallback(() => refetch({ requestPolicy: "network-only" }), [refetch]);

  if (!result.data) {
    if (result.error) return <ErrorState error={result.error} title="This meeting could not be opened" retry={refresh} />;
    return <Loading label="Opening the meeting…" />;
  }
  const node = result.data.node;
  if (!node || node.__typename !== "Session") {
    return (
      <>
        <PageHeader title="Meeting not available" />
        <EmptyState title="You don't have access to this meeting, or it no longer exists.">
          <p>
            <Link to={paths.home}>Back to your home page</Link>
          </p>
        </EmptyState>
      </>
    );
  }
  return <Meeting key={node.id} session={node} refresh={refresh} />;
}

const STATUS_LABEL: Record<MeetingData["status"], { label: string; tone: "neutral" | "accent" | "warn" }> = {
  PLANNED: { label: "Planned", tone: "neutral" },
  LIVE: { label: "In progress", tone: "accent" },
  DONE: { label: "Ended", tone: "neutral" },
};

function Meeting({ session, refresh }: { session: MeetingData; refresh: () => void }) {
  const { viewer } = useAuth();
  const [ending, setEnding] = useState(false);
  const [endedWith, setEndedWith] = useState<string[] | null>(null);
  const [error, setError] = useState<ShowableError | null>(null);
  const [startState, startSession] = useMutation(StartSessionMutation);
  const { manage, writeContent } = session.group.viewerCan;
  const members = session.group.members.edges.map((edge) => edge.node);
  const agenda = session.agendaItems.edges.map((edge) => edge.node).sort((a, b) => a.position - b.position);
  const attendance = new Map(session.attendance.edges.map(({ node }) => [node.user.id, node.status as AttendanceStatus]));
  const notes = session.notes.edges[0]?.node ?? null;
  const plan = session.plans.edges[0]?.node ?? null;
  const status = STATUS_LABEL[session.status];

  // Someone else starts or ends the meeting, or starts its notes: show it at once (no duplicate notes).
  const [activity] = useSubscription({ query: GroupActivitySubscription, variables: { groupId: session.group.id } });
  const activityId = activity.data?.groupActivity.id;
  useEffect(() => {
    if (activityId) refresh();
  }, [activityId, refresh]);

  useEffect(() => {
    if (session.status !== "LIVE") return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") refresh();
    }, LIVE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [session.status, refresh]);

  const start = async () => {
    setError(null);
    const failure = mutationFailure(await startSession({ sessionId: session.id }), "startSession");
    if (failure) setError(failure);
    refresh();
  };

  return (
    <>
      <PageHeader
        title={session.title}
        breadcrumb={<Link to={paths.group(session.group.id)}>{session.group.name}</Link>}
        subtitle={
          <>
            <Badge tone={status.tone}>{status.label}</Badge> {formatDateTime(session.startsAt)} · {session.durationMinutes} min planned
            {session.plannedMinutes !== session.durationMinutes ? ` (agenda: ${session.plannedMinutes} min)` : ""}
            {session.protocol ? ` · Protocol: ${session.protocol}` : ""}
          </>
        }
        actions={
          <>
            {plan ? (
              <ButtonLink to={paths.document(plan.id)} variant="secondary">
                Action plan
              </ButtonLink>
            ) : null}
            {manage && session.status === "PLANNED" ? (
              <Button onClick={() => void start()} busy={startState.fetching} busyLabel="Starting…">
                Start meeting
              </Button>
            ) : null}
            {manage && session.status === "LIVE" ? (
              <Button variant="danger" onClick={() => setEnding(true)}>
                End meeting…
              </Button>
            ) : null}
          </>
        }
      />
      {error ? <ErrorState error={error} title="That did not work" /> : null}
      {endedWith ? (
        <SuccessMessage>
          The meeting has ended.
          {endedWith.length ? ` Follow-ups saved as action items: ${endedWith.join(", ")}.` : ""}
        </SuccessMessage>
      ) : null}
      {session.status === "DONE" && session.endedAt && !endedWith ? (
        <p className="meeting__ended">This meeting ended {formatDateTime(session.endedAt)}.</p>
      ) : null}

      <div className="meeting-layout">
        <div className="meeting-layout__side">
          <Section title="Agenda">
            <MeetingAgenda sessionId={session.id} items={agenda} canCheck={writeContent} showTimers={session.status !== "DONE"} onChanged={refresh} />
          </Section>
          <Section title="Attendance">
            <AttendancePanel
              sessionId={session.id}
              members={members}
              recorded={attendance}
              viewerId={viewer?.id ?? ""}
              canManage={manage}
              canWrite={writeContent}
              onChanged={refresh}
            />
          </Section>
          <ShareInsightPanel groupId={session.group.id} />
        </div>
        <div className="meeting-layout__main">
          <Section title="Live notes">
            <MeetingNotes
              notes={notes}
              session={{ id: session.id, title: session.title, groupId: session.group.id }}
              canCreate={writeContent}
              onCreated={refresh}
            />
          </Section>
        </div>
      </div>

      {manage && session.status === "LIVE" ? (
        <EndMeetingDialog
          open={ending}
          sessionId={session.id}
          groupId={session.group.id}
          planId={plan?.viewerAccess === "WRITE" ? plan.id : null}
          members={members}
          onClose={() => setEnding(false)}
          onEnded={(followUps) => {
            setEnding(false);
            setEndedWith(followUps);
            refresh();
          }}
        />
      ) : null}
    </>
  );
}
