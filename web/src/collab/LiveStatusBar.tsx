// The strip above a live document: is it connected (in words and colour, announced politely
// when it changes) and who else is here (names with their caret colours).
import type { Present } from "./usePresence.ts";
import { describeLiveStatus, type LiveDocument } from "./useLiveDocument.ts";
import "./live.css";

export function ConnectionIndicator({ live }: { live: Pick<LiveDocument, "status" | "unsyncedChanges"> | null }) {
  const { label, tone } = describeLiveStatus(live);
  return (
    <p className={`connection connection--${tone}`} role="status" aria-live="polite" data-status={live?.status ?? "connecting"}>
      <span className="connection__dot" aria-hidden="true" />
      {label}
    </p>
  );
}

export function PresenceList({ present }: { present: Present[] }) {
  return (
    <section className="presence" aria-label="People here now">
      <h2 className="visually-hidden">People here now</h2>
      <ul className="presence__list">
        {present.map((person) => (
          <li key={person.id} className="presence__person" style={{ ["--person-colour" as string]: person.color }}>
            <span className="presence__swatch" aria-hidden="true" />
            {person.name}
            {person.isViewer ? <span className="presence__you"> (you)</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `canWrite`: the viewer expects to edit; if the server refuses their edits, say so plainly. */
export function LiveStatusBar({ live, present, canWrite = false }: { live: LiveDocument | null; present: Present[]; canWrite?: boolean }) {
  return (
    <>
      <div className="live-status-bar">
        <ConnectionIndicator live={live} />
        <PresenceList present={present} />
      </div>
      {canWrite && live?.editsRefused ? (
        <p className="alert alert--error" role="alert">
          This document has become read-only for you (the group may have been archived), so your latest changes are not saved. Reload the page to see the saved
          version.
        </p>
      ) : null}
    </>
  );
}
