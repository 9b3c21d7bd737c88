// The live-document figures for the closing note of issue 3, measured on real PostgreSQL:
//   - cold load of a document with a 10,000-update history (the registry's load path),
//   - compaction of that history into Document.state (through a Y.Doc),
//   - heap per open document (small lesson plans), after gc.
//
//   npx tsx bench/collab-figures.ts        (PostgreSQL at TEST_POSTGRES_URL or 127.0.0.1:5432)
//
// Writes bench/results/collab-figures.json and prints a short table.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { LiveDocument } from "../api/src/collab/live-document.ts";
import { DocumentPersistence } from "../api/src/collab/persistence.ts";
import { DocumentRegistry } from "../api/src/collab/registry.ts";
import { openDatabase } from "../api/src/db/client.ts";
import { createTestDatabase } from "../test/support/database.ts";
import { settledHeap } from "../test/support/heap.ts";
import { buildSchoolFixture } from "../test/support/school-fixture.ts";

const HISTORY = 10_000;
const RUNS = 5;
const OPEN_DOCUMENTS = 500;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** 10,000 one-character edits (inserts, and a delete every seventh) as separate updates. */
function history(): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const text = doc.getText("body");
  let seed = 3;
  for (let i = 0; i < HISTORY; i++) {
    seed = (seed * 16807) % 2147483647;
    if (i % 7 === 6 && text.length > 2) text.delete(seed % (text.length - 1), 1);
    else text.insert(seed % (text.length + 1), String.fromCharCode(97 + (i % 26)));
  }
  return { updates, text: text.toString() };
}

/** A small lesson plan as one Yjs state: a title line and a few paragraphs. */
function smallPlan(i: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("body").insert(0, `Lesson ${i}: equivalent fractions with fraction strips.`);
  const fragment = doc.getXmlFragment("default");
  for (const line of ["Learning intention: compare fractions.", "Warm-up: number talk (5 min).", "Exit ticket: 3 questions."]) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(line)]);
    fragment.insert(fragment.length, [paragraph]);
  }
  return Y.encodeStateAsUpdate(doc);
}

async function main() {
  const database = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent" });
  try {
    const fx = await buildSchoolFixture(db.prisma, "bench");
    const persistence = new DocumentPersistence(db.prisma);
    const newDocument = (title: string, state: Uint8Array | null = null) =>
      db.prisma.document.create({
        data: { groupId: fx.peerGroupId, creatorId: fx.people.peerMember.id, kind: "LESSON_PLAN", title, state: state ? Buffer.from(state) : null },
      });

    // A 10,000-update history.
    const { updates, text } = history();
    const long = await newDocument("A long meeting");
    const writeHistory = async () => {
      await db.prisma.document.update({ where: { id: long.id }, data: { state: null } });
      await db.prisma.documentUpdate.deleteMany({ where: { documentId: long.id } });
      for (let i = 0; i < updates.length; i += 1000) {
        await db.prisma.documentUpdate.createMany({ data: updates.slice(i, i + 1000).map((u) => ({ documentId: long.id, update: Buffer.from(u) })) });
      }
    };
    await writeHistory();

    // Cold load, as the registry does it on first connection (without the compaction it then starts).
    const loadOnce = async () => {
      const live = new LiveDocument(long.id, persistence, { onApplied() {}, onManyUpdates() {} });
      const started = performance.now();
      await live.load();
      const ms = performance.now() - started;
      if (live.doc.getText("body").toString() !== text) throw new Error("loaded the wrong content");
      live.destroy();
      return ms;
    };
    await loadOnce(); // warm the Prisma client and the PostgreSQL cache: "cold" means not in our memory
    const loadMs: number[] = [];
    for (let i = 0; i < RUNS; i++) loadMs.push(await loadOnce());

    // Compaction of the whole history into Document.state.
    const compactMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await writeHistory();
      const started = performance.now();
      const { folded } = await persistence.compact(long.id);
      compactMs.push(performance.now() - started);
      if (folded !== HISTORY) throw new Error(`compaction folded ${folded} updates`);
    }
    const compactedLoadMs: number[] = [];
    for (let i = 0; i < RUNS; i++) compactedLoadMs.push(await loadOnce());
    const stateBytes = (await db.prisma.document.findUniqueOrThrow({ where: { id: long.id }, select: { state: true } })).state!.length;

    // Heap per open document: N small plans opened through the registry, then each edited once.
    const ids: string[] = [];
    for (let i = 0; i < OPEN_DOCUMENTS; i++) ids.push((await newDocument(`Plan ${i}`, smallPlan(i))).id);
    const registry = new DocumentRegistry(persistence, { unloadAfterMs: 60_000 });
    await registry.acquire(ids[0]!); // module-level and client warm-up outside the measurement
    registry.release(ids[0]!);
    await registry.closeAll();
    const heapBefore = await settledHeap(4, 25);
    const open = await Promise.all(ids.map((id) => registry.acquire(id)));
    const heapOpen = await settledHeap(4, 25);
    for (const live of open) {
      const edit = new Y.Doc();
      Y.applyUpdate(edit, Y.encodeStateAsUpdate(live.doc));
      const before = Y.encodeStateVector(edit);
      edit.getText("body").insert(0, "Revised: ");
      await live.submit(Y.encodeStateAsUpdate(edit, before), "bench");
      edit.destroy();
    }
    await Promise.all(open.map((live) => live.flush()));
    const heapEdited = await settledHeap(4, 25);
    await registry.closeAll();

    const figures = {
      measuredAt: new Date().toISOString(),
      machine: {
        node: process.version,
        cpu: os.cpus()[0]?.model ?? "unknown",
        cores: os.cpus().length,
        database: "PostgreSQL (TEST_POSTGRES_URL or 127.0.0.1:5432)",
      },
      historyLoad: {
        updates: HISTORY,
        textLength: text.length,
        coldLoadMsMedian: round(median(loadMs)),
        coldLoadMs: loadMs.map((n) => round(n)),
        afterCompactionLoadMsMedian: round(median(compactedLoadMs)),
      },
      compaction: { updates: HISTORY, msMedian: round(median(compactMs)), ms: compactMs.map((n) => round(n)), compactedStateBytes: stateBytes },
      memoryPerOpenDocument: {
        documents: OPEN_DOCUMENTS,
        content: "a title line and three paragraphs (~150 characters)",
        openedKiB: round((heapOpen - heapBefore) / OPEN_DOCUMENTS / 1024),
        openedAndEditedKiB: round((heapEdited - heapBefore) / OPEN_DOCUMENTS / 1024),
      },
    };
    const out = path.resolve(import.meta.dirname, "results/collab-figures.json");
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);

    console.table({
      [`cold load, ${HISTORY}-update history`]: { value: figures.historyLoad.coldLoadMsMedian, unit: "ms (median of 5)" },
      [`compaction of ${HISTORY} updates`]: { value: figures.compaction.msMedian, unit: "ms (median of 5)" },
      "load after compaction": { value: figures.historyLoad.afterCompactionLoadMsMedian, unit: "ms (median of 5)" },
      "heap per open document": { value: figures.memoryPerOpenDocument.openedKiB, unit: `KiB (${OPEN_DOCUMENTS} small plans)` },
      "heap per open, edited document": { value: figures.memoryPerOpenDocument.openedAndEditedKiB, unit: "KiB (with its rehearsal copy)" },
    });
    console.log(`written to ${path.relative(process.cwd(), out)}`);
  } finally {
    await db.close();
    await database.drop();
  }
}

await main();
