// Opens a document's live copy for the signed-in viewer: their name and colour for presence and
// carets, the token for /collab, and a way to ask the api when the collab endpoint refuses us.
import { useMemo } from "react";
import { useClient } from "urql";
import { useAuth } from "../app/auth.tsx";
import { usePresence, type Present } from "./usePresence.ts";
import { useLiveDocument, type LiveDocument, type PresenceUser } from "./useLiveDocument.ts";
import { userColour } from "./user-colour.ts";
import { documentAccessCheck } from "./document-access.ts";

export type DocumentSession = { live: LiveDocument | null; present: Present[]; user: PresenceUser };

export function useDocumentSession(document: { id: string; collabRoom: string }): DocumentSession {
  const { viewer, token } = useAuth();
  const client = useClient();
  const viewerId = viewer?.id ?? "";
  const viewerName = viewer?.name ?? "Someone";
  const user = useMemo<PresenceUser>(() => ({ id: viewerId, name: viewerName, color: userColour(viewerId) }), [viewerId, viewerName]);
  const checkAccess = useMemo(() => documentAccessCheck(client, document.id), [client, document.id]);
  const live = useLiveDocument(document.collabRoom, { token, user, checkAccess });
  const present = usePresence(live?.provider.awareness ?? null, viewerId);
  return { live, present, user };
}

/** The live copy can no longer be shown or edited. */
export function liveClosed(live: LiveDocument | null): boolean {
  return (
    live?.status === "no-access" || live?.status === "signed-out" || live?.status === "deactivated" || live?.status === "deleted" || live?.status === "refused"
  );
}

/** Why a closed document closed, as a sentence (`what`: "this document", "these notes"). */
export function closedReason(live: LiveDocument | null, what: string): string {
  if (live?.status === "deactivated") return `An admin of your school deactivated your account, so ${what} closed. What you wrote up to now is saved.`;
  if (live?.status === "deleted") return live.deletedBy ? `This document was deleted by ${live.deletedBy}.` : "This document was deleted.";
  if (live?.status === "signed-out") return "Your session has ended. Sign in again to keep working.";
  return `You no longer have access to ${what}.`;
}
