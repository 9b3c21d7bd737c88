// The three Yjs servers compared, each started in its own process (bench/yjs/peers/*.ts, with
// --expose-gc so it can report a settled heap), and how a client addresses a document on each.
import path from "node:path";
import type { HeapReport } from "../peers/heap.ts";
import { startChild, type Child } from "./child.ts";
import type { Endpoint } from "./lean-client.ts";

export const PEERS = ["Staffroom", "Hocuspocus 4.7", "@y/websocket-server 0.1.1"] as const;
export type PeerName = (typeof PEERS)[number];

const LAUNCHERS: Record<PeerName, string> = {
  Staffroom: "staffroom.ts",
  "Hocuspocus 4.7": "hocuspocus.ts",
  "@y/websocket-server 0.1.1": "y-websocket-server.ts",
};

export type Peer = {
  name: PeerName;
  port: number;
  /** Where a client opens `documentId` as the holder of `token` (ignored by the in-memory peers). */
  endpoint(documentId: string, token: string): Endpoint;
  heap(gc?: { rounds?: number; pauseMs?: number }): Promise<HeapReport>;
  /** How many documents the peer holds in memory right now. */
  documents(): Promise<number>;
  /** Any other command its launcher answers (peers/staffroom.ts: coldLoad). */
  request<T>(command: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
  output(): string;
};

export type StaffroomOptions = {
  databaseUrl: string;
  /** Extra environment for the api process (REDIS_URL, COLLAB_UNLOAD_AFTER_MS, …). */
  env?: Record<string, string | undefined>;
};

export async function startPeer(name: PeerName, staffroom: StaffroomOptions): Promise<Peer> {
  const env: Record<string, string | undefined> =
    name === "Staffroom"
      ? {
          DATABASE_URL: staffroom.databaseUrl,
          PORT: "0",
          HOST: "127.0.0.1",
          SEED_DEMO: "false",
          // One instance unless the section says otherwise.
          REDIS_URL: undefined,
          REDIS_PREFIX: undefined,
          ...staffroom.env,
        }
      : { PORT: "0" };
  // BENCH_CPU_PROFILE_DIR=<dir>: every peer writes a V8 CPU profile there when it stops.
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const profile = profileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`, `--cpu-prof-name=${name.replace(/\W+/g, "-")}-${Date.now()}.cpuprofile`]
    : [];
  const child: Child<{ port: number }> = await startChild(path.join(import.meta.dirname, "../peers", LAUNCHERS[name]), {
    env,
    nodeFlags: ["--expose-gc", ...profile],
  });
  const { port } = child.ready;
  const base = `ws://127.0.0.1:${port}`;
  return {
    name,
    port,
    endpoint(documentId, token) {
      if (name === "Staffroom")
        return { url: `${base}/collab/${documentId}?token=${encodeURIComponent(token)}`, framing: "y-websocket", documentName: documentId, token };
      if (name === "Hocuspocus 4.7") return { url: base, framing: "hocuspocus", documentName: documentId, token };
      return { url: `${base}/${documentId}`, framing: "y-websocket", documentName: documentId, token };
    },
    heap: (gc) => child.request<HeapReport>("heap", gc ?? {}),
    documents: () => child.request<number>("documents"),
    request: (command, args) => child.request(command, args),
    stop: () => child.stop(),
    output: () => child.output(),
  };
}

/** Runs of `peers` in alternating order: A,B,C then C,B,A, then A,B,C… */
export function alternating<T>(peers: readonly T[], rounds: number): T[][] {
  return Array.from({ length: rounds }, (_, round) => (round % 2 === 0 ? [...peers] : [...peers].reverse()));
}
