// My own goals, and who sees each of them. A teacher's goal is theirs alone until they choose
// otherwise, goal by goal: their coach, or the members of one of their groups. The form says in
// words who will see the goal before it is saved, and every goal says who sees it now.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useAuth } from "../../app/auth.tsx";
import { graphql, type ResultOf } from "../../graphql/graphql.ts";
import { mutationFailure, MutationErrorFragment } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { GoalStatusBadge } from "../../ui/badges.tsx";
import { SelectField, TextField } from "../../ui/fields.tsx";
import { formatDay, todayIso } from "../../ui/format.ts";
import { Section } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, QueryState, type ShowableError } from "../../ui/states.tsx";
import "./home.css";

const MyGoalsQuery = graphql(`
  query MyGoals {
    myGoals(first: 20) {
      totalCount
      edges {
        node {
          id
          title
          metric
          baseline
          target
          dueDate
          status
          latestValue
          visibility
          sharedWithGroup {
            id
            name
          }
          school {
            id
          }
        }
      }
    }
    myGroups(first: 50) {
      edges {
        node {
          id
          name
          school {
            id
          }
        }
      }
    }
  }
`);

const CreateGoalMutation = graphql(
  `
  mutation CreatePersonalGoal($input: CreateGoalInput!) {
    createGoal(input: $input) {
      __typename
      ... on MutationCreateGoalSuccess {
        data {
          id
        }
      }
      ...MutationError
    }
  }
`,
  [MutationErrorFragment],
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
type Group = { id: string; name: string };

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
  return (
    <>
      {goals.length === 0 ? (
        <EmptyState title="No goals of your own yet." />
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
                {goal.metric}: from {goal.baseline} to {goal.target}
                {goal.latestValue !== null && goal.latestValue !== undefined ? `, now ${goal.latestValue}` : ", no check-in yet"}
              </p>
              <GoalAudience goal={goal} groups={groupsOf(goal.school.id)} onChanged={onChanged} />
            </li>
          ))}
        </ul>
      )}
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

function NewGoalForm({ groupsOf, onCreated }: { groupsOf: (schoolId: string) => Group[]; onCreated: () => void }) {
  const { viewer } = useAuth();
  const schools = viewer?.schools ?? [];
  const [schoolId, setSchoolId] = useState(schools[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [metric, setMetric] = useState("");
  const [baseline, setBaseline] = useState("");
  const [target, setTarget] = useState("");
  const [dueDate, setDueDate] = useState("");
  // The most private choice until the teacher picks another.
  const [audience, setAudience] = useState<Audience>("ONLY_ME");
  const [error, setError] = useState<ShowableError | null>(null);
  const [{ fetching }, createGoal] = useMutation(CreateGoalMutation);
  const groups = groupsOf(schoolId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const result = await createGoal({
      input: {
        schoolId,
        ownerKind: "TEACHER",
        title,
        metric,
        baseline: Number(baseline),
        target: Number(target),
        dueDate,
        ...audienceInput(audience),
      },
    });
    const failure = mutationFailure(result, "createGoal");
    if (failure) return setError(failure);
    setTitle("");
    setMetric("");
    setBaseline("");
    setTarget("");
    setDueDate("");
    setAudience("ONLY_ME");
    onCreated();
  };

  if (schools.length === 0) return null;
  return (
    <form className="goal-form" onSubmit={submit} aria-label="New goal of my own">
      <h3>New goal of my own</h3>
      {schools.length > 1 ? (
        <SelectField
          label="School"
          value={schoolId}
          options={schools.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(event) => {
            setSchoolId(event.target.value);
            setAudience("ONLY_ME");
          }}
        />
      ) : null}
      <TextField label="Goal" value={title} onChange={(event) => setTitle(event.target.value)} maxLength={200} required />
      <TextField label="What you will measure" value={metric} onChange={(event) => setMetric(event.target.value)} maxLength={200} required />
      <TextField label="Where it stands now" type="number" step="any" value={baseline} onChange={(event) => setBaseline(event.target.value)} required />
      <TextField label="Target" type="number" step="any" value={target} onChange={(event) => setTarget(event.target.value)} required />
      <TextField label="Due" type="date" min={todayIso()} value={dueDate} onChange={(event) => setDueDate(event.target.value)} required />
      <SelectField
        label="Who will see this goal"
        value={audience}
        options={audienceOptions(groups)}
        onChange={(event) => setAudience(event.target.value)}
        hint={audienceSentence(audience, groups)}
      />
      {error ? <ErrorState error={error} title="Your goal was not saved" /> : null}
      <Button type="submit" busy={fetching} busyLabel="Saving…">
        Save goal
      </Button>
    </form>
  );
}
