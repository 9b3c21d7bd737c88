// Document lifecycle under churn: 1000 connect/disconnect cycles against one document and
// against many end with nothing loaded and a flat heap; clients that vanish mid-upgrade leak
// nothing; a document with a 10,000-update history opens with the right content.
import net from "node:net";
import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { startTestApp, type TestApp } from "../support/app.ts";
import { connectClient, eventually, synced } from "../support/collab.ts";
import { settledHeap } from "../support/heap.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";

const CYCLES = 1000;
const PARALLEL = 8;
const MANY = 50;
/** Generous: a leak of one Y.Doc or socket per cycle would be tens of megabytes over 800 cycles. */
const MAX_HEAP_GROWTH_BYTES = 20 * 1024 * 1024;

let app: TestApp;
let fx: SchoolFixture;
let single: string;
const many: string[] = [];
const expectedText = new Map<string, string>();

beforeAll(async () => {
  app = await startTestApp({ collab: { unloadAfterMs: 20 } });
  fx = await buildSchoolFixture(app.db.prisma, "lifecycle");
  const create = async (title: string) => {
    const doc = await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title });
    const text = `${title}: launch, explore, discuss, exit ticket.`;
    await app.documents.change(doc.id, (d) => d.getText("body").insert(0, text));
    expectedText.set(doc.id, text);
    return doc.id;
  };
  single = await create("The busy plan");
  for (let i = 0; i < MANY; i++) many.push(await create(`Plan ${i}`));
  await eventually(() => app.documents.loadedCount === 0, "set-up documents unloaded");
});

afterAll(async () => {
  await app?.close();
});

const collabUrl = (documentId: string, token: string) => `${app.url.replace("http", "ws")}/collab/${documentId}?token=${encodeURIComponent(token)}`;

/** A raw y-websocket exchange: sync step 1 → the server's sync step 2 (the content) → close. */
function rawCycle(documentId: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(collabUrl(documentId, token));
    let text: string | null = null;
    ws.on("error", reject);
    ws.on("open", () => ws.send(Uint8Array.of(0, 0, 1, 0)));
    ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      text = doc.getText("body").toString();
      doc.destroy();
      ws.close(1000);
    });
    ws.on("close", () => (text === null ? reject(new Error("closed before sync")) : resolve(text)));
  });
}

async function providerCycle(documentId: string, token: string): Promise<string> {
  const client = connectClient(app.url, documentId, token);
  try {
    await synced(client);
    return client.text.toString();
  } finally {
    const closed = new Promise((resolve) => client.provider.ws?.addEventListener("close", resolve));
    client.close();
    await closed;
  }
}

async function cycles(from: number, to: number) {
  let next = from;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < to) {
        const i = next++;
        const documentId = i % 2 === 0 ? single : many[i % MANY]!;
        const token = i % 3 === 0 ? fx.people.peerMember.token : fx.people.peerMember2.token;
        // One cycle in ten through the real provider; the rest raw, which is much faster.
        const text = i % 10 === 0 ? await providerCycle(documentId, token) : await rawCycle(documentId, token);
        if (text !== expectedText.get(documentId)) throw new Error(`cycle ${i}: read ${JSON.stringify(text)}`);
      }
    }),
  );
}

describe("connect/disconnect churn", () => {
  it("1000 cycles on one document and on many end with nothing loaded and a flat heap", async () => {
    const updatedAtBefore = Object.fromEntries(
      (await app.db.prisma.document.findMany({ where: { id: { in: [single, ...many] } }, select: { id: true, updatedAt: true } })).map((d) => [
        d.id,
        d.updatedAt.toISOString(),
      ]),
    );
    await cycles(0, 200);
    await eventually(() => app.documents.loadedCount === 0, "unloaded after 200 cycles");
    const heapAt200 = await settledHeap();

    await cycles(200, CYCLES);
    await eventually(() => app.documents.loadedCount === 0, `unloaded after ${CYCLES} cycles`);
    const heapAtEnd = await settledHeap();
    console.log(`heap after gc: ${(heapAt200 / 2 ** 20).toFixed(1)} MB at cycle 200, ${(heapAtEnd / 2 ** 20).toFixed(1)} MB at cycle ${CYCLES}`);
    expect(heapAtEnd - heapAt200).toBeLessThan(MAX_HEAP_GROWTH_BYTES);

    // Still serving, and the churn changed nothing.
    expect(await rawCycle(single, fx.people.peerMember.token)).toBe(expectedText.get(single));
    await eventually(() => app.documents.loadedCount === 0, "unloaded again");
    // Reading is not editing: a client that only synced left no trace on the documents.
    const after = await app.db.prisma.document.findMany({ where: { id: { in: [single, ...many] } }, select: { id: true, updatedAt: true } });
    expect(Object.fromEntries(after.map((d) => [d.id, d.updatedAt.toISOString()]))).toEqual(updatedAtBefore);
  });

  it("a client that vanishes during the upgrade leaves nothing loaded", async () => {
    const { port } = new URL(app.url);
    await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) =>
          new Promise<void>((resolve) => {
            const socket = net.connect(Number(port), "127.0.0.1", () => {
              socket.write(
                `GET /collab/${i % 2 ? single : many[i]}?token=${encodeURIComponent(fx.people.peerMember.token)} HTTP/1.1\r\n` +
                  `Host: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
                  `Sec-WebSocket-Key: ${Buffer.from(`vanishing-key-${i}`.padEnd(16).slice(0, 16)).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
              );
              // Gone before the server has looked up the token.
              socket.destroy();
              resolve();
            });
            socket.on("error", () => resolve());
          }),
      ),
    );
    // A later, well-behaved client works, and once it leaves nothing stays loaded.
    expect(await rawCycle(single, fx.people.peerMember.token)).toBe(expectedText.get(single));
    await eventually(() => app.documents.loadedCount === 0, "no document kept loaded by a vanished client", 3_000);
  });
});

describe("a document with a 10,000-update history", () => {
  it("opens with the right content, then compacts in the background", async () => {
    const doc = await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "MEETING_NOTES", title: "A long meeting" });
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on("update", (update: Uint8Array) => updates.push(update));
    const text = author.getText("body");
    let seed = 3;
    for (let i = 0; i < 10_000; i++) {
      seed = (seed * 16807) % 2147483647;
      if (i % 7 === 6 && text.length > 2) text.delete(seed % (text.length - 1), 1);
      else text.insert(seed % (text.length + 1), String.fromCharCode(97 + (i % 26)));
    }
    expect(updates).toHaveLength(10_000);
    for (let i = 0; i < updates.length; i += 1000) {
      await app.db.prisma.documentUpdate.createMany({ data: updates.slice(i, i + 1000).map((u) => ({ documentId: doc.id, update: Buffer.from(u) })) });
    }

    const loadedBefore = app.documents.loadedCount;
    const client = connectClient(app.url, doc.id, fx.people.peerMember.token);
    try {
      await synced(client, 30_000);
      expect(client.text.toString()).toBe(text.toString());
    } finally {
      client.close();
    }
    // Opening it folded the log into the state (in the background, through a Y.Doc).
    await eventually(async () => (await app.db.prisma.documentUpdate.count({ where: { documentId: doc.id } })) === 0, "log compacted", 30_000);
    await eventually(() => app.documents.loadedCount === loadedBefore, "unloaded");
    expect((await app.documents.read(doc.id)).getText("body").toString()).toBe(text.toString());
    expect((await app.db.prisma.document.findUniqueOrThrow({ where: { id: doc.id } })).state).not.toBeNull();
  });
});
