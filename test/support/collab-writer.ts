// A real y-websocket client in its own process, for tests that kill the server under it.
//
//   node --import tsx test/support/collab-writer.ts '<json WriterOptions>'
//
// It inserts `edits` markers ("<name:i>") at `perSecond` into the Y.Text "body" (or as paragraphs
// of the Y.XmlFragment "default"), and prints JSON lines on stdout:
//   {"type":"status","status":"connected"|"disconnected"|"connecting"}
//   {"type":"synced"}
//   {"type":"received","update":"<base64>"}  every update that came FROM THE SERVER (never its
//                                              own local edits), in the order it arrived
//   {"type":"done","edits":N}                  all edits made locally
//   {"type":"report",...}                      on the stdin command "report": the local state
// The stdin command "exit" ends it. Tests start one with `startWriter(options)`.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export type WriterOptions = {
  url: string;
  documentId: string;
  token: string;
  name: string;
  edits: number;
  perSecond: number;
  target: "text" | "xml";
  seed?: number;
};

export type WriterReport = { type: "report"; text: string; xml: string; update: string; edits: number; synced: boolean };

export type WriterLine =
  | { type: "status"; status: string }
  | { type: "synced" }
  | { type: "received"; update: string }
  | { type: "done"; edits: number }
  | WriterReport;

/** The marker a writer inserts for its i-th edit: unique, so tests can find every one. */
export function marker(name: string, i: number): string {
  return `<${name}:${i}>`;
}

function emit(line: WriterLine) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

function run(options: WriterOptions) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(options.url.replace(/^http/, "ws") + "/collab", options.documentId, doc, {
    params: { token: options.token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    maxBackoffTime: 200,
  });
  let random = options.seed ?? 1;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random / 2147483648;
  };

  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === provider) emit({ type: "received", update: Buffer.from(update).toString("base64") });
  });
  provider.on("status", ({ status }: { status: string }) => emit({ type: "status", status }));
  provider.on("sync", (isSynced: boolean) => isSynced && emit({ type: "synced" }));

  const text = doc.getText("body");
  const xml = doc.getXmlFragment("default");
  let made = 0;

  function edit() {
    const m = marker(options.name, made);
    if (options.target === "text") {
      // Only at marker boundaries, so no insert ever splits another writer's marker.
      const current = text.toString();
      const boundaries = [0];
      for (let i = 0; i < current.length; i++) if (current[i] === ">") boundaries.push(i + 1);
      text.insert(boundaries[Math.floor(next() * boundaries.length)]!, m);
    } else {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(m)]);
      xml.insert(Math.floor(next() * (xml.length + 1)), [paragraph]);
    }
    made++;
  }

  // Start editing once the first sync is done, then keep going whatever the connection does.
  provider.once("sync", () => {
    const timer = setInterval(() => {
      edit();
      if (made >= options.edits) {
        clearInterval(timer);
        emit({ type: "done", edits: made });
      }
    }, 1000 / options.perSecond);
  });

  createInterface({ input: process.stdin }).on("line", (command) => {
    if (command === "report") {
      emit({
        type: "report",
        text: text.toString(),
        xml: xml.toString(),
        update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64"),
        edits: made,
        synced: provider.synced,
      });
    } else if (command === "exit") {
      provider.destroy();
      doc.destroy();
      process.exit(0);
    }
  });
}

/** A writer process as a test sees it: what it has said so far, and its report on demand. */
export type Writer = {
  options: WriterOptions;
  name: string;
  target: WriterOptions["target"];
  child: ChildProcess;
  /** Every update that came from the server, decoded, in the order it arrived. */
  received: Uint8Array[];
  statuses: string[];
  syncCount: number;
  done: boolean;
  report(): Promise<WriterReport>;
};

/** Runs this file as a child process writing with `options`, and follows its lines. */
export function startWriter(options: WriterOptions): Writer {
  const repoRoot = path.resolve(import.meta.dirname, "../..");
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, JSON.stringify(options)], {
    cwd: repoRoot,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const reports: ((r: WriterReport) => void)[] = [];
  const writer: Writer = {
    options,
    name: options.name,
    target: options.target,
    child,
    received: [],
    statuses: [],
    syncCount: 0,
    done: false,
    report() {
      return new Promise((resolve) => {
        reports.push(resolve);
        child.stdin!.write("report\n");
      });
    },
  };
  createInterface({ input: child.stdout! }).on("line", (raw) => {
    const line = JSON.parse(raw) as WriterLine;
    if (line.type === "received") writer.received.push(new Uint8Array(Buffer.from(line.update, "base64")));
    else if (line.type === "status") writer.statuses.push(line.status);
    else if (line.type === "synced") writer.syncCount++;
    else if (line.type === "done") writer.done = true;
    else if (line.type === "report") reports.shift()?.(line);
  });
  return writer;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) run(JSON.parse(process.argv[2] ?? "{}") as WriterOptions);
