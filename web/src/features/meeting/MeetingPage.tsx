// /sessions/:sessionId — the meeting view, made for the projector: the item the group is on and
// the live notes first, then the agenda with its shared timers, attendance, and ending the meeting
// with its follow-ups. Whatever anyone changes (agenda, ticks, attendance, timers) reaches every
// screen through the group's activity subscription: no polling.
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQuery, useSubscription } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { Button, ButtonLink } from "../../ui/Button.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { formatInZone } from "../../ui/time-zone.ts";
import { Badge, PageHeader, Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, Loading, SuccessMessage, type ShowableError } from "../../ui/states.tsx";
import { AttendancePanel } from "./AttendancePanel.tsx";
import { CancelMeetingButton, EditMeetingDialog } from "./EditMeetingDialog.tsx";
import { EndMeetingDialog } from "./EndMeetingDialog.tsx";
import { currentAgendaItem, MeetingAgenda } from "./MeetingAgenda.tsx";
import { MeetingNotes } from "./MeetingNotes.tsx";
import { ShareInsightPanel } from "./ShareInsightPanel.tsx";
import { GroupActivitySubscription, MeetingQuery, StartSessionMutation, type AgendaItem, type AttendanceStatus, type MeetingData } from "./meeting-queries.ts";
import { describeClock, formatClock, useAgendaTimers } from "./useAgendaTimers.ts";
import "./meeting.css";

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
  return <Meeting key={node.id} session={node} serverTime={result.data.serverTime} refresh={refresh} />;
}

const STATUS_LABEL: Record<MeetingData["status"], { label: string; tone: "neutral" | "accent" | "warn" }> = {
  PLANNED: { label: "Planned", tone: "neutral" },
  LIVE: { label: "In progress", tone: "accent" },
  DONE: { label: "Ended", tone: "neutral" },
};

function Meeting({ session, serverTime, refresh }: { session: MeetingData; serverTime: string; refresh: () => void }) {
  const { viewer } = useAuth();
  const [ending, setEnding] = useState(false);
  const [editing, setEditing] = useState(false);
  // The server's clock minus ours, measured when its answer arrives: shared timers count from it.
  const serverOffsetMs = useMemo(() => new Date(serverTime).getTime() - Date.now(), [serverTime]);
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
            <Badge tone={status.tone}>{status.label}</Badge> {formatInZone(session.startsAt, session.group.school.timeZone)} · {session.durationMinutes} min
            planned
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
            {manage && session.status !== "DONE" ? (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                Edit meeting
              </Button>
            ) : null}
            {manage && session.status === "PLANNED" ? <CancelMeetingButton session={session} /> : null}
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
        {session.status !== "DONE" && agenda.length > 0 ? (
          <div className="meeting-layout__now">
            <CurrentItem items={agenda} serverOffsetMs={serverOffsetMs} />
          </div>
        ) : null}
        <div className="meeting-layout__notes">
          <Section title="Live notes">
            <MeetingNotes
              notes={notes}
              session={{ id: session.id, title: session.title, groupId: session.group.id }}
              canCreate={writeContent}
              onCreated={refresh}
            />
          </Section>
        </div>
        <div className="meeting-layout__side" id="agenda">
          <Section title="Agenda">
            <MeetingAgenda
              sessionId={session.id}
              groupKind={session.group.kind}
              items={agenda}
              members={members}
              canCheck={writeContent}
              canRun={manage && session.status !== "DONE"}
              showTimers={session.status !== "DONE"}
              serverOffsetMs={serverOffsetMs}
              onChanged={refresh}
            />
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
      </div>
      {editing ? <EditMeetingDialog session={session} onClose={() => setEditing(false)} onSaved={refresh} /> : null}

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

/** The item the group is on, at the top (on a phone, before the notes): its title, presenter and time left. */
function CurrentItem({ items, serverOffsetMs }: { items: AgendaItem[]; serverOffsetMs: number }) {
  const timerView = useAgendaTimers(items, serverOffsetMs);
  const current = currentAgendaItem(items);
  if (!current) {
    return (
      <div className="meeting-now meeting-now--done">
        <p className="meeting-now__label">Every agenda item is addressed.</p>
      </div>
    );
  }
  const view = timerView(current);
  return (
    <section className={`meeting-now${view.running ? " meeting-now--running" : ""}`} aria-labelledby="meeting-now-title">
      <p className="meeting-now__label">{view.running ? "Now" : "Next up"}</p>
      <h2 id="meeting-now-title" className="meeting-now__title">
        {current.title}
      </h2>
      <p className="meeting-now__meta">
        <span className="meeting-now__clock" aria-hidden="true">
          {formatClock(view.remainingSeconds)}
        </span>
        <span className="visually-hidden">{describeClock(view.remainingSeconds)}</span>
        {view.running ? " running" : view.touched ? " paused" : ` of ${current.minutes} min`}
        {current.presenter ? ` · Presenter: ${current.presenter.name}` : ""}
      </p>
      <a href="#agenda" className="meeting-now__jump">
        Go to the agenda
      </a>
    </section>
  );
}
