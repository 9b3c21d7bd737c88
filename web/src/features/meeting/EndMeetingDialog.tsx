// Ending a meeting: first write down the follow-ups (what, who, by when), then end it. The
// follow-ups become the group's action items (in the meeting's action plan when it has one, so
// its board shows them at once); the meeting ends only once every one of them is saved.
import { useEffect, useId, useRef, useState } from "react";
import { useMutation } from "urql";
import { mutationFailure } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import "../../ui/dialog.css";
import { ErrorState, type ShowableError } from "../../ui/states.tsx";
import { CreateFollowUpMutation, EndSessionMutation, type Member } from "./meeting-queries.ts";

type Draft = { key: number; title: string; ownerId: string; dueDate: string };

let nextKey = 1;
const emptyDraft = (): Draft => ({ key: nextKey++, title: "", ownerId: "", dueDate: "" });

export function EndMeetingDialog({
  open,
  sessionId,
  groupId,
  planId,
  members,
  onClose,
  onEnded,
}: {
  open: boolean;
  sessionId: string;
  groupId: string;
  /** The meeting's action plan, when it has one the viewer may edit. */
  planId: string | null;
  members: Member[];
  onClose: () => void;
  onEnded: (followUps: string[]) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [drafts, setDrafts] = useState<Draft[]>([emptyDraft()]);
  const [saved, setSaved] = useState<string[]>([]);
  const [errors, setErrors] = useState<ShowableError[]>([]);
  const [busy, setBusy] = useState(false);
  const [, createFollowUp] = useMutation(CreateFollowUpMutation);
  const [, endSession] = useMutation(EndSessionMutation);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const filled = drafts.filter((draft) => draft.title.trim());
  const change = (key: number, patch: Partial<Draft>) => setDrafts((current) => current.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));

  const finish = async () => {
    setErrors([]);
    const tooShort = filled.filter((draft) => draft.title.trim().length < 2);
    if (tooShort.length) return setErrors([{ code: "VALIDATION_FAILED", message: "Each follow-up needs a title of at least 2 characters." }]);
    setBusy(true);
    const problems: ShowableError[] = [];
    const savedNow: string[] = [];
    for (const draft of filled) {
      const result = await createFollowUp({
        input: {
          groupId,
          title: draft.title.trim(),
          ...(draft.ownerId ? { ownerIds: [draft.ownerId] } : {}),
          ...(draft.dueDate ? { dueDate: draft.dueDate } : {}),
          ...(planId ? { documentId: planId } : {}),
        },
      });
      const failure = mutationFailure(result, "createActionItem");
      if (failure) problems.push(failure);
      else {
        savedNow.push(draft.title.trim());
        // Saved: drop the draft so trying again never creates it twice.
        setDrafts((current) => current.filter((d) => d.key !== draft.key));
      }
    }
    setSaved((current) => [...current, ...savedNow]);
    if (problems.length) {
      setBusy(false);
      return setErrors(problems);
    }
    const failure = mutationFailure(await endSession({ sessionId }), "endSession");
    setBusy(false);
    if (failure) return setErrors([failure]);
    onEnded([...saved, ...savedNow]);
    setDrafts([emptyDraft()]);
    setSaved([]);
  };

  return (
    <dialog
      ref={dialog}
      className="dialog dialog--wide end-meeting"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId}>End the meeting</h2>
      <p>Before you close, note the follow-ups: what will happen, who takes it on and by when. Leave a row empty to skip it.</p>
      {saved.length ? <p className="end-meeting__saved">Already saved: {saved.join(", ")}.</p> : null}
      <ul className="follow-ups" aria-label="Follow-up action items">
        {drafts.map((draft, index) => (
          <li key={draft.key} className="follow-up">
            <div className="field follow-up__title">
              <label className="field__label" htmlFor={`${titleId}-title-${draft.key}`}>
                Follow-up {index + 1}
              </label>
              <input
                id={`${titleId}-title-${draft.key}`}
                className="input"
                value={draft.title}
                maxLength={300}
                onChange={(event) => change(draft.key, { title: event.target.value })}
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${titleId}-owner-${draft.key}`}>
                Owner<span className="visually-hidden"> (item {index + 1})</span>
              </label>
              <select
                id={`${titleId}-owner-${draft.key}`}
                className="select"
                value={draft.ownerId}
                onChange={(event) => change(draft.key, { ownerId: event.target.value })}
              >
                <option value="">No owner yet</option>
                {members.map((member) => (
                  <option key={member.user.id} value={member.user.id}>
                    {member.user.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${titleId}-due-${draft.key}`}>
                Due date<span className="visually-hidden"> (item {index + 1})</span>
              </label>
              <input
                id={`${titleId}-due-${draft.key}`}
                className="input"
                type="date"
                value={draft.dueDate}
                onChange={(event) => change(draft.key, { dueDate: event.target.value })}
              />
            </div>
            {drafts.length > 1 ? (
              <Button
                variant="quiet"
                size="small"
                onClick={() => setDrafts((current) => current.filter((d) => d.key !== draft.key))}
                aria-label={`Remove item ${index + 1}`}
              >
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <Button variant="secondary" size="small" onClick={() => setDrafts((current) => [...current, emptyDraft()])}>
        Add another follow-up
      </Button>
      {errors.map((error, index) => (
        <ErrorState key={index} error={error} title="The meeting has not ended yet" />
      ))}
      <div className="dialog__actions">
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          Keep meeting
        </Button>
        <Button variant="danger" onClick={() => void finish()} busy={busy} busyLabel="Ending…">
          {filled.length ? `Save ${filled.length} follow-up${filled.length === 1 ? "" : "s"} and end meeting` : "End meeting"}
        </Button>
      </div>
    </dialog>
  );
}
