// Find a colleague by name and pick them: a search field and, under it, the matching staff, each
// with a real button. Keyboard users Tab from the field to the buttons; no custom combobox keys
// to learn. Who is already chosen (or already in the group) is left out of the results.
import { useId, useState, type ReactNode } from "react";
import { useColleagueSearch, type Colleague } from "../graphql/colleagues.ts";
import { Button } from "./Button.tsx";
import { humanize } from "./format.ts";
import { ErrorState } from "./states.tsx";
import "./colleague-picker.css";

export function ColleaguePicker({
  schoolId,
  label,
  hint,
  error,
  exclude,
  actionLabel = "Add",
  busyUserId,
  onPick,
}: {
  schoolId: string;
  label: string;
  hint?: ReactNode;
  error?: ReactNode;
  /** User ids not to offer (already chosen, already in the group, the viewer). */
  exclude: ReadonlySet<string>;
  actionLabel?: string;
  /** The person being added right now: their button says so. */
  busyUserId?: string | null;
  onPick: (colleague: Colleague) => void;
}) {
  const [search, setSearch] = useState("");
  const { colleagues, fetching, error: loadError } = useColleagueSearch(schoolId, search);
  const id = useId();
  const offered = colleagues.filter((colleague) => !exclude.has(colleague.user.id));
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field colleague-picker">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input
        id={id}
        type="search"
        className="input"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        placeholder="Type a name"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        aria-controls={`${id}-results`}
      />
      {error ? (
        <span className="field__error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {loadError ? <ErrorState title="Colleagues could not be loaded" error={loadError} /> : null}
      <ul className="colleague-picker__results" id={`${id}-results`} aria-label={`Colleagues matching “${search}”`} aria-busy={fetching || undefined}>
        {offered.map((colleague) => (
          <li key={colleague.id}>
            <span>
              {colleague.user.name}
              {colleague.role !== "TEACHER" ? <span className="item-meta"> · {humanize(colleague.role)}</span> : null}
            </span>
            <Button
              size="small"
              variant="secondary"
              onClick={() => {
                // Ready for the next name; the one just picked drops out of the results.
                setSearch("");
                onPick(colleague);
              }}
              busy={busyUserId === colleague.user.id}
              busyLabel="Adding…"
              aria-label={`${actionLabel} ${colleague.user.name}`}
            >
              {actionLabel}
            </Button>
          </li>
        ))}
      </ul>
      {!fetching && !loadError && offered.length === 0 ? (
        <p className="item-meta" role="status">
          {search.trim()
            ? `Nobody else on the staff is called “${search.trim()}”. Check the spelling, or ask an admin to add them to the school.`
            : "Everyone on the staff is already here."}
        </p>
      ) : null}
    </div>
  );
}
