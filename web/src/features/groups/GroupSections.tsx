// The group page's sections: meetings and action items (read here; scheduling is its own
// component), and goals (added, checked in on and edited here by whoever may write the group's content).
import { type FormEvent, type ReactNode, useState } from "react";
import { Link } from "react-router-dom";
import { useMutation } from "urql";
import { paths } from "../../app/paths.ts";
import { graphql, readFragment, type FragmentOf } from "../../graphql/graphql.ts";
import { ActionItemList } from "../../ui/ActionItemList.tsx";
import { formFailure, withoutField, type FormFailure } from "../../graphql/field-issues.ts";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { SessionStatusBadge } from "../../ui/badges.tsx";
import {
  CreateGoalMutation,
  GoalCard,
  GoalCardFragment,
  NO_SMART_GOAL,
  SMART_FIELDS,
  SmartGoalFields,
  smartGoalInput,
  type SmartGoal,
} from "../../ui/goals.tsx";
import { Badge, Section } from "../../ui/layout.tsx";
import { formatInZone } from "../../ui/time-zone.ts";
import { EmptyState, ErrorState } from "../../ui/states.tsx";

export const SessionsFragment = graphql(`
  fragment GroupSessions on Group {
    school {
      timeZone
    }
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
                <span>{formatInZone(session.startsAt, group.school.timeZone)}</span>
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
                  <span>{formatInZone(session.startsAt, group.school.timeZone)}</span>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

export const GoalsFragment = graphql(
  `
    fragment GroupGoals on Group {
      id
      name
      archivedAt
      school {
        id
      }
      viewerCan {
        writeContent
      }
      goals(first: 20) {
        edges {
          node {
            id
            checkInOverdue
            ...GoalCard
          }
        }
      }
    }
  `,
  [GoalCardFragment],
);

export function GoalsSection({ group: groupRef, onChanged }: { group: FragmentOf<typeof GoalsFragment>; onChanged: () => void }) {
  const group = readFragment(GoalsFragment, groupRef);
  const goals = group.goals.edges.map((edge) => edge.node);
  const canAdd = group.viewerCan.writeContent && !group.archivedAt;
  const [adding, setAdding] = useState(false);
  const overdue = goals.filter((goal) => goal.checkInOverdue).length;
  return (
    <Section title="Goals" actions={overdue > 0 ? <Badge tone="warn">{overdue === 1 ? "1 check-in overdue" : `${overdue} check-ins overdue`}</Badge> : null}>
      {goals.length === 0 ? (
        <EmptyState title="No goals yet.">{canAdd ? <p>Add a goal the group will work towards, then check in on it at your meetings.</p> : null}</EmptyState>
      ) : (
        <ul className="goal-list">
          {goals.map((goal) => (
            <li key={goal.id}>
              <GoalCard goal={goal} onChanged={onChanged} />
            </li>
          ))}
        </ul>
      )}
      {canAdd && !adding ? (
        <Button variant="secondary" onClick={() => setAdding(true)}>
          Add a goal
        </Button>
      ) : null}
      {canAdd && adding ? (
        <NewGroupGoalForm
          schoolId={group.school.id}
          groupId={group.id}
          groupName={group.name}
          onClose={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            onChanged();
          }}
        />
      ) : null}
    </Section>
  );
}

function NewGroupGoalForm({
  schoolId,
  groupId,
  groupName,
  onClose,
  onCreated,
}: {
  schoolId: string;
  groupId: string;
  groupName: string;
  onClose: () => void;
  onCreated: () => void;
}) {
  const [goal, setGoal] = useState<SmartGoal>(NO_SMART_GOAL);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [{ fetching }, createGoal] = useMutation(CreateGoalMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = await createGoal({ input: { schoolId, ownerKind: "GROUP", groupId, ...smartGoalInput(goal) } });
    const failed = mutationFailure(result, "createGoal");
    if (failed) return setFailure(formFailure(failed, [...SMART_FIELDS]));
    onCreated();
  };
  return (
    <form className="goal-form" onSubmit={submit} aria-label="New group goal">
      <h3>New goal for {groupName}</h3>
      <p className="item-meta">The group's members see it and can check in on it.</p>
      <SmartGoalFields
        value={goal}
        failure={failure}
        onChange={(next, field) => {
          setGoal(next);
          setFailure(withoutField(failure, field));
        }}
      />
      {failure?.general ? <ErrorState error={failure.general} title="The goal was not saved" /> : null}
      <div className="goal-card__actions">
        <Button type="submit" busy={fetching} busyLabel="Saving…">
          Save goal
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
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
          viewerCanEdit
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
