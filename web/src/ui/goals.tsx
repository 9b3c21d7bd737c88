// A SMART goal as home and the group page show it: where it started, where it stands, where it
// is going (with a bar and the same in words), whether a check-in or the goal itself is overdue
// (the api decides both: `checkInOverdue`, `overdue`), its recent check-ins with their evidence,
// and, for whoever may change it, a check-in form and an edit form. `SmartGoalFields` is the
// guided part of every goal form: specific, measurable, time-bound.
import { useState, type FormEvent, type ReactNode } from "react";
import { useMutation } from "urql";
import { formFailure, withoutField, type FormFailure } from "../graphql/field-issues.ts";
import { graphql, readFragment, type FragmentOf } from "../graphql/graphql.ts";
import { mutationFailure, MutationErrorFragment } from "../graphql/mutation-outcome.ts";
import { Button } from "./Button.tsx";
import { GoalStatusBadge } from "./badges.tsx";
import { SelectField, TextAreaField, TextField } from "./fields.tsx";
import { formatDateTime, formatDay, todayIso } from "./format.ts";
import { Badge } from "./layout.tsx";
import { ErrorState } from "./states.tsx";
import "./goals.css";

export type GoalStatus = "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "MET" | "NOT_MET";

export const GOAL_STATUS_OPTIONS: readonly { value: GoalStatus; label: string }[] = [
  { value: "ON_TRACK", label: "On track" },
  { value: "AT_RISK", label: "At risk" },
  { value: "OFF_TRACK", label: "Off track" },
  { value: "MET", label: "Met" },
  { value: "NOT_MET", label: "Not met" },
];

export const GoalCardFragment = graphql(`
  fragment GoalCard on Goal {
    id
    title
    metric
    baseline
    target
    dueDate
    status
    latestValue
    progress
    lastCheckInAt
    nextCheckInBy
    checkInOverdue
    overdue
    viewerCanEdit
    checkIns(first: 3) {
      totalCount
      edges {
        node {
          id
          value
          note
          createdAt
          author {
            id
            name
          }
        }
      }
    }
  }
`);

const AddCheckInMutation = graphql(
  `
    mutation AddGoalCheckIn($goalId: ID!, $value: Float!, $note: String, $status: GoalStatus) {
      addGoalCheckIn(goalId: $goalId, value: $value, note: $note, status: $status) {
        __typename
        ... on MutationAddGoalCheckInSuccess {
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

const EditGoalMutation = graphql(
  `
    mutation EditGoal($input: UpdateGoalInput!) {
      updateGoal(input: $input) {
        __typename
        ... on MutationUpdateGoalSuccess {
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

export const CreateGoalMutation = graphql(
  `
    mutation CreateGoal($input: CreateGoalInput!) {
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

export function formatMeasure(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** The goal, its progress and its check-ins; `children` go under it (e.g. who sees it). */
export function GoalCard({ goal: goalRef, onChanged, children }: { goal: FragmentOf<typeof GoalCardFragment>; onChanged: () => void; children?: ReactNode }) {
  const goal = readFragment(GoalCardFragment, goalRef);
  const [open, setOpen] = useState<"check-in" | "edit" | null>(null);
  const percent = Math.round(goal.progress * 100);
  const checkIns = goal.checkIns.edges.map((edge) => edge.node);
  const latest = goal.latestValue ?? null;
  const done = () => {
    setOpen(null);
    onChanged();
  };
  return (
    <article className="goal-card" aria-label={goal.title}>
      <h3 className="goal-card__title">{goal.title}</h3>
      <div className="item-meta">
        <GoalStatusBadge status={goal.status} />
        <span>Due {formatDay(goal.dueDate)}</span>
        {goal.overdue ? <Badge tone="danger">Past its due date</Badge> : null}
        {goal.checkInOverdue ? <Badge tone="warn">Check-in overdue</Badge> : null}
      </div>
      <dl className="goal-card__numbers">
        <div>
          <dt>Started at</dt>
          <dd>{formatMeasure(goal.baseline)}</dd>
        </div>
        <div>
          <dt>Latest</dt>
          <dd>{latest === null ? "no check-in yet" : formatMeasure(latest)}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{formatMeasure(goal.target)}</dd>
        </div>
      </dl>
      <p className="goal-card__metric">{goal.metric}</p>
      <progress className="goal-progress" max={100} value={percent} aria-label={`Progress towards “${goal.title}”`}>
        {percent}%
      </progress>
      <p className="goal-card__progress-text">
        {percent}% of the way from {formatMeasure(goal.baseline)} to {formatMeasure(goal.target)}.
      </p>
      <p className={goal.checkInOverdue ? "goal-card__next goal-card__next--overdue" : "goal-card__next"}>
        {goal.lastCheckInAt ? `Last check-in ${formatDateTime(goal.lastCheckInAt)}. ` : "No check-in yet. "}
        {goal.checkInOverdue ? `A check-in was due by ${formatDateTime(goal.nextCheckInBy)}.` : `Next check-in by ${formatDateTime(goal.nextCheckInBy)}.`}
      </p>
      {checkIns.length > 0 ? (
        <details className="goal-card__history">
          <summary>
            Recent check-ins ({goal.checkIns.totalCount > checkIns.length ? `latest ${checkIns.length} of ${goal.checkIns.totalCount}` : checkIns.length})
          </summary>
          <ul>
            {checkIns.map((checkIn) => (
              <li key={checkIn.id}>
                <strong>{formatMeasure(checkIn.value)}</strong> · {formatDateTime(checkIn.createdAt)} · {checkIn.author.name}
                {checkIn.note ? <p>{checkIn.note}</p> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {children}
      {goal.viewerCanEdit ? (
        <div className="goal-card__actions">
          <Button
            size="small"
            variant={open === "check-in" ? "secondary" : "primary"}
            aria-expanded={open === "check-in"}
            onClick={() => setOpen(open === "check-in" ? null : "check-in")}
          >
            {open === "check-in" ? "Close check-in" : "Check in"}
          </Button>
          <Button size="small" variant="secondary" aria-expanded={open === "edit"} onClick={() => setOpen(open === "edit" ? null : "edit")}>
            {open === "edit" ? "Close editing" : "Edit goal"}
          </Button>
        </div>
      ) : null}
      {open === "check-in" ? <CheckInForm goalId={goal.id} title={goal.title} metric={goal.metric} status={goal.status} onDone={done} /> : null}
      {open === "edit" ? <EditGoalForm goal={goal} onDone={done} /> : null}
    </article>
  );
}

function CheckInForm({ goalId, title, metric, status, onDone }: { goalId: string; title: string; metric: string; status: GoalStatus; onDone: () => void }) {
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [newStatus, setNewStatus] = useState<string>("");
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [{ fetching }, addCheckIn] = useMutation(AddCheckInMutation);
  const current = GOAL_STATUS_OPTIONS.find((option) => option.value === status)?.label ?? status;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = await addCheckIn({ goalId, value: Number(value), note: note.trim() || null, status: (newStatus || null) as GoalStatus | null });
    const failed = mutationFailure(result, "addGoalCheckIn");
    if (failed) return setFailure(formFailure(failed, ["value", "note", "status"]));
    onDone();
  };
  return (
    <form className="goal-subform" onSubmit={submit} aria-label={`Check in on “${title}”`}>
      <TextField
        label="Where it stands now"
        hint={`In the goal's measure: ${metric}`}
        type="number"
        step="any"
        required
        value={value}
        error={failure?.fields.value}
        onChange={(event) => {
          setValue(event.target.value);
          setFailure(withoutField(failure, "value"));
        }}
      />
      <TextAreaField
        label="Evidence"
        hint="What you looked at: student work, a tally, an observation."
        rows={3}
        maxLength={2000}
        value={note}
        error={failure?.fields.note}
        onChange={(event) => setNote(event.target.value)}
      />
      <SelectField
        label="Status"
        value={newStatus}
        options={[{ value: "", label: `Keep it as it is (${current})` }, ...GOAL_STATUS_OPTIONS]}
        onChange={(event) => setNewStatus(event.target.value)}
      />
      {failure?.general ? <ErrorState error={failure.general} title="The check-in was not saved" /> : null}
      <Button type="submit" busy={fetching} busyLabel="Saving…">
        Save check-in
      </Button>
    </form>
  );
}

type EditableGoal = { id: string; title: string; metric: string; baseline: number; target: number; dueDate: string; status: GoalStatus };

function EditGoalForm({ goal, onDone }: { goal: EditableGoal; onDone: () => void }) {
  const [fields, setFields] = useState<SmartGoal>({
    title: goal.title,
    metric: goal.metric,
    baseline: String(goal.baseline),
    target: String(goal.target),
    dueDate: goal.dueDate.slice(0, 10),
  });
  const [status, setStatus] = useState<GoalStatus>(goal.status);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [{ fetching }, editGoal] = useMutation(EditGoalMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const result = await editGoal({
      input: {
        goalId: goal.id,
        title: fields.title,
        metric: fields.metric,
        baseline: Number(fields.baseline),
        target: Number(fields.target),
        // An unchanged due date is not sent, so a goal already past it can still be edited.
        dueDate: fields.dueDate === goal.dueDate.slice(0, 10) ? null : fields.dueDate,
        status,
      },
    });
    const failed = mutationFailure(result, "updateGoal");
    if (failed) return setFailure(formFailure(failed, [...SMART_FIELDS, "status"]));
    onDone();
  };
  return (
    <form className="goal-subform" onSubmit={submit} aria-label={`Edit “${goal.title}”`}>
      <SmartGoalFields
        value={fields}
        failure={failure}
        onChange={(next, field) => {
          setFields(next);
          setFailure(withoutField(failure, field));
        }}
        keepPastDue
      />
      <SelectField label="Status" value={status} options={GOAL_STATUS_OPTIONS} onChange={(event) => setStatus(event.target.value as GoalStatus)} />
      {failure?.general ? <ErrorState error={failure.general} title="The goal was not changed" /> : null}
      <Button type="submit" busy={fetching} busyLabel="Saving…">
        Save changes
      </Button>
    </form>
  );
}

export type SmartGoal = { title: string; metric: string; baseline: string; target: string; dueDate: string };
export const NO_SMART_GOAL: SmartGoal = { title: "", metric: "", baseline: "", target: "", dueDate: "" };
export const SMART_FIELDS = ["title", "metric", "baseline", "target", "dueDate"] as const;

/** The numbers of a SMART goal as the api takes them. */
export function smartGoalInput(goal: SmartGoal) {
  return { title: goal.title, metric: goal.metric, baseline: Number(goal.baseline), target: Number(goal.target), dueDate: goal.dueDate };
}

/** Specific, measurable, time-bound: one fieldset each, with a hint saying what a good answer looks like. */
export function SmartGoalFields({
  value,
  failure,
  onChange,
  keepPastDue = false,
}: {
  value: SmartGoal;
  failure: FormFailure | null;
  onChange: (next: SmartGoal, field: (typeof SMART_FIELDS)[number]) => void;
  /** Editing: a due date already past may stay as it is. */
  keepPastDue?: boolean;
}) {
  const set = (field: (typeof SMART_FIELDS)[number]) => (event: { target: { value: string } }) => onChange({ ...value, [field]: event.target.value }, field);
  return (
    <>
      <fieldset className="goal-step">
        <legend>Specific: what will change</legend>
        <TextField
          label="Goal"
          hint="One sentence about what you will do differently, e.g. “Students explain their reasoning in every lesson”."
          value={value.title}
          onChange={set("title")}
          error={failure?.fields.title}
          maxLength={200}
          required
        />
      </fieldset>
      <fieldset className="goal-step">
        <legend>Measurable: how you will know</legend>
        <TextField
          label="What you will measure"
          hint="A number you can count again later, e.g. “% of exit tickets with a full explanation”."
          value={value.metric}
          onChange={set("metric")}
          error={failure?.fields.metric}
          maxLength={200}
          required
        />
        <div className="goal-step__pair">
          <TextField
            label="Where it stands now"
            type="number"
            step="any"
            value={value.baseline}
            onChange={set("baseline")}
            error={failure?.fields.baseline}
            required
          />
          <TextField label="Target" type="number" step="any" value={value.target} onChange={set("target")} error={failure?.fields.target} required />
        </div>
      </fieldset>
      <fieldset className="goal-step">
        <legend>Time-bound: by when</legend>
        <TextField
          label="Due"
          type="date"
          min={keepPastDue ? undefined : todayIso()}
          value={value.dueDate}
          onChange={set("dueDate")}
          error={failure?.fields.dueDate}
          required
        />
      </fieldset>
    </>
  );
}
