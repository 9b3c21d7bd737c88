// My goals: my own, and new ones for me or for a group I can write to (the guided SMART form),
// each with its progress, check-ins and whether one is overdue; and who sees each of mine. A teacher's goal is theirs alone until they choose
// otherwise, goal by goal: their coach, or the members of one of their groups. The form says in
// words who will see the goal before it is saved, and every goal says who sees it now.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { Link } from "react-router-dom";
import { useAuth } from "../../app/auth.tsx";
import { paths } from "../../app/paths.ts";
import { graphql, type ResultOf } from "../../graphql/graphql.ts";
import { mutationFailure, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { formFailure, withoutField, type FormFailure } from "../../graphql/field-issues.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField } from "../../ui/fields.tsx";
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
import { Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, QueryState, type ShowableError } from "../../ui/states.tsx";
import "./home.css";

const MyGoalsQuery = graphql(
  `
    query MyGoals {
      myGoals(first: 20) {
        totalCount
        edges {
          node {
            id
            title
            visibility
            sharedWithGroup {
              id
              name
            }
            school {
              id
            }
            ...GoalCard
          }
        }
      }
      myGroups(first: 50) {
        edges {
          node {
            id
            name
            archivedAt
            viewerCan {
              writeContent
            }
            school {
              id
            }
            openGoals: goals(first: 10, status: [ON_TRACK, AT_RISK, OFF_TRACK]) {
              edges {
                node {
                  id
                  ...GoalCard
                }
              }
            }
          }
        }
      }
    }
  `,
  [GoalCardFragment],
);

const SetGoalVisibilityMutation = graphql(
  `
  mutation SetGoalVisibility($input: UpdateGoalInput!) {
    updateGoal(input: $input) {
      __typename
      ... on MutationUpdateGoalSuccess {
        data {
          id
          visibility
          sharedWithGroup {
            id
            name
          }
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
);

type Data = ResultOf<typeof MyGoalsQuery>;
type Group = { id: string; name: string; archivedAt?: string | null; viewerCan?: { writeContent: boolean } };

/** One choice of audience: "ONLY_ME", "MY_COACH", or "MY_GROUP:<group id>". */
type Audience = string;

function audienceOptions(groups: readonly Group[]) {
  return [
    { value: "ONLY_ME", label: "Only me" },
    { value: "MY_COACH", label: "Me and my coach" },
    ...groups.map((group) => ({ value: `MY_GROUP:${group.id}`, label: `Me and the members of ${group.name}` })),
  ];
}

/** The sentence that says who will see a goal, in the words a teacher would use. */
export function audienceSentence(audience: Audience, groups: readonly Group[]): string {
  if (audience === "MY_COACH") return "You and the coaches assigned to you will see this goal. Other coaches and school leaders will not.";
  if (audience.startsWith("MY_GROUP:")) {
    const group = groups.find((g) => `MY_GROUP:${g.id}` === audience);
    return `You and the members of ${group?.name ?? "that group"} will see this goal. Coaches and school leaders who are not in the group will not.`;
  }
  return "Only you will see this goal. Not your coach, not your groups, not school leaders.";
}

function audienceInput(audience: Audience) {
  if (audience.startsWith("MY_GROUP:")) return { visibility: "MY_GROUP" as const, sharedWithGroupId: audience.slice("MY_GROUP:".length) };
  return { visibility: audience as "ONLY_ME" | "MY_COACH", sharedWithGroupId: null };
}

function audienceOf(goal: { visibility: string | null; sharedWithGroup: { id: string } | null }): Audience {
  if (goal.visibility === "MY_GROUP" && goal.sharedWithGroup) return `MY_GROUP:${goal.sharedWithGroup.id}`;
  // A goal shared with a group that is gone falls back to its teacher alone.
  return goal.visibility === "MY_COACH" ? "MY_COACH" : "ONLY_ME";
}

export function MyGoals() {
  const [result, reexecute] = useQuery({ query: MyGoalsQuery });
  const refresh = () => reexecute({ requestPolicy: "network-only" });
  return (
    <Section title="My goals">
      <QueryState result={result} retry={refresh} loadingLabel="Loading your goals…">
        {(data) => <MyGoalsBody data={data} onChanged={refresh} />}
      </QueryState>
    </Section>
  );
}

function MyGoalsBody({ data, onChanged }: { data: Data; onChanged: () => void }) {
  const goals = data.myGoals.edges.map((edge) => edge.node);
  const groups = data.myGroups.edges.map((edge) => edge.node);
  const groupsOf = (schoolId: string) => groups.filter((group) => group.school.id === schoolId);
  const groupGoals = groups.flatMap((group) => group.openGoals.edges.map((edge) => ({ group, goal: edge.node })));
  return (
    <>
      {goals.length === 0 ? (
        <EmptyState title="No goals of your own yet.">
          <p>Set one below: say what will change, how you will measure it and by when. Then check in as you go.</p>
        </EmptyState>
      ) : (
        <ul className="goal-list">
          {goals.map((goal) => (
            <li key={goal.id}>
              <GoalCard goal={goal} onChanged={onChanged}>
                <GoalAudience goal={goal} groups={groupsOf(goal.school.id)} onChanged={onChanged} />
              </GoalCard>
            </li>
          ))}
        </ul>
      )}
      {groupGoals.length > 0 ? (
        <>
          <h3 className="subheading">My groups' open goals</h3>
          <ul className="goal-list">
            {groupGoals.map(({ group, goal }) => (
              <li key={goal.id}>
                <GoalCard goal={goal} onChanged={onChanged}>
                  <p className="item-meta">
                    A goal of <Link to={paths.group(group.id)}>{group.name}</Link>
                  </p>
                </GoalCard>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <NewGoalForm groupsOf={groupsOf} onCreated={onChanged} />
    </>
  );
}

function GoalAudience({ goal, groups, onChanged }: { goal: Data["myGoals"]["edges"][number]["node"]; groups: readonly Group[]; onChanged: () => void }) {
  const current = audienceOf(goal);
  const [error, setError] = useState<ShowableError | null>(null);
  const [{ fetching }, setVisibility] = useMutation(SetGoalVisibilityMutation);
  const change = async (audience: Audience) => {
    setError(null);
    const result = await setVisibility({ input: { goalId: goal.id, ...audienceInput(audience) } });
    const failure = mutationFailure(result, "updateGoal");
    if (failure) return setError(failure);
    onChanged();
  };
  return (
    <div className="goal-audience">
      <SelectField
        label={`Who sees “${goal.title}”`}
        value={current}
        disabled={fetching}
        options={audienceOptions(groups)}
        onChange={(event) => void change(event.target.value)}
        hint={audienceSentence(current, groups)}
      />
      {error ? <ErrorState error={error} title="Who sees this goal was not changed" /> : null}
    </div>
  );
}

/** Whose goal a new one is: "ME", or "GROUP:<group id>" for a group the viewer may write to. */
type Owner = string;

function NewGoalForm({ groupsOf, onCreated }: { groupsOf: (schoolId: string) => Group[]; onCreated: () => void }) {
  const { viewer } = useAuth();
  const schools = viewer?.schools ?? [];
  const [schoolId, setSchoolId] = useState(schools[0]?.id ?? "");
  const [goal, setGoal] = useState<SmartGoal>(NO_SMART_GOAL);
  const [owner, setOwner] = useState<Owner>("ME");
  // The most private choice until the teacher picks another.
  const [audience, setAudience] = useState<Audience>("ONLY_ME");
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [{ fetching }, createGoal] = useMutation(CreateGoalMutation);
  const groups = groupsOf(schoolId);
  const writableGroups = groups.filter((group) => group.viewerCan?.writeContent && !group.archivedAt);
  const groupOwner = writableGroups.find((group) => owner === `GROUP:${group.id}`) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = await createGoal({
      input: {
        schoolId,
        ...smartGoalInput(goal),
        ...(groupOwner ? { ownerKind: "GROUP" as const, groupId: groupOwner.id } : { ownerKind: "TEACHER" as const, ...audienceInput(audience) }),
      },
    });
    const failed = mutationFailure(result, "createGoal");
    if (failed) return setFailure(formFailure(failed, [...SMART_FIELDS, "visibility", "sharedWithGroupId", "groupId"]));
    setGoal(NO_SMART_GOAL);
    setAudience("ONLY_ME");
    onCreated();
  };

  if (schools.length === 0) return null;
  return (
    <form className="goal-form" onSubmit={submit} aria-label="New goal">
      <h3>New goal</h3>
      {schools.length > 1 ? (
        <SelectField
          label="School"
          value={schoolId}
          options={schools.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(event) => {
            setSchoolId(event.target.value);
            setOwner("ME");
            setAudience("ONLY_ME");
          }}
        />
      ) : null}
      {writableGroups.length > 0 ? (
        <SelectField
          label="Whose goal"
          value={groupOwner ? owner : "ME"}
          options={[
            { value: "ME", label: "Mine" },
            ...writableGroups.map((group) => ({ value: `GROUP:${group.id}`, label: `${group.name}'s (a group goal)` })),
          ]}
          onChange={(event) => setOwner(event.target.value)}
          hint={groupOwner ? `A group goal: the members of ${groupOwner.name} see it and can check in on it.` : "Your own goal: you decide who sees it."}
          error={failure?.fields.groupId}
        />
      ) : null}
      <SmartGoalFields
        value={goal}
        failure={failure}
        onChange={(next, field) => {
          setGoal(next);
          setFailure(withoutField(failure, field));
        }}
      />
      {groupOwner ? null : (
        <SelectField
          label="Who will see this goal"
          value={audience}
          options={audienceOptions(groups)}
          onChange={(event) => setAudience(event.target.value)}
          hint={audienceSentence(audience, groups)}
          error={failure?.fields.visibility ?? failure?.fields.sharedWithGroupId}
        />
      )}
      {failure?.general ? <ErrorState error={failure.general} title="Your goal was not saved" /> : null}
      <Button type="submit" busy={fetching} busyLabel="Saving…">
        Save goal
      </Button>
    </form>
  );
}
