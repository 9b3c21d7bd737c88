// For tests of what the server stores after access ends: an edit as a y-websocket frame, sent by
// a raw socket that never reads (so it cannot know it was closed), and the document as it is in
// PostgreSQL once everything the server had queued was written.
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { DocumentPersistence } from "@staffroom/api/testing";
import type { DocumentRegistry } from "@staffroom/api/testing";
import type { TestApp } from "./app.ts";

/** An edit from a fresh Yjs client: inserts `text` into the body, independent of anything else. */
export function editFrame(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("body").insert(0, text);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return encoding.toUint8Array(encoder);
}

/** The document's body as stored in PostgreSQL, once every update the server had queued was written. */
export async function storedText(app: TestApp, documentId: string): Promise<string> {
  const registry = app.documents as unknown as DocumentRegistry;
  const live = await registry.acquire(documentId);
  await live.flush();
  registry.release(documentId);
  const stored = await new DocumentPersistence(app.db.prisma, app.db.sql).load(documentId);
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc.getText("body").toString();
}
