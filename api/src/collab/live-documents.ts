// What the rest of the app (GraphQL resolvers, commands) may do with live documents.
import type * as Y from "yjs";

export interface LiveDocuments {
  /**
   * Applies `change` to the document as a server-side edit: the resulting Yjs update is
   * appended to the update log, then applied to the live document and broadcast, so every
   * connected editor sees it at once. Loads the document if no one has it open.
   */
  change(documentId: string, change: (doc: Y.Doc) => void): Promise<void>;
  /** A private copy of the document's current content, for reading. */
  read(documentId: string): Promise<Y.Doc>;
  /** Called whenever a document changed (after persistence), e.g. to project action items. */
  onChanged(listener: (documentId: string, doc: Y.Doc) => void): () => void;
  /** Called when a document is loaded into memory (e.g. to catch up a projection after a crash). */
  onLoaded(listener: (documentId: string, doc: Y.Doc) => void): () => void;
}
