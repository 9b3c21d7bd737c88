// One request must never stop the process. Every HTTP request and every websocket upgrade runs
// inside a guard: whatever it throws (synchronously or as a rejected promise) becomes a 4xx/5xx
// answer for that request alone, and the server keeps serving everyone else.
import type http from "node:http";
import type { Duplex } from "node:stream";
import { refuseUpgrade } from "./upgrade.ts";

/** The caller sent something we cannot read; answered with 400 and the message, never logged as our fault. */
export class BadRequestError extends Error {}

type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;
type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;
type Log = (message: string) => void;

/**
 * The request's URL, built the way yoga's adapter builds it (`http://` + Host + request target),
 * so that what we route on is what yoga sees. Node accepts request lines (`GET //[ HTTP/1.1`) and
 * Host headers (`[`) that make no URL at all; yoga answers those with a 500 and its stack trace.
 */
export function requestUrl(req: http.IncomingMessage): URL {
  // `GET http://other.host/graphql` (absolute form) is for proxies, and Staffroom is none: glued
  // behind the Host it would make no URL, or a different one than the caller meant.
  if (!req.url?.startsWith("/")) throw new BadRequestError("The request URL must be a path, such as /graphql.");
  try {
    return new URL(`http://${req.headers.host || "localhost"}${req.url ?? "/"}`);
  } catch {
    throw new BadRequestError("The request URL cannot be parsed (check the request target and the Host header).");
  }
}

/** A path segment decoded, or a 400 for malformed percent-encoding (`%E0%A4%A`). */
export function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    throw new BadRequestError("The request path has malformed percent-encoding.");
  }
}

export function guardRequests(handler: RequestHandler, log: Log): RequestHandler {
  return (req, res) => {
    // A body stream or a response that fails after the handler returned must not be an unhandled 'error'.
    res.on("error", () => {});
    let pending: void | Promise<void>;
    try {
      pending = handler(req, res);
    } catch (error) {
      return answerFailure(req, res, error, log);
    }
    if (pending) pending.catch((error: unknown) => answerFailure(req, res, error, log));
  };
}

export function guardUpgrades(handler: UpgradeHandler, log: Log): UpgradeHandler {
  return (req, socket, head) => {
    // Node takes its own 'error' listener off the socket when it hands over an upgrade; until ws
    // adopts it (endpoints may first look up the token), a client resetting the connection would
    // otherwise emit an unhandled 'error' and end the process. A reset peer is not our problem.
    socket.on("error", () => {});
    const refuse = (error: unknown) => {
      if (error instanceof BadRequestError) return refuseUpgrade(socket, 400, error.message);
      log(`websocket upgrade to ${JSON.stringify(req.url)} failed: ${describe(error)}`);
      refuseUpgrade(socket, 500, "Something went wrong on the server.");
    };
    try {
      const pending = handler(req, socket, head);
      if (pending) pending.catch(refuse);
    } catch (error) {
      refuse(error);
    }
  };
}

function answerFailure(req: http.IncomingMessage, res: http.ServerResponse, error: unknown, log: Log) {
  const badRequest = error instanceof BadRequestError;
  if (!badRequest) log(`${req.method} ${JSON.stringify(req.url)} failed: ${describe(error)}`);
  // Part of an answer already went out: the only honest end left is to cut the connection.
  if (res.headersSent) return void res.destroy();
  const status = badRequest ? 400 : 500;
  const message = badRequest ? error.message : "Something went wrong on the server.";
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(message), connection: "close" }).end(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * The last resort, for an error that escaped every guard above (a timer or an event emitter
 * inside some library): it is logged with its stack, loudly, and the process keeps serving, as
 * one bad request must not take down everyone else's. Installed once the server is listening;
 * a failure during start-up still ends the process.
 */
export function keepServingAfterStrayErrors(log: Log) {
  process.on("uncaughtException", (error) => log(`uncaught exception (the server keeps running): ${describe(error)}`));
  process.on("unhandledRejection", (reason) => log(`unhandled promise rejection (the server keeps running): ${describe(reason)}`));
}
