// The agenda of a meeting: each item with its minutes, presenter and shared countdown, and a box to
// tick it off as addressed. Those who run the meeting build it here too, before and during the
// meeting: add, edit, remove and move items (buttons, so the keyboard does it too, each move
// announced), or start from a template when it is empty.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { AgendaTemplatesQuery } from "../../graphql/agenda-templates.ts";
import { formFailure, type FormFailure } from "../../graphql/field-issues.ts";
import { mutationFailure, mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField, TextField } from "../../ui/fields.tsx";
import { ErrorState, type ShowableError } from "../../ui/states.tsx";
import {
  AddAgendaItemMutation,
  ApplyAgendaTemplateMutation,
  MarkAddressedMutation,
  PauseAgendaTimerMutation,
  RemoveAgendaItemMutation,
  ReorderAgendaItemsMutation,
  ResetAgendaTimerMutation,
  StartAgendaTimerMutation,
  UpdateAgendaItemMutation,
  type AgendaItem,
  type Member,
} from "./meeting-queries.ts";
import { describeClock, formatClock, useAgendaTimers, type TimerView } from "./useAgendaTimers.ts";

export const PLC_QUESTIONS: Record<number, string> = {
  1: "What do we want students to learn?",
  2: "How will we know if they have learned it?",
  3: "How will we respond when some students do not learn it?",
  4: "How will we extend the learning for students who are already proficient?",
};

/** ": What do we want students to learn?", unless the item's title already says it. */
function plcQuestionText(item: AgendaItem): string {
  const question = item.plcQuestion ? PLC_QUESTIONS[item.plcQuestion] : undefined;
  return question && question !== item.title ? `: ${question}` : "";
}

/** The item the group is on: the one whose timer runs, else the first not yet addressed. */
export function currentAgendaItem(items: readonly AgendaItem[]): AgendaItem | null {
  return items.find((item) => item.timerStartedAt) ?? items.find((item) => !item.addressed) ?? null;
}

type Props = {
  sessionId: string;
  groupKind: "PEER" | "PLC";
  items: AgendaItem[];
  members: Member[];
  canCheck: boolean;
  /** May build the agenda and run its timers (and the meeting is not over). */
  canRun: boolean;
  /** Not once the meeting is over. */
  showTimers: boolean;
  serverOffsetMs: number;
  onChanged: () => void;
};

export function MeetingAgenda({ sessionId, groupKind, items: given, members, canCheck, canRun, showTimers, serverOffsetMs, onChanged }: Props) {
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef(new Set<string>());
  const [error, setError] = useState<{ title: string; error: ShowableError } | null>(null);
  const [, markAddressed] = useMutation(MarkAddressedMutation);
  const [, reorder] = useMutation(ReorderAgendaItemsMutation);
  const [, remove] = useMutation(RemoveAgendaItemMutation);
  const [, startTimer] = useMutation(StartAgendaTimerMutation);
  const [, pauseTimer] = useMutation(PauseAgendaTimerMutation);
  const [, resetTimer] = useMutation(ResetAgendaTimerMutation);
  // A move shows at once (the api's order replaces it when it arrives).
  const [order, setOrder] = useState<string[] | null>(null);
  const items = order ? order.map((id) => given.find((item) => item.id === id)).filter((item): item is AgendaItem => Boolean(item)) : given;
  useEffect(() => {
    setOrder((current) => (current && current.join() === given.map((item) => item.id).join() ? null : current));
  }, [given]);
  const [editing, setEditing] = useState<string | null>(null);
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus) return;
    const target = document.getElementById(refocus) as HTMLButtonElement | null;
    if (target && !target.disabled) target.focus();
    else document.getElementById(refocus.replace(/^move-(up|down)/, (_m, dir: string) => `move-${dir === "up" ? "down" : "up"}`))?.focus();
    setRefocus(null);
  }, [refocus]);
  // Ticked at once (put back if the api refuses), and never disabled meanwhile, so focus stays put.
  const [ticked, setTicked] = useState<ReadonlyMap<string, boolean>>(new Map());
  const isAddressed = (item: AgendaItem) => ticked.get(item.id) ?? item.addressed;
  useEffect(() => {
    setTicked((current) => {
      const settled = given.filter((item) => current.get(item.id) === item.addressed);
      if (settled.length === 0) return current;
      const next = new Map(current);
      for (const item of settled) next.delete(item.id);
      return next;
    });
  }, [given]);
  const timerView = useAgendaTimers(items, serverOffsetMs);

  // Say it once when a running item's time is up (the clocks themselves are not announced every second).
  const overdue = items.filter((item) => {
    const view = timerView(item);
    return view.running && view.remainingSeconds <= 0;
  });
  useEffect(() => {
    for (const item of overdue) {
      if (announced.current.has(item.id)) continue;
      announced.current.add(item.id);
      setAnnouncement(`Time is up for “${item.title}”.`);
    }
  });

  const fail = (title: string, failure: ShowableError | null) => {
    if (failure) setError({ title, error: failure });
    return failure;
  };

  const toggleAddressed = async (item: AgendaItem, addressed: boolean) => {
    setError(null);
    setTicked((current) => new Map(current).set(item.id, addressed));
    const failure = fail("The agenda was not updated", mutationFailure(await markAddressed({ agendaItemId: item.id, addressed }), "markAgendaItemAddressed"));
    if (failure) {
      setTicked((current) => {
        const next = new Map(current);
        next.delete(item.id);
        return next;
      });
    }
    onChanged();
  };

  const move = async (item: AgendaItem, by: -1 | 1) => {
    const ids = items.map((i) => i.id);
    const from = ids.indexOf(item.id);
    const to = from + by;
    if (to < 0 || to >= ids.length) return;
    ids.splice(from, 1);
    ids.splice(to, 0, item.id);
    setError(null);
    setOrder(ids);
    setRefocus(`move-${by < 0 ? "up" : "down"}-${item.id}`);
    setAnnouncement(`“${item.title}” moved to position ${to + 1} of ${ids.length}.`);
    const failure = fail("The agenda was not reordered", mutationFailure(await reorder({ sessionId, agendaItemIds: ids }), "reorderAgendaItems"));
    if (failure) setOrder(null);
    onChanged();
  };

  const removeItem = async (item: AgendaItem) => {
    setError(null);
    const failure = fail("The item was not removed", mutationFailure(await remove({ agendaItemId: item.id }), "removeAgendaItem"));
    if (!failure) setAnnouncement(`“${item.title}” removed from the agenda.`);
    onChanged();
  };

  const timer = async (item: AgendaItem, step: "start" | "pause" | "reset") => {
    setError(null);
    const variables = { agendaItemId: item.id };
    const failure =
      step === "start"
        ? mutationFailure(await startTimer(variables), "startAgendaTimer")
        : step === "pause"
          ? mutationFailure(await pauseTimer(variables), "pauseAgendaTimer")
          : mutationFailure(await resetTimer(variables), "resetAgendaTimer");
    fail("The timer did not change", failure);
    onChanged();
  };

  const addressedCount = items.filter(isAddressed).length;

  return (
    <div className="agenda">
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <p className="agenda__progress">
        {addressedCount} of {items.length} items addressed
      </p>
      {error ? <ErrorState error={error.error} title={error.title} /> : null}
      {items.length === 0 ? <EmptyAgenda sessionId={sessionId} groupKind={groupKind} canRun={canRun} onChanged={onChanged} /> : null}
      <ol className="agenda__items">
        {items.map((item, index) => {
          const view = timerView(item);
          const over = view.remainingSeconds < 0;
          const checkboxId = `addressed-${item.id}`;
          if (editing === item.id) {
            return (
              <li key={item.id} className="agenda-item">
                <AgendaItemForm
                  item={item}
                  groupKind={groupKind}
                  members={members}
                  sessionId={sessionId}
                  onDone={(saved) => {
                    setEditing(null);
                    setRefocus(`edit-${item.id}`);
                    if (saved) {
                      setAnnouncement(`“${saved}” saved.`);
                      onChanged();
                    }
                  }}
                />
              </li>
            );
          }
          return (
            <li
              key={item.id}
              className={`agenda-item${view.running ? " agenda-item--running" : ""}${isAddressed(item) ? " agenda-item--addressed" : ""}${over ? " agenda-item--over" : ""}`}
            >
              <div className="agenda-item__text">
                <h3 className="agenda-item__title">{item.title}</h3>
                <p className="agenda-item__meta">
                  {item.minutes} min
                  {item.presenter ? ` · Presenter: ${item.presenter.name}` : ""}
                  {item.plcQuestion ? ` · PLC question ${item.plcQuestion}${plcQuestionText(item)}` : ""}
                </p>
              </div>
              {showTimers ? <TimerControls item={item} view={view} canRun={canRun} onStep={(step) => void timer(item, step)} /> : null}
              <div className="agenda-item__footer">
                <div className="agenda-item__addressed">
                  <input
                    id={checkboxId}
                    type="checkbox"
                    checked={isAddressed(item)}
                    disabled={!canCheck}
                    onChange={(event) => void toggleAddressed(item, event.target.checked)}
                  />
                  <label htmlFor={checkboxId}>
                    Addressed<span className="visually-hidden">: {item.title}</span>
                  </label>
                </div>
                {canRun ? (
                  <div className="agenda-item__edit">
                    <Button
                      id={`move-up-${item.id}`}
                      aria-label={`Move up: ${item.title}`}
                      size="small"
                      variant="quiet"
                      disabled={index === 0}
                      onClick={() => void move(item, -1)}
                    >
                      Move up
                    </Button>
                    <Button
                      id={`move-down-${item.id}`}
                      aria-label={`Move down: ${item.title}`}
                      size="small"
                      variant="quiet"
                      disabled={index === items.length - 1}
                      onClick={() => void move(item, 1)}
                    >
                      Move down
                    </Button>
                    <Button id={`edit-${item.id}`} aria-label={`Edit: ${item.title}`} size="small" variant="quiet" onClick={() => setEditing(item.id)}>
                      Edit
                    </Button>
                    <Button aria-label={`Remove: ${item.title}`} size="small" variant="quiet" onClick={() => void removeItem(item)}>
                      Remove
                    </Button>
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {canRun ? (
        <AgendaItemForm
          groupKind={groupKind}
          members={members}
          sessionId={sessionId}
          onDone={(saved) => {
            if (saved) {
              setAnnouncement(`“${saved}” added to the agenda.`);
              onChanged();
            }
          }}
        />
      ) : null}
    </div>
  );
}

function TimerControls({
  item,
  view,
  canRun,
  onStep,
}: {
  item: AgendaItem;
  view: TimerView;
  canRun: boolean;
  onStep: (step: "start" | "pause" | "reset") => void;
}) {
  const over = view.remainingSeconds < 0;
  return (
    <div className="agenda-item__timer">
      <span role="timer" aria-label={`Time for ${item.title}: ${describeClock(view.remainingSeconds)}`} className="agenda-item__clock">
        {formatClock(view.remainingSeconds)}
      </span>
      {over ? <span className="agenda-item__over">Over time</span> : null}
      {view.running && !canRun ? <span className="agenda-item__running">Running</span> : null}
      {canRun ? (
        <>
          <Button
            size="small"
            variant={view.running ? "secondary" : "primary"}
            onClick={() => onStep(view.running ? "pause" : "start")}
            aria-label={`${view.running ? "Pause" : view.touched ? "Resume" : "Start"} timer for ${item.title}`}
          >
            {view.running ? "Pause" : view.touched ? "Resume" : "Start"}
          </Button>
          {view.touched ? (
            <Button size="small" variant="quiet" onClick={() => onStep("reset")} aria-label={`Reset timer for ${item.title}`}>
              Reset
            </Button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

const ITEM_FIELDS = ["title", "minutes", "presenterId"] as const;

/** Adds an item (no `item`) or edits one. `onDone(title)` once saved; `onDone(null)` on cancel. */
function AgendaItemForm({
  item,
  groupKind,
  members,
  sessionId,
  onDone,
}: {
  item?: AgendaItem;
  groupKind: "PEER" | "PLC";
  members: Member[];
  sessionId: string;
  onDone: (savedTitle: string | null) => void;
}) {
  const [title, setTitle] = useState(item?.title ?? "");
  const [minutes, setMinutes] = useState(String(item?.minutes ?? 10));
  const [presenterId, setPresenterId] = useState(item?.presenter?.id ?? "");
  const [plcQuestion, setPlcQuestion] = useState(item?.plcQuestion ? String(item.plcQuestion) : "");
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [adding, add] = useMutation(AddAgendaItemMutation);
  const [updating, update] = useMutation(UpdateAgendaItemMutation);
  const presenters = [{ value: "", label: "No presenter" }, ...members.map((m) => ({ value: m.user.id, label: m.user.name }))];
  const questions = [{ value: "", label: "None" }, ...Object.entries(PLC_QUESTIONS).map(([n, q]) => ({ value: n, label: `${n}. ${q}` }))];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setFailure({ fields: { title: "Give the item a title." }, general: null });
    setFailure(null);
    const common = {
      title: title.trim(),
      minutes: Number(minutes),
      presenterId: presenterId || null,
      ...(groupKind === "PLC" ? { plcQuestion: plcQuestion ? Number(plcQuestion) : null } : {}),
    };
    const outcome = item
      ? mutationOutcome(await update({ input: { agendaItemId: item.id, ...common } }), "updateAgendaItem")
      : mutationOutcome(await add({ input: { sessionId, ...common } }), "addAgendaItem");
    if (!outcome.ok) return setFailure(formFailure(outcome.failure, ITEM_FIELDS));
    if (!item) {
      setTitle("");
      setPresenterId("");
      setPlcQuestion("");
    }
    onDone(common.title);
  }

  return (
    <form
      className={`form agenda-form${item ? "" : " agenda-form--add"}`}
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={item ? `Edit “${item.title}”` : "Add an agenda item"}
    >
      {item ? null : <h3 className="agenda-form__title">Add an item</h3>}
      <TextField label="Item" value={title} onChange={(e) => setTitle(e.target.value)} error={failure?.fields.title} autoFocus={Boolean(item)} />
      <div className="agenda-form__row">
        <TextField
          label="Minutes"
          type="number"
          min={1}
          max={240}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          error={failure?.fields.minutes}
        />
        <SelectField
          label="Presenter"
          options={presenters}
          value={presenterId}
          onChange={(e) => setPresenterId(e.target.value)}
          error={failure?.fields.presenterId}
        />
      </div>
      {groupKind === "PLC" ? (
        <SelectField label="PLC question" options={questions} value={plcQuestion} onChange={(e) => setPlcQuestion(e.target.value)} />
      ) : null}
      {failure?.general ? (
        <p className="alert alert--error" role="alert">
          {failure.general}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" size="small" busy={adding.fetching || updating.fetching} busyLabel="Saving…">
          {item ? "Save item" : "Add to the agenda"}
        </Button>
        {item ? (
          <Button type="button" size="small" variant="secondary" onClick={() => onDone(null)}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function EmptyAgenda({ sessionId, groupKind, canRun, onChanged }: { sessionId: string; groupKind: "PEER" | "PLC"; canRun: boolean; onChanged: () => void }) {
  const [templates] = useQuery({ query: AgendaTemplatesQuery, variables: { kind: groupKind }, pause: !canRun });
  const [applying, apply] = useMutation(ApplyAgendaTemplateMutation);
  const [error, setError] = useState<ShowableError | null>(null);
  if (!canRun) return <p className="agenda__empty">This meeting has no agenda yet. Whoever runs the meeting can add one.</p>;
  const use = async (templateId: string) => {
    setError(null);
    const failure = mutationFailure(await apply({ sessionId, templateId }), "applyAgendaTemplate");
    if (failure) setError(failure);
    onChanged();
  };
  return (
    <div className="agenda__empty">
      <p>This meeting has no agenda yet. Start from a template, or add items below.</p>
      <ul className="agenda-templates">
        {(templates.data?.agendaTemplates ?? []).map((template) => (
          <li key={template.id}>
            <Button size="small" variant="secondary" busy={applying.fetching} onClick={() => void use(template.id)}>
              Use “{template.name}”
            </Button>
            <span className="item-meta"> {template.description}</span>
          </li>
        ))}
      </ul>
      {error ? <ErrorState error={error} title="The template was not added" /> : null}
    </div>
  );
}
