// The action-plan board: one column per status, a card per item with its title, owners and due
// date, all edited live in the plan's Y.Doc (several people at once). Overdue items say so in
// words as well as colour.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { TextField } from "../../ui/fields.tsx";
import { formatDay, todayIso } from "../../ui/format.ts";
import { useLinkedItemFocus } from "../../ui/use-linked-item.ts";
import {
  addActionItem,
  isItemOverdue,
  removeActionItem,
  STATUSES,
  updateActionItem,
  useActionItems,
  type ActionItemView,
  type ActionStatus,
} from "./action-items.ts";
import "./action-plan.css";

export type PlanMember = { collabId: string; name: string };

export function ActionPlanBoard({ doc, members, canWrite, loaded }: { doc: Y.Doc; members: PlanMember[]; canWrite: boolean; loaded: boolean }) {
  const items = useActionItems(doc);
  const today = todayIso();
  const overdue = items.filter((item) => isItemOverdue(item, today)).length;
  const [removing, setRemoving] = useState<ActionItemView | null>(null);
  // A card that changes status moves to another column (a new element): focus follows it.
  const [followFocus, setFollowFocus] = useState<string | null>(null);
  const board = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!followFocus) return;
    board.current?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(followFocus)}"] select`)?.focus();
    setFollowFocus(null);
  }, [followFocus, items]);

  // `?item=<item id>` (a notification's link): bring that card into view and focus it, once it is there.
  useLinkedItemFocus(board, items);

  return (
    <div className="action-plan">
      <p className="action-plan__summary" aria-live="polite">
        {items.length} {items.length === 1 ? "item" : "items"}
        {overdue > 0 ? <strong className="action-plan__overdue-count"> · {overdue} overdue</strong> : null}
      </p>
      {canWrite ? <AddItemForm doc={doc} members={members} disabled={!loaded} /> : null}
      <div className="board" ref={board}>
        {STATUSES.map((status) => {
          const column = items.filter((item) => item.status === status.value);
          return (
            <section key={status.value} className={`board__column board__column--${status.value.toLowerCase()}`} aria-labelledby={`column-${status.value}`}>
              <h2 id={`column-${status.value}`} className="board__heading">
                {status.label} <span className="board__count">({column.length})</span>
              </h2>
              {column.length === 0 ? <p className="board__empty">{loaded ? "Nothing here." : "Loading…"}</p> : null}
              <ul className="board__cards" aria-label={`${status.label} items`}>
                {column.map((item) => (
                  <ActionItemCard
                    key={item.id}
                    doc={doc}
                    item={item}
                    members={members}
                    canWrite={canWrite}
                    overdue={isItemOverdue(item, today)}
                    onStatus={(next) => {
                      updateActionItem(doc, item.id, "status", next);
                      setFollowFocus(item.id);
                    }}
                    onRemove={() => setRemoving(item)}
                  />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove “${removing?.title ?? ""}”?`}
        confirmLabel="Remove item"
        danger
        onConfirm={() => {
          if (removing) removeActionItem(doc, removing.id);
          setRemoving(null);
        }}
        onCancel={() => setRemoving(null)}
      >
        <p>It disappears from the plan for everyone. A saved version of the plan can bring it back.</p>
      </ConfirmDialog>
    </div>
  );
}

function ActionItemCard({
  doc,
  item,
  members,
  canWrite,
  overdue,
  onStatus,
  onRemove,
}: {
  doc: Y.Doc;
  item: ActionItemView;
  members: PlanMember[];
  canWrite: boolean;
  overdue: boolean;
  onStatus: (status: ActionStatus) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const titleLabel = item.title || "Untitled item";
  return (
    <li
      className={`card${overdue ? " card--overdue" : ""}${item.status === "DONE" ? " card--done" : ""}`}
      data-item-id={item.id}
      aria-labelledby={`${id}-title-label`}
      tabIndex={-1}
    >
      <span id={`${id}-title-label`} className="visually-hidden">
        {titleLabel}
        {overdue ? " (overdue)" : ""}
      </span>
      {overdue ? (
        <p className="card__overdue">
          <span aria-hidden="true">⚠ </span>Overdue — was due {formatDay(item.dueDate!)}
        </p>
      ) : null}
      <ItemTitle doc={doc} item={item} canWrite={canWrite} />
      <div className="card__fields">
        <div className="field card__field">
          <label className="field__label" htmlFor={`${id}-status`}>
            Status
          </label>
          <select
            id={`${id}-status`}
            className="select"
            value={item.status}
            disabled={!canWrite}
            onChange={(event) => onStatus(event.target.value as ActionStatus)}
          >
            {STATUSES.map((status) => (
              <option key={status.value} value={status.value}>
                {status.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field card__field">
          <label className="field__label" htmlFor={`${id}-due`}>
            Due date
          </label>
          <input
            id={`${id}-due`}
            className="input"
            type="date"
            value={item.dueDate ?? ""}
            disabled={!canWrite}
            onChange={(event) => updateActionItem(doc, item.id, "dueDate", event.target.value || null)}
          />
        </div>
      </div>
      <OwnerPicker
        legend={`Owners of ${titleLabel}`}
        members={members}
        owners={item.owners}
        disabled={!canWrite}
        onChange={(owners) => updateActionItem(doc, item.id, "owners", owners)}
      />
      {canWrite ? (
        <Button variant="quiet" size="small" className="card__remove" onClick={onRemove} aria-label={`Remove ${titleLabel}`}>
          Remove
        </Button>
      ) : null}
    </li>
  );
}

/**
 * The title is written to the document as it is typed, so others watch it change. While this
 * field has focus it shows what is being typed here; an emptied title is put back on leaving
 * (an item needs a title).
 */
function ItemTitle({ doc, item, canWrite }: { doc: Y.Doc; item: ActionItemView; canWrite: boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  const before = useRef(item.title);
  const id = useId();
  return (
    <div className="field card__title">
      <label className="visually-hidden" htmlFor={id}>
        Title
      </label>
      <textarea
        id={id}
        rows={1}
        className="input card__title-input"
        value={draft ?? item.title}
        readOnly={!canWrite}
        maxLength={300}
        onFocus={() => {
          before.current = item.title;
          setDraft(item.title);
        }}
        onChange={(event) => {
          setDraft(event.target.value);
          if (event.target.value.trim()) updateActionItem(doc, item.id, "title", event.target.value);
        }}
        onBlur={() => {
          if (!canWrite) return setDraft(null);
          if (!draft?.trim()) updateActionItem(doc, item.id, "title", before.current);
          else if (draft !== draft.trim()) updateActionItem(doc, item.id, "title", draft.trim());
          setDraft(null);
        }}
        onKeyDown={(event) => {
          // A title is one line: Enter finishes editing.
          if (event.key === "Enter") {
            event.preventDefault();
            event.currentTarget.blur();
          }
        }}
      />
    </div>
  );
}

function OwnerPicker({
  legend,
  members,
  owners,
  disabled,
  onChange,
}: {
  legend: string;
  members: PlanMember[];
  owners: string[];
  disabled: boolean;
  onChange: (owners: string[]) => void;
}) {
  const names = owners.map((owner) => members.find((m) => m.collabId === owner)?.name ?? "Former member");
  const summary = names.length ? names.join(", ") : "No owner yet";
  if (disabled) {
    return (
      <p className="card__owners">
        <span className="card__owners-label">Owners:</span> {summary}
      </p>
    );
  }
  return (
    <details className="card__owners">
      <summary>
        <span className="card__owners-label">Owners:</span> {summary}
      </summary>
      <fieldset className="owner-picker">
        <legend className="visually-hidden">{legend}</legend>
        {members.map((member) => (
          <label key={member.collabId} className="owner-picker__option">
            <input
              type="checkbox"
              checked={owners.includes(member.collabId)}
              onChange={(event) => onChange(event.target.checked ? [...owners, member.collabId] : owners.filter((owner) => owner !== member.collabId))}
            />
            {member.name}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

function AddItemForm({ doc, members, disabled }: { doc: Y.Doc; members: PlanMember[]; disabled: boolean }) {
  const [title, setTitle] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [owners, setOwners] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError("Give the item a title.");
    setError(null);
    addActionItem(doc, { title: title.trim(), owners, dueDate: dueDate || null, status: "OPEN" });
    setAdded(`Added “${title.trim()}”.`);
    setTitle("");
    setDueDate("");
    setOwners([]);
  };

  return (
    <form className="add-item form form--inline" onSubmit={submit} aria-label="Add an action item">
      <TextField
        label="New item"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        maxLength={300}
        error={error ?? undefined}
        placeholder="What will be done?"
      />
      <TextField label="Due date" type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
      <OwnerPicker legend="Owners of the new item" members={members} owners={owners} disabled={false} onChange={setOwners} />
      <Button type="submit" disabled={disabled}>
        Add item
      </Button>
      <p className="visually-hidden" role="status">
        {added}
      </p>
    </form>
  );
}
