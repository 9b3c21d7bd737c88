// The group page's read-only sections: meetings, goals and action items.
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { paths } from "../../app/paths.ts";
import { graphql, readFragment, type FragmentOf } from "../../graphql/graphql.ts";
import { ActionItemList } from "../../ui/ActionItemList.tsx";
import { GoalStatusBadge, SessionStatusBadge } from "../../ui/badges.tsx";
import { formatDateTime, formatDay } from "../../ui/format.ts";
import { Badge, Section } from "../../ui/layout.tsx";
import { EmptyState } from "../../ui/states.tsx";

export const SessionsFragment = graphql(`
  fragment GroupSessions on Group {
    upcomingSessions: sessions(upcoming: true, first: 10) {
      edges {
        node {
          id
          title
          startsAt
          durationMinutes
          status
          protocol
        }
      }
    }
    pastSessions: sessions(status: [DONE], order: STARTS_AT_DESC, first: 5) {
      totalCount
      edges {
        node {
          id
          title
          startsAt
          status
        }
      }
    }
  }
`);

/** `actions`: scheduling, for those who may. */
export function SessionsSection({ group: groupRef, actions }: { group: FragmentOf<typeof SessionsFragment>; actions?: ReactNode }) {
  const group = readFragment(SessionsFragment, groupRef);
  const upcoming = group.upcomingSessions.edges.map((edge) => edge.node);
  const past = group.pastSessions.edges.map((edge) => edge.node);
  return (
    <Section title="Meetings" actions={actions}>
      <h3>Coming up</h3>
      {upcoming.length === 0 ? (
        <EmptyState title="No meetings planned.">
          <p>Meetings appear here once someone who runs the group schedules one.</p>
        </EmptyState>
      ) : (
        <ul className="item-list">
          {upcoming.map((session) => (
            <li key={session.id}>
              <div className="item-title">
                <Link to={paths.session(session.id)}>{session.title}</Link>
              </div>
              <div className="item-meta">
                <span>{formatDateTime(session.startsAt)}</span>
                <span>{session.durationMinutes} min</span>
                {session.protocol ? <span>{session.protocol}</span> : null}
                {session.status === "LIVE" ? <SessionStatusBadge status={session.status} /> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {past.length > 0 ? (
        <>
          <h3 className="subheading">Recent</h3>
          <ul className="item-list">
            {past.map((session) => (
              <li key={session.id}>
                <div className="item-title">
                  <Link to={paths.session(session.id)}>{session.title}</Link>
                </div>
                <div className="item-meta">
                  <span>{formatDateTime(session.startsAt)}</span>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

export const GoalsFragment = graphql(`
  fragment GroupGoals on Group {
    goals(first: 20) {
      edges {
        node {
          id
          title
          metric
          baseline
          target
          latestValue
          progress
          dueDate
          status
        }
      }
    }
  }
`);

export function GoalsSection({ group: groupRef }: { group: FragmentOf<typeof GoalsFragment> }) {
  const group = readFragment(GoalsFragment, groupRef);
  const goals = group.goals.edges.map((edge) => edge.node);
  return (
    <Section title="Goals">
      {goals.length === 0 ? (
        <EmptyState title="No goals yet." />
      ) : (
        <ul className="item-list">
          {goals.map((goal) => (
            <li key={goal.id}>
              <div className="item-title">{goal.title}</div>
              <div className="item-meta">
                <GoalStatusBadge status={goal.status} />
                <span>Due {formatDay(goal.dueDate)}</span>
              </div>
              <p className="item-meta">
                {goal.metric}: from {formatNumber(goal.baseline)} to {formatNumber(goal.target)}
                {goal.latestValue !== null && goal.latestValue !== undefined ? `, now ${formatNumber(goal.latestValue)}` : ", no check-in yet"}
              </p>
              <progress className="goal-progress" max={1} value={goal.progress} aria-label={`Progress towards “${goal.title}”`}>
                {Math.round(goal.progress * 100)}%
              </progress>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export const ActionItemsFragment = graphql(`
  fragment GroupActionItems on Group {
    openActionItems: actionItems(status: [OPEN, BLOCKED], first: 50) {
      totalCount
      edges {
        node {
          id
          title
          dueDate
          status
          overdue
          owners {
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
    doneActionItems: actionItems(status: [DONE], first: 1) {
      totalCount
    }
  }
`);

export function ActionItemsSection({ group: groupRef }: { group: FragmentOf<typeof ActionItemsFragment> }) {
  const group = readFragment(ActionItemsFragment, groupRef);
  const items = group.openActionItems.edges.map((edge) => edge.node);
  const overdue = items.filter((item) => item.overdue).length;
  const done = group.doneActionItems.totalCount;
  return (
    <Section title="Action items" actions={overdue > 0 ? <Badge tone="danger">{overdue} overdue</Badge> : null}>
      {items.length === 0 ? <EmptyState title="No open action items." /> : <ActionItemList items={items} />}
      {done > 0 ? <p className="item-meta">{done} done</p> : null}
    </Section>
  );
}
