// Structured logs: one JSON object per line on stdout (pino), for a log collector to index.
// One logger per app, made in buildApp from the config: tests start many apps in one process,
// each with its own level and, if they like, their own destination to read the lines back.
// What never goes into a log: tokens, passwords, GraphQL variables, and anything people wrote
// (document content, insights, feedback). Log ids and counts, not values.
// For people: `npm run dev` pipes these lines through pino-pretty; production stays JSON.
import { randomUUID } from "node:crypto";
import { pino, type DestinationStream, type Logger } from "pino";
import type { Config } from "../config.ts";

export type { Logger };

export function createLogger(config: Config["observability"], destination?: DestinationStream): Logger {
  const options = { level: config.logLevel, base: { pid: process.pid }, serializers: { err: pino.stdSerializers.err } };
  return destination ? pino(options, destination) : pino(options);
}

/** An incoming x-request-id we may echo and log: short, and nothing a log viewer could trip on. */
const SAFE_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** The caller's request id when it is safe to repeat (a proxy's, to follow one request across both logs), else a new one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** A plain-text log callback (`[component] message` style) for modules that take one. */
export function warnTo(log: Logger): (message: string) => void {
  return (message) => log.warn(message);
}

type LibraryLogger = Record<"debug" | "info" | "warn" | "error", (...args: unknown[]) => void>;

/** For libraries that log like console (yoga): their words, and any Error as `err` with its stack. */
export function libraryLogger(log: Logger): LibraryLogger {
  const at =
    (level: keyof LibraryLogger) =>
    (...args: unknown[]) => {
      // yoga says a few debug words per request: skip the formatting when the level is off.
      if (!log.isLevelEnabled(level)) return;
      const err = args.find((arg) => arg instanceof Error);
      const text = args
        .filter((arg) => !(arg instanceof Error))
        .map(String)
        .join(" ");
      if (err) log[level]({ err }, text || (err as Error).message);
      else log[level](text);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
