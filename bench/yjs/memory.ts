// Yjs server memory: heap per open document, per extra connection, and what 1,000 connect /
// disconnect cycles leave behind — Staffroom vs Hocuspocus 4.7 vs @y/websocket-server 0.1.1,
// each in a fresh process of its own (started with --expose-gc; it reports its heap after
// garbage collection over IPC), clients in the generator process.
//
//   npx tsx bench/yjs/memory.ts [--smoke]
import path from "node:path";
import * as Y from "yjs";
import type { Section, SectionResult } from "../lib/section.ts";
import type { OpenArgs } from "./generator.ts";
import { createSchoolDatabase, type BenchSchool } from "./lib/bench-school.ts";
import { startChild, type Child } from "./lib/child.ts";
import { PEERS, startPeer, type Peer, type PeerName } from "./lib/peers.ts";
import { isMain, runDirectly } from "./lib/run-directly.ts";
import { trace } from "./lib/trace.ts";
import type { HeapReport } from "./peers/heap.ts";

type Plan = { documents: number; connections: number; cycles: number; cycleConcurrency: number; settleMs: number; pauseMs: number; gcRounds: number };

const FULL: Plan = { documents: 200, connections: 200, cycles: 1_000, cycleConcurrency: 10, settleMs: 2_200, pauseMs: 300, gcRounds: 4 };
const SMOKE: Plan = { documents: 5, connections: 5, cycles: 20, cycleConcurrency: 5, settleMs: 50, pauseMs: 50, gcRounds: 1 };

/** The content every open document gets from its client: a small lesson plan (~150 characters). */
function smallPlan(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("body").insert(0, "Lesson: equivalent fractions with fraction strips.");
  const fragment = doc.getXmlFragment("default");
  for (const line of ["Learning intention: compare fractions.", "Warm-up: number talk (5 min).", "Exit ticket: 3 questions."]) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(line)]);
    fragment.insert(fragment.length, [paragraph]);
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

export type MemoryFigures = {
  documents: number;
  connections: number;
  cycles: number;
  /** Heap growth per open document with its one client, after its content was written and the server went idle. */
  perDocumentKiB: number;
  /** Heap growth per extra client on an already open document. */
  perConnectionKiB: number;
  /** Heap growth over `cycles` connect → sync → disconnect cycles on an open document. */
  afterCyclesKiB: number;
  /** Heap left above the starting point once every client has left. */
  retainedAfterAllLeftKiB: number;
  /** Documents the peer holds in memory: with every client connected, and once all have left. */
  documentsInMemoryWhileOpen: number;
  documentsInMemoryAfterAllLeft: number;
  /** Buffers outside the heap (ws, Yjs updates) per open document. */
  perDocumentArrayBuffersKiB: number;
  baselineHeapMiB: number;
  cyclesMs: number;
};

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measurePeer(peer: Peer, plan: Plan, school: BenchSchool, generator: Child): Promise<MemoryFigures> {
  const heap = () => peer.heap({ rounds: plan.gcRounds });
  try {
    const content = Buffer.from(smallPlan()).toString("base64");
    const token = (i: number) => school.tokens[i % school.tokens.length]!;
    const open = (args: OpenArgs) => generator.request<{ opened: number }>("open", args);
    const close = (group: string) => generator.request("close", { group });

    trace(`memory: ${peer.name}`);
    // Warm-up outside the measurement: modules, JIT, pools, first queries.
    const warm = await school.createDocuments(3);
    await open({ group: "warm", clients: warm.map((id, i) => peer.endpoint(id, token(i))), content });
    // As many cycles at once as measured later, so pools and caches reach their working size first.
    await generator.request("cycles", { endpoint: peer.endpoint(warm[0]!, token(0)), count: Math.ceil(plan.cycles / 10), concurrency: plan.cycleConcurrency });
    await close("warm");
    await sleep(plan.pauseMs + 200);

    trace("memory: warmed up");
    const ids = await school.createDocuments(plan.documents);
    const start = await heap();
    await open({ group: "documents", clients: ids.map((id, i) => peer.endpoint(id, token(i))), content, concurrency: 20 });
    // Idle, as an open document mostly is (Staffroom drops its rehearsal copy after 2 s without edits).
    await sleep(plan.settleMs);
    const documentsOpen = await heap();
    const documentsInMemoryWhileOpen = await peer.documents();
    trace("memory: documents open");

    await open({ group: "connections", clients: Array.from({ length: plan.connections }, (_, i) => peer.endpoint(ids[0]!, token(i))), concurrency: 20 });
    const connectionsOpen = await heap();
    trace("memory: connections open");
    await close("connections");
    await sleep(plan.pauseMs);
    const beforeCycles = await heap();
    const cycled = await generator.request<{ ms: number }>("cycles", {
      endpoint: peer.endpoint(ids[1]!, token(1)),
      count: plan.cycles,
      concurrency: plan.cycleConcurrency,
    });
    await sleep(plan.pauseMs);
    const afterCycles = await heap();
    trace("memory: cycled");

    await close("documents");
    // Past Staffroom's unload delay (200 ms here) and Hocuspocus' asynchronous unload.
    await sleep(plan.pauseMs + 300);
    const allLeft = await heap();
    const documentsInMemoryAfterAllLeft = await peer.documents();

    const per = (a: HeapReport, b: HeapReport, n: number, key: keyof HeapReport = "heapUsed") => kib((b[key] - a[key]) / n);
    return {
      documents: plan.documents,
      connections: plan.connections,
      cycles: plan.cycles,
      perDocumentKiB: per(start, documentsOpen, plan.documents),
      perConnectionKiB: per(documentsOpen, connectionsOpen, plan.connections),
      afterCyclesKiB: per(beforeCycles, afterCycles, 1),
      retainedAfterAllLeftKiB: per(start, allLeft, 1),
      documentsInMemoryWhileOpen,
      documentsInMemoryAfterAllLeft,
      perDocumentArrayBuffersKiB: per(start, documentsOpen, plan.documents, "arrayBuffers"),
      baselineHeapMiB: Math.round((start.heapUsed / 2 ** 20) * 10) / 10,
      cyclesMs: cycled.ms,
    };
  } finally {
    await generator.request("close", { group: "documents" }).catch(() => {});
  }
}

async function run({ smoke }: { smoke: boolean }): Promise<SectionResult> {
  const plan = smoke ? SMOKE : FULL;
  trace("memory: start");
  const database = await createSchoolDatabase("memory");
  // Every process starts at once; each peer is then measured alone while the others sit idle.
  // Staffroom unloads a document 5 s after its last client by default; 200 ms here, so "all
  // left" is reached within the benchmark (Hocuspocus unloads at once, @y/websocket-server never).
  const starting: Promise<[Child, ...Peer[]]> = Promise.all([
    startChild(path.join(import.meta.dirname, "generator.ts")),
    ...PEERS.map((name) => startPeer(name, { databaseUrl: database.databaseUrl, env: { COLLAB_UNLOAD_AFTER_MS: "200" } })),
  ]);
  starting.catch(() => {});
  try {
    const school = await database.populate();
    trace("memory: school ready");
    const [generator, ...peers] = await starting;
    trace("memory: processes started");
    const figures = {} as Record<PeerName, MemoryFigures>;
    for (const peer of peers) figures[peer.name] = await measurePeer(peer, plan, school, generator);

    const table = [
      [
        "peer",
        "heap per open document (KiB)",
        "heap per connection (KiB)",
        `heap growth after ${plan.cycles} connect/disconnect cycles (KiB)`,
        "heap retained after all left (KiB)",
        "documents still in memory",
      ],
    ];
    for (const name of PEERS) {
      const f = figures[name];
      table.push([
        name,
        String(f.perDocumentKiB),
        String(f.perConnectionKiB),
        String(f.afterCyclesKiB),
        String(f.retainedAfterAllLeftKiB),
        String(f.documentsInMemoryAfterAllLeft),
      ]);
    }
    return {
      id: "yjs-memory",
      title: "Yjs server memory",
      method:
        `Each peer in a fresh process of its own with --expose-gc (all started together, measured one after another), reporting heapUsed after repeated gc over IPC; clients in the generator process. After a warm-up: ${plan.documents} documents opened by one client each, ` +
        `which writes a small lesson plan (~150 characters) and waits until the server holds it, then ${plan.settleMs} ms idle → per document; ${plan.connections} more clients on one open document → per connection; ` +
        `${plan.cycles} connect → sync → disconnect cycles (${plan.cycleConcurrency} at a time) on another open document → growth; then every client leaves → retained.`,
      figures,
      table,
      notes: [
        "Per document includes its one connection. Staffroom authenticates every connection against PostgreSQL and keeps each document's awareness, update log state and (while edits flow) a rehearsal copy; it unloads a document 200 ms after its last client here (COLLAB_UNLOAD_AFTER_MS=200; the default is 5 s).",
        "@y/websocket-server without persistence never unloads a document (its docs map keeps it), so its retained heap holds every document opened.",
        "Heap figures move by a few hundred KiB between gc runs: growth figures under ~500 KiB over a whole phase are noise. Retained heap includes caches that grow with the documents a process has seen (Staffroom's action-plan projection remembers each document's kind, up to 10,000) and connection pools at their working size.",
      ],
    };
  } finally {
    const started = await starting.catch(() => null);
    await Promise.all((started ?? []).map((process) => process.stop()));
    await database.close();
  }
}

export const section: Section = { id: "yjs-memory", run };

if (isMain(import.meta.filename)) await runDirectly(section);
