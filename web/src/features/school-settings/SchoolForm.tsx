// The form for a school's settings, the same for creating a school and changing it: name, time
// zone (every IANA zone, the browser's own first by default), grade levels and subjects (chips
// from common ones, plus free entry). Problems come back from the api next to their field.
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "../../ui/Button.tsx";
import { SelectField, TextField } from "../../ui/fields.tsx";
import { ErrorState, issueFor, type ShowableError } from "../../ui/states.tsx";
import { ChipPicker } from "./ChipPicker.tsx";
import "./school-settings.css";

export type SchoolSettings = { name: string; timeZone: string; gradeLevels: string[]; subjects: string[] };

const GRADE_SUGGESTIONS = ["Pre-K", "Kindergarten", ...Array.from({ length: 12 }, (_, i) => `Grade ${i + 1}`)];
const SUBJECT_SUGGESTIONS = [
  "Math",
  "English language arts",
  "Science",
  "Social studies",
  "World languages",
  "Art",
  "Music",
  "Physical education",
  "Computer science",
  "Special education",
];

/** The browser's time zone, e.g. "America/Chicago" (UTC when it cannot tell). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

function timeZoneOptions(current: string) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const all = [...new Set([current, "UTC", ...zones])].sort((a, b) => a.localeCompare(b));
  return all.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
}

export function SchoolForm({
  initial,
  submitLabel,
  busyLabel,
  busy,
  failure,
  onSubmit,
  children,
}: {
  initial: SchoolSettings;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  failure: ShowableError | null;
  onSubmit: (settings: SchoolSettings) => void;
  /** Shown above the buttons, e.g. a "saved" message. */
  children?: ReactNode;
}) {
  const [settings, setSettings] = useState(initial);
  const zones = useMemo(() => timeZoneOptions(initial.timeZone), [initial.timeZone]);
  const change = (patch: Partial<SchoolSettings>) => setSettings((previous) => ({ ...previous, ...patch }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(settings);
  }

  return (
    <form className="form school-form" onSubmit={submit} noValidate>
      {failure ? <ErrorState title="Could not save the school" error={failure} fields={["name", "timeZone", "gradeLevels", "subjects"]} /> : null}
      <TextField
        label="School name"
        name="name"
        required
        maxLength={120}
        autoComplete="organization"
        value={settings.name}
        error={issueFor(failure, "name")}
        onChange={(event) => change({ name: event.target.value })}
      />
      <SelectField
        label="Time zone"
        name="timeZone"
        hint="Meetings and due dates follow the school's day."
        options={zones}
        value={settings.timeZone}
        error={issueFor(failure, "timeZone")}
        onChange={(event) => change({ timeZone: event.target.value })}
      />
      <ChipPicker
        legend="Grade levels"
        hint="Choose the grades your school teaches, or add your own."
        suggestions={GRADE_SUGGESTIONS}
        value={settings.gradeLevels}
        onChange={(gradeLevels) => change({ gradeLevels })}
        addLabel="Another grade level"
        maxLength={40}
        error={issueFor(failure, "gradeLevels")}
      />
      <ChipPicker
        legend="Subjects"
        hint="Choose the subjects your school teaches, or add your own."
        suggestions={SUBJECT_SUGGESTIONS}
        value={settings.subjects}
        onChange={(subjects) => change({ subjects })}
        addLabel="Another subject"
        maxLength={60}
        error={issueFor(failure, "subjects")}
      />
      {children}
      <div>
        <Button type="submit" busy={busy} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
