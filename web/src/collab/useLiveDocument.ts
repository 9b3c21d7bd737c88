// One live document in the browser: a Y.Doc kept in sync with /collab/<room> by y-websocket's
// WebsocketProvider. The Y.Doc lives as long as the page shows the document, across lost
// connections: edits made offline stay in it and are sent when the provider reconnects (the
// server asks for what it lacks with sync step 1 on every connection).
import { useEffect, useState } from "react";
import { readAuthMessage } from "y-protocols/auth";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { collabWsUrl } from "../app/urls.ts";

/**
 * - connecting: first connection (or reconnecting before anything was shown)
 * - live: connected and in sync with the server
 * - offline: the connection dropped; editing goes on locally and syncs on reconnect
 * - no-access: the server closed with 4403, or refused us repeatedly and the api confirms it
 * - signed-out: the token stopped working (4401)
 * - deactivated: an admin of the school deactivated the viewer (4403 with the reason "account deactivated")
 * - deleted: the document was deleted (4410); `deletedBy` names who, when the server said
 * - refused: the server closed with another permanent code (4400)
 * - too-large: the server refused a frame over its 4 MiB limit (1009). The editor refuses single
 *   changes that large before they enter the document, but edits made offline are sent together
 *   on reconnect; the provider would resend them forever, so we stop and say so.
 */
export type LiveStatus = "connecting" | "live" | "offline" | "no-access" | "signed-out" | "deactivated" | "deleted" | "refused" | "too-large";

export type PresenceUser = { id: string; name: string; color: string };

export type LiveDocument = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: LiveStatus;
  /** The server's content has arrived at least once: safe to show (an empty doc is really empty). */
  loaded: boolean;
  /** Local edits the server has not acknowledged a sync for yet (made while offline). */
  unsyncedChanges: boolean;
  /** The server said it refuses this connection's edits (a read-only connection). */
  editsRefused: boolean;
  /** Who deleted the document, when it was deleted and the server said who. */
  deletedBy?: string;
};

/** What the api says about the viewer's access when the collab endpoint keeps refusing us. */
export type AccessCheck = () => Promise<"ok" | "no-access" | "signed-out" | "unknown">;

/** Close codes the server uses for decisions a reconnect cannot change (see README "Close codes"). */
const TERMINAL_CLOSE: Record<number, LiveStatus> = { 1009: "too-large", 4400: "refused", 4401: "signed-out", 4403: "no-access", 4410: "deleted" };

/** The close reason the api gives (with 4403) when the viewer was deactivated: we say so in our words. */
const DEACTIVATED_REASON = "account deactivated";

/** The close reason the api gives (with 4410) when the document was deleted: "document deleted", or "… by <name>". */
const DELETED_BY = /^document deleted by (.+)$/;

function terminalStatus(event: CloseEvent): LiveStatus {
  if (event.code === 4403 && event.reason === DEACTIVATED_REASON) return "deactivated";
  return TERMINAL_CLOSE[event.code]!;
}

/** A status the connection does not recover from without the user (a reload, signing in again). */
export function isTerminal(status: LiveStatus | undefined): boolean {
  return (
    status === "no-access" || status === "signed-out" || status === "deactivated" || status === "deleted" || status === "refused" || status === "too-large"
  );
}

/**
 * A refused upgrade (HTTP 401/403 before the websocket opens) looks like any network failure to
 * a browser (close code 1006). After this many failed attempts in a row we ask the api.
 */
const FAILURES_BEFORE_ACCESS_CHECK = 3;

/** y-protocols' auth message: the server's "permission denied" for a read-only connection. */
const MESSAGE_AUTH = 2;

export function useLiveDocument(room: string | null, options: { token: string | null; user: PresenceUser; checkAccess?: AccessCheck }): LiveDocument | null {
  const { token, user, checkAccess } = options;
  const [live, setLive] = useState<LiveDocument | null>(null);

  useEffect(() => {
    if (!room || !token) {
      setLive(null);
      return;
    }
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(collabWsUrl, room, doc, {
      params: { token },
      // Every copy goes through the server, which decides who may read and write: no tab-to-tab shortcut.
      disableBc: true,
      shouldReconnect: (event) => !(event.code in TERMINAL_CLOSE),
      // Connect on the next tick: React's StrictMode mounts, unmounts and remounts at once in
      // development, and a socket closed while still connecting makes the browser complain.
      connect: false,
    });
    const connectSoon = window.setTimeout(() => provider.connect(), 0);
    let disposed = false;
    let state: LiveDocument = { doc, provider, status: "connecting", loaded: false, unsyncedChanges: false, editsRefused: false };
    const update = (changes: Partial<LiveDocument>) => {
      if (disposed) return;
      const next = { ...state, ...changes };
      if (
        next.status === state.status &&
        next.loaded === state.loaded &&
        next.unsyncedChanges === state.unsyncedChanges &&
        next.editsRefused === state.editsRefused
      )
        return;
      state = next;
      setLive(state);
    };
    setLive(state);

    let failuresInARow = 0;
    let checking = false;
    const onStatus = ({ status }: { status: "connected" | "disconnected" | "connecting" }) => {
      if (isTerminal(state.status)) return;
      if (status === "connected") return; // "live" once synced
      if (status === "disconnected" || (status === "connecting" && state.loaded)) update({ status: "offline" });
    };
    const onSync = (synced: boolean) => {
      if (!synced) return;
      failuresInARow = 0;
      update({ status: "live", loaded: true, unsyncedChanges: false });
    };
    const onClose = (event: CloseEvent | null) => {
      if (isTerminal(state.status)) return;
      if (event && event.code in TERMINAL_CLOSE) {
        const deletedBy = event.code === 4410 ? DELETED_BY.exec(event.reason)?.[1] : undefined;
        update({ status: terminalStatus(event), ...(deletedBy ? { deletedBy } : {}) });
        return;
      }
      if (state.status !== "live") failuresInARow++;
      if (failuresInARow >= FAILURES_BEFORE_ACCESS_CHECK && checkAccess && !checking) {
        checking = true;
        checkAccess()
          .then((verdict) => {
            if (verdict === "no-access" || verdict === "signed-out") {
              provider.disconnect();
              update({ status: verdict });
            }
          })
          .catch(() => undefined)
          .finally(() => {
            checking = false;
            failuresInARow = 0;
          });
      }
      // Never reached the server twice running: say we are offline rather than "connecting" forever.
      if (!navigator.onLine || state.loaded || failuresInARow >= 2) update({ status: "offline" });
    };
    const onLocalUpdate = (_update: Uint8Array, origin: unknown) => {
      // Updates from the provider are the server's; anything else was typed here.
      if (origin !== provider && !provider.synced) update({ unsyncedChanges: true });
    };
    // The browser knows before the socket does: say so at once, and retry at once when back.
    const onOffline = () => update({ status: state.status === "live" || state.status === "connecting" ? "offline" : state.status });
    const onOnline = () => {
      if (state.status === "offline" && provider.shouldConnect && !provider.wsconnected) {
        provider.disconnect();
        provider.connect();
      }
    };

    // y-websocket's own handler only logs a console warning; the page shows it instead. (The server
    // also says it to read-only viewers who typed nothing: their empty sync reply counts as an edit.)
    provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => readAuthMessage(decoder, doc, () => update({ editsRefused: true }));

    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("connection-close", onClose);
    doc.on("update", onLocalUpdate);
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    provider.awareness.setLocalStateField("user", user);

    return () => {
      disposed = true;
      window.clearTimeout(connectSoon);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      doc.off("update", onLocalUpdate);
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      provider.off("connection-close", onClose);
      provider.destroy();
      doc.destroy();
    };
    // The user's name and colour are set once per connection; they do not change while the page is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room, token]);

  return live;
}

/** What to tell people about the connection, in words (colour alone is not enough). */
export function describeLiveStatus(live: Pick<LiveDocument, "status" | "unsyncedChanges"> | null): { label: string; tone: "ok" | "busy" | "warn" | "error" } {
  switch (live?.status ?? "connecting") {
    case "live":
      return { label: "Live — changes are saved", tone: "ok" };
    case "connecting":
      return { label: "Connecting…", tone: "busy" };
    case "offline":
      return { label: live?.unsyncedChanges ? "Offline — your changes will sync when you reconnect" : "Offline — your changes will sync", tone: "warn" };
    case "no-access":
      return { label: "You no longer have access to this document", tone: "error" };
    case "signed-out":
      return { label: "Your session has ended — sign in again to keep editing", tone: "error" };
    case "deactivated":
      return { label: "An admin of your school deactivated your account", tone: "error" };
    case "deleted":
      return { label: "This document was deleted", tone: "error" };
    case "refused":
      return { label: "The server closed this document — reload the page", tone: "error" };
    case "too-large":
      return { label: "Your recent changes are too large to save together (over 4 MB) — copy what you need, then reload the page", tone: "error" };
  }
}
