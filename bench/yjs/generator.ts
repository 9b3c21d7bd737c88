// The load generator of the Yjs benchmarks: one child process, the same for every peer, holding
// every benchmark client (lib/lean-client.ts). The sections drive it over IPC:
//
//   fanout      N clients on one document, W of them writing "<w:seq>" markers at a fixed total
//               rate; returns every delivery's latency (receive time − the writer's send time,
//               both on this process' clock), deliveries, losses and what the server's state holds
//   open/close  clients kept open between requests (memory figures), optionally each writing content
//   cycles      connect → synced → disconnect, many times
//   firstSync   one client: connect → synced, timed (cold load end to end)
//
//   node --import tsx bench/yjs/generator.ts   (started by the sections, never by hand)
import * as Y from "yjs";
import { announceReady, serveRequests } from "./lib/child.ts";
import { connectAll, LeanClient, type Endpoint } from "./lib/lean-client.ts";
import { cachedMarkers, marker, markersIn } from "./lib/markers.ts";

export type FanoutArgs = {
  /** One endpoint per client; clients 0..writers-1 write, every client receives. */
  clients: Endpoint[];
  writers: number;
  /** Total for all writers together. */
  updatesPerSecond: number;
  /** Writing before the measured window (its updates count for losses, not for latency). */
  warmupMs: number;
  measureMs: number;
  /** How long to wait after the last write for deliveries still in flight. */
  drainMs: number;
  /** A fresh client that reads the server's whole state at the end. */
  verify: Endpoint;
  /** Pause between the last connection and the first write (presence announcements settle); default 200 ms. */
  settleMs?: number;
};

export type FanoutResult = {
  /** Latency of every delivery of an update sent in the measured window, ms. */
  samples: number[];
  updatesSent: number;
  /** Deliveries owed: every update to every client but its writer. */
  expectedDeliveries: number;
  deliveries: number;
  /** Deliveries that arrived within the measured window, for the rate. */
  windowDeliveries: number;
  measureMs: number;
  duplicates: number;
  /** Updates the server's final state lacks (read by a fresh client). */
  missingFromServerState: number;
  /** Clients the server closed during the run. */
  closedByServer: number;
  /** p99 of how late the generator sent updates against its schedule, ms (its own health). */
  sendLagP99Ms: number;
  connectMs: number;
};

const groups = new Map<string, LeanClient[]>();

function percentile99(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]!;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fanout(args: FanoutArgs): Promise<FanoutResult> {
  const { clients: endpoints, writers, updatesPerSecond, warmupMs, measureMs, drainMs } = args;
  const perWriter = updatesPerSecond / writers;
  const intervalMs = 1000 / perWriter;
  const total = Math.max(1, Math.round((perWriter * (warmupMs + measureMs)) / 1000));
  const sentAt = Array.from({ length: writers }, () => new Float64Array(total).fill(Number.NaN));
  const received = endpoints.map(() => Array.from({ length: writers }, () => new Uint8Array(total)));
  const docs = Array.from({ length: writers }, () => new Y.Doc());
  const markers = cachedMarkers();
  const samples: number[] = [];
  let deliveries = 0;
  let windowDeliveries = 0;
  let duplicates = 0;
  let measureFrom = Number.POSITIVE_INFINITY;
  let measureTo = Number.POSITIVE_INFINITY;

  const onPayload = (client: number) => (payload: Uint8Array, receivedAt: number) => {
    const found = markers(payload);
    for (let i = 0; i < found.length; i += 2) {
      const writer = found[i]!;
      const seq = found[i + 1]!;
      if (writer === client || writer >= writers || seq >= total) continue; // its own edit (Hocuspocus echoes it)
      const seen = received[client]![writer]!;
      if (seen[seq]) {
        duplicates++;
        continue;
      }
      seen[seq] = 1;
      deliveries++;
      const sent = sentAt[writer]![seq]!;
      if (sent >= measureFrom) samples.push(receivedAt - sent);
      if (receivedAt >= measureFrom && receivedAt < measureTo) windowDeliveries++;
    }
  };

  const connectStarted = performance.now();
  const clients = await connectAll(endpoints, (endpoint, index) => new LeanClient(endpoint, onPayload(index), index < writers ? docs[index]! : null), 20);
  const connectMs = performance.now() - connectStarted;
  try {
    await sleep(args.settleMs ?? 200); // let the presence announcements of the last connections settle

    // Each writer types its markers at its own pace, the writers spread evenly over one interval.
    const texts = docs.map((doc) => doc.getText("body"));
    const pendingUpdate: Array<Uint8Array | null> = docs.map(() => null);
    docs.forEach((doc, w) => {
      doc.on("update", (update: Uint8Array) => {
        pendingUpdate[w] = update;
      });
    });
    const next = new Array<number>(writers).fill(0);
    const lags: number[] = [];
    const start = performance.now() + 5;
    measureFrom = start + warmupMs;
    measureTo = measureFrom + measureMs;
    const dueAt = (w: number, seq: number) => start + (seq + w / writers) * intervalMs;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        let nextDue = Number.POSITIVE_INFINITY;
        for (let w = 0; w < writers; w++) {
          while (next[w]! < total && dueAt(w, next[w]!) <= now) {
            const seq = next[w]!;
            lags.push(now - dueAt(w, seq));
            texts[w]!.insert(texts[w]!.length, marker(w, seq));
            const update = pendingUpdate[w]!;
            sentAt[w]![seq] = performance.now();
            clients[w]!.sendUpdate(update);
            next[w] = seq + 1;
          }
          if (next[w]! < total) nextDue = Math.min(nextDue, dueAt(w, next[w]!));
        }
        if (nextDue === Number.POSITIVE_INFINITY) return resolve();
        setTimeout(tick, Math.max(0, nextDue - performance.now()));
      };
      setTimeout(tick, 5);
    });

    const updatesSent = writers * total;
    const expectedDeliveries = updatesSent * (endpoints.length - 1);
    const drainUntil = performance.now() + drainMs;
    while (deliveries < expectedDeliveries && performance.now() < drainUntil) await sleep(20);

    // The server's own state, through a fresh client: every marker must be there.
    const verifier = new LeanClient(args.verify);
    let missingFromServerState = updatesSent;
    try {
      await verifier.synced;
      const state = await verifier.requestState();
      const present = Array.from({ length: writers }, () => new Uint8Array(total));
      const found = markersIn(state);
      for (let i = 0; i < found.length; i += 2) {
        const row = present[found[i]!];
        if (row && found[i + 1]! < total) row[found[i + 1]!] = 1;
      }
      missingFromServerState = present.reduce((sum, row) => sum + row.length - row.reduce((a, b) => a + b, 0), 0);
    } finally {
      await verifier.close();
    }

    return {
      samples: samples.map(round2),
      updatesSent,
      expectedDeliveries,
      deliveries,
      windowDeliveries,
      measureMs,
      duplicates,
      missingFromServerState,
      closedByServer: clients.filter((c) => c.closedByServer).length,
      sendLagP99Ms: round2(percentile99(lags)),
      connectMs: round2(connectMs),
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    for (const doc of docs) doc.destroy();
  }
}

export type OpenArgs = {
  group: string;
  clients: Endpoint[];
  /** A Yjs update (base64) each client writes after its sync; resolves once the server holds it. */
  content?: string;
  concurrency?: number;
};

async function open({ group, clients: endpoints, content, concurrency }: OpenArgs): Promise<{ opened: number; ms: number }> {
  const started = performance.now();
  const update = content ? new Uint8Array(Buffer.from(content, "base64")) : null;
  const clients = await connectAll(endpoints, (endpoint) => new LeanClient(endpoint), concurrency ?? 10);
  groups.set(group, [...(groups.get(group) ?? []), ...clients]);
  if (update) {
    const expected = Y.decodeUpdate(update).structs.length;
    await Promise.all(
      clients.map(async (client) => {
        client.sendUpdate(update);
        // Staffroom stores before it applies, so the server may not hold it yet: ask until it does.
        for (let attempt = 0; ; attempt++) {
          const state = await client.requestState();
          if (Y.decodeUpdate(state).structs.length >= expected) return;
          if (attempt > 200) throw new Error(`the server never took the content of ${client}`);
          await sleep(10);
        }
      }),
    );
  }
  return { opened: clients.length, ms: round2(performance.now() - started) };
}

async function close({ group }: { group: string }): Promise<{ closed: number }> {
  const clients = groups.get(group) ?? [];
  groups.delete(group);
  await Promise.all(clients.map((c) => c.close()));
  return { closed: clients.length };
}

/** connect → synced → close, `count` times, `concurrency` at once. */
async function cycles({ endpoint, count, concurrency }: { endpoint: Endpoint; count: number; concurrency: number }): Promise<{ cycles: number; ms: number }> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const client = new LeanClient(endpoint);
      try {
        await client.synced;
      } finally {
        await client.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { cycles: count, ms: round2(performance.now() - started) };
}

/** One client on a document nobody has open: connect → first SyncStep2, and the size of that state. */
async function firstSync({ endpoint }: { endpoint: Endpoint }): Promise<{ ms: number; stateBytes: number; textLength: number }> {
  let state: Uint8Array | null = null;
  const started = performance.now();
  const client = new LeanClient(endpoint, (payload, _at, kind) => {
    if (kind === "state") state ??= payload;
  });
  try {
    await client.synced;
    const ms = performance.now() - started;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state!);
    const textLength = doc.getText("body").length;
    doc.destroy();
    return { ms: round2(ms), stateBytes: state!.byteLength, textLength };
  } finally {
    await client.close();
  }
}

serveRequests({ fanout, open, close, cycles, firstSync }, async () => {
  for (const group of [...groups.keys()]) await close({ group });
});
announceReady();
