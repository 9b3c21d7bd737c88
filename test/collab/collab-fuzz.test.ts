// Bad input over /collab: thousands of random and mutated y-websocket frames, oversized frames
// and floods. Every bad frame ends its connection with a clear close code (or was valid and
// harmless), the server keeps serving, and every document stays intact.
// The PRNG is seeded: a failure prints its seed; rerun with FUZZ_SEED=<seed>.
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { DocumentPersistence } from "@staffroom/api/testing";
import { startTestApp, type TestApp } from "../support/app.ts";
import { connectClient, eventually, synced } from "../support/collab.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const FRAMES_PER_DOCUMENT = 1000;
const PARALLEL = 24;
/** Codes a bad frame may end with: too big, malformed/unknown. */
const CLEAR_CODES = new Set([1009, 4400]);

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Real y-websocket frames a client of `content` could send: sync steps, updates, awareness. */
function validFrames(content: Y.Doc): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(content));
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const text = doc.getText("body");
  text.insert(Math.min(3, text.length), "fuzz ");
  if (text.length > 6) text.delete(1, 4);
  text.format(0, Math.min(4, text.length), { bold: true });
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", "2");
  heading.insert(0, [new Y.XmlText("Success criteria")]);
  doc.getXmlFragment("default").insert(0, [heading]);
  if (doc.getXmlFragment("default").length > 1) doc.getXmlFragment("default").delete(1, 1);
  const item = new Y.Map<unknown>();
  item.set("id", "fuzz-item");
  item.set("title", "Check exit tickets");
  item.set("owners", ["someone"]);
  doc.getArray("actionItems").push([item]);
  doc.getMap("meta").set("tags", ["fractions", 4, null, { deep: true }]);

  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: "Fuzz", color: "#123456" }, cursor: { anchor: 1, head: 4 } });
  const frames = [
    frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    }),
    frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(content));
    }),
    ...updates.map((update) =>
      frame((e) => {
        encoding.writeVarUint(e, 0);
        syncProtocol.writeUpdate(e, update);
      }),
    ),
    frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    }),
    Uint8Array.of(3), // query awareness
    Uint8Array.of(2, 0), // auth
  ];
  awareness.destroy();
  doc.destroy();
  return frames;
}

type Fuzz = { kind: string; data: Uint8Array | string };

function mutate(base: Uint8Array): Fuzz {
  const bytes = Uint8Array.from(base);
  switch (int(7)) {
    case 0: {
      const flips = 1 + int(3);
      for (let i = 0; i < flips; i++) bytes[int(bytes.length)] = int(256);
      return { kind: "flipped", data: bytes };
    }
    case 1:
      return { kind: "truncated", data: bytes.slice(0, int(bytes.length)) };
    case 2:
      return { kind: "extended", data: Uint8Array.from([...bytes, ...randomBytes(1 + int(40))]) };
    case 3:
      bytes[0] = int(256);
      return { kind: "retyped", data: bytes };
    case 4: {
      // A length prefix (just after the type and sync step) made to lie.
      const at = Math.min(bytes.length - 1, 1 + int(3));
      bytes[at] = int(256);
      return { kind: "lying length", data: bytes };
    }
    case 5: {
      const start = int(bytes.length);
      bytes.copyWithin(start, int(bytes.length));
      return { kind: "shuffled", data: bytes };
    }
    default:
      return { kind: "bit flip", data: bytes.map((b, i) => (i === int(bytes.length) ? b ^ (1 << int(8)) : b)) };
  }
}

function randomFrame(bases: Uint8Array[]): Fuzz {
  const roll = random();
  if (roll < 0.6) return mutate(pick(bases));
  if (roll < 0.75) return { kind: "random bytes", data: randomBytes(int(64)) };
  if (roll < 0.85) return { kind: "random type", data: Uint8Array.from([int(128) + 4, ...randomBytes(int(16))]) };
  if (roll < 0.9) return { kind: "text frame", data: String.fromCharCode(...randomBytes(1 + int(30))) };
  if (roll < 0.95) return { kind: "unknown sync step", data: Uint8Array.of(0, 3 + int(120), 1, int(256)) };
  return { kind: "empty", data: new Uint8Array(0) };
}

type Outcome = { code: number | null; answered: boolean };

/**
 * Opens a connection, sends `frames`, then a sync step 1 probe. "answered" means the server
 * replied with a sync step 2 after processing everything before the probe.
 */
function send(url: string, frames: (Uint8Array | string)[], probe = true): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let answered = false;
    let sent = false;
    const timer = setTimeout(() => {
      ws.terminate();
      resolve({ code: null, answered });
    }, 5_000);
    ws.on("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.on("error", () => {});
    ws.on("open", () => {
      for (const data of frames) ws.send(data, { binary: typeof data !== "string" });
      if (probe) ws.send(Uint8Array.of(0, 0, 1, 0)); // sync step 1 with an empty state vector
      sent = true;
      if (!probe) return;
    });
    ws.on("message", (data: Buffer) => {
      if (!sent || answered || data[0] !== 0 || data[1] !== 1) return;
      answered = true;
      // Give a late close (an edit that failed to save: 1011) time to show before leaving.
      setTimeout(() => ws.close(1000), 20);
    });
    ws.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, answered });
    });
  });
}

async function inParallel<T>(items: T[], run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

type Picture = { text: string; xml: string; items: string; state: Uint8Array; sv: Uint8Array };
function picture(doc: Y.Doc): Picture {
  return {
    text: doc.getText("body").toString(),
    xml: doc.getXmlFragment("default").toString(),
    items: JSON.stringify(doc.getArray("actionItems").toJSON()),
    state: Y.encodeStateAsUpdate(doc),
    sv: Y.encodeStateVector(doc),
  };
}

async function fromDatabase(documentId: string): Promise<Y.Doc> {
  const stored = await new DocumentPersistence(app.db.prisma).load(documentId);
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

let app: TestApp;
let fx: SchoolFixture;
let writable: string; // the fuzzer may edit it: valid mutations are legitimate edits
let readOnly: string; // shared with coaches; the fuzzer connects as the coach
let untouched: string; // nobody connects
const before = new Map<string, Picture>();

beforeAll(async () => {
  console.log(`collab fuzz seed: ${SEED} (rerun with FUZZ_SEED=${SEED})`);
  app = await startTestApp({ collab: { unloadAfterMs: 20 } });
  fx = await buildSchoolFixture(app.db.prisma, "fuzz");
  const create = async (title: string, shared: boolean) => {
    const doc = await app.make.document({
      groupId: fx.peerGroupId,
      creatorId: fx.people.peerMember.id,
      kind: "LESSON_PLAN",
      title,
      sharedWithCoachesAt: shared ? new Date() : null,
    });
    await app.documents.change(doc.id, (d) => {
      d.getText("body").insert(0, `${title}: learning intention, success criteria, exit ticket.`);
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(`${title} — warm-up with fraction strips`)]);
      d.getXmlFragment("default").insert(0, [paragraph]);
    });
    return doc.id;
  };
  writable = await create("Writable plan", false);
  readOnly = await create("Shared plan", true);
  untouched = await create("Untouched plan", false);
  for (const id of [writable, readOnly, untouched]) before.set(id, picture(await app.documents.read(id)));
});

afterAll(async () => {
  await app?.close();
});

const collabUrl = (documentId: string, token: string) => `${app.url.replace("http", "ws")}/collab/${documentId}?token=${encodeURIComponent(token)}`;

describe("frames that must close the connection", () => {
  it("closes an oversized frame (> 4 MiB) with 1009", async () => {
    const outcome = await send(collabUrl(writable, fx.people.peerMember.token), [new Uint8Array(4 * 1024 * 1024 + 16)]);
    expect(outcome).toEqual({ code: 1009, answered: false });
  });

  it("slows a flood of more than 300 frames a second down instead of closing: every frame is handled", async () => {
    // y-websocket's provider gives up for good on 4400–4499: closing a burst would strand its later edits.
    const outcome = await send(
      collabUrl(writable, fx.people.peerMember.token),
      Array.from({ length: 400 }, () => Uint8Array.of(2, 0)),
    );
    expect(outcome).toEqual({ code: 1000, answered: true });
  });

  it.each([
    ["a text frame", "hello"],
    ["an unknown message type", Uint8Array.of(9, 1, 2)],
    ["an unknown sync step", Uint8Array.of(0, 7, 0)],
    ["an update whose length lies", Uint8Array.of(0, 2, 200, 1, 2)],
    ["an update that does not decode", Uint8Array.of(0, 2, 4, 255, 255, 255, 255)],
    ["an empty frame", new Uint8Array(0)],
  ])("closes %s with 4400", async (_what, data) => {
    expect(await send(collabUrl(writable, fx.people.peerMember.token), [data])).toEqual({ code: 4400, answered: false });
  });
});

/**
 * An update that decodes (Y.decodeUpdate accepts it) but throws inside Yjs when integrated:
 * one string item whose parent is a later clock of its own client.
 */
function unintegrableUpdateFrame(): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0); // sync
    encoding.writeVarUint(e, 2); // update
    encoding.writeVarUint8Array(
      e,
      frame((u) => {
        encoding.writeVarUint(u, 1); // one client
        encoding.writeVarUint(u, 1); // one struct
        encoding.writeVarUint(u, 424242); // client
        encoding.writeVarUint(u, 0); // first clock
        encoding.writeUint8(u, 4); // an Item with string content, no origins
        encoding.writeVarUint(u, 0); // parent given as an id…
        encoding.writeVarUint(u, 424242);
        encoding.writeVarUint(u, 5); // …of its own client, at a clock it has not reached
        encoding.writeVarString(u, "poison");
        encoding.writeVarUint(u, 0); // empty delete set
      }),
    );
  });
}

describe("an update that decodes but cannot be integrated", () => {
  it("is refused with 4400 before it is stored; the server and the document carry on", async () => {
    const document = await app.make.document({ groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title: "Poisoned?" });
    await app.documents.change(document.id, (d) => d.getText("body").insert(0, "Still here."));
    const storedClients = async () => {
      const rows = await app.db.prisma.documentUpdate.findMany({ where: { documentId: document.id }, select: { update: true } });
      const { state } = await app.db.prisma.document.findUniqueOrThrow({ where: { id: document.id }, select: { state: true } });
      return [...(state ? [state] : []), ...rows.map((r) => r.update)].flatMap((u) => Y.decodeUpdate(u).structs.map((struct) => struct.id.client));
    };

    const outcome = await send(collabUrl(document.id, fx.people.peerMember.token), [unintegrableUpdateFrame()]);
    expect(outcome.code).toBe(4400);
    expect(await storedClients()).not.toContain(424242);

    // Edits before and after it still flow, and the document reloads from the database.
    const client = connectClient(app.url, document.id, fx.people.peerMember2.token);
    try {
      await synced(client);
      client.text.insert(client.text.length, " And editable.");
      await eventually(
        async () => (await app.documents.read(document.id)).getText("body").toString() === "Still here. And editable.",
        "edit after the refused update",
      );
    } finally {
      client.close();
    }
    expect((await fromDatabase(document.id)).getText("body").toString()).toBe("Still here. And editable.");
    expect(await storedClients()).not.toContain(424242);
  });
});

describe(`random and mutated frames (seed ${SEED})`, () => {
  it("ends every bad frame with a clear close code, and leaves every document intact", async () => {
    // Mutations of frames made against each document's real content reach deeper than
    // mutations of frames made against an empty document.
    const basesByDocument = new Map([
      [writable, validFrames(await app.documents.read(writable))],
      [readOnly, validFrames(await app.documents.read(readOnly))],
    ]);
    const cases = [
      { documentId: writable, token: fx.people.peerMember.token },
      { documentId: readOnly, token: fx.people.coach.token },
    ].flatMap((c) => Array.from({ length: FRAMES_PER_DOCUMENT }, () => c));
    const protectedIds = [readOnly, untouched];
    const editedAt = async () =>
      Object.fromEntries(
        (await app.db.prisma.document.findMany({ where: { id: { in: protectedIds } }, select: { id: true, updatedAt: true } })).map((d) => [
          d.id,
          d.updatedAt.getTime(),
        ]),
      );
    const protectedEditedAt = await editedAt();
    const surprises: string[] = [];
    const tally = new Map<string, number>();
    await inParallel(cases, async ({ documentId, token }) => {
      const fuzz = randomFrame(basesByDocument.get(documentId)!);
      const outcome = await send(collabUrl(documentId, token), [fuzz.data]);
      // An update Yjs cannot integrate is refused once tried, possibly after the probe's answer.
      const verdict =
        outcome.code !== null && CLEAR_CODES.has(outcome.code) ? `closed ${outcome.code}` : outcome.answered && outcome.code === 1000 ? "harmless" : "SURPRISE";
      tally.set(`${fuzz.kind}: ${verdict}`, (tally.get(`${fuzz.kind}: ${verdict}`) ?? 0) + 1);
      if (verdict === "SURPRISE") {
        const bytes = typeof fuzz.data === "string" ? JSON.stringify(fuzz.data) : Buffer.from(fuzz.data).toString("hex");
        surprises.push(`${fuzz.kind} ${bytes} → ${JSON.stringify(outcome)}`);
      }
    });
    console.log(`collab fuzz (seed ${SEED}):`, Object.fromEntries([...tally].sort()));
    expect(surprises).toEqual([]);
    // The fuzz did exercise both paths.
    expect([...tally.keys()].some((k) => k.endsWith("harmless"))).toBe(true);
    expect([...tally.keys()].some((k) => k.endsWith("closed 4400"))).toBe(true);

    // The server still serves: a real client syncs, edits, and the edit is kept.
    const client = connectClient(app.url, writable, fx.people.peerMember2.token);
    let served: Picture;
    try {
      await synced(client);
      expect(client.text.toString()).toBe((await app.documents.read(writable)).getText("body").toString());
      client.text.insert(0, "After the storm. ");
      await eventually(async () => (await app.documents.read(writable)).getText("body").toString().startsWith("After the storm. "), "edit after fuzzing kept");
      served = picture(await app.documents.read(writable));
    } finally {
      client.close();
    }

    // Every document unloads (no connection or reference leaked), then comes back from the
    // database exactly as the server held it.
    await eventually(() => app.documents.loadedCount === 0, "every document unloaded after the fuzzing", 10_000);
    const rows = await app.db.prisma.documentUpdate.findMany({ select: { update: true } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(() => Y.decodeUpdate(row.update)).not.toThrow();
    const reloaded = picture(await fromDatabase(writable));
    expect(reloaded.text).toBe(served.text);
    expect(reloaded.xml).toBe(served.xml);
    expect(reloaded.items).toBe(served.items);
    expect(Buffer.from(reloaded.sv).equals(Buffer.from(served.sv))).toBe(true);

    // Nothing the read-only fuzzer (or nobody) could change has changed, to the byte.
    expect(await editedAt()).toEqual(protectedEditedAt);
    for (const id of protectedIds) {
      const now = picture(await fromDatabase(id));
      const then = before.get(id)!;
      expect(now.text).toBe(then.text);
      expect(now.xml).toBe(then.xml);
      expect(now.items).toBe(then.items);
      expect(Buffer.from(now.sv).equals(Buffer.from(then.sv))).toBe(true);
    }
  });
});
