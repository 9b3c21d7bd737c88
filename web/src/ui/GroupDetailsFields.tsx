// A group's name, focus and meeting cadence (and a PLC's grade level and subject), the same in
// every form that starts or changes a group. Lengths match what the api accepts.
import { TextAreaField, TextField } from "./fields.tsx";

export type GroupDetails = { name: string; focus: string; meetingCadence: string; gradeLevel: string; subject: string };

export const NO_GROUP_DETAILS: GroupDetails = { name: "", focus: "", meetingCadence: "", gradeLevel: "", subject: "" };

/** The input fields the details are sent as (for placing the api's field errors). */
export const GROUP_DETAIL_FIELDS = ["name", "focus", "meetingCadence", "gradeLevel", "subject"] as const;

export function GroupDetailsFields({
  value,
  onChange,
  errors,
  plc,
  focusHint,
  cadenceLabel = "When you meet",
}: {
  value: GroupDetails;
  /** The new details, and which field the person changed. */
  onChange: (next: GroupDetails, field: keyof GroupDetails) => void;
  errors: Readonly<Record<string, string>> | undefined;
  /** Show the grade level and subject a PLC has. */
  plc: boolean;
  focusHint: string;
  cadenceLabel?: string;
}) {
  const set = (field: keyof GroupDetails) => (event: { target: { value: string } }) => onChange({ ...value, [field]: event.target.value }, field);
  return (
    <>
      <TextField label="Name" value={value.name} onChange={set("name")} maxLength={120} required error={errors?.["name"]} />
      <TextAreaField label="Focus" hint={focusHint} value={value.focus} onChange={set("focus")} maxLength={500} rows={3} error={errors?.["focus"]} />
      {plc ? (
        <div className="form form--inline">
          <TextField
            label="Grade level"
            hint="e.g. 4, or K–2"
            value={value.gradeLevel}
            onChange={set("gradeLevel")}
            maxLength={40}
            error={errors?.["gradeLevel"]}
          />
          <TextField label="Subject" hint="e.g. Math" value={value.subject} onChange={set("subject")} maxLength={80} error={errors?.["subject"]} />
        </div>
      ) : null}
      <TextField
        label={cadenceLabel}
        hint="e.g. “Every other Thursday after school”."
        value={value.meetingCadence}
        onChange={set("meetingCadence")}
        maxLength={120}
        error={errors?.["meetingCadence"]}
      />
    </>
  );
}

/** The details as the api takes them: trimmed, an empty optional field as null; a peer group has no grade level or subject. */
export function groupDetailsInput(details: GroupDetails, plc: boolean) {
  return {
    name: details.name.trim(),
    focus: details.focus.trim(),
    meetingCadence: details.meetingCadence.trim() || null,
    ...(plc ? { gradeLevel: details.gradeLevel.trim() || null, subject: details.subject.trim() || null } : {}),
  };
}
