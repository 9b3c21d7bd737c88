// Staffroom as a benchmark peer: the real api (buildApp + loadConfig from the environment, as
// api/src/main.ts does it) in its own process, plus IPC to ask for its heap, and to time the
// cold load of a document inside it (the cold-load section).
//
//   node --expose-gc --import tsx bench/yjs/peers/staffroom.ts   (env: DATABASE_URL, PORT, …)
import * as Y from "yjs";
import { buildApp } from "../../../api/src/app.ts";
import { DocumentPersistence } from "../../../api/src/collab/persistence.ts";
import type { DocumentRegistry } from "../../../api/src/collab/registry.ts";
import { loadConfig } from "../../../api/src/config.ts";
import { announceReady, serveRequests } from "../lib/child.ts";
import { heapReport } from "./heap.ts";

export type ColdLoadTiming = {
  /** The registry opening a document nobody has open: what a first connection waits for. */
  acquireMs: number;
  /** This process' CPU time (user + system) during that acquire: less sensitive to a busy machine. */
  acquireCpuMs: number;
  /** Phase: persistence.load, the state and the whole log out of PostgreSQL. */
  readMs: number;
  /** Phase: applying them to a new Y.Doc in one transaction, wall and CPU time. */
  applyMs: number;
  applyCpuMs: number;
  updates: number;
  textLength: number;
};

const app = buildApp(loadConfig());
const started = await app.start();
// The app hands its registry to the rest of the code as LiveDocuments; the benchmark needs the
// registry's own acquire/release, the path a first websocket connection takes.
const registry = started.services.documents as unknown as Pick<DocumentRegistry, "acquire" | "release" | "loadedCount">;
const persistence = new DocumentPersistence(started.db.prisma);
const round = (n: number) => Math.round(n * 100) / 100;
const cpuMs = (usage: NodeJS.CpuUsage) => round((usage.user + usage.system) / 1000);

async function coldLoad({ documentId }: { documentId: string }): Promise<ColdLoadTiming> {
  // The phases on their own first (reading changes nothing), then the real path. Acquiring
  // starts a background compaction of the log; the caller waits for it before the next run.
  let began = performance.now();
  const stored = await persistence.load(documentId);
  const readMs = performance.now() - began;
  const doc = new Y.Doc();
  let cpu = process.cpuUsage();
  began = performance.now();
  doc.transact(() => {
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  const applyMs = performance.now() - began;
  const applyCpuMs = cpuMs(process.cpuUsage(cpu));
  doc.destroy();

  cpu = process.cpuUsage();
  began = performance.now();
  const live = await registry.acquire(documentId);
  const acquireMs = performance.now() - began;
  const acquireCpuMs = cpuMs(process.cpuUsage(cpu));
  const textLength = live.doc.getText("body").length;
  registry.release(documentId);
  return { acquireMs: round(acquireMs), acquireCpuMs, readMs: round(readMs), applyMs: round(applyMs), applyCpuMs, updates: stored.updates.length, textLength };
}

serveRequests({ heap: heapReport, coldLoad, documents: () => registry.loadedCount }, () => app.stop());
announceReady({ port: started.port });
