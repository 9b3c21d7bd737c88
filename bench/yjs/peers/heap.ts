// What a peer reports when asked for its memory: the heap after garbage collection settles
// (the launchers run with --expose-gc), plus the buffers outside the heap.
import { settledHeap } from "../../../test/support/heap.ts";

export type HeapReport = { heapUsed: number; arrayBuffers: number; external: number; rss: number };

/** `rounds` of gc with `pauseMs` between them (for finalizers); smoke runs ask for one. */
export async function heapReport({ rounds = 4, pauseMs = 25 }: { rounds?: number; pauseMs?: number } = {}): Promise<HeapReport> {
  const heapUsed = await settledHeap(rounds, pauseMs);
  const { arrayBuffers, external, rss } = process.memoryUsage();
  return { heapUsed, arrayBuffers, external, rss };
}
