// Changing a planned or running meeting's title, time and length (in the school's time zone), and
// calling off one that has not started, after asking.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation } from "urql";
import { paths } from "../../app/paths.ts";
import { formFailure, withoutField, type FormFailure } from "../../graphql/field-issues.ts";
import { mutationFailure, mutationOutcome } from "../../graphql/mutation-outcome.ts";
import { Button } from "../../ui/Button.tsx";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { TextField } from "../../ui/fields.tsx";
import { Modal } from "../../ui/Modal.tsx";
import { ErrorState, type ShowableError } from "../../ui/states.tsx";
import { formatInZone, isoToZoned, zonedToIso, zoneName } from "../../ui/time-zone.ts";
import { CancelSessionMutation, UpdateSessionMutation, type MeetingData } from "./meeting-queries.ts";

const FIELDS = ["title", "date", "time", "durationMinutes"] as const;

export function EditMeetingDialog({ session, onClose, onSaved }: { session: MeetingData; onClose: () => void; onSaved: () => void }) {
  const timeZone = session.group.school.timeZone;
  const [form, setForm] = useState({ title: session.title, ...isoToZoned(session.startsAt, timeZone), durationMinutes: String(session.durationMinutes) });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [saving, update] = useMutation(UpdateSessionMutation);
  const set = (field: keyof typeof form, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setFailure((current) => withoutField(current, field));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const startsAt = zonedToIso(form.date, form.time, timeZone);
    if (!form.title.trim()) return setFailure({ fields: { title: "Give the meeting a title." }, general: null });
    if (!startsAt) return setFailure({ fields: { date: "Choose the day and time of the meeting." }, general: null });
    setFailure(null);
    const outcome = mutationOutcome(
      await update({ input: { sessionId: session.id, title: form.title.trim(), startsAt, durationMinutes: Number(form.durationMinutes) } }),
      "updateSession",
    );
    if (!outcome.ok) return setFailure(formFailure(outcome.failure, FIELDS));
    onSaved();
    onClose();
  }

  return (
    <Modal open title="Edit the meeting" onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label="Edit the meeting">
        <TextField label="Title" value={form.title} onChange={(e) => set("title", e.target.value)} error={failure?.fields.title} />
        <div className="meeting-edit__when">
          <TextField label="Date" type="date" value={form.date} onChange={(e) => set("date", e.target.value)} error={failure?.fields.date} />
          <TextField
            label="Starts at"
            type="time"
            value={form.time}
            onChange={(e) => set("time", e.target.value)}
            error={failure?.fields.time}
            hint={zoneName(timeZone)}
          />
          <TextField
            label="Length (minutes)"
            type="number"
            min={5}
            max={600}
            value={form.durationMinutes}
            onChange={(e) => set("durationMinutes", e.target.value)}
            error={failure?.fields.durationMinutes}
          />
        </div>
        {failure?.general ? (
          <p className="alert alert--error" role="alert">
            {failure.general}
          </p>
        ) : null}
        <div className="dialog__actions">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={saving.fetching} busyLabel="Saving…">
            Save the meeting
          </Button>
        </div>
      </form>
    </Modal>
  );
}

export function CancelMeetingButton({ session }: { session: MeetingData }) {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ShowableError | null>(null);
  const [cancelling, cancel] = useMutation(CancelSessionMutation);
  const doCancel = async () => {
    setError(null);
    const failure = mutationFailure(await cancel({ sessionId: session.id }), "cancelSession");
    setConfirming(false);
    if (failure) return setError(failure);
    navigate(paths.group(session.group.id));
  };
  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Cancel meeting…
      </Button>
      {error ? <ErrorState error={error} title="The meeting was not cancelled" /> : null}
      <ConfirmDialog
        open={confirming}
        title={`Cancel “${session.title}”?`}
        confirmLabel="Cancel the meeting"
        danger
        busy={cancelling.fetching}
        onConfirm={() => void doCancel()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          The meeting on {formatInZone(session.startsAt, session.group.school.timeZone)} and its agenda are deleted for everyone in {session.group.name}. Other
          meetings stay as they are.
        </p>
      </ConfirmDialog>
    </>
  );
}
