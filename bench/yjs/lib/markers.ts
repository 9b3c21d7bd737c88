// What the fan-out writers type: "<w:seq>" markers, so every receiver can tell which writer's
// which update a payload carries, whatever the server did to it (Hocuspocus merges the updates
// of one event-loop turn into one message; a full state merges everything).
import * as Y from "yjs";

export function marker(writer: number, seq: number): string {
  return `<${writer}:${seq}>`;
}

const MARKER = /<(\d+):(\d+)>/g;

/** Every (writer, seq) whose marker text `update` inserts, as a flat [w0, s0, w1, s1, …] list. */
export function markersIn(update: Uint8Array): number[] {
  const found: number[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
    for (const match of struct.content.str.matchAll(MARKER)) found.push(Number(match[1]), Number(match[2]));
  }
  return found;
}

/**
 * markersIn with a small cache: a server broadcasts the same bytes to every receiver, so the
 * generator decodes each distinct message once instead of once per receiver.
 */
export function cachedMarkers(limit = 2_000): (update: Uint8Array) => number[] {
  const cache = new Map<string, number[]>();
  return (update) => {
    const key = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("base64");
    let found = cache.get(key);
    if (!found) {
      found = markersIn(update);
      cache.set(key, found);
      if (cache.size > limit) cache.delete(cache.keys().next().value!);
    }
    return found;
  };
}
