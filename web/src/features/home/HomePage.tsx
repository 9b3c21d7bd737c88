// Home: what needs me today. My groups, my next meetings, my open action items (overdue first
// in red), the feedback colleagues left on documents I wrote, and my own goals.
import { useState } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { graphql, type ResultOf } from "../../graphql/graphql.ts";
import { ActionItemList } from "../../ui/ActionItemList.tsx";
import { ButtonLink } from "../../ui/Button.tsx";
import { GroupKindBadge, SessionStatusBadge } from "../../ui/badges.tsx";
import { formatDateTime, humanize } from "../../ui/format.ts";
import { Badge, PageHeader, Section } from "../../ui/layout.tsx";
import { formatInZone } from "../../ui/time-zone.ts";
import { EmptyState, QueryState } from "../../ui/states.tsx";
import { MyGoals } from "./MyGoals.tsx";
import { NoSchoolYet } from "./NoSchoolYet.tsx";

/** "New" feedback: what arrived in the last few weeks. */
const FEEDBACK_WINDOW_DAYS = 30;

const HomeQuery = graphql(`
  query Home($feedbackSince: DateTime) {
    myGroups(first: 50, includeArchived: true) {
      totalCount
      edges {
        node {
          id
          name
          kind
          focus
          meetingCadence
          viewerRole
          archivedAt
        }
      }
    }
    myUpcomingSessions(first: 5) {
      edges {
        node {
          id
          title
          startsAt
          status
          group {
            id
            name
            school {
              timeZone
            }
          }
        }
      }
    }
    myActionItems(status: [OPEN, BLOCKED], first: 25) {
      totalCount
      edges {
        node {
          id
          title
          dueDate
          status
          overdue
          viewerCanEdit
          group {
            id
            name
          }
          document {
            id
            title
          }
        }
      }
    }
    feedbackOnMyDocuments(first: 8, since: $feedbackSince) {
      totalCount
      edges {
        node {
          id
          kind
          body
          createdAt
          resolvedAt
          parent {
            id
          }
          author {
            id
            name
          }
          document {
            id
            title
          }
        }
      }
    }
  }
`);

type HomeData = ResultOf<typeof HomeQuery>;

export function HomePage() {
  const { viewer } = useAuth();
  if (viewer && viewer.schools.length === 0) return <NoSchoolYet />;
  return <SchoolHome />;
}

function SchoolHome() {
  const { viewer } = useAuth();
  // Fixed for the life of the page, so the query's variables (and its cache key) stay put.
  const [feedbackSince] = useState(() => new Date(Date.now() - FEEDBACK_WINDOW_DAYS * 86_400_000).toISOString());
  const [result, reexecute] = useQuery({ query: HomeQuery, variables: { feedbackSince } });
  const firstName = viewer?.name.split(" ")[0] ?? "";

  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} subtitle="Your groups, meetings, commitments and the feedback waiting for you." />
      <QueryState result={result} retry={() => reexecute({ requestPolicy: "network-only" })} loadingLabel="Loading your home page…">
        {(data) => (
          <div className="grid grid--wide">
            <MyGroups data={data} isLeader={viewer?.isLeader ?? false} teaches={(viewer?.schools ?? []).some((school) => school.role === "TEACHER")} />
            <UpcomingSessions data={data} />
            <MyActionItems data={data} />
            <NewFeedback data={data} />
            <MyGoals />
          </div>
        )}
      </QueryState>
    </>
  );
}

function MyGroups({ data, isLeader, teaches }: { data: HomeData; isLeader: boolean; teaches: boolean }) {
  const all = data.myGroups.edges.map((edge) => edge.node);
  const groups = all.filter((group) => !group.archivedAt);
  // Archived groups stay within reach: their work can be read, and their members can bring them back.
  const archived = all.filter((group) => group.archivedAt);
  return (
    <Section
      title="My groups"
      actions={
        teaches && groups.length > 0 ? (
          <ButtonLink to={paths.startPeerGroup} variant="secondary" size="small">
            Start a peer group
          </ButtonLink>
        ) : null
      }
    >
      {groups.length === 0 ? (
        <EmptyState title="You are not in a group yet.">
          {teaches ? (
            <>
              <p>Start a peer group with two to five colleagues: you visit each other's lessons, give feedback and try things together.</p>
              <p>
                <ButtonLink to={paths.startPeerGroup}>Start a peer group</ButtonLink>
              </p>
            </>
          ) : null}
          {isLeader ? (
            <p>
              The <Link to={paths.coach}>coach dashboard</Link> shows every group of your school.
            </p>
          ) : (
            <p>A coach or admin can also add you to a PLC.</p>
          )}
        </EmptyState>
      ) : (
        <ul className="item-list">
          {groups.map((group) => (
            <li key={group.id}>
              <div className="item-title">
                <Link to={paths.group(group.id)}>{group.name}</Link>
              </div>
              <div className="item-meta">
                <GroupKindBadge kind={group.kind} />
                {group.viewerRole === "FACILITATOR" ? <Badge tone="accent">Facilitator</Badge> : null}
                {group.meetingCadence ? <span>{group.meetingCadence}</span> : null}
              </div>
              {group.focus ? <p className="item-meta">{group.focus}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {archived.length > 0 ? (
        <>
          <h3 className="subheading">Archived</h3>
          <ul className="item-list">
            {archived.map((group) => (
              <li key={group.id}>
                <div className="item-title">
                  <Link to={paths.group(group.id)}>{group.name}</Link>
                </div>
                <div className="item-meta">
                  <GroupKindBadge kind={group.kind} />
                  <span>Read-only</span>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

function UpcomingSessions({ data }: { data: HomeData }) {
  const sessions = data.myUpcomingSessions.edges.map((edge) => edge.node);
  return (
    <Section title="Upcoming meetings">
      {sessions.length === 0 ? (
        <EmptyState title="No meetings planned.">
          <p>Meetings of your groups appear here. To plan one, open a group and choose “Schedule a meeting”.</p>
        </EmptyState>
      ) : (
        <ul className="item-list">
          {sessions.map((session) => (
            <li key={session.id}>
              <div className="item-title">
                <Link to={paths.session(session.id)}>{session.title}</Link>
              </div>
              <div className="item-meta">
                <span>{formatInZone(session.startsAt, session.group.school.timeZone)}</span>
                <span>{session.group.name}</span>
                {session.status !== "PLANNED" ? <SessionStatusBadge status={session.status} /> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function MyActionItems({ data }: { data: HomeData }) {
  const items = data.myActionItems.edges.map((edge) => edge.node);
  const overdue = items.filter((item) => item.overdue).length;
  return (
    <Section title="My open action items" actions={overdue > 0 ? <Badge tone="danger">{overdue} overdue</Badge> : null}>
      {items.length === 0 ? (
        <EmptyState title="Nothing open. Well done." />
      ) : (
        // Overdue first, then soonest due (the api already orders by due date).
        <ActionItemList items={[...items].sort((a, b) => Number(b.overdue) - Number(a.overdue))} showGroup />
      )}
      {data.myActionItems.totalCount > items.length ? <p className="item-meta">and {data.myActionItems.totalCount - items.length} more</p> : null}
    </Section>
  );
}

function NewFeedback({ data }: { data: HomeData }) {
  const feedback = data.feedbackOnMyDocuments.edges.map((edge) => edge.node);
  return (
    <Section title="New feedback on my documents">
      {feedback.length === 0 ? (
        <EmptyState title="No new feedback.">
          <p>Feedback colleagues give on your lesson plans and notes shows up here.</p>
        </EmptyState>
      ) : (
        <ul className="item-list">
          {feedback.map((item) => (
            <li key={item.id}>
              <div className="item-meta">
                <FeedbackKindBadge kind={item.kind} reply={item.parent !== null} />
                <span>
                  {item.author.name} on <Link to={paths.document(item.document.id)}>{item.document.title}</Link>
                </span>
              </div>
              <p className="feedback-body">{item.body}</p>
              <div className="item-meta">
                <span>{formatDateTime(item.createdAt)}</span>
                {item.resolvedAt ? <span>Resolved</span> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function FeedbackKindBadge({ kind, reply }: { kind: string; reply: boolean }) {
  if (reply) return <Badge>Reply</Badge>;
  const tone = kind === "GLOW" ? "accent" : kind === "GROW" ? "warn" : "neutral";
  return <Badge tone={tone}>{humanize(kind)}</Badge>;
}
