// The agenda during a meeting: each item with its planned minutes, a countdown to start and
// pause, and a box to tick it off as addressed.
import { useEffect, useRef, useState } from "react";
import { useMutation } from "urql";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ErrorState, type ShowableError } from "../../ui/states.tsx";
import { MarkAddressedMutation, type AgendaItem } from "./meeting-queries.ts";
import { describeClock, formatClock, useAgendaTimers } from "./useAgendaTimers.ts";

const PLC_QUESTIONS: Record<number, string> = {
  1: "What do we want students to learn?",
  2: "How will we know if they have learned it?",
  3: "How will we respond when some students do not learn it?",
  4: "How will we extend the learning for students who are already proficient?",
};

export function MeetingAgenda({
  sessionId,
  items,
  canCheck,
  showTimers,
  onChanged,
}: {
  sessionId: string;
  items: AgendaItem[];
  canCheck: boolean;
  /** Not once the meeting is over. */
  showTimers: boolean;
  onChanged: () => void;
}) {
  const timers = useAgendaTimers(sessionId);
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef(new Set<string>());
  const [error, setError] = useState<ShowableError | null>(null);
  const [, markAddressed] = useMutation(MarkAddressedMutation);
  // Ticked at once (put back if the api refuses), and never disabled meanwhile, so focus stays put.
  const [ticked, setTicked] = useState<ReadonlyMap<string, boolean>>(new Map());
  const isAddressed = (item: AgendaItem) => ticked.get(item.id) ?? item.addressed;
  // Once the api's data agrees, it is the truth again (others may change it later).
  useEffect(() => {
    setTicked((current) => {
      const settled = items.filter((item) => current.get(item.id) === item.addressed);
      if (settled.length === 0) return current;
      const next = new Map(current);
      for (const item of settled) next.delete(item.id);
      return next;
    });
  }, [items]);

  // Say it once when a running item's time is up (the clocks themselves are not announced every second).
  const overdue = items.filter((item) => {
    const view = timers.view(item.id, item.minutes);
    return view.running && view.remainingSeconds <= 0;
  });
  useEffect(() => {
    for (const item of overdue) {
      if (announced.current.has(item.id)) continue;
      announced.current.add(item.id);
      setAnnouncement(`Time is up for “${item.title}”.`);
    }
  });

  const toggleAddressed = async (item: AgendaItem, addressed: boolean) => {
    setError(null);
    setTicked((current) => new Map(current).set(item.id, addressed));
    const failure = mutationFailure(await markAddressed({ agendaItemId: item.id, addressed }), "markAgendaItemAddressed");
    if (failure) {
      setError(failure);
      setTicked((current) => {
        const next = new Map(current);
        next.delete(item.id);
        return next;
      });
    }
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
      {error ? <ErrorState error={error} title="The agenda was not updated" /> : null}
      {items.length === 0 ? <p className="agenda__empty">This meeting has no agenda.</p> : null}
      <ol className="agenda__items">
        {items.map((item) => {
          const view = timers.view(item.id, item.minutes);
          const over = view.remainingSeconds < 0;
          const checkboxId = `addressed-${item.id}`;
          return (
            <li
              key={item.id}
              className={`agenda-item${view.running ? " agenda-item--running" : ""}${isAddressed(item) ? " agenda-item--addressed" : ""}${over ? " agenda-item--over" : ""}`}
            >
              <div className="agenda-item__text">
                <h3 className="agenda-item__title">{item.title}</h3>
                <p className="agenda-item__meta">
                  {item.minutes} min
                  {item.plcQuestion ? ` · PLC question ${item.plcQuestion}: ${PLC_QUESTIONS[item.plcQuestion] ?? ""}` : ""}
                </p>
              </div>
              {showTimers ? (
                <div className="agenda-item__timer">
                  <span role="timer" aria-label={`Time for ${item.title}: ${describeClock(view.remainingSeconds)}`} className="agenda-item__clock">
                    {formatClock(view.remainingSeconds)}
                  </span>
                  {over ? <span className="agenda-item__over">Over time</span> : null}
                  <Button
                    size="small"
                    variant={view.running ? "secondary" : "primary"}
                    onClick={() => timers.toggle(item.id)}
                    aria-label={`${view.running ? "Pause" : "Start"} timer for ${item.title}`}
                  >
                    {view.running ? "Pause" : view.touched ? "Resume" : "Start"}
                  </Button>
                  {view.touched ? (
                    <Button size="small" variant="quiet" onClick={() => timers.reset(item.id)} aria-label={`Reset timer for ${item.title}`}>
                      Reset
                    </Button>
                  ) : null}
                </div>
              ) : null}
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
            </li>
          );
        })}
      </ol>
    </div>
  );
}
