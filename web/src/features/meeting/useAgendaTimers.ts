// A countdown per agenda item. One runs at a time (the group talks about one item at a time):
// starting one pauses the others. Kept in localStorage per meeting, so reloading the projector's
// page does not lose the time.
import { useCallback, useEffect, useState } from "react";

type TimerState = { usedMs: number; startedAt: number | null };
type Timers = Record<string, TimerState>;

export type TimerView = {
  /** Seconds left; negative once the item runs over. */
  remainingSeconds: number;
  running: boolean;
  touched: boolean;
};

const storageKey = (sessionId: string) => `staffroom.meetingTimers.${sessionId}`;

function load(sessionId: string): Timers {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey(sessionId)) ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as Timers) : {};
  } catch {
    return {};
  }
}

function used(timer: TimerState | undefined, now: number): number {
  if (!timer) return 0;
  return timer.usedMs + (timer.startedAt === null ? 0 : now - timer.startedAt);
}

export function useAgendaTimers(sessionId: string) {
  const [timers, setTimers] = useState<Timers>(() => load(sessionId));
  const [now, setNow] = useState(() => Date.now());
  const anyRunning = Object.values(timers).some((t) => t.startedAt !== null);

  useEffect(() => {
    try {
      window.localStorage.setItem(storageKey(sessionId), JSON.stringify(timers));
    } catch {
      // storage disabled: timers last as long as the page
    }
  }, [sessionId, timers]);

  useEffect(() => {
    if (!anyRunning) return;
    const tick = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(tick);
  }, [anyRunning]);

  const view = useCallback(
    (itemId: string, minutes: number): TimerView => {
      const timer = timers[itemId];
      return {
        remainingSeconds: Math.ceil((minutes * 60_000 - used(timer, now)) / 1000),
        running: Boolean(timer?.startedAt),
        touched: Boolean(timer),
      };
    },
    [timers, now],
  );

  const toggle = useCallback((itemId: string) => {
    const at = Date.now();
    setNow(at);
    setTimers((current) => {
      const next: Timers = {};
      for (const [id, timer] of Object.entries(current)) next[id] = { usedMs: used(timer, at), startedAt: null };
      const wasRunning = current[itemId]?.startedAt != null;
      if (!wasRunning) next[itemId] = { usedMs: next[itemId]?.usedMs ?? 0, startedAt: at };
      return next;
    });
  }, []);

  const reset = useCallback((itemId: string) => {
    setTimers((current) => {
      const next = { ...current };
      delete next[itemId];
      return next;
    });
  }, []);

  return { view, toggle, reset };
}

/** "4:05" for 245 s; "−1:10" for −70 s. */
export function formatClock(seconds: number): string {
  const sign = seconds < 0 ? "−" : "";
  const abs = Math.abs(seconds);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
}

/** The same in words, for screen readers: "4 minutes 5 seconds left", "over by 1 minute 10 seconds". */
export function describeClock(seconds: number): string {
  const abs = Math.abs(seconds);
  const minutes = Math.floor(abs / 60);
  const rest = abs % 60;
  const words = [minutes ? `${minutes} minute${minutes === 1 ? "" : "s"}` : "", rest || !minutes ? `${rest} second${rest === 1 ? "" : "s"}` : ""]
    .filter(Boolean)
    .join(" ");
  return seconds < 0 ? `over by ${words}` : `${words} left`;
}
