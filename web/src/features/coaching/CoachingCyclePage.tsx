// /coaching/:cycleId — one coaching cycle, for its coach and its teacher. The coach moves it
// through its steps (back as well), keeps its look-fors and next check-back date, records
// observations (for the teacher, or only for themself), sets action steps and keeps private
// notes. The teacher sees the step, the observations meant for them and their action steps, which
// they tick; the api never sends them the private notes (nor how many there are).
import { useState, type FormEvent, type ReactNode } from "react";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { paths } from "../../app/paths.ts";
import type { ResultOf } from "../../graphql/graphql.ts";
import { mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { CHECK_BACK_LABEL, CycleSteps, STEP_LABEL, STEPS } from "../../ui/coaching/steps.tsx";
import { SelectField, TextAreaField, TextField } from "../../ui/fields.tsx";
import { formatDateTime, formatDay } from "../../ui/format.ts";
import { Badge, PageHeader, Section, useDocumentTitle } from "../../ui/layout.tsx";
import { EmptyState, ErrorState, issueFor, QueryState, type ShowableError } from "../../ui/states.tsx";
import {
  AddCoachingActionStepMutation,
  AddCoachingNoteMutation,
  AddCoachingObservationMutation,
  CoachingCycleQuery,
  CYCLE_CHANGED,
  MoveCoachingCycleMutation,
  SetCoachingActionStepDoneMutation,
  UpdateCoachingCycleMutation,
} from "./queries.ts";
import "./coaching.css";

type Cycle = Extract<NonNullable<ResultOf<typeof CoachingCycleQuery>["node"]>, { __typename: "CoachingCycle" }>;

export function CoachingCyclePage() {
  const { cycleId = "" } = useParams();
  const [result, reexecute] = useQuery({ query: CoachingCycleQuery, variables: { id: cycleId } });
  useDocumentTitle("Coaching cycle");
  return (
    <QueryState result={result} retry={() => reexecute({ requestPolicy: "network-only" })} loadingLabel="Loading the coaching cycle…">
      {(data) =>
        data.node?.__typename === "CoachingCycle" ? (
          <CycleView cycle={data.node} />
        ) : (
          <>
            <PageHeader title="Coaching cycle" />
            <EmptyState title="This coaching cycle was not found.">
              <p>
                A cycle is seen only by its coach and its teacher. Your own cycles are on <Link to={paths.myCoaching}>My coaching</Link>.
              </p>
            </EmptyState>
          </>
        )
      }
    </QueryState>
  );
}

function CycleView({ cycle }: { cycle: Cycle }) {
  const coach = cycle.viewerIsCoach;
  const open = cycle.completedAt === null;
  return (
    <>
      <PageHeader
        title={coach ? `Coaching cycle with ${cycle.teacher.name}` : `Your coaching cycle with ${cycle.coach.name}`}
        subtitle={`Started ${formatDateTime(cycle.startedAt)}${cycle.completedAt ? ` · completed ${formatDateTime(cycle.completedAt)}` : ""}`}
        breadcrumb={coach ? <Link to={paths.coach}>Coach dashboard</Link> : <Link to={paths.myCoaching}>My coaching</Link>}
      />
      <div className="cycle-page">
        <Section title="Goal and step">
          <p className="cycle-page__goal">{cycle.goal}</p>
          <CycleSteps current={cycle.step} completed={!open} />
          {open ? (
            <p>
              Now: <strong>{STEP_LABEL[cycle.step]}</strong>. {STEPS.find((s) => s.step === cycle.step)?.what}
            </p>
          ) : (
            <p>This cycle is complete.</p>
          )}
          {coach && open ? <StepButtons cycle={cycle} /> : null}
        </Section>
        <Section title="Next check-back">{coach && open ? <CheckBackForm cycle={cycle} /> : <CheckBackLine cycle={cycle} />}</Section>
        <Section title="Look-fors">{coach && open ? <LookForsForm cycle={cycle} /> : <LookForsList lookFors={cycle.lookFors} />}</Section>
        <Section title={coach ? "Observations" : `Observations ${cycle.coach.name} shared with you`}>
          {coach && open ? <ObservationForm cycle={cycle} /> : null}
          <ObservationList cycle={cycle} />
        </Section>
        <Section title={coach ? `${cycle.teacher.name}'s action steps` : "Your action steps"}>
          <ActionSteps cycle={cycle} />
        </Section>
        {coach ? (
          <Section title="Private notes">
            <p className="muted">Only you read these: not {cycle.teacher.name}, not the school's admins.</p>
            {open ? <NoteForm cycle={cycle} /> : null}
            {cycle.notes.edges.length === 0 ? (
              <p className="muted">No private notes yet.</p>
            ) : (
              <ul className="cycle-list">
                {cycle.notes.edges.map(({ node }) => (
                  <li key={node.id}>
                    <p className="cycle-list__body">{node.body}</p>
                    <p className="muted cycle-list__meta">{formatDateTime(node.createdAt)}</p>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        ) : null}
      </div>
    </>
  );
}

function Failure({ failure, title, fields }: { failure: ShowableError | null; title: string; fields?: string[] }) {
  return failure ? <ErrorState error={failure} title={title} fields={fields} /> : null;
}

function StepButtons({ cycle }: { cycle: Cycle }) {
  const [{ fetching }, move] = useMutation(MoveCoachingCycleMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const at = STEPS.findIndex((s) => s.step === cycle.step);
  const previous = STEPS[at - 1];
  const next = STEPS[at + 1];
  const go = async (step: (typeof STEPS)[number]["step"] | null) => {
    setFailure(null);
    const outcome = mutationOutcome(await move({ cycleId: cycle.id, step }, CYCLE_CHANGED), "advanceCoachingCycle");
    if (!outcome.ok) setFailure(outcome.failure);
  };
  return (
    <>
      <div className="cycle-page__buttons">
        {previous ? (
          <Button variant="secondary" busy={fetching} onClick={() => void go(previous.step)}>
            Back to {previous.label.toLowerCase()}
          </Button>
        ) : null}
        <Button busy={fetching} onClick={() => void go(null)}>
          {next ? `Move on to ${next.label.toLowerCase()}` : "Complete the cycle"}
        </Button>
      </div>
      <Failure failure={failure} title="The cycle did not move" />
    </>
  );
}

function CheckBackLine({ cycle }: { cycle: Cycle }) {
  if (!cycle.nextCheckBackOn || cycle.completedAt) return <p className="muted">No check-back date is set.</p>;
  return (
    <p>
      {formatDay(cycle.nextCheckBackOn)} <CheckBackBadge status={cycle.checkBack} />
    </p>
  );
}

function CheckBackBadge({ status }: { status: Cycle["checkBack"] }) {
  if (status === "NONE") return null;
  return <Badge tone={status === "OVERDUE" ? "danger" : status === "DUE_SOON" ? "warn" : "neutral"}>{CHECK_BACK_LABEL[status]}</Badge>;
}

function CheckBackForm({ cycle }: { cycle: Cycle }) {
  const [date, setDate] = useState(cycle.nextCheckBackOn ?? "");
  const [{ fetching }, update] = useMutation(UpdateCoachingCycleMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const outcome = mutationOutcome(await update({ input: { cycleId: cycle.id, nextCheckBackOn: date || null } }, CYCLE_CHANGED), "updateCoachingCycle");
    if (!outcome.ok) setFailure(outcome.failure);
  };
  return (
    <form className="form cycle-inline-form" onSubmit={save} noValidate>
      <CheckBackLine cycle={cycle} />
      <TextField
        label="Check-back date"
        hint="In the school's calendar. Leave empty to clear it."
        type="date"
        value={date}
        onChange={(e) => setDate(e.currentTarget.value)}
        error={issueFor(failure, "nextCheckBackOn")}
      />
      <div>
        <Button type="submit" variant="secondary" busy={fetching} busyLabel="Saving…">
          Save the date
        </Button>
      </div>
      <Failure failure={failure} title="The date was not saved" fields={["nextCheckBackOn"]} />
    </form>
  );
}

function LookForsList({ lookFors }: { lookFors: readonly string[] }) {
  if (lookFors.length === 0) return <p className="muted">No look-fors yet.</p>;
  return (
    <ul className="look-fors">
      {lookFors.map((lookFor) => (
        <li key={lookFor}>{lookFor}</li>
      ))}
    </ul>
  );
}

function LookForsForm({ cycle }: { cycle: Cycle }) {
  const [text, setText] = useState(cycle.lookFors.join("\n"));
  const [{ fetching }, update] = useMutation(UpdateCoachingCycleMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const lookFors = text
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const outcome = mutationOutcome(await update({ input: { cycleId: cycle.id, lookFors } }, CYCLE_CHANGED), "updateCoachingCycle");
    if (!outcome.ok) setFailure(outcome.failure);
  };
  return (
    <form className="form" onSubmit={save} noValidate>
      <TextAreaField
        label="Look-fors, one per line"
        hint={`What you look for when you observe; ${cycle.teacher.name} sees them too.`}
        rows={3}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={issueFor(failure, "lookFors")}
      />
      <div>
        <Button type="submit" variant="secondary" busy={fetching} busyLabel="Saving…">
          Save the look-fors
        </Button>
      </div>
      <Failure failure={failure} title="The look-fors were not saved" fields={["lookFors"]} />
    </form>
  );
}

function ObservationForm({ cycle }: { cycle: Cycle }) {
  const [lookFor, setLookFor] = useState("");
  const [body, setBody] = useState("");
  const [forTeacher, setForTeacher] = useState(true);
  const [bodyError, setBodyError] = useState<string | undefined>();
  const [{ fetching }, add] = useMutation(AddCoachingObservationMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!body.trim()) {
      setBodyError("Write what you saw.");
      return;
    }
    setBodyError(undefined);
    const input = { cycleId: cycle.id, body: body.trim(), forTeacher, ...(lookFor ? { lookFor } : {}) };
    const outcome = mutationOutcome(await add({ input }, CYCLE_CHANGED), "addCoachingObservation");
    if (outcome.ok) setBody("");
    else setFailure(outcome.failure);
  };
  return (
    <form className="form cycle-add-form" onSubmit={submit} noValidate>
      <SelectField
        label="Look-for"
        value={lookFor}
        onChange={(e) => setLookFor(e.currentTarget.value)}
        error={issueFor(failure, "lookFor")}
        options={[{ value: "", label: "General (no look-for)" }, ...cycle.lookFors.map((l) => ({ value: l, label: l }))]}
      />
      <TextAreaField
        label="What you observed"
        rows={3}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={bodyError ?? issueFor(failure, "body")}
      />
      <Checkbox checked={forTeacher} onChange={setForTeacher}>
        Share with {cycle.teacher.name}
      </Checkbox>
      <div>
        <Button type="submit" busy={fetching} busyLabel="Saving…">
          Record the observation
        </Button>
      </div>
      <Failure failure={failure} title="The observation was not recorded" fields={["lookFor", "body"]} />
    </form>
  );
}

function Checkbox({ checked, onChange, children }: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode }) {
  return (
    <label className="check-row">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>{children}</span>
    </label>
  );
}

function ObservationList({ cycle }: { cycle: Cycle }) {
  const observations = cycle.observations.edges.map((e) => e.node);
  if (observations.length === 0) {
    return (
      <p className="muted">
        {cycle.viewerIsCoach
          ? "No observations yet. Record what you see against the look-fors above."
          : `None yet. When ${cycle.coach.name} shares an observation with you, it appears here.`}
      </p>
    );
  }
  return (
    <ul className="cycle-list" aria-label="Observations">
      {observations.map((o) => (
        <li key={o.id}>
          <p className="cycle-list__meta">
            <strong>{o.lookFor || "General"}</strong>
            {cycle.viewerIsCoach ? <> {o.forTeacher ? <Badge tone="accent">Shared with {cycle.teacher.name}</Badge> : <Badge>Only you</Badge>}</> : null}
          </p>
          <p className="cycle-list__body">{o.body}</p>
          <p className="muted cycle-list__meta">{formatDateTime(o.createdAt)}</p>
        </li>
      ))}
    </ul>
  );
}

function ActionSteps({ cycle }: { cycle: Cycle }) {
  const [{ fetching }, tick] = useMutation(SetCoachingActionStepDoneMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const steps = cycle.actionSteps.edges.map((e) => e.node);
  const open = cycle.completedAt === null;
  const toggle = async (actionStepId: string, done: boolean) => {
    setFailure(null);
    const outcome = mutationOutcome(await tick({ coachingActionStepId: actionStepId, done }, CYCLE_CHANGED), "setCoachingActionStepDone");
    if (!outcome.ok) setFailure(outcome.failure);
  };
  return (
    <>
      {steps.length === 0 ? (
        <p className="muted">
          {cycle.viewerIsCoach
            ? "No action steps yet. Agree on one with the teacher and add it below."
            : `No action steps yet. ${cycle.coach.name} adds the ones you agree on.`}
        </p>
      ) : (
        <ul className="action-steps" aria-label="Action steps">
          {steps.map((step) => (
            <li key={step.id}>
              <Checkbox checked={step.done} onChange={(done) => void toggle(step.id, done)}>
                {step.text}
                {step.done ? <span className="visually-hidden"> (done)</span> : null}
              </Checkbox>
            </li>
          ))}
        </ul>
      )}
      {fetching ? <p className="muted">Saving…</p> : null}
      <Failure failure={failure} title="The step was not changed" />
      {cycle.viewerIsCoach && open ? <ActionStepForm cycle={cycle} /> : null}
    </>
  );
}

function ActionStepForm({ cycle }: { cycle: Cycle }) {
  const [text, setText] = useState("");
  const [{ fetching }, add] = useMutation(AddCoachingActionStepMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [textError, setTextError] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (text.trim().length < 2) {
      setTextError("Write the step in a few words.");
      return;
    }
    setTextError(undefined);
    const outcome = mutationOutcome(await add({ input: { cycleId: cycle.id, text: text.trim() } }, CYCLE_CHANGED), "addCoachingActionStep");
    if (outcome.ok) setText("");
    else setFailure(outcome.failure);
  };
  return (
    <form className="form cycle-add-form" onSubmit={submit} noValidate>
      <TextField
        label="New action step"
        value={text}
        maxLength={500}
        onChange={(e) => setText(e.currentTarget.value)}
        error={textError ?? issueFor(failure, "text")}
      />
      <div>
        <Button type="submit" variant="secondary" busy={fetching} busyLabel="Adding…">
          Add the step
        </Button>
      </div>
      <Failure failure={failure} title="The step was not added" fields={["text"]} />
    </form>
  );
}

function NoteForm({ cycle }: { cycle: Cycle }) {
  const [body, setBody] = useState("");
  const [{ fetching }, add] = useMutation(AddCoachingNoteMutation);
  const [failure, setFailure] = useState<ShowableError | null>(null);
  const [bodyError, setBodyError] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!body.trim()) {
      setBodyError("Write the note first.");
      return;
    }
    setBodyError(undefined);
    const outcome = mutationOutcome(await add({ input: { cycleId: cycle.id, body: body.trim() } }, CYCLE_CHANGED), "addCoachingNote");
    if (outcome.ok) setBody("");
    else setFailure(outcome.failure);
  };
  return (
    <form className="form cycle-add-form" onSubmit={submit} noValidate>
      <TextAreaField
        label="Private note"
        rows={2}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={bodyError ?? issueFor(failure, "body")}
      />
      <div>
        <Button type="submit" variant="secondary" busy={fetching} busyLabel="Saving…">
          Save the private note
        </Button>
      </div>
      <Failure failure={failure} title="The note was not saved" fields={["body"]} />
    </form>
  );
}
