// A countdown per agenda item, kept by the server: each item says when its timer last started
// (null while paused) and the seconds it ran before. Every screen computes the same countdown
// from that and the server's clock (the offset between it and this browser's), so the projector
// and everyone's laptop agree. One runs at a time: starting one pauses the others (the server does).
import { useEffect, useState } from "react";

export type TimerFields = { id: string; minutes: number; timerStartedAt?: string | null; timerUsedSeconds: number };

export type TimerView = {
  /** Seconds left; negative once the item runs over. */
  remainingSeconds: number;
  running: boolean;
  touched: boolean;
};

/** `serverOffsetMs`: the server's clock minus this browser's. */
export function useAgendaTimers(items: readonly TimerFields[], serverOffsetMs: number) {
  const [now, setNow] = useState(() => Date.now());
  const anyRunning = items.some((item) => item.timerStartedAt);

  useEffect(() => {
    if (!anyRunning) return;
    const tick = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(tick);
  }, [anyRunning]);

  return (item: TimerFields): TimerView => {
    const serverNow = Math.max(now, Date.now()) + serverOffsetMs;
    const runningMs = item.timerStartedAt ? Math.max(0, serverNow - new Date(item.timerStartedAt).getTime()) : 0;
    const usedMs = item.timerUsedSeconds * 1000 + runningMs;
    return {
      remainingSeconds: Math.ceil((item.minutes * 60_000 - usedMs) / 1000),
      running: Boolean(item.timerStartedAt),
      touched: Boolean(item.timerStartedAt) || item.timerUsedSeconds > 0,
    };
  };
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
