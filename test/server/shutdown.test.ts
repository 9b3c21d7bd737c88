// SIGTERM with stalled clients (issue 9, item 4): the api runs as its own process; one
// websocket on /collab and one on /graphql never read and never answer a close. The process
// must still exit, with code 0, in bounded time (a container runtime's usual 10 s grace), and an
// edit other clients had already seen must be in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentPersistence, openDatabase, type Database } from "@staffroom/api/testing";
import { connectClient, eventually, synced, type Client } from "../support/collab.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { frame, openRawWebSocket, type RawWebSocket } from "../support/raw-websocket.ts";
import { buildSchoolFixture, type SchoolFixture } from "../support/school-fixture.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { factories } from "../support/factories.ts";

/** A container runtime's usual grace period between SIGTERM and SIGKILL. */
const GRACE_MS = 10_000;

let database: TestDatabase;
let db: Database;
let fx: SchoolFixture;
let server: ServerProcess | undefined;
const clients: Client[] = [];
const stalled: RawWebSocket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ databaseUrl: database.url, dataDir: "/nonexistent" });
  fx = await buildSchoolFixture(db.prisma, "shutdown");
});

afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of stalled) s.destroy();
  await server?.kill("SIGKILL");
  await db?.close();
  await database?.drop();
});

describe("SIGTERM", () => {
  it("exits with code 0 within the grace period while stalled websockets stay connected, with every seen edit stored", async () => {
    server = await startServerProcess({ databaseUrl: database.url });
    const { id: documentId } = await factories(db.prisma).document({
      groupId: fx.peerGroupId,
      creatorId: fx.people.peerMember.id,
      kind: "LESSON_PLAN",
      title: "Before the restart",
    });
    const wsBase = server.url.replace("http", "ws");

    // Stalled clients: upgraded, then never read again (so they never see, let alone answer, a close frame).
    const stalledCollab = await openRawWebSocket(`${wsBase}/collab/${documentId}?token=${encodeURIComponent(fx.people.peerMember3.token)}`);
    const stalledGraphql = await openRawWebSocket(`${wsBase}/graphql`, { protocol: "graphql-transport-ws" });
    stalledGraphql.socket.write(frame(Buffer.from(JSON.stringify({ type: "connection_init", payload: { token: fx.people.peerMember3.token } })), 1));
    stalled.push(stalledCollab, stalledGraphql);

    // An edit another client has seen: by the durability rule it is already stored.
    const writer = connectClient(server.url, documentId, fx.people.peerMember.token);
    const reader = connectClient(server.url, documentId, fx.people.peerMember2.token);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    writer.text.insert(0, "Seen before SIGTERM.");
    await eventually(() => reader.text.toString() === "Seen before SIGTERM.", "the edit reached the other client");

    const child = server.child;
    const exited = new Promise<{ code: number | null; stalledStillOpen: boolean }>((resolve) =>
      child.once("exit", (code) => resolve({ code, stalledStillOpen: stalled.every((s) => !s.socket.destroyed) })),
    );
    const deadline = new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), GRACE_MS).unref());
    const signalledAt = Date.now();
    child.kill("SIGTERM");
    const outcome = await Promise.race([exited, deadline]);
    console.log(`SIGTERM → exit: ${Date.now() - signalledAt} ms`);
    expect(outcome, server.output()).not.toBe("still running");
    expect(outcome).toEqual({ code: 0, stalledStillOpen: true });

    const stored = await new DocumentPersistence(db.prisma).load(documentId);
    const doc = new Y.Doc();
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    expect(doc.getText("body").toString()).toBe("Seen before SIGTERM.");
  });
});
